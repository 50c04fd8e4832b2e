// IMA namespaces bound to user namespaces.
//  - binding user (userns-hierarchical): created with the user namespace,
//    which holds the namespace's only kref; the parent is counted.
//  - binding user-lazy (Berger's series): created when securityfs is first
//    mounted in the user namespace, initialised when activated, freed with the
//    user namespace (no kref of its own, no counted parent).
#include <memory>

#include "model/kernel/kernel.hpp"

namespace imans::kernel {

Errno ima_userns_create(Kernel& k, UserNsId user_ns) {
  auto r = create_ima_ns(k);
  if (r.is_err()) return r.err();
  const ImaNsId ns = r.value();
  const UserNsId parent_user = k.s.at(user_ns).parent;
  const ImaNsId parent = k.s.at(parent_user).ima;
  get_ima_ns(k, parent, "ima_userns_create");
  k.s.at(ns).parent = parent;
  k.s.at(ns).user = user_ns;  // a back pointer; the user namespace holds us
  ima_init_namespace(k, ns);
  k.s.at(user_ns).ima = ns;
  return Errno::ok;
}

namespace {
// The namespace a lazily created one hangs under: the nearest ancestor user
// namespace's, which exists at least at init_user_ns.
ImaNsId nearest_ancestor_ima(const State& s, UserNsId user_ns) {
  for (UserNsId u = s.at(user_ns).parent; u.some(); u = s.at(u).parent)
    if (s.at(u).ima.some()) return s.at(u).ima;
  return kInitImaNs;
}
}  // namespace

ErrOr<ImaNsId> create_ima_ns_lazy(Kernel& k, UserNsId user_ns) {
  if (!k.alloc()) return Errno::nomem;  // kmem_cache_zalloc(imans_cachep)
  const ImaNsId id{static_cast<std::uint16_t>(k.s.imas.size())};
  ImaNs ns;
  ns.kref = 0;
  ns.user = user_ns;
  ns.parent = nearest_ancestor_ima(k.s, user_ns);
  ns.policy = std::make_shared<const Policy>();
  ns.active = false;
  if (k.design().keys == Keys::inherit) ns.keyring = k.s.at(ns.parent).keyring;
  // ima_init_key_queue(): only init_ima_ns queues keys and holds a reference
  // for it; the mutant queues for every namespace.
  ns.keys_queued = k.mutant(Mutant::key_queue_put_unheld_userns);
  k.s.imas.push_back(std::move(ns));
  k.s.at(user_ns).ima = id;
  if (k.design().activation == Activation::creation) {
    if (Errno e = ima_init_namespace_late(k, id); e != Errno::ok) {
      k.s.at(user_ns).ima = ImaNsId{};
      k.s.at(id).life = Life::freed;
      return e;
    }
    k.s.at(id).active = true;
  }
  return id;
}

// Berger v15's ima_init_namespace(): the ns_status cache first, then the LSM
// notifier; the later fix destroys the cache when the notifier fails.
Errno ima_init_namespace_late(Kernel& k, ImaNsId id) {
  if (!k.alloc()) return Errno::nomem;  // KMEM_CACHE(ns_status)
  const CacheId cache{static_cast<std::uint16_t>(k.s.caches.size())};
  k.s.caches.push_back(StatusCache{Life::live, id});
  k.s.at(id).status_cache = cache;
  if (!k.alloc()) {  // register_blocking_lsm_notifier
    if (!k.mutant(Mutant::ns_init_leaks_status_cache)) {
      k.s.at(cache).life = Life::freed;  // kmem_cache_destroy
      k.s.at(id).status_cache = CacheId{};
    }
    return Errno::nomem;
  }
  return Errno::ok;
}

void free_ima_ns_userns(Kernel& k, UserNsId user_ns) {
  const ImaNsId ns = k.s.at(user_ns).ima;
  if (k.design().binding == Binding::user) {
    put_ima_ns(k, ns, "free_user_ns");
    return;
  }
  // Berger: free_ima_ns(user_ns), called from free_user_ns.
  if (!k.check_live(ref(ns), "free_ima_ns")) return;
  const CacheId cache = k.s.at(ns).status_cache;
  if (cache.some() && k.check_live(ref(cache), "free_ima_ns: kmem_cache_destroy"))
    k.s.at(cache).life = Life::freed;
  k.s.at(ns).life = Life::freed;
}

// Runs once per namespace, after its first policy is loaded.
void ima_process_queued_keys(Kernel& k, ImaNsId id) {
  ImaNs& ns = k.s.at(id);
  if (!ns.keys_queued) return;
  ns.keys_queued = false;
  const UserNsId user = id == kInitImaNs ? kInitUserNs : ns.user;
  put_user_ns(k, user, "ima_keys_handler");
}

}  // namespace imans::kernel
