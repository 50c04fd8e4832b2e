// setns-authorized and policy-write-authorized. Review concern: Brauner on
// Berger v5 13/16, 2021-12: the object a privileged operation acts on must be
// one the caller has authority over (the fd-passing confused deputy); the
// kernel's mntns_install checks CAP_SYS_ADMIN over the target's owner and in
// the caller's own user namespace. Each successful step is re-judged here
// against the design's rule, from the state before it.
#include <fmt/format.h>

#include "model/kernel/kernel.hpp"
#include "properties/checks.hpp"

namespace imans::properties {

namespace {
bool capable(const State& s, const Cred& c, UserNsId ns, Cap cap) {
  return kernel::cap_capable(s, c, ns, cap);
}
}  // namespace

bool check_setns_authorized(const StepView& v, Findings& out) {
  if (v.step.verb != Verb::setns || v.result.err != Errno::ok) return false;
  const State& s = v.before;
  const Cred& c = s.at(v.step.task).cred;
  const Task& target = s.at(v.step.target);
  std::string missing;
  switch (v.step.ns_type) {
    case NsType::mnt: {
      const MntNsId mnt = s.at(target.nsproxy).mnt;
      if (!capable(s, c, s.at(mnt).user, Cap::sys_admin))
        missing = fmt::format("CAP_SYS_ADMIN over {}'s owner {}", to_string(ref(mnt)),
                              to_string(ref(s.at(mnt).user)));
      else if (!capable(s, c, c.user, Cap::sys_chroot) || !capable(s, c, c.user, Cap::sys_admin))
        missing = "CAP_SYS_CHROOT and CAP_SYS_ADMIN in its own user namespace";
      break;
    }
    case NsType::user:
      if (!capable(s, c, target.cred.user, Cap::sys_admin))
        missing = fmt::format("CAP_SYS_ADMIN over {}", to_string(ref(target.cred.user)));
      break;
    case NsType::ima: {
      const ImaNsId ns = s.at(target.nsproxy).ima;
      if (!capable(s, c, s.at(ns).user, Cap::sys_admin) || !capable(s, c, c.user, Cap::sys_admin))
        missing = fmt::format("CAP_SYS_ADMIN over {}'s owner and in its own user namespace",
                              to_string(ref(ns)));
      break;
    }
  }
  if (!missing.empty())
    out.add(PropertyId::setns_authorized,
            fmt::format("setns {} succeeded without {}", to_string(v.step.ns_type), missing));
  return true;
}

bool check_policy_write_authorized(const StepView& v, Findings& out) {
  const bool for_children = v.step.verb == Verb::policy_for_children;
  if ((v.step.verb != Verb::policy && !for_children) || v.result.err != Errno::ok) return false;
  const State& s = v.before;
  const Task& t = s.at(v.step.task);
  const Cred& c = t.cred;
  const ImaNsId ns = for_children ? s.at(t.nsproxy).ima_for_children
                                  : kernel::policy_file_ns(s, v.cfg.design, t);
  if (ns.none()) return true;
  if (!kernel::may_write_policy(s, v.cfg.design, c, ns))
    out.add(PropertyId::policy_write_authorized,
            fmt::format("the policy of {} was written by a task without the design's "
                        "capability over it",
                        to_string(ref(ns))),
            {ref(ns)});
  if (has_securityfs_instances(v.cfg.design) && ns != kInitImaNs) {
    for (const RuleText& r : *v.step.rules) {
      const auto* rule = std::get_if<policy::Rule>(&r.parsed);
      if (!rule || !(rule->action & (policy::kAudit | policy::kDontAudit))) continue;
      if (!kernel::may_set_audit_rule_in_ns(s, c, s.at(ns).user))
        out.add(PropertyId::policy_write_authorized,
                fmt::format("audit rule \"{}\" entered {} from a task that is not global root "
                            "with CAP_AUDIT_WRITE",
                            r.text, to_string(ref(ns))),
                {ref(ns)});
    }
  }
  return true;
}

}  // namespace imans::properties
