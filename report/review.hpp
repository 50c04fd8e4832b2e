#pragma once
// A design review: for each design, the corpus, the random search and (when a
// prover is attached) the proofs; the mutant matrix; the comparisons of the
// kernel's built-in policies. This is the data every report format renders.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/design.hpp"
#include "properties/check.hpp"
#include "search/mutants.hpp"
#include "search/search.hpp"
#include "traces/trace.hpp"

namespace imans::report {

enum class Budget { quick, standard, thorough };
std::optional<Budget> parse_budget(std::string_view name);
std::string_view budget_name(Budget b);

struct Parameters {
  Budget budget = Budget::standard;
  std::uint64_t seed = 20261128;
  int runs = 0;        // per design
  int max_steps = 0;
  int mutant_runs = 0;
  int proof_depth = 0;  // bounded proofs up to this depth
  int proof_rules = 0;  // rules per level
  unsigned proof_timeout_ms = 0;
};
Parameters parameters_for(Budget b, std::uint64_t seed);

// How one cell of the matrix was decided.
enum class Verdict {
  violated,           // a counterexample (from the corpus, the search, or a solver witness)
  proved_every_depth, // Z3: bounded base case and inductive step both UNSAT
  proved_to_depth,    // Z3: UNSAT for every depth up to `depth`
  held_random,        // the search found nothing in `runs` traces of up to `max_steps` steps
  unknown,            // the prover gave up and nothing was found
};

struct Evidence {
  std::string trace_file;  // relative to the report directory
  std::string graph_file;  // SVG of the state where the property failed
  std::string svg;         // inline copy of the drawing
  traces::Trace trace;
  std::string message;
  std::size_t steps = 0;
  std::size_t failing_line = 0;
  std::string source;      // "search", "solver", or the corpus file
};

struct Cell {
  properties::PropertyId property;
  Verdict verdict = Verdict::unknown;
  std::string how;   // "proved for every depth (Z3, 0.21 s)", "held over 20000 random traces of up to 40 steps", ...
  std::optional<Evidence> evidence;
  bool expected_violated = false;  // background.md's verdict for this preset
  bool has_expectation = false;
  std::uint64_t premises = 0;      // steps that exercised the property's premise
  double seconds = 0;
};

struct DesignReview {
  Config config;
  std::string name;        // preset name or the design file's name
  std::string summary;
  std::string trade_off;
  std::string expectation_reason;
  std::vector<Cell> cells;  // one per property, in property order
  search::SearchStats stats;
  int runs_done = 0;
  double search_seconds = 0;
  int corpus_replayed = 0;
  std::vector<std::string> corpus_stale;
  double seconds = 0;
};

struct PolicyComparison {
  std::string stricter;  // A
  std::string than;      // B
  bool measure = false, appraise = false, audit = false;  // A at least as strict as B
  std::string witness;   // an access that tells them apart, when not
};

struct Review {
  Parameters params;
  std::vector<DesignReview> designs;
  std::vector<search::MutantVerdict> mutants;
  std::vector<PolicyComparison> policies;
  std::string started;   // UTC, ISO 8601
  double seconds = 0;
  std::string versions;  // imans, compiler, libraries
  std::vector<std::string> notes;
};

// Proves one design's properties; attached by whoever links a prover (the
// solver library), so report/ does not depend on it.
struct ProofOutcome {
  Verdict verdict = Verdict::unknown;
  int depth = 0;
  double seconds = 0;
  std::string detail;                    // e.g. "base UNSAT, step UNSAT"
  std::optional<traces::Trace> witness;  // when violated
};
using Prover = std::function<ProofOutcome(const Config&, properties::PropertyId, const Parameters&)>;
using PolicyComparer = std::function<std::vector<PolicyComparison>()>;

struct ReviewRequest {
  std::vector<std::pair<std::string, Config>> designs;  // name, design
  properties::PropertySet properties = properties::every_property();
  Parameters params;
  Prover prover;             // may be empty
  PolicyComparer comparer;   // may be empty
  std::vector<std::string> corpus_dirs;
  std::function<void(const std::string&)> progress;  // one line per phase
};

Review run_review(const ReviewRequest& request);

// The properties a prover can decide (the escape properties).
bool provable(properties::PropertyId id);

}  // namespace imans::report
