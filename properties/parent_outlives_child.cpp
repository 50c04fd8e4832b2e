// parent-outlives-child. Review concern: the seed patch's clone_ima_ns takes a
// reference on the parent and destroy_ima_ns drops it; without that, a child's
// walk up to init_ima_ns reads freed memory. User namespaces pin their parent
// the same way.
#include <fmt/format.h>

#include "properties/checks.hpp"

namespace imans::properties {

void check_parent_outlives_child(const State& s, const Config& cfg, Findings& out) {
  for (std::size_t i = 0; i < s.users.size(); ++i) {
    const UserNs& u = s.users[i];
    if (u.life != Life::live || u.parent.none() || s.at(u.parent).life == Life::live) continue;
    const ObjRef me{ObjKind::user, static_cast<std::uint16_t>(i)};
    out.add(PropertyId::parent_outlives_child,
            fmt::format("{} is live but its parent {} was freed", to_string(me),
                        to_string(ref(u.parent))),
            {me, ref(u.parent)});
  }
  // Berger's namespaces have no parent pointer: their chain is the user
  // namespaces', checked above.
  if (!kref_lifetime(cfg.design)) return;
  for (std::size_t i = 0; i < s.imas.size(); ++i) {
    const ImaNs& n = s.imas[i];
    if (n.life != Life::live || n.parent.none() || s.at(n.parent).life == Life::live) continue;
    const ObjRef me{ObjKind::ima, static_cast<std::uint16_t>(i)};
    out.add(PropertyId::parent_outlives_child,
            fmt::format("{} is live but its parent {} was freed", to_string(me),
                        to_string(ref(n.parent))),
            {me, ref(n.parent)});
  }
}

}  // namespace imans::properties
