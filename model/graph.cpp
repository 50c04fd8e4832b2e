// Boost.Graph's named_graph.hpp reads a boost::optional that GCC 12, with
// -fsanitize=address, believes uninitialised; the warning fires where this
// file instantiates the algorithms, not in Boost's header.
// Clang does not know the second warning, so only GCC reads these.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "model/graph.hpp"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <fmt/format.h>

#include <array>

#include "model/print.hpp"

namespace imans {

namespace {

// Vertices are numbered kind by kind, then the tasks: vertex(kind, id) is
// offset[kind] + id.
struct Index {
  std::array<std::size_t, 6> offset{};
  [[nodiscard]] std::size_t of(ObjRef r) const { return offset[static_cast<std::size_t>(r.kind)] + r.id; }
  [[nodiscard]] std::size_t task(TaskId t) const { return offset[5] + t.v; }
  [[nodiscard]] bool valid(const State& s, ObjRef r) const { return r.id < s.count_of(r.kind); }
};

Index index_of(const State& s) {
  Index index;
  std::size_t n = 0;
  for (std::size_t k = 0; k < 5; ++k) {
    index.offset[k] = n;
    n += s.count_of(static_cast<ObjKind>(k));
  }
  index.offset[5] = n;
  return index;
}

ObjectGraph build(const State& s, const Config& cfg, Index& index) {
  index = index_of(s);
  ObjectGraph g;
  for (std::size_t k = 0; k < 5; ++k) {
    const auto kind = static_cast<ObjKind>(k);
    for (std::size_t i = 0; i < s.count_of(kind); ++i) {
      const ObjRef r{kind, static_cast<std::uint16_t>(i)};
      boost::add_vertex(GraphVertex{false, TaskId{}, r, s.live(r)}, g);
    }
  }
  for (std::size_t i = 0; i < s.tasks.size(); ++i)
    boost::add_vertex(
        GraphVertex{true, TaskId{static_cast<std::uint16_t>(i)}, {}, s.tasks[i].alive}, g);
  for_each_edge(s, cfg, [&](const Edge& e) {
    if (!index.valid(s, e.to)) return;
    const std::size_t from = e.from_task ? index.task(e.task) : index.of(e.from);
    boost::add_edge(from, index.of(e.to), GraphEdge{e.field, e.kind}, g);
  });
  return g;
}

}  // namespace

ObjectGraph build_graph(const State& s, const Config& cfg) {
  Index index;
  return build(s, cfg, index);
}

namespace {
// Vertex numbers for the live objects and alive tasks only: long runs leave
// many tombstones, and the checks must not pay for them.
struct LiveIndex {
  std::array<std::vector<int>, 5> object;
  std::vector<int> task;
  std::size_t size = 0;

  explicit LiveIndex(const State& s) {
    for (std::size_t k = 0; k < 5; ++k) {
      const auto kind = static_cast<ObjKind>(k);
      object[k].assign(s.count_of(kind), -1);
      for (std::size_t i = 0; i < s.count_of(kind); ++i)
        if (s.live(ObjRef{kind, static_cast<std::uint16_t>(i)})) object[k][i] = static_cast<int>(size++);
    }
    task.assign(s.tasks.size(), -1);
    for (std::size_t i = 0; i < s.tasks.size(); ++i)
      if (s.tasks[i].alive) task[i] = static_cast<int>(size++);
  }
  [[nodiscard]] int of(ObjRef r) const {
    const auto& v = object[static_cast<std::size_t>(r.kind)];
    return r.id < v.size() ? v[r.id] : -1;
  }
};
}  // namespace

std::vector<ObjRef> unreachable_live(const State& s, const Config& cfg) {
  // Only the edges that keep their target alive, between live vertices.
  const LiveIndex index(s);
  using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  G g(index.size);
  for_each_edge(s, cfg, [&](const Edge& e) {
    if (e.kind == EdgeKind::weak) return;
    const int from = e.from_task ? index.task[e.task.v] : index.of(e.from);
    const int to = index.of(e.to);
    if (from >= 0 && to >= 0) boost::add_edge(static_cast<std::size_t>(from), static_cast<std::size_t>(to), g);
  });
  std::vector<boost::default_color_type> color(boost::num_vertices(g), boost::white_color);
  auto colors = boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, g));
  auto visit_from = [&](int v) {
    if (v >= 0 && color[static_cast<std::size_t>(v)] == boost::white_color)
      boost::breadth_first_visit(g, static_cast<std::size_t>(v), boost::color_map(colors));
  };
  for (int v : index.task) visit_from(v);
  for (ObjKind k : {ObjKind::user, ObjKind::mnt, ObjKind::ima, ObjKind::nsproxy})
    if (s.count_of(k) > 0) visit_from(index.of(ObjRef{k, 0}));
  std::vector<ObjRef> out;
  for (std::size_t k = 0; k < 5; ++k)
    for (std::size_t i = 0; i < index.object[k].size(); ++i) {
      const int v = index.object[k][i];
      if (v >= 0 && color[static_cast<std::size_t>(v)] == boost::white_color)
        out.push_back(ObjRef{static_cast<ObjKind>(k), static_cast<std::uint16_t>(i)});
    }
  return out;
}

std::vector<ParentDefect> parent_tree_defects(const State& s, ObjKind kind) {
  // The parent relation as a graph over the live namespaces: an edge from each
  // to its parent. A back edge found by depth-first search is a cycle.
  const LiveIndex index(s);
  const auto& vertex = index.object[static_cast<std::size_t>(kind)];
  std::vector<std::uint16_t> id_of;  // vertex -> namespace id
  for (std::size_t i = 0; i < vertex.size(); ++i)
    if (vertex[i] >= 0) id_of.push_back(static_cast<std::uint16_t>(i));
  std::vector<int> local(vertex.size(), -1);
  for (std::size_t v = 0; v < id_of.size(); ++v) local[id_of[v]] = static_cast<int>(v);
  auto parent_of = [&](std::size_t i) -> std::uint16_t {
    return kind == ObjKind::user ? s.users[i].parent.v : s.imas[i].parent.v;
  };
  using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  G g(id_of.size());
  for (std::size_t v = 0; v < id_of.size(); ++v) {
    const std::uint16_t p = parent_of(id_of[v]);
    if (p != 0xffff && p < local.size() && local[p] >= 0)
      boost::add_edge(v, static_cast<std::size_t>(local[p]), g);
  }
  std::vector<bool> on_cycle(id_of.size(), false);
  struct CycleFinder : boost::default_dfs_visitor {
    std::vector<bool>* marks;
    void back_edge(G::edge_descriptor e, const G& graph) const {
      (*marks)[boost::source(e, graph)] = true;
      (*marks)[boost::target(e, graph)] = true;
    }
  } finder;
  finder.marks = &on_cycle;
  boost::depth_first_search(g, boost::visitor(finder));
  std::vector<ParentDefect> out;
  for (std::size_t v = 0; v < id_of.size(); ++v) {
    const std::size_t i = id_of[v];
    if (i == 0) continue;
    const ObjRef r{kind, static_cast<std::uint16_t>(i)};
    if (on_cycle[v]) {
      out.push_back({r, true});
      continue;
    }
    // Follow the chain; it must reach #0 through live namespaces.
    std::size_t cur = i;
    bool ok = false;
    for (std::size_t steps = 0; steps <= id_of.size(); ++steps) {
      const std::uint16_t p = parent_of(cur);
      if (p == 0xffff || p >= local.size() || local[p] < 0) break;
      if (p == 0) {
        ok = true;
        break;
      }
      cur = p;
    }
    // Berger's namespaces have no parent pointer of their own.
    if (!ok && kind == ObjKind::ima && parent_of(i) == 0xffff) ok = true;
    if (!ok) out.push_back({r, false});
  }
  return out;
}

void write_dot(std::ostream& os, const State& s, const Config& cfg, const World& w,
               const std::vector<std::string>& task_names, const std::set<ObjRef>& highlight,
               const std::string& title) {
  (void)w;
  Index index;
  const ObjectGraph g = build(s, cfg, index);
  // Freed objects are drawn only when something still points at them.
  std::vector<bool> pointed(boost::num_vertices(g), false);
  for (auto [e, end] = boost::edges(g); e != end; ++e) pointed[boost::target(*e, g)] = true;

  os << "digraph imans {\n  rankdir=BT;\n  node [fontname=\"monospace\", fontsize=10];\n"
     << "  edge [fontname=\"monospace\", fontsize=8];\n";
  os << fmt::format("  labelloc=t; label=\"{}\";\n", title);
  for (auto [v, end] = boost::vertices(g); v != end; ++v) {
    const GraphVertex& gv = g[*v];
    if (gv.is_task) {
      if (!gv.live) continue;
      os << fmt::format("  v{} [shape=ellipse, label=\"{}\"];\n", *v,
                        task_name(task_names, gv.task));
      continue;
    }
    if (!gv.live && !pointed[*v] && !highlight.count(gv.object)) continue;
    std::string count;
    switch (gv.object.kind) {
      case ObjKind::user:
        count = fmt::format("count={}", s.users[gv.object.id].count);
        break;
      case ObjKind::mnt:
        count = fmt::format("count={}", s.mnts[gv.object.id].count);
        break;
      case ObjKind::ima:
        count = kref_lifetime(cfg.design) ? fmt::format("kref={}", s.imas[gv.object.id].kref)
                                          : std::string(s.imas[gv.object.id].active ? "active"
                                                                                     : "inactive");
        break;
      case ObjKind::nsproxy:
        count = fmt::format("count={}", s.nsproxies[gv.object.id].count);
        break;
      case ObjKind::cache:
        break;
    }
    const bool hot = highlight.count(gv.object) > 0;
    os << fmt::format("  v{} [shape=box, style=\"{}\", color=\"{}\", label=\"{}\\n{}{}\"];\n", *v,
                      gv.live ? "solid" : "dashed", hot ? "red" : "black", to_string(gv.object),
                      count, gv.live ? "" : "\\nFREED");
  }
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const GraphEdge& ge = g[*e];
    const char* style = ge.kind == EdgeKind::counted    ? "solid"
                        : ge.kind == EdgeKind::lifetime ? "bold"
                                                        : "dotted";
    os << fmt::format("  v{} -> v{} [style={}, label=\"{}\"];\n", boost::source(*e, g),
                      boost::target(*e, g), style, ge.field);
  }
  os << "}\n";
}

}  // namespace imans
