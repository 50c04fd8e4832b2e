#include "solver/check_witness.hpp"

#include <fmt/format.h>

#include "traces/replay.hpp"

namespace imans::solver {

std::string check_witness(const traces::Trace& trace, Escape property) {
  const traces::ReplayResult r = traces::replay(trace);
  if (r.status != traces::ReplayResult::Status::ok)
    return fmt::format("the witness does not replay: {}", traces::describe_failure(trace, r));
  if (!r.violated.test(properties::index(property_of(property))))
    return fmt::format("the witness replays but the model finds no {} violation",
                       escape_name(property));
  return {};
}

}  // namespace imans::solver
