// CLONE_NEWIMA with time-namespace semantics (Struczynski 2020): unshare only
// prepares ima_ns_for_children; the namespace is frozen (activated) when the
// first process is born into it or joins it by setns. nsproxy holds a
// reference on both.
#include "model/kernel/kernel.hpp"

namespace imans::kernel {

ErrOr<ImaNsId> copy_ima_ns(Kernel& k, std::uint8_t flags, UserNsId user_ns, ImaNsId old) {
  if (!(flags & kNewIma)) {
    get_ima_ns(k, old, "copy_ima_ns");
    return old;
  }
  auto r = create_ima_ns(k);
  if (r.is_err()) return r.err();
  const ImaNsId ns = r.value();
  get_ima_ns(k, old, "copy_ima_ns");
  k.s.at(ns).parent = old;
  get_user_ns(k, user_ns, "copy_ima_ns");
  k.s.at(ns).user = user_ns;
  ima_init_namespace(k, ns);
  return ns;
}

// Freezing applies the prepared configuration (policy, keys) and, when the
// first process lives in another user namespace, re-homes the owner to it
// (RFC 18/30).
void imans_activate(Kernel& k, ImaNsId id, const Cred& first) {
  if (k.s.at(id).active) return;
  k.s.at(id).active = true;
  const UserNsId owner = k.s.at(id).user;
  if (first.user != owner) {
    get_user_ns(k, first.user, "imans_activate");
    k.s.at(id).user = first.user;
    put_user_ns(k, owner, "imans_activate");
  }
}

void imans_on_fork(Kernel& k, NsproxyId nsproxy, const Task& child) {
  const ImaNsId ns = k.s.at(nsproxy).ima_for_children;
  const ImaNsId old = k.s.at(nsproxy).ima;
  if (ns == old) return;
  get_ima_ns(k, ns, "imans_on_fork");
  k.s.at(nsproxy).ima = ns;
  put_ima_ns(k, old, "imans_on_fork");
  if (k.mutant(Mutant::imans_on_fork_reparents_to_self)) {
    // The fix-up meant to use the namespace the child came from, but reads
    // nsproxy->ima_ns after the switch above.
    const ImaNsId parent = k.s.at(ns).parent;
    get_ima_ns(k, k.s.at(nsproxy).ima, "imans_on_fork");
    k.s.at(ns).parent = k.s.at(nsproxy).ima;
    put_ima_ns(k, parent, "imans_on_fork");
  }
  imans_activate(k, ns, child.cred);
}

Errno imans_install_flag(Kernel& k, const Task& task, NsproxyId nsproxy, ImaNsId target) {
  const Cred& cred = task.cred;
  if (!cap_capable(k.s, cred, k.s.at(target).user, Cap::sys_admin) ||
      !cap_capable(k.s, cred, cred.user, Cap::sys_admin))
    return Errno::perm;
  imans_activate(k, target, cred);
  Nsproxy& np = k.s.at(nsproxy);
  const ImaNsId old = np.ima;
  const ImaNsId old_children = np.ima_for_children;
  get_ima_ns(k, target, "imans_install");
  get_ima_ns(k, target, "imans_install");
  k.s.at(nsproxy).ima = target;
  k.s.at(nsproxy).ima_for_children = target;
  put_ima_ns(k, old, "imans_install");
  put_ima_ns(k, old_children, "imans_install");
  return Errno::ok;
}

}  // namespace imans::kernel
