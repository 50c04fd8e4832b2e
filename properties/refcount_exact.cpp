// refcount-exact. Review concern: the 2018 patch's changelog ("Fixed putting of
// imans->parent"), Brauner on Berger v5 04/16 ("The refcounting seems
// wrong?"): every counted reference must stand for exactly one pointer. The
// counters are moved by the kernel paths; the pointers are counted here,
// independently, from the state's fields.
#include <fmt/format.h>

#include <array>

#include "model/edges.hpp"
#include "model/model.hpp"
#include "properties/checks.hpp"

namespace imans::properties {

namespace {

std::string holders_of(const State& s, const Config& cfg, ObjRef target) {
  std::vector<std::string> h;
  for_each_edge(s, cfg, [&](const Edge& e) {
    if (e.kind != EdgeKind::counted || e.to != target) return;
    h.push_back(e.from_task ? fmt::format("task#{} {}", e.task.v, e.field)
                            : fmt::format("{} {}", to_string(e.from), e.field));
  });
  return h.empty() ? "no holder" : fmt::format("{}", fmt::join(h, ", "));
}

}  // namespace

void check_refcount_exact(const State& s, const Config& cfg, Findings& out) {
  std::array<std::vector<std::int32_t>, 5> held;
  for (std::size_t k = 0; k < 5; ++k) held[k].assign(s.count_of(static_cast<ObjKind>(k)), 0);
  for_each_edge(s, cfg, [&](const Edge& e) {
    if (e.kind == EdgeKind::counted) ++held[static_cast<std::size_t>(e.to.kind)][e.to.id];
  });
  auto judge = [&](ObjRef r, std::int32_t counter, const char* name) {
    if (!s.live(r)) return;
    const std::int32_t holders = held[static_cast<std::size_t>(r.kind)][r.id];
    const std::int32_t bias = static_bias(cfg, r);
    if (counter == holders + bias) return;
    out.add(PropertyId::refcount_exact,
            fmt::format("{} {}={} but it has {} counted holder(s){} = {}: {}", to_string(r), name,
                        counter, holders, bias ? fmt::format(" + static {}", bias) : "",
                        holders + bias, holders_of(s, cfg, r)),
            {r});
  };
  for (std::size_t i = 0; i < s.users.size(); ++i)
    judge(ObjRef{ObjKind::user, static_cast<std::uint16_t>(i)}, s.users[i].count, "count");
  for (std::size_t i = 0; i < s.mnts.size(); ++i)
    judge(ObjRef{ObjKind::mnt, static_cast<std::uint16_t>(i)}, s.mnts[i].count, "count");
  for (std::size_t i = 0; i < s.nsproxies.size(); ++i)
    judge(ObjRef{ObjKind::nsproxy, static_cast<std::uint16_t>(i)}, s.nsproxies[i].count, "count");
  if (kref_lifetime(cfg.design))
    for (std::size_t i = 0; i < s.imas.size(); ++i)
      judge(ObjRef{ObjKind::ima, static_cast<std::uint16_t>(i)}, s.imas[i].kref, "kref");
}

}  // namespace imans::properties
