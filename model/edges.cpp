#include "model/edges.hpp"

namespace imans {

bool is_initial(ObjRef o) { return o.id == 0 && o.kind != ObjKind::cache; }

void for_each_edge(const State& s, const Config& cfg, const std::function<void(const Edge&)>& fn) {
  const Design& d = cfg.design;
  const bool kref = kref_lifetime(d);
  auto obj = [&](ObjRef from, const char* field, ObjRef to, EdgeKind kind) {
    fn(Edge{false, TaskId{}, from, field, to, kind});
  };
  for (std::size_t i = 0; i < s.tasks.size(); ++i) {
    const Task& t = s.tasks[i];
    if (!t.alive) continue;
    const TaskId id{static_cast<std::uint16_t>(i)};
    fn(Edge{true, id, {}, "cred->user_ns", ref(t.cred.user), EdgeKind::counted});
    fn(Edge{true, id, {}, "task->nsproxy", ref(t.nsproxy), EdgeKind::counted});
  }
  for (std::size_t i = 0; i < s.nsproxies.size(); ++i) {
    const Nsproxy& n = s.nsproxies[i];
    if (n.life != Life::live) continue;
    const ObjRef me{ObjKind::nsproxy, static_cast<std::uint16_t>(i)};
    obj(me, "nsproxy->mnt_ns", ref(n.mnt), EdgeKind::counted);
    if (n.ima.some()) obj(me, "nsproxy->ima_ns", ref(n.ima), EdgeKind::counted);
    if (n.ima_for_children.some())
      obj(me, "nsproxy->ima_ns_for_children", ref(n.ima_for_children), EdgeKind::counted);
  }
  for (std::size_t i = 0; i < s.mnts.size(); ++i) {
    const MntNs& m = s.mnts[i];
    if (m.life != Life::live) continue;
    const ObjRef me{ObjKind::mnt, static_cast<std::uint16_t>(i)};
    obj(me, "mnt_ns->user_ns", ref(m.user), EdgeKind::counted);
    if (m.ima.some()) obj(me, "mnt_ns->ima_ns", ref(m.ima), EdgeKind::counted);
  }
  for (std::size_t i = 0; i < s.users.size(); ++i) {
    const UserNs& u = s.users[i];
    if (u.life != Life::live) continue;
    const ObjRef me{ObjKind::user, static_cast<std::uint16_t>(i)};
    if (u.parent.some()) obj(me, "user_ns->parent", ref(u.parent), EdgeKind::counted);
    if (u.ima.some() && i != 0)
      obj(me, "user_ns->ima_ns", ref(u.ima), kref ? EdgeKind::counted : EdgeKind::lifetime);
  }
  for (std::size_t i = 0; i < s.imas.size(); ++i) {
    const ImaNs& n = s.imas[i];
    if (n.life != Life::live) continue;
    const ObjRef me{ObjKind::ima, static_cast<std::uint16_t>(i)};
    const bool initial = i == 0;
    if (n.parent.some())
      obj(me, "ima_ns->parent", ref(n.parent), kref ? EdgeKind::counted : EdgeKind::weak);
    if (n.user.some()) {
      // init_ima_ns's user_ns is a static initialiser; the user binding keeps
      // only a back pointer; Berger's namespaces have none (it is derived).
      const bool counted = kref && !initial && d.binding != Binding::user;
      obj(me, "ima_ns->user_ns", ref(n.user), counted ? EdgeKind::counted : EdgeKind::weak);
    }
    if (n.status_cache.some())
      obj(me, "ima_ns->ns_status_cache", ref(n.status_cache), EdgeKind::lifetime);
    if (initial && n.keys_queued)
      obj(me, "ima_keys queue", ref(kInitUserNs), EdgeKind::counted);
  }
}

}  // namespace imans
