// fs/namespace.c: mount namespaces, with the 2018 patch's ima_ns pointer.
#include "model/kernel/kernel.hpp"

namespace imans::kernel {

namespace {
bool mnt_binds_ima(const Design& d) { return d.binding == Binding::mnt; }
}  // namespace

// ima_ns is the namespace to copy (from copy_mnt_ns) or none (from
// create_mnt_ns at boot, which takes a reference on init_ima_ns instead).
ErrOr<MntNsId> alloc_mnt_ns(Kernel& k, UserNsId user_ns, ImaNsId ima_ns) {
  if (!k.alloc()) return Errno::nomem;  // kzalloc(new_ns)
  const MntNsId id{static_cast<std::uint16_t>(k.s.mnts.size())};
  k.s.mnts.push_back(MntNs{});
  auto unwind = [&] {  // ns_free_inum, kfree, dec_mnt_namespaces
    k.s.at(id).life = Life::freed;
  };
  if (!k.alloc()) {  // ns_alloc_inum
    unwind();
    return Errno::nomem;
  }
  if (mnt_binds_ima(k.design())) {
    if (ima_ns.none()) {
      get_ima_ns(k, kInitImaNs, "alloc_mnt_ns");
      k.s.at(id).ima = kInitImaNs;
    } else {
      auto r = copy_ima(k, user_ns, ima_ns);
      if (r.is_err()) {
        unwind();
        return r.err();
      }
      k.s.at(id).ima = r.value();
    }
  }
  k.s.at(id).count = 1;
  get_user_ns(k, user_ns, "alloc_mnt_ns");
  k.s.at(id).user = user_ns;
  return id;
}

ErrOr<MntNsId> copy_mnt_ns(Kernel& k, std::uint8_t flags, MntNsId old, UserNsId user_ns) {
  k.check_live(ref(old), "copy_mnt_ns");
  if (mnt_binds_ima(k.design()) && k.s.at(old).ima.none())
    k.fault(FaultKind::bug, ref(old), "copy_mnt_ns: BUG_ON(!ns->ima_ns)");
  if (!(flags & kNewNs)) {
    get_mnt_ns(k, old, "copy_mnt_ns");
    return old;
  }
  auto r = alloc_mnt_ns(k, user_ns, k.s.at(old).ima);
  if (r.is_err()) return r;
  const MntNsId id = r.value();
  // copy_tree() copies every mount, the securityfs instance included.
  k.s.at(id).securityfs = k.s.at(old).securityfs;
  if (!k.alloc()) {  // copy_tree
    if (k.mutant(Mutant::mnt_ns_error_path_leaks_ima)) {
      // A hand-rolled unwind from before the patch: no put_ima_ns.
      put_user_ns(k, k.s.at(id).user, "copy_mnt_ns: error path");
      k.s.at(id).life = Life::freed;
    } else {
      free_mnt_ns(k, id);
    }
    return Errno::nomem;
  }
  return id;
}

MntNsId create_mnt_ns(Kernel& k) {
  auto r = alloc_mnt_ns(k, kInitUserNs, ImaNsId{});
  // Boot mounts init_user_ns's securityfs at /sys/kernel/security.
  k.s.at(r.value()).securityfs = kInitUserNs;
  return r.value();  // boot never injects a failure
}

void get_mnt_ns(Kernel& k, MntNsId ns, const char* where) {
  k.check_live(ref(ns), where);
  ++k.s.at(ns).count;
}

void put_mnt_ns(Kernel& k, MntNsId ns, const char* where) {
  if (!k.check_live(ref(ns), where)) return;
  MntNs& m = k.s.at(ns);
  if (--m.count < 0) k.fault(FaultKind::underflow, ref(ns), where);
  if (m.count == 0) free_mnt_ns(k, ns);
}

void free_mnt_ns(Kernel& k, MntNsId ns) {
  if (!k.check_live(ref(ns), "free_mnt_ns")) return;
  const MntNs m = k.s.at(ns);
  if (m.ima.some() && !k.mutant(Mutant::free_mnt_ns_no_put)) put_ima_ns(k, m.ima, "free_mnt_ns");
  put_user_ns(k, m.user, "free_mnt_ns");
  k.s.at(ns).life = Life::freed;
}

// pivot_root(2) as a container runtime uses it: the mount namespace moves to a
// root file system of its own, on which nothing is mounted at
// /sys/kernel/security. Every task of the namespace sees the change.
Errno sys_pivot_root(Kernel& k, TaskId id) {
  const Task& task = k.s.at(id);
  const MntNsId mnt = k.s.at(task.nsproxy).mnt;
  if (!k.check_live(ref(mnt), "pivot_root")) return Errno::inval;
  if (!cap_capable(k.s, task.cred, k.s.at(mnt).user, Cap::sys_admin)) return Errno::perm;
  k.s.at(mnt).securityfs = UserNsId{};
  return Errno::ok;
}

Errno mntns_install(Kernel& k, const Task& task, NsproxyId nsproxy, MntNsId target) {
  const Cred& cred = task.cred;
  const bool owner_ok = k.mutant(Mutant::mntns_install_skips_owner_check) ||
                        cap_capable(k.s, cred, k.s.at(target).user, Cap::sys_admin);
  if (!owner_ok || !cap_capable(k.s, cred, cred.user, Cap::sys_chroot) ||
      !cap_capable(k.s, cred, cred.user, Cap::sys_admin))
    return Errno::perm;
  if (task.fs_users != 1) return Errno::inval;
  get_mnt_ns(k, target, "mntns_install");
  const MntNsId old = k.s.at(nsproxy).mnt;
  k.s.at(nsproxy).mnt = target;
  put_mnt_ns(k, old, "mntns_install");
  if (mnt_binds_ima(k.design())) imans_install(k, nsproxy, target);
  return Errno::ok;
}

}  // namespace imans::kernel
