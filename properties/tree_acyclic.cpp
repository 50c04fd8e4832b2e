// tree-acyclic. Review concern: Biederman, 2018-03-15: "Mount namespaces are
// not hierarchical, user namespaces are"; nested enforcement walks the parent
// relation up to init, so it must be a tree rooted there.
#include <fmt/format.h>

#include "model/graph.hpp"
#include "properties/checks.hpp"

namespace imans::properties {

void check_tree_acyclic(const State& s, Findings& out) {
  for (ObjKind k : {ObjKind::user, ObjKind::ima}) {
    for (const ParentDefect& d : parent_tree_defects(s, k)) {
      if (d.cycle) {
        out.add(PropertyId::tree_acyclic,
                fmt::format("{} is on a cycle of parent pointers", to_string(d.object)),
                {d.object});
      }
      // A chain broken by a freed parent is parent-outlives-child's finding.
    }
  }
}

}  // namespace imans::properties
