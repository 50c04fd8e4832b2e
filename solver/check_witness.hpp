#pragma once
// A witness is only as good as its replay: the trace must run green on the
// model and the model's own checker must find the same violation.
#include <string>

#include "solver/escape.hpp"
#include "traces/trace.hpp"

namespace imans::solver {

// Empty when the trace replays (every outcome and expectation matched) and
// the property is violated; otherwise what went wrong.
std::string check_witness(const traces::Trace& trace, Escape property);

}  // namespace imans::solver
