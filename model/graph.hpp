#pragma once
// The state as a Boost.Graph graph: tasks and objects as vertices, the typed
// edges of model/edges.hpp as edges. Reachability (what no holder keeps
// alive), the parent trees' shape, and Graphviz drawings are computed on it.
#include <boost/graph/adjacency_list.hpp>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "model/design.hpp"
#include "model/edges.hpp"
#include "model/state.hpp"
#include "model/world.hpp"

namespace imans {

struct GraphVertex {
  bool is_task = false;
  TaskId task;
  ObjRef object;
  bool live = true;
};

struct GraphEdge {
  std::string field;
  EdgeKind kind = EdgeKind::counted;
};

using ObjectGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, GraphVertex,
                                          GraphEdge>;

// Every object (freed ones too, as tombstones) and every task that ever lived.
ObjectGraph build_graph(const State& s, const Config& cfg);

// Live objects that no alive task and no initial object keeps alive through
// counted or lifetime edges: nothing can ever free them.
std::vector<ObjRef> unreachable_live(const State& s, const Config& cfg);

// Live namespaces of one kind (user or ima) whose parent chain does not end at
// #0: a cycle, or a chain through a freed namespace. Empty when the parent
// relation is a tree rooted at init.
struct ParentDefect {
  ObjRef object;
  bool cycle = false;  // otherwise the chain ends elsewhere than at #0
};
std::vector<ParentDefect> parent_tree_defects(const State& s, ObjKind kind);

// A Graphviz drawing of the live objects (and freed ones still pointed to),
// with counters; objects in `highlight` are drawn red.
void write_dot(std::ostream& os, const State& s, const Config& cfg, const World& w,
               const std::vector<std::string>& task_names, const std::set<ObjRef>& highlight,
               const std::string& title);

}  // namespace imans
