#include "model/query.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "model/access.hpp"
#include "model/kernel/kernel.hpp"
#include "model/policy/decide.hpp"

namespace imans {

ImaNsId governing_ns(const State& s, const Design& d, const Task& task) {
  return kernel::current_ima_ns(s, d, task);
}

std::vector<ImaNsId> governing_chain(const State& s, const Design& d, const Task& task) {
  // Candidates, nearest first: Berger's hang off the user namespaces; the
  // others form their own parent tree.
  std::vector<ImaNsId> candidates;
  if (d.binding == Binding::user_lazy) {
    for (UserNsId u = task.cred.user; u.some(); u = s.at(u).parent)
      if (s.at(u).ima.some()) candidates.push_back(s.at(u).ima);
  } else {
    for (ImaNsId ns = governing_ns(s, d, task); ns.some(); ns = s.at(ns).parent) {
      if (std::find(candidates.begin(), candidates.end(), ns) != candidates.end()) break;
      candidates.push_back(ns);
    }
  }
  const bool whole_walk = d.evaluation == Evaluation::hierarchical ||
                          d.evaluation == Evaluation::active_ancestors ||
                          (d.evaluation == Evaluation::root_to_init && task.cred.uid == 0);
  std::vector<ImaNsId> chain;
  for (ImaNsId ns : candidates) {
    if (s.at(ns).life != Life::live || !s.at(ns).active) continue;
    chain.push_back(ns);
    if (!whole_walk) break;
  }
  return chain;
}

AloneVerdict evaluate_alone(const State& s, const Config& cfg, const World& w, ImaNsId ns,
                            const Task& task, FileId file, Verb verb, std::uint8_t max_hooks) {
  AloneVerdict v;
  const ImaNs& n = s.at(ns);
  const policy::Subject sub = kernel::subject_of(s, task.cred);
  const policy::Inode ino = kernel::inode_of(w, file);
  const FileState& f = s.files[file.v];
  std::uint8_t run = 0;
  // The kernel caches an appraisal per slot; within one access the second
  // mmap hook reuses the first's result, whether it is evaluated alone or not.
  std::array<std::optional<bool>, 5> slot{};
  for (const Hook& h : hooks_of(verb)) {
    if (run++ >= max_hooks) break;
    const auto dec = policy::ima_match_policy(
        *n.policy, sub, ino, h.func, h.mask,
        policy::kMeasure | policy::kAppraise | policy::kAudit | policy::kHash);
    if (dec.unmodelled_rule >= 0) {
      v.unmodelled = true;
      return v;
    }
    if (dec.action & policy::kMeasure) {
      v.measures = true;
      v.measure_pcr = dec.pcr;
    }
    if (dec.action & policy::kAudit) v.audits = true;
    if (dec.action & policy::kAppraise) {
      auto& cached = slot[static_cast<std::size_t>(kernel::appraise_slot(*n.policy, sub, ino, h.func, h.mask))];
      if (!cached) cached = kernel::appraisal_passes(s, cfg.design, ns, f, dec);
      bool pass = *cached;
      if ((h.mask & policy::kMayWrite) && f.xattr.kind == XattrKind::sig) pass = false;
      if (!pass) {
        v.denies = true;
        return v;  // the kernel stops at the first hook that denies
      }
    }
  }
  return v;
}

std::size_t measured_count(const State& s, ImaNsId ns, FileId file, std::uint32_t version) {
  return static_cast<std::size_t>(std::count_if(s.log.begin(), s.log.end(), [&](const Measurement& m) {
    return m.ns == ns && m.file == file && (version == 0 || m.version == version);
  }));
}

std::size_t audited_count(const State& s, ImaNsId ns, FileId file, std::uint32_t version) {
  return static_cast<std::size_t>(std::count_if(s.audit.begin(), s.audit.end(), [&](const AuditRecord& a) {
    return a.ns == ns && a.file == file && (version == 0 || a.version == version);
  }));
}

}  // namespace imans
