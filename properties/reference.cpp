#include "properties/reference.hpp"

#include "model/access.hpp"
#include "model/kernel/kernel.hpp"
#include "model/model.hpp"

namespace imans::properties {

namespace {
Config mainline_config() {
  const Preset* p = find_preset("mainline");
  return Config{p->design, Mutant::none};
}
}  // namespace

ReferenceRun::ReferenceRun(const World& world, const State& design_boot)
    : world_(&world), cfg_(mainline_config()), s_(boot(cfg_, world)) {
  take_history(design_boot);
}

// Tasks, credentials and user namespaces are the design run's; every task is
// in the initial nsproxy, where mainline's only IMA namespace governs it.
// init_ima_ns's policy and keyring are what the design gave it.
void ReferenceRun::take_history(const State& design) {
  s_.users = design.users;
  for (UserNs& u : s_.users) u.ima = ImaNsId{};
  s_.tasks = design.tasks;
  for (Task& t : s_.tasks) t.nsproxy = kInitNsproxy;
  s_.imas[0].policy = design.imas[0].policy;
  s_.imas[0].keyring = design.imas[0].keyring;
  if (s_.files.size() != design.files.size()) s_.files = design.files;
}

// File content and security.ima follow the design run; what each change does
// to init_ima_ns's done flags is mainline's own rule: new content clears them,
// a security.ima write through setxattr(2) (even of the same value) clears them
// when init_ima_ns's policy has an appraise rule. IMA's own hash update on the
// last writer's close goes through __vfs_setxattr_noperm(), which skips
// ima_inode_setxattr(), and resets nothing.
void ReferenceRun::take_files(const State& before, const Step& step, const StepResult& result,
                              const State& after) {
  const bool xattr_write = (step.verb == Verb::sign || step.verb == Verb::sign_bad ||
                            step.verb == Verb::unsign) &&
                           result.err == Errno::ok;
  for (std::size_t i = 0; i < after.files.size(); ++i) {
    const FileId file{static_cast<std::uint16_t>(i)};
    const FileState& was = before.files[i];
    const FileState& now = after.files[i];
    s_.files[i] = now;
    if (now.version != was.version) kernel::ima_reset_on_content_change(s_, file);
    if (xattr_write && step.file == file)
      kernel::ima_reset_appraise_flags(s_, file);
  }
}

ReferenceAccess ReferenceRun::observe(const State& before, const Step& step,
                                      const StepResult& result, const State& after) {
  ReferenceAccess out;
  if (step.verb != Verb::inject_enomem && is_access(step.verb) && step.task.some()) {
    take_history(before);
    out.access = true;
    StepResult sink;
    kernel::Kernel k{s_, cfg_, *world_, sink};
    const Task task = s_.at(step.task);
    for (const Hook& h : hooks_of(step.verb)) {
      const std::size_t log0 = s_.log.size(), audit0 = s_.audit.size();
      const Errno e = kernel::process_measurement(k, task, step.file, h.func, h.mask);
      ++out.hooks_run;
      out.measured.emplace_back(s_.log.begin() + static_cast<std::ptrdiff_t>(log0), s_.log.end());
      out.audited.emplace_back(s_.audit.begin() + static_cast<std::ptrdiff_t>(audit0),
                               s_.audit.end());
      if (e != Errno::ok) {
        out.err = e;
        break;
      }
    }
  }
  take_files(before, step, result, after);
  take_history(after);
  return out;
}

}  // namespace imans::properties
