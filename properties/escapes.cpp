// no-appraisal-escape, no-measurement-escape, no-audit-escape. Review concern:
// Biederman, 2018-03-15: "We should never stop enforcing the parent's policy";
// Berger, same thread: root must not escape appraisal "by spawning IMA
// namespaces and setting an IMA NULL policy"; Zohar, 2020: the container must
// not decide what goes into the host's list. Each access is judged against
// init_ima_ns's policy evaluated alone, for the same subject and file, with
// init_ima_ns's keyring.
#include <fmt/format.h>

#include "model/access.hpp"
#include "model/query.hpp"
#include "properties/checks.hpp"

namespace imans::properties {

namespace {

struct Access {
  const Task* task = nullptr;
  FileId file;
  std::uint32_t version = 0;
};

Access access_of(const StepView& v) {
  if (!is_access(v.step.verb) || v.result.hooks_run == 0) return {};
  return Access{&v.before.at(v.step.task), v.step.file, v.before.files[v.step.file.v].version};
}

std::string what(const StepView& v) {
  return fmt::format("{} of {} (version {})", is_access(v.step.verb) ? "access" : "step",
                     v.world.files[v.step.file.v].path, v.before.files[v.step.file.v].version);
}

}  // namespace

bool check_no_appraisal_escape(const StepView& v, Findings& out) {
  const Access a = access_of(v);
  if (!a.task) return false;
  const auto alone = evaluate_alone(v.before, v.cfg, v.world, kInitImaNs, *a.task, a.file,
                                    v.step.verb, static_cast<std::uint8_t>(hooks_of(v.step.verb).size()));
  if (!alone.denies) return false;
  if (v.result.err == Errno::ok)
    out.add(PropertyId::no_appraisal_escape,
            fmt::format("{} was allowed, but init_ima_ns's policy alone denies it", what(v)),
            {ref(kInitImaNs)});
  return true;
}

bool check_no_measurement_escape(const StepView& v, Findings& out) {
  const Access a = access_of(v);
  if (!a.task) return false;
  const auto alone = evaluate_alone(v.before, v.cfg, v.world, kInitImaNs, *a.task, a.file,
                                    v.step.verb, v.result.hooks_run);
  if (!alone.measures) return false;
  if (measured_count(v.after, kInitImaNs, a.file, a.version) == 0)
    out.add(PropertyId::no_measurement_escape,
            fmt::format("init_ima_ns's policy measures this {}, but its list has no entry for it",
                        what(v)),
            {ref(kInitImaNs)});
  return true;
}

bool check_no_audit_escape(const StepView& v, Findings& out) {
  const Access a = access_of(v);
  if (!a.task) return false;
  const auto alone = evaluate_alone(v.before, v.cfg, v.world, kInitImaNs, *a.task, a.file,
                                    v.step.verb, v.result.hooks_run);
  if (!alone.audits) return false;
  if (audited_count(v.after, kInitImaNs, a.file, a.version) == 0)
    out.add(PropertyId::no_audit_escape,
            fmt::format("init_ima_ns's policy audits this {}, but it has no audit record for it",
                        what(v)),
            {ref(kInitImaNs)});
  return true;
}

}  // namespace imans::properties
