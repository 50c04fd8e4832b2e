// no-log-gap. Review concern: Zohar, 2018-03-21: "IMA-measurement and
// IMA-audit need to be enabled from the very beginning"; Berger, same thread:
// "IMA's log should not have a gap". Every access made inside a namespace
// before its first policy arrived is remembered; when the first policy is
// written (or configured for children), each remembered access that policy
// would measure must be in the namespace's list. init_ima_ns is not created by
// any design: its first policy is the one it boots with, so it owes nothing.
#include <fmt/format.h>

#include <algorithm>

#include "model/access.hpp"
#include "model/kernel/kernel.hpp"
#include "model/policy/decide.hpp"
#include "model/query.hpp"
#include "properties/checks.hpp"

namespace imans::properties {

namespace {

bool first_policy_measures(const Policy& rules, const World& w, const PendingAccess& a) {
  const policy::Inode ino = kernel::inode_of(w, a.file);
  std::uint8_t n = 0;
  for (const Hook& h : hooks_of(a.verb)) {
    if (n++ >= a.hooks) break;
    const auto d = policy::ima_match_policy(rules, a.subject, ino, h.func, h.mask, policy::kMeasure);
    if (d.action & policy::kMeasure) return true;
  }
  return false;
}

}  // namespace

bool check_no_log_gap(const StepView& v, std::vector<PendingAccess>& pending, Findings& out) {
  // Remember accesses made inside a namespace that has no policy yet.
  if (is_access(v.step.verb) && v.result.hooks_run > 0) {
    const Task& t = v.before.at(v.step.task);
    const ImaNsId ns = governing_ns(v.before, v.cfg.design, t);
    if (ns.some() && ns != kInitImaNs && v.before.live(ref(ns)) &&
        v.before.at(ns).policy->empty())
      pending.push_back(PendingAccess{ns, v.step.file, v.before.files[v.step.file.v].version,
                                      v.step.verb, v.result.hooks_run,
                                      kernel::subject_of(v.before, t.cred)});
  }
  if (pending.empty()) return false;
  // Only a namespace that got its first policy, or was freed, in this step
  // settles what it owes.
  std::vector<ImaNsId> settled;
  bool premise = false;
  for (std::size_t i = 0; i < v.before.imas.size(); ++i) {
    const ImaNsId ns{static_cast<std::uint16_t>(i)};
    if (!v.before.live(ref(ns)) || !v.before.at(ns).policy->empty()) continue;
    if (!v.after.live(ref(ns))) {
      settled.push_back(ns);  // freed before any policy: nothing was owed
      continue;
    }
    const Policy& first = *v.after.at(ns).policy;
    if (first.empty()) continue;
    settled.push_back(ns);
    for (const PendingAccess& b : pending) {
      if (b.ns != ns) continue;
      premise = true;
      if (!first_policy_measures(first, v.world, b)) continue;
      if (measured_count(v.after, b.ns, b.file, b.version) > 0) continue;
      out.add(PropertyId::no_log_gap,
              fmt::format("{} was accessed (version {}) inside {} before its first policy, which "
                          "measures it, was written; the list has no entry for it",
                          v.world.files[b.file.v].path, b.version, to_string(ref(b.ns))),
              {ref(b.ns)});
    }
  }
  if (settled.empty()) return false;
  std::erase_if(pending, [&](const PendingAccess& a) {
    return std::find(settled.begin(), settled.end(), a.ns) != settled.end();
  });
  return premise;
}

}  // namespace imans::properties
