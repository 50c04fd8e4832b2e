#pragma once
// Running a command sequence on the model and judging it: what the search's
// property does for every generated case, and what turns the shrunk case into
// a v1 trace.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "model/design.hpp"
#include "properties/check.hpp"
#include "search/commands.hpp"
#include "search/world_gen.hpp"
#include "traces/trace.hpp"

namespace imans::search {

struct RunStats {
  std::array<std::uint64_t, 20> verbs{};  // by Verb
  std::uint64_t steps = 0;
  int deepest_user_ns = 0;
  int deepest_ima_ns = 0;
  std::unordered_set<std::uint64_t>* states = nullptr;  // canonical hashes, when collected
};

struct ExecutedStep {
  Step step;
  StepResult result;
};

struct CaseOutcome {
  std::vector<ExecutedStep> steps;
  std::optional<properties::Violation> violation;  // the first, among the targets
  std::size_t steps_to_violation = 0;              // steps run through the violating one (0: at boot)
  properties::PropertySet violated;                // every target violated on the way
  std::array<std::uint64_t, properties::kPropertyCount> premises{};
};

// Runs the commands until a target property is violated (or to the end).
CaseOutcome run_case(const Config& cfg, const GeneratedWorld& world,
                     const std::vector<Command>& commands, properties::PropertySet targets,
                     RunStats* stats);

// The executed steps as a trace: every outcome stated, the violated property
// expected at the end.
traces::Trace to_trace(const Config& cfg, const GeneratedWorld& world, const CaseOutcome& outcome,
                       std::optional<std::uint64_t> seed, const std::string& comment);

}  // namespace imans::search
