#pragma once
// The random search: RapidCheck generates worlds and command sequences, every
// step is judged by the properties, and a failing case is shrunk to the
// shortest sequence that still fails, then written as a v1 trace.
//
// A campaign is cut into chunks of runs, each chunk a RapidCheck run with its
// own seed derived from the campaign's seed and the chunk's number. `--shard
// I/N` takes every chunk whose number is I modulo N, so N machines share one
// campaign; the time budget is checked between chunks. The same seed, runs
// and shard give the same chunks and the same results everywhere.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/design.hpp"
#include "properties/check.hpp"
#include "traces/trace.hpp"

namespace imans::search {

struct Shard {
  int index = 0;  // 0-based
  int count = 1;
};

struct SearchOptions {
  Config config;
  properties::PropertySet targets = properties::every_property();
  std::uint64_t seed = 1;
  int runs = 2000;       // test cases over the campaign (before sharding)
  int max_steps = 40;    // longest command sequence
  double time_budget = 0;  // seconds; 0: none
  Shard shard;
  bool collect_states = true;
  bool stop_at_first = false;  // end the campaign at the first counterexample
  bool containers = true;      // draw container commands (several steps each)
  std::uint32_t verbs = 0;     // only these verbs (bit per Verb); 0: swarm testing
  // After shrinking, look for a strictly shorter counterexample with this many
  // runs per length tried (0: don't).
  int shorten_runs = 500;
  // Called after each chunk with (runs done, runs planned); for progress lines.
  std::function<void(int, int)> progress;
};

struct Counterexample {
  properties::PropertyId property;
  std::string message;
  traces::Trace trace;          // minimal, replayable
  std::size_t steps = 0;        // steps in the minimal trace
  std::size_t first_steps = 0;  // steps in the first failing case, before shrinking
  double seconds_to_first = 0;
  double seconds_to_minimal = 0;
  std::uint64_t chunk_seed = 0;
  int runs_before = 0;          // cases that passed before this one failed
  std::string source = "search";  // or the corpus file it came from
};

struct SearchStats {
  std::array<std::uint64_t, 20> verbs{};
  std::uint64_t steps = 0;
  std::uint64_t cases = 0;
  int deepest_user_ns = 0;
  int deepest_ima_ns = 0;
  std::size_t distinct_states = 0;
  std::array<std::uint64_t, properties::kPropertyCount> premises{};
};

struct SearchResult {
  std::vector<Counterexample> found;  // at most one per property
  SearchStats stats;
  int runs_done = 0;
  int runs_planned = 0;
  bool stopped_by_budget = false;
  double seconds = 0;
  std::string internal_error;  // non-empty: RapidCheck itself failed
};

SearchResult search(const SearchOptions& options);

// Looks for a strictly shorter counterexample of the same property (without
// container commands, a few hundred runs per length) and keeps the shortest.
void shorten(const SearchOptions& options, Counterexample& cx);

// The seed of chunk `chunk` of a campaign.
std::uint64_t chunk_seed(std::uint64_t campaign_seed, int chunk);
constexpr int kChunkRuns = 100;

}  // namespace imans::search
