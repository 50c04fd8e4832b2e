// kernel/user_namespace.c: creation, reference counting, release and setns.
#include "model/kernel/kernel.hpp"

namespace imans::kernel {

namespace {
constexpr std::uint8_t kMaxUserNsLevel = 32;
}

// The new namespace takes over new_cred's reference on the parent as its
// parent pointer, and new_cred's pointer becomes the namespace's first
// reference: no counter moves.
Errno create_user_ns(Kernel& k, Cred& new_cred) {
  const UserNsId parent = new_cred.user;
  const UserNs& p = k.s.at(parent);
  if (p.level > kMaxUserNsLevel) return Errno::nospc;
  if (!from_kuid(k.s, parent, new_cred.euid) || !from_kgid(k.s, parent, new_cred.egid))
    return Errno::perm;
  if (!k.alloc()) return Errno::nomem;  // kmem_cache_zalloc(user_ns_cachep)
  const UserNsId id{static_cast<std::uint16_t>(k.s.users.size())};
  UserNs ns;
  ns.count = 1;
  ns.parent = parent;
  ns.owner = new_cred.euid;
  ns.group = new_cred.egid;
  ns.level = static_cast<std::uint8_t>(p.level + 1);
  k.s.users.push_back(ns);
  if (!k.alloc()) {  // ns_alloc_inum
    k.s.at(id).life = Life::freed;
    return Errno::nomem;
  }
  if (k.design().binding == Binding::user) {
    if (Errno e = ima_userns_create(k, id); e != Errno::ok) {
      k.s.at(id).life = Life::freed;  // ns_free_inum, kmem_cache_free
      return e;
    }
  }
  new_cred.user = id;
  // set_cred_user_ns(): full capabilities inside, none outside.
  new_cred.permitted = CapSet::full();
  new_cred.effective = CapSet::full();
  return Errno::ok;
}

void get_user_ns(Kernel& k, UserNsId ns, const char* where) {
  k.check_live(ref(ns), where);
  ++k.s.at(ns).count;
}

void put_user_ns(Kernel& k, UserNsId ns, const char* where) {
  if (!k.check_live(ref(ns), where)) return;
  UserNs& u = k.s.at(ns);
  if (--u.count < 0) k.fault(FaultKind::underflow, ref(ns), where);
  if (u.count == 0) free_user_ns(k, ns);
}

// Iterative, as the kernel's is: freeing a namespace drops its parent's count
// inline and goes on up while that reaches zero.
void free_user_ns(Kernel& k, UserNsId ns) {
  for (;;) {
    if (ns == kInitUserNs) {
      k.fault(FaultKind::bug, ref(ns), "free_user_ns: init_user_ns");
      return;
    }
    if (!k.check_live(ref(ns), "free_user_ns")) return;
    const UserNsId parent = k.s.at(ns).parent;
    if (k.s.at(ns).ima.some()) free_ima_ns_userns(k, ns);
    k.s.at(ns).life = Life::freed;
    if (parent.none() || !k.check_live(ref(parent), "free_user_ns: parent")) return;
    UserNs& p = k.s.at(parent);
    if (--p.count < 0) k.fault(FaultKind::underflow, ref(parent), "free_user_ns: parent");
    if (p.count != 0) return;
    ns = parent;
  }
}

Errno userns_install(Kernel& k, const Task& task, Cred& new_cred, UserNsId target) {
  // Tasks may not re-enter their own user namespace.
  if (target == task.cred.user) return Errno::inval;
  if (task.fs_users != 1) return Errno::inval;
  if (!cap_capable(k.s, task.cred, target, Cap::sys_admin)) return Errno::perm;
  put_user_ns(k, new_cred.user, "userns_install");
  get_user_ns(k, target, "userns_install");
  new_cred.user = target;
  new_cred.permitted = CapSet::full();
  new_cred.effective = CapSet::full();
  return Errno::ok;
}

}  // namespace imans::kernel
