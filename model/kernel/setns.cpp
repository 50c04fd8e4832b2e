// The setns system call: a fresh nsproxy copied from the caller's (and fresh
// credentials for a user namespace), the namespace's install hook, then commit.
#include "model/kernel/kernel.hpp"

namespace imans::kernel {

Errno sys_setns(Kernel& k, TaskId id, TaskId target_id, NsType type) {
  const Task& target = k.s.at(target_id);
  if (!target.alive) return Errno::noent;  // /proc/<pid>/ns is gone
  // No /proc/<pid>/ns/ima where the design has no IMA namespace type.
  if (type == NsType::ima && k.design().binding != Binding::flag) return Errno::noent;
  const Task task = k.s.at(id);
  // prepare_nsset
  auto np = create_new_namespaces(k, 0, task, task.cred.user);
  if (np.is_err()) return np.err();
  Cred new_cred;
  bool have_cred = false;
  if (type == NsType::user) {
    auto c = prepare_creds(k, task.cred);
    if (c.is_err()) {
      put_nsproxy(k, np.value(), "setns: put_nsset");
      return c.err();
    }
    new_cred = c.value();
    have_cred = true;
  }
  Errno e = Errno::ok;
  switch (type) {
    case NsType::mnt:
      e = mntns_install(k, task, np.value(), k.s.at(target.nsproxy).mnt);
      break;
    case NsType::user:
      e = userns_install(k, task, new_cred, target.cred.user);
      break;
    case NsType::ima:
      e = imans_install_flag(k, task, np.value(), k.s.at(target.nsproxy).ima);
      break;
  }
  if (e != Errno::ok) {
    put_nsproxy(k, np.value(), "setns: put_nsset");
    if (have_cred) put_cred(k, new_cred);
    return e;
  }
  // commit_nsset
  Task& me = k.s.at(id);
  if (have_cred) commit_creds(k, me, new_cred);
  switch_task_namespaces(k, me, np.value());
  return Errno::ok;
}

}  // namespace imans::kernel
