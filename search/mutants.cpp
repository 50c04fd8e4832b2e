#include "search/mutants.hpp"

#include <algorithm>

#include "search/expectations.hpp"
#include "traces/replay.hpp"

namespace imans::search {

std::vector<MutantVerdict> mutant_matrix(const MatrixOptions& o) {
  std::vector<MutantVerdict> out;
  for (const MutantInfo& m : mutants()) {
    if (!o.only.empty() && std::find(o.only.begin(), o.only.end(), m.name) == o.only.end())
      continue;
    MutantVerdict v;
    v.info = &m;
    SearchOptions so;
    so.config = Config{find_preset(m.preset)->design, m.mutant};
    so.targets = ~expected_violations(m.preset);
    so.seed = o.seed;
    so.runs = o.runs;
    so.max_steps = o.max_steps;
    so.time_budget = o.time_budget_per_mutant;
    so.collect_states = false;
    so.stop_at_first = true;  // one property is enough to kill
    const SearchResult r = search(so);
    v.seconds = r.seconds;
    v.runs = r.runs_done;
    if (!r.found.empty()) {
      v.killed = true;
      v.counterexample = r.found.front();
      const auto rep = traces::replay(v.counterexample.trace);
      v.replays = rep.status == traces::ReplayResult::Status::ok &&
                  rep.violated.test(properties::index(v.counterexample.property));
      v.replay_message = rep.status == traces::ReplayResult::Status::ok
                             ? "replays"
                             : traces::describe_failure(v.counterexample.trace, rep);
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace imans::search
