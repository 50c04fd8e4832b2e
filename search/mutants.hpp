#pragma once
// The kill matrix: every seeded bug is searched for in its home design,
// against the properties that design is expected to hold; a mutant is killed
// when the search finds a violation and the shrunk trace replays it.
#include <string>
#include <vector>

#include "model/mutant.hpp"
#include "search/search.hpp"

namespace imans::search {

struct MutantVerdict {
  const MutantInfo* info = nullptr;
  bool killed = false;
  Counterexample counterexample;  // when killed
  bool replays = false;           // the trace replays green and shows the violation
  std::string replay_message;
  double seconds = 0;
  int runs = 0;
};

struct MatrixOptions {
  std::uint64_t seed = 1;
  int runs = 2000;
  int max_steps = 40;
  double time_budget_per_mutant = 0;
  std::vector<std::string> only;  // mutant names; empty: all
};

std::vector<MutantVerdict> mutant_matrix(const MatrixOptions& o);

}  // namespace imans::search
