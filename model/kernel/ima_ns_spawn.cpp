// HPE 2017 "securityfs spawn": host root writes a mount namespace's id to
// ima/namespaces, which gives that mount namespace an IMA namespace of its own.
// Until then its processes fall back to init_ima_ns.
#include "model/kernel/kernel.hpp"

namespace imans::kernel {

Errno ima_ns_spawn(Kernel& k, TaskId id) {
  const Task& task = k.s.at(id);
  if (!cap_capable(k.s, task.cred, kInitUserNs, Cap::sys_admin)) return Errno::perm;
  const MntNsId mnt = k.s.at(task.nsproxy).mnt;
  if (k.s.at(mnt).ima.some()) return Errno::busy;
  auto r = create_ima_ns(k);
  if (r.is_err()) return r.err();
  const ImaNsId ns = r.value();
  get_ima_ns(k, kInitImaNs, "ima_ns_spawn");
  k.s.at(ns).parent = kInitImaNs;
  const UserNsId owner = k.s.at(mnt).user;
  get_user_ns(k, owner, "ima_ns_spawn");
  k.s.at(ns).user = owner;
  ima_init_namespace(k, ns);
  k.s.at(mnt).ima = ns;
  return Errno::ok;
}

}  // namespace imans::kernel
