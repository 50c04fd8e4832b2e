// no-leak. Review concern: every error path and release path must free what it
// made (Semakin's 2022 fix of the ns_status cache leak; the seed patch's
// put_ima_ns in free_mnt_ns). background.md states it for the end of a run:
// once every task but t0 has exited, only the initial namespaces remain. The
// check generalises that to every step, so the shortest trace names the step
// that leaked: a live object that no alive task and no initial object holds
// (through counted or lifetime pointers) can never be freed. When only t0 is
// left, that is exactly "only the initial namespaces and what t0 holds remain".
#include <fmt/format.h>

#include "model/graph.hpp"
#include "properties/checks.hpp"

namespace imans::properties {

void check_no_leak(const State& s, const Config& cfg, Findings& out) {
  const auto orphans = unreachable_live(s, cfg);
  if (orphans.empty()) return;
  std::vector<std::string> names;
  for (ObjRef r : orphans) names.push_back(to_string(r));
  out.add(PropertyId::no_leak,
          fmt::format("{} still live but held by no task and no live holder: leaked",
                      fmt::join(names, ", ")),
          orphans);
}

}  // namespace imans::properties
