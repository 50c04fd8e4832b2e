#pragma once
// A canonical form of a state for counting distinct states: live objects are
// renumbered in the order a fixed walk from the tasks reaches them, and dead
// objects are left out, so two states that differ only in the ids of dead
// objects hash alike.
#include <cstdint>

#include "model/design.hpp"
#include "model/state.hpp"

namespace imans {

std::uint64_t canonical_hash(const State& s, const Config& cfg);

}  // namespace imans
