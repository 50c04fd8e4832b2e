// security/integrity/ima/ima_fs.c and securityfs: mounting, ima/active,
// ima/policy (and the for-children policy of the flag design), and loading a
// key onto a namespace's keyring.
#include <memory>

#include "model/kernel/kernel.hpp"

namespace imans::kernel {

namespace {
// Berger v15 24/26: a non-init namespace holds at most this many rules; the
// excess is ignored (with an audit message, cause=too-many-rules).
constexpr std::size_t kMaxNsRules = 1024;

bool is_audit_rule(const policy::Rule& r) {
  return (r.action & (policy::kAudit | policy::kDontAudit)) != 0;
}

// Rule uid/gid values are read in a user namespace (make_kuid): the writer's,
// or in Berger's design the one owning the securityfs instance.
bool translate_ids(const State& s, UserNsId ns, policy::Rule& r) {
  auto kuid = [&](policy::IdCond& c) {
    auto v = make_kuid(s, ns, c.value);
    if (v) c.value = *v;
    return v.has_value();
  };
  auto kgid = [&](policy::IdCond& c) {
    auto v = make_kgid(s, ns, c.value);
    if (v) c.value = *v;
    return v.has_value();
  };
  using namespace policy;
  if (r.has(kFlagUid) || r.has(kFlagEuid))
    if (!kuid(r.uid)) return false;
  if (r.has(kFlagGid) || r.has(kFlagEgid))
    if (!kgid(r.gid)) return false;
  if (r.has(kFlagFowner) && !kuid(r.fowner)) return false;
  if (r.has(kFlagFgroup) && !kgid(r.fgroup)) return false;
  return true;
}

bool audit_rule_gate(Kernel& k, const Cred& cred, UserNsId ns) {
  if (k.mutant(Mutant::audit_rule_gate_sys_admin))  // v11-v14's gate
    return cap_capable(k.s, cred, ns, Cap::sys_admin);
  return may_set_audit_rule_in_ns(k.s, cred, ns);
}

// ima_parse_add_rule() for each rule, then ima_update_policy(): one bad rule
// throws the whole write away.
Errno append_rules(Kernel& k, const Cred& cred, UserNsId id_ns, ImaNsId id,
                   const RuleTexts& rules) {
  Policy add;
  for (const RuleText& t : rules) {
    const auto* rule = std::get_if<policy::Rule>(&t.parsed);
    if (!rule) return Errno::inval;
    policy::Rule r = *rule;
    if (!translate_ids(k.s, id_ns, r)) return Errno::inval;
    if (has_securityfs_instances(k.design()) && id != kInitImaNs && is_audit_rule(r) &&
        !audit_rule_gate(k, cred, k.s.at(id).user))
      return Errno::perm;
    add.push_back(std::move(r));
  }
  ImaNs& ns = k.s.at(id);
  const bool first = ns.policy->empty() || ns.default_rules;
  // ima_update_policy(): the first custom policy replaces the builtin rules
  // of the default list; later ones append.
  auto next = std::make_shared<Policy>(ns.default_rules ? Policy{} : *ns.policy);
  ns.default_rules = false;
  for (auto& r : add) {
    if (has_securityfs_instances(k.design()) && id != kInitImaNs && next->size() >= kMaxNsRules)
      break;
    next->push_back(std::move(r));
  }
  ns.policy = std::move(next);
  if (first && has_securityfs_instances(k.design())) ima_process_queued_keys(k, id);
  return Errno::ok;
}

}  // namespace

bool may_set_audit_rule_in_ns(const State& s, const Cred& cred, UserNsId ns) {
  return (cred.uid == 0 && cap_capable(s, cred, ns, Cap::audit_write)) ||
         cap_capable(s, cred, kInitUserNs, Cap::audit_write);
}

bool may_write_policy(const State& s, const Design& d, const Cred& cred, ImaNsId ns) {
  if (d.binding == Binding::spawn || ns == kInitImaNs)
    return cap_capable(s, cred, kInitUserNs, Cap::sys_admin);  // the host's securityfs
  const UserNsId owner = s.at(ns).user;
  if (has_securityfs_instances(d))  // mode 0600, owned by the namespace's root
    return cap_capable(s, cred, owner, Cap::sys_admin) ||
           cap_capable(s, cred, owner, Cap::mac_admin);
  return cap_capable(s, cred, owner, Cap::sys_admin);
}

ImaNsId current_ima_ns(const State& s, const Design& d, const Task& task) {
  switch (d.binding) {
    case Binding::none:
      return kInitImaNs;
    case Binding::mnt:
      return s.at(s.at(task.nsproxy).mnt).ima;
    case Binding::user:
    case Binding::user_lazy:
      return s.at(task.cred.user).ima;
    case Binding::flag:
      return s.at(task.nsproxy).ima;
    case Binding::spawn: {
      const ImaNsId own = s.at(s.at(task.nsproxy).mnt).ima;
      return own.some() ? own : kInitImaNs;
    }
  }
  return kInitImaNs;
}

UserNsId visible_securityfs(const State& s, const Task& task) {
  return s.at(s.at(task.nsproxy).mnt).securityfs;
}

// generic_permission() on one of an instance's files: owned by the root of
// the instance's user namespace, mode 0600; otherwise CAP_DAC_OVERRIDE in the
// caller's namespace over an inode whose ids it maps
// (capable_wrt_inode_uidgid()). Then Berger's securityfs_permission(): the
// caller's user namespace must be the instance's or an ancestor of it, except
// for init_user_ns's instance, which is never refused there.
Errno securityfs_file_permission(const State& s, const Design& d, const Cred& cred,
                                 UserNsId instance) {
  const std::uint32_t owner = instance == kInitUserNs ? 0 : s.at(instance).owner;
  const std::uint32_t group = instance == kInitUserNs ? 0 : s.at(instance).group;
  const bool dac = cred.euid == owner ||
                   (cap_capable(s, cred, cred.user, Cap::dac_override) &&
                    from_kuid(s, cred.user, owner) && from_kgid(s, cred.user, group));
  if (!dac) return Errno::acces;
  if (has_securityfs_instances(d) && instance != kInitUserNs) {
    bool ancestor = false;  // in_userns(current_user_ns(), sb->s_user_ns)
    for (UserNsId u = instance; u.some(); u = s.at(u).parent)
      if (u == cred.user) ancestor = true;
    if (!ancestor) return Errno::acces;
  }
  return Errno::ok;
}

// may_mount(): CAP_SYS_ADMIN over the mount namespace's owner. Berger's
// securityfs is FS_USERNS_MOUNT and mounts the caller's user namespace's
// instance, creating its IMA namespace at the first fill_super; mainline's
// mounts only from init_user_ns.
Errno securityfs_mount(Kernel& k, TaskId id) {
  const Task& task = k.s.at(id);
  const UserNsId user = task.cred.user;
  const MntNsId mnt = k.s.at(task.nsproxy).mnt;
  if (!cap_capable(k.s, task.cred, k.s.at(mnt).user, Cap::sys_admin)) return Errno::perm;
  if (!has_securityfs_instances(k.design())) {
    if (user != kInitUserNs) return Errno::perm;
    k.s.at(mnt).securityfs = kInitUserNs;
    return Errno::ok;
  }
  if (!k.s.at(user).securityfs) {
    if (k.s.at(user).ima.none()) {
      auto r = create_ima_ns_lazy(k, user);
      if (r.is_err()) return r.err();
    }
    k.s.at(user).securityfs = true;
  }
  k.s.at(mnt).securityfs = user;
  return Errno::ok;
}

Errno ima_write_active(Kernel& k, TaskId id) {
  const Task& task = k.s.at(id);
  if (k.design().activation != Activation::write_once) return Errno::noent;
  ImaNsId ns;
  if (has_securityfs_instances(k.design())) {
    const UserNsId instance = visible_securityfs(k.s, task);
    if (instance.none() || instance == kInitUserNs) return Errno::noent;  // init has no 'active'
    if (Errno e = securityfs_file_permission(k.s, k.design(), task.cred, instance);
        e != Errno::ok)
      return e;
    ns = k.s.at(instance).ima;
  } else {
    ns = current_ima_ns(k.s, k.design(), task);
    if (!k.check_live(ref(ns), "ima_write_active")) return Errno::inval;
    if (!cap_capable(k.s, task.cred, k.s.at(ns).user, Cap::sys_admin)) return Errno::acces;
  }
  if (!k.check_live(ref(ns), "ima_write_active")) return Errno::inval;
  if (k.s.at(ns).active) return Errno::busy;
  if (has_securityfs_instances(k.design())) {
    // Berger v15 22/26: a failed ima_init_namespace() is reported as EINVAL,
    // whatever made it fail.
    if (ima_init_namespace_late(k, ns) != Errno::ok) return Errno::inval;
  }
  k.s.at(ns).active = true;
  return Errno::ok;
}

ImaNsId policy_file_ns(const State& s, const Design& d, const Task& task) {
  if (securityfs_by_path(d)) {
    const UserNsId instance = visible_securityfs(s, task);
    if (instance.none()) return ImaNsId{};
    return instance == kInitUserNs ? kInitImaNs : s.at(instance).ima;
  }
  return current_ima_ns(s, d, task);
}

Errno ima_write_policy(Kernel& k, TaskId id, const RuleTexts& rules) {
  const Task& task = k.s.at(id);
  const Design& d = k.design();
  if (securityfs_by_path(d)) {
    // The ima/policy file of the instance mounted in the task's mount
    // namespace; the writer needs DAC access to it and nothing more.
    const UserNsId instance = visible_securityfs(k.s, task);
    if (instance.none()) return Errno::noent;
    if (Errno e = securityfs_file_permission(k.s, d, task.cred, instance); e != Errno::ok)
      return e;
    const ImaNsId ns = instance == kInitUserNs ? kInitImaNs : k.s.at(instance).ima;
    if (!k.check_live(ref(ns), "ima_write_policy")) return Errno::inval;
    if (!k.s.at(ns).active) return Errno::acces;
    // Berger v15 26/26: ids are read in the instance's user namespace;
    // mainline reads them in the writer's (make_kuid(current_user_ns())).
    return append_rules(k, task.cred, has_securityfs_instances(d) ? instance : task.cred.user, ns,
                        rules);
  }
  // Whatever the design, the file has to be reachable: nothing is mounted at
  // /sys/kernel/security after pivot-root until securityfs is mounted again.
  if (visible_securityfs(k.s, task).none()) return Errno::noent;
  const ImaNsId ns = policy_file_ns(k.s, d, task);
  if (ns.none()) return Errno::noent;
  if (!k.check_live(ref(ns), "ima_write_policy")) return Errno::inval;
  // Before activation every IMA file but 'active' is closed; a frozen
  // namespace of the flag design takes no more configuration.
  if (d.activation == Activation::write_once && !k.s.at(ns).active) return Errno::acces;
  if (d.activation == Activation::first_child && ns != kInitImaNs) return Errno::acces;
  // The namespace's ima/policy is owned by the root of its user namespace,
  // mode 0600: DAC first (EACCES), then the design's capability (EPERM).
  if (Errno e = securityfs_file_permission(k.s, d, task.cred,
                                           ns == kInitImaNs ? kInitUserNs : k.s.at(ns).user);
      e != Errno::ok)
    return e;
  if (!may_write_policy(k.s, d, task.cred, ns)) return Errno::perm;
  return append_rules(k, task.cred, task.cred.user, ns, rules);
}

Errno ima_write_policy_for_children(Kernel& k, TaskId id, const RuleTexts& rules) {
  const Task& task = k.s.at(id);
  if (k.design().binding != Binding::flag) return Errno::noent;
  const Nsproxy& np = k.s.at(task.nsproxy);
  const ImaNsId ns = np.ima_for_children;
  if (ns == np.ima) return Errno::perm;  // nothing was unshared
  if (!k.check_live(ref(ns), "ima_write_policy_for_children")) return Errno::inval;
  if (k.s.at(ns).active) return Errno::acces;
  if (!cap_capable(k.s, task.cred, k.s.at(ns).user, Cap::sys_admin)) return Errno::perm;
  return append_rules(k, task.cred, task.cred.user, ns, rules);
}

Errno ima_keyload(Kernel& k, TaskId id, KeyId key) {
  const Task& task = k.s.at(id);
  ImaNsId ns = current_ima_ns(k.s, k.design(), task);
  if (ns.none()) return Errno::noent;  // Berger: no namespace for this user namespace yet
  if (k.design().keys == Keys::host) ns = kInitImaNs;
  if (!k.check_live(ref(ns), "ima_keyload")) return Errno::inval;
  const UserNsId owner = ns == kInitImaNs ? kInitUserNs : k.s.at(ns).user;
  if (!cap_capable(k.s, task.cred, owner, Cap::sys_admin)) return Errno::perm;
  k.s.at(ns).keyring |= key_bit(key);
  return Errno::ok;
}

}  // namespace imans::kernel
