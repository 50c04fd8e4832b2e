#pragma once
// After RapidCheck has shrunk the command sequence, the trace is made
// 1-minimal at the level of steps (no single step can be removed and the
// property still fail: a container command expands to several steps, not all
// of them needed), a clone whose child can be its parent is folded away,
// and world lines nothing uses are dropped.
#include "properties/ids.hpp"
#include "traces/trace.hpp"

namespace imans::search {

traces::Trace minimize_trace(const traces::Trace& trace, properties::PropertyId property);

}  // namespace imans::search
