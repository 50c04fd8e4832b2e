#pragma once
// The executable model: boot a design's initial state, then apply steps.
#include "model/design.hpp"
#include "model/state.hpp"
#include "model/step.hpp"
#include "model/world.hpp"

namespace imans {

// The state after boot: init_user_ns, the initial mount namespace (from
// create_mnt_ns), init_ima_ns with the host policy and keys, the initial
// nsproxy, and t0, global root.
State boot(const Config& cfg, const World& world);

// Runs one step. The caller (a trace, a generator) guarantees that the acting
// task exists and is alive.
StepResult apply(State& state, const Config& cfg, const World& world, const Step& step);

// The static counts the initial objects are born with and that no holder
// stands behind (init_ima_ns is KREF_INIT(2), init_user_ns REFCOUNT_INIT(3),
// ...). Zero for every other object.
std::int32_t static_bias(const Config& cfg, ObjRef object);

}  // namespace imans
