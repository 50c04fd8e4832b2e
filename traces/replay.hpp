#pragma once
// Running a trace on the model: every step is applied, every `=> outcome` and
// every `expect` is checked, every property judges every step. The first
// mismatch stops the run and names its line. The same trace always replays
// the same way.
#include <optional>
#include <string>
#include <vector>

#include "model/state.hpp"
#include "model/step.hpp"
#include "properties/check.hpp"
#include "traces/trace.hpp"

namespace imans::traces {

struct ReplayOptions {
  bool record_states = false;  // keep the namespace tree after every step
};

// What one statement did.
struct StepRecord {
  std::size_t statement = 0;  // index into Trace::statements
  Pos pos;
  std::string text;           // the statement as written
  bool is_expect = false;
  Errno outcome = Errno::ok;  // steps
  bool matched = true;        // the outcome or the expectation held
  std::string note;           // expects: what was found; steps: new task ids
  std::vector<properties::Violation> violations;  // found at this step
  std::string state;          // with record_states
};

// Where a property first failed, with the state to draw.
struct FirstViolation {
  properties::Violation violation;
  Pos pos;
  State state;
};

struct ReplayResult {
  enum class Status { ok, mismatch, error };
  Status status = Status::ok;
  Pos failed_at;
  std::string message;  // for mismatch and error
  std::vector<StepRecord> records;
  std::vector<FirstViolation> first_violations;  // in order of discovery
  properties::PropertySet violated;
  std::vector<std::string> task_names;  // by model task id
  State final_state;
  std::array<std::uint64_t, properties::kPropertyCount> premises{};
  std::size_t steps_run = 0;
};

ReplayResult replay(const Trace& trace, const ReplayOptions& options = {});

// "file:line:col: message" for a mismatch or an error.
std::string describe_failure(const Trace& trace, const ReplayResult& result);

}  // namespace imans::traces
