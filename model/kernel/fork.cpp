// kernel/fork.c: copy_process (clone) and ksys_unshare, in the kernel's order:
// credentials (and a new user namespace) first, then the nsproxy.
#include "model/kernel/kernel.hpp"

namespace imans::kernel {

namespace {
bool flags_known(const Design& d, std::uint8_t flags) {
  return !(flags & kNewIma) || d.binding == Binding::flag;
}
}  // namespace

ErrOr<TaskId> copy_process(Kernel& k, TaskId parent_id, std::uint8_t flags) {
  if (!flags_known(k.design(), flags)) return Errno::inval;
  if (!k.alloc()) return Errno::nomem;  // dup_task_struct
  const Task parent = k.s.at(parent_id);
  Task child;
  child.fs_users = 1;  // no CLONE_FS: a copy of the fs_struct
  auto cred = prepare_creds(k, parent.cred);  // copy_creds
  if (cred.is_err()) return cred.err();
  child.cred = cred.value();
  if (flags & kNewUser) {
    if (Errno e = create_user_ns(k, child.cred); e != Errno::ok) {
      put_cred(k, child.cred);
      return e;
    }
  }
  if (Errno e = copy_namespaces(k, flags, parent, child); e != Errno::ok) {
    put_cred(k, child.cred);
    return e;
  }
  const TaskId id{static_cast<std::uint16_t>(k.s.tasks.size())};
  k.s.tasks.push_back(child);
  return id;
}

Errno ksys_unshare(Kernel& k, TaskId id, std::uint8_t flags) {
  if (!flags_known(k.design(), flags)) return Errno::inval;
  Task& task = k.s.at(id);
  // unshare_userns
  bool have_cred = false;
  Cred new_cred;
  if (flags & kNewUser) {
    auto r = prepare_creds(k, task.cred);
    if (r.is_err()) return r.err();
    new_cred = r.value();
    have_cred = true;
    if (Errno e = create_user_ns(k, new_cred); e != Errno::ok) {
      put_cred(k, new_cred);
      return e;
    }
  }
  // unshare_nsproxy_namespaces
  NsproxyId new_nsproxy;
  if (flags & (kNewNs | kNewIma)) {
    const Cred& cred = have_cred ? new_cred : task.cred;
    if (!cap_capable(k.s, cred, cred.user, Cap::sys_admin)) {
      if (have_cred) put_cred(k, new_cred);
      return Errno::perm;
    }
    auto r = create_new_namespaces(k, flags & (kNewNs | kNewIma), task, cred.user);
    if (r.is_err()) {
      if (have_cred) put_cred(k, new_cred);
      return r.err();
    }
    new_nsproxy = r.value();
  }
  if (new_nsproxy.some()) switch_task_namespaces(k, task, new_nsproxy);
  if (have_cred) commit_creds(k, task, new_cred);
  return Errno::ok;
}

// The kernel panics when init exits; the model refuses instead.
Errno do_exit(Kernel& k, TaskId id) {
  if (id == kTask0) return Errno::perm;
  Task& task = k.s.at(id);
  switch_task_namespaces(k, task, NsproxyId{});  // exit_task_namespaces
  put_cred(k, task.cred);                         // put_task_struct
  task.alive = false;
  return Errno::ok;
}

}  // namespace imans::kernel
