#pragma once
// The state as a namespace tree with reference counts, for `replay --state`
// and for reports.
#include <string>
#include <string_view>
#include <vector>

#include "model/design.hpp"
#include "model/state.hpp"
#include "model/world.hpp"

namespace imans {

// task_names[i] names task i (from the trace); missing names print as "task#i".
std::string format_state(const State& s, const Config& cfg, const World& w,
                         const std::vector<std::string>& task_names);

std::string task_name(const std::vector<std::string>& names, TaskId t);

}  // namespace imans
