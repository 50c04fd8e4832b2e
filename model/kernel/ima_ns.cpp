// security/integrity/ima/ima_ns.c and ima_init_ima_ns.c of the 2018 patch:
// IMA namespaces with a kref, a counted parent and a counted user namespace.
// The flag and spawn bindings reuse these lifetimes.
#include <memory>

#include "model/kernel/kernel.hpp"

namespace imans::kernel {

ErrOr<ImaNsId> create_ima_ns(Kernel& k) {
  if (!k.alloc()) return Errno::nomem;  // kmalloc
  const ImaNsId id{static_cast<std::uint16_t>(k.s.imas.size())};
  ImaNs ns;
  ns.kref = 1;  // kref_init
  ns.policy = std::make_shared<const Policy>();
  k.s.imas.push_back(std::move(ns));
  return id;
}

ErrOr<ImaNsId> clone_ima_ns(Kernel& k, UserNsId user_ns, ImaNsId old_ns) {
  auto r = create_ima_ns(k);
  if (r.is_err()) return Errno::nomem;
  const ImaNsId ns = r.value();
  if (!k.mutant(Mutant::clone_ima_ns_no_parent_get)) get_ima_ns(k, old_ns, "clone_ima_ns");
  k.s.at(ns).parent = old_ns;
  get_user_ns(k, user_ns, "clone_ima_ns");
  k.s.at(ns).user = user_ns;
  ima_init_namespace(k, ns);
  return ns;
}

ErrOr<ImaNsId> copy_ima(Kernel& k, UserNsId user_ns, ImaNsId old_ns) {
  if (old_ns.none()) k.fault(FaultKind::bug, ref(old_ns), "copy_ima: BUG_ON(!old_ns)");
  get_ima_ns(k, old_ns, "copy_ima");
  auto r = clone_ima_ns(k, user_ns, old_ns);
  put_ima_ns(k, old_ns, "copy_ima");
  return r;
}

void get_ima_ns(Kernel& k, ImaNsId ns, const char* where) {
  if (ns.none()) {
    k.fault(FaultKind::bug, ObjRef{ObjKind::ima, ns.v}, where);
    return;
  }
  k.check_live(ref(ns), where);
  ++k.s.at(ns).kref;
}

void put_ima_ns(Kernel& k, ImaNsId ns, const char* where) {
  if (ns.none()) {
    k.fault(FaultKind::bug, ObjRef{ObjKind::ima, ns.v}, where);
    return;
  }
  if (!k.check_live(ref(ns), where)) return;
  ImaNs& n = k.s.at(ns);
  if (--n.kref < 0) k.fault(FaultKind::underflow, ref(ns), where);
  if (n.kref == 0) free_ima_ns(k, ns);
}

void destroy_ima_ns(Kernel& k, ImaNsId ns) {
  if (!k.check_live(ref(ns), "destroy_ima_ns")) return;
  const ImaNs n = k.s.at(ns);
  put_user_ns(k, n.user, "destroy_ima_ns");
  if (n.parent.some()) {
    put_ima_ns(k, n.parent, "destroy_ima_ns");
    if (k.mutant(Mutant::destroy_ima_ns_double_put_parent))
      put_ima_ns(k, n.parent, "destroy_ima_ns");
  }
  k.s.at(ns).life = Life::freed;  // kfree
}

namespace {
// The 2016-17 prototype freed a namespace and then walked up, putting and
// destroying each ancestor itself, even though the put may already have freed
// it (designs-in-detail, c.1 item 8).
void free_ima_ns_prototype(Kernel& k, ImaNsId ns) {
  while (ns != kInitImaNs && ns.some()) {
    const ImaNsId parent = k.s.at(ns).parent;
    if (k.check_live(ref(ns), "free_ima_ns: destroy")) {
      put_user_ns(k, k.s.at(ns).user, "free_ima_ns: destroy");
      k.s.at(ns).life = Life::freed;
    }
    if (parent.some()) put_ima_ns(k, parent, "free_ima_ns: put parent");
    ns = parent;
  }
}
}  // namespace

void free_ima_ns(Kernel& k, ImaNsId ns) {
  if (ns == kInitImaNs) {
    // BUG_ON(ns == &init_ima_ns): the model notes it and frees it, so that
    // init-immortal sees what the kernel would have crashed on.
    k.fault(FaultKind::bug, ref(ns), "free_ima_ns: BUG_ON(ns == &init_ima_ns)");
    k.s.at(ns).life = Life::freed;
    return;
  }
  if (k.mutant(Mutant::prototype_iterative_free)) {
    free_ima_ns_prototype(k, ns);
    return;
  }
  destroy_ima_ns(k, ns);
}

// Joining a mount namespace moves the task to that namespace's IMA namespace.
// By the time this runs, mntns_install has already switched nsproxy->mnt_ns to
// the target, so the get and the put land on the same namespace.
void imans_install(Kernel& k, NsproxyId nsproxy, MntNsId target) {
  const ImaNsId ns = k.s.at(target).ima;
  const MntNsId cur = k.s.at(nsproxy).mnt;
  if (k.mutant(Mutant::imans_install_put_before_get)) {
    put_ima_ns(k, k.s.at(cur).ima, "imans_install");
    get_ima_ns(k, ns, "imans_install");
  } else {
    get_ima_ns(k, ns, "imans_install");
    put_ima_ns(k, k.s.at(cur).ima, "imans_install");
  }
  k.s.at(cur).ima = ns;
}

void ima_init_namespace(Kernel& k, ImaNsId id) {
  ImaNs& ns = k.s.at(id);
  ns.policy = std::make_shared<const Policy>();
  ns.active = k.design().activation == Activation::creation;
  ns.keyring = 0;
  if (k.design().keys == Keys::inherit && ns.parent.some()) ns.keyring = k.s.at(ns.parent).keyring;
}

KeySet ima_keyring(const State& s, const Design& d, ImaNsId ns) {
  if (d.keys == Keys::host) return s.at(kInitImaNs).keyring;
  return s.at(ns).keyring;
}

}  // namespace imans::kernel
