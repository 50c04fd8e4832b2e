// init-immortal. Review concern: the seed patch makes init_ima_ns static with
// KREF_INIT(2) and BUG_ON(ns == &init_ima_ns) in free_ima_ns: freeing an
// initial namespace is a kernel crash.
#include <fmt/format.h>

#include "model/edges.hpp"
#include "properties/checks.hpp"

namespace imans::properties {

void check_init_immortal(const State& s, Findings& out) {
  for (ObjKind k : {ObjKind::user, ObjKind::mnt, ObjKind::ima, ObjKind::nsproxy}) {
    const ObjRef r{k, 0};
    if (!s.live(r))
      out.add(PropertyId::init_immortal, fmt::format("the initial {} was freed", to_string(r)),
              {r});
  }
}

}  // namespace imans::properties
