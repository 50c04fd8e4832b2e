// kernel/nsproxy.c: the counted bundle of namespaces that tasks share.
#include "model/kernel/kernel.hpp"

namespace imans::kernel {

namespace {
bool is_flag(const Design& d) { return d.binding == Binding::flag; }
}  // namespace

ErrOr<NsproxyId> create_new_namespaces(Kernel& k, std::uint8_t flags, const Task& task,
                                       UserNsId user_ns) {
  if (!k.alloc()) return Errno::nomem;  // create_nsproxy
  const NsproxyId id{static_cast<std::uint16_t>(k.s.nsproxies.size())};
  k.s.nsproxies.push_back(Nsproxy{});
  const Nsproxy old = k.s.at(task.nsproxy);
  auto mnt = copy_mnt_ns(k, flags, old.mnt, user_ns);
  if (mnt.is_err()) {
    k.s.at(id).life = Life::freed;  // out_ns: kmem_cache_free
    return mnt.err();
  }
  k.s.at(id).mnt = mnt.value();
  if (is_flag(k.design())) {
    auto children = copy_ima_ns(k, flags, user_ns, old.ima_for_children);
    if (children.is_err()) {
      put_mnt_ns(k, k.s.at(id).mnt, "create_new_namespaces: out_ima");
      k.s.at(id).life = Life::freed;
      return children.err();
    }
    k.s.at(id).ima_for_children = children.value();
    get_ima_ns(k, old.ima, "create_new_namespaces");
    k.s.at(id).ima = old.ima;
  }
  return id;
}

// A fork without new namespaces shares the parent's nsproxy, unless a
// namespace prepared for children is pending (the time namespace's rule).
Errno copy_namespaces(Kernel& k, std::uint8_t flags, const Task& parent, Task& child) {
  const std::uint8_t ns_flags = flags & (kNewNs | kNewIma);
  const Nsproxy& old = k.s.at(parent.nsproxy);
  if (!ns_flags) {
    if (!is_flag(k.design()) || old.ima_for_children == old.ima) {
      get_nsproxy(k, parent.nsproxy, "copy_namespaces");
      child.nsproxy = parent.nsproxy;
      return Errno::ok;
    }
  } else if (!cap_capable(k.s, child.cred, child.cred.user, Cap::sys_admin)) {
    return Errno::perm;
  }
  auto r = create_new_namespaces(k, ns_flags, parent, child.cred.user);
  if (r.is_err()) return r.err();
  if (is_flag(k.design())) imans_on_fork(k, r.value(), child);
  child.nsproxy = r.value();
  return Errno::ok;
}

void get_nsproxy(Kernel& k, NsproxyId ns, const char* where) {
  k.check_live(ref(ns), where);
  ++k.s.at(ns).count;
}

void put_nsproxy(Kernel& k, NsproxyId ns, const char* where) {
  if (!k.check_live(ref(ns), where)) return;
  Nsproxy& n = k.s.at(ns);
  if (--n.count < 0) k.fault(FaultKind::underflow, ref(ns), where);
  if (n.count == 0) free_nsproxy(k, ns);
}

void free_nsproxy(Kernel& k, NsproxyId ns) {
  const Nsproxy n = k.s.at(ns);
  put_mnt_ns(k, n.mnt, "free_nsproxy");
  if (is_flag(k.design())) {
    put_ima_ns(k, n.ima, "free_nsproxy");
    put_ima_ns(k, n.ima_for_children, "free_nsproxy");
  }
  k.s.at(ns).life = Life::freed;
}

void switch_task_namespaces(Kernel& k, Task& task, NsproxyId new_ns) {
  const NsproxyId old = task.nsproxy;
  task.nsproxy = new_ns;
  if (old.some()) put_nsproxy(k, old, "switch_task_namespaces");
}

}  // namespace imans::kernel
