#pragma once
// imans prove's engine: bounded queries for depths 1..K and the induction
// step, per escape property, with witnesses turned into replayable traces.
#include <z3++.h>

#include <optional>
#include <string>
#include <vector>

#include "model/design.hpp"
#include "solver/chain.hpp"
#include "solver/escape.hpp"
#include "solver/witness.hpp"

namespace imans::solver {

enum class Answer { unsat, sat, unknown };
std::string_view to_string(Answer a);

struct Query {
  std::string what;  // "depth 3", "induction step"
  int depth = 0;     // 0 for the step
  Answer answer = Answer::unknown;
  double ms = 0;     // solver time for the query itself
  std::string note;  // unknown: Z3's reason; unsat at an unreachable depth: why
};

enum class Verdict { proved_every_depth, proved_to_depth, violated, unknown };
std::string_view to_string(Verdict v);

// One question asked depth by depth, then by induction.
struct Track {
  Verdict verdict = Verdict::unknown;
  int depth = 0;  // violated: where; proved_to_depth: K; unknown: the deepest proved depth
  std::vector<Query> queries;
  std::string step_note;  // why the induction step did not prove it
};

struct PropertyReport {
  Escape property = Escape::appraisal;
  // The property as the model judges it.
  Verdict verdict = Verdict::unknown;
  int depth = 0;
  std::vector<Query> queries;
  std::string step_note;
  // Only violations that the same subject, file and access, made by a task
  // that never left init_ima_ns, would not have: escapes through namespacing.
  // Asked where the property is violated; otherwise implied by it.
  Track through_namespaces;
  // The witness: of an escape through namespaces when there is one, else of
  // the model's violation.
  std::optional<Witness> witness;
  std::optional<traces::Trace> trace;
  std::string trace_text;
  bool witness_through_namespaces = false;
  std::string witness_problem;  // the witness could not be made a trace that replays as claimed
  std::string premise_note;     // non-empty: the premise never holds, so a proof is vacuous
};

struct ProveOptions {
  Design design;
  std::vector<Escape> properties;
  int depth = 8;
  int rules = 4;
  unsigned timeout_ms = 10000;
  HostSpec host;
};

struct ProveReport {
  std::vector<PropertyReport> properties;
  std::vector<double> encode_ms;  // per depth, building the encoding
  std::string error;              // non-empty: nothing was proved (bad host policy, ...)
};

ProveReport prove(z3::context& c, const ProveOptions& options);

// Runs a query with the solver's timeout; ms is filled in.
Answer timed_check(z3::solver& s, double& ms);

}  // namespace imans::solver
