// setns-authorized and policy-write-authorized. Review concern: Brauner on
// Berger v5 13/16, 2021-12: the object a privileged operation acts on must be
// one the caller has authority over (the fd-passing confused deputy); the
// kernel's mntns_install checks CAP_SYS_ADMIN over the target's owner and in
// the caller's own user namespace. Each successful step is re-judged here
// against the design's rule, from the state before it.
#include <fmt/format.h>

#include "model/kernel/kernel.hpp"
#include "model/query.hpp"
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

namespace {

bool maps_root(const State& s, UserNsId ns, std::uint32_t kuid, std::uint32_t kgid) {
  return kernel::from_kuid(s, ns, kuid).has_value() && kernel::from_kgid(s, ns, kgid).has_value();
}

// DAC on a securityfs instance's root-owned mode-0600 file: the file's owner,
// or CAP_DAC_OVERRIDE in the caller's namespace over ids it maps.
bool dac_allows(const State& s, const Cred& c, std::uint32_t owner, std::uint32_t group) {
  return c.euid == owner ||
         (capable(s, c, c.user, Cap::dac_override) && maps_root(s, c.user, owner, group));
}

// What mainline, with the same task state, does with a write to ima/policy:
// the file must be reachable (init_user_ns's instance mounted in the task's
// mount namespace) and DAC must let the task open it.
bool mainline_may_write_init_policy(const State& s, const Task& t) {
  if (s.at(s.at(t.nsproxy).mnt).securityfs != kInitUserNs) return false;
  return dac_allows(s, t.cred, 0, 0);
}

// The design's own rule for a namespace other than init_ima_ns. Berger's files
// are the instance's (owned by the namespace's root; the caller's user
// namespace must be the instance's or an ancestor); elsewhere a capability over
// the namespace's owner.
bool design_may_write(const State& s, const Design& d, const Task& t, ImaNsId ns) {
  if (!has_securityfs_instances(d)) return kernel::may_write_policy(s, d, t.cred, ns);
  const UserNsId owner = s.at(ns).user;
  if (!dac_allows(s, t.cred, s.at(owner).owner, s.at(owner).group)) return false;
  for (UserNsId u = owner; u.some(); u = s.at(u).parent)
    if (u == t.cred.user) return true;
  return false;
}

}  // namespace

bool check_policy_write_authorized(const StepView& v, Findings& out) {
  const bool for_children = v.step.verb == Verb::policy_for_children;
  const bool keyload = v.step.verb == Verb::keyload;
  if ((v.step.verb != Verb::policy && !for_children && !keyload) || v.result.err != Errno::ok)
    return false;
  const State& s = v.before;
  const Task& t = s.at(v.step.task);
  const Cred& c = t.cred;
  if (keyload) {
    // Mainline: the .ima keyring is found by name only from init_user_ns, and
    // only its owner, kuid 0, may add to it.
    const bool to_init = v.cfg.design.keys == Keys::host ||
                         governing_ns(s, v.cfg.design, t) == kInitImaNs;
    if (to_init && !(c.user == kInitUserNs && c.euid == 0))
      out.add(PropertyId::policy_write_authorized,
              "a key reached init_ima_ns's keyring from a task mainline would not let load it",
              {ref(kInitImaNs)});
    return to_init;
  }
  const ImaNsId ns = for_children ? s.at(t.nsproxy).ima_for_children
                                  : kernel::policy_file_ns(s, v.cfg.design, t);
  if (ns.none()) return true;
  if (ns == kInitImaNs) {
    if (!mainline_may_write_init_policy(s, t))
      out.add(PropertyId::policy_write_authorized,
              s.at(s.at(t.nsproxy).mnt).securityfs != kInitUserNs
                  ? "init_ima_ns's policy was written from a mount namespace where mainline "
                    "shows no init instance of ima/policy"
                  : "init_ima_ns's policy was written by a task that mainline's file mode and "
                    "owner refuse",
              {ref(ns)});
  } else if (!design_may_write(s, v.cfg.design, t, ns)) {
    out.add(PropertyId::policy_write_authorized,
            fmt::format("the policy of {} was written by a task without the design's "
                        "permission over it",
                        to_string(ref(ns))),
            {ref(ns)});
  }
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
