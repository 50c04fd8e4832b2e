#pragma once
// Read-only questions about a state, answered from the design's definition
// rather than by running the code paths, so that properties judge the paths
// instead of trusting them.
#include <cstdint>
#include <vector>

#include "model/design.hpp"
#include "model/state.hpp"
#include "model/step.hpp"
#include "model/world.hpp"

namespace imans {

// The namespace a task's securityfs writes act on first (none: a Berger task
// whose user namespace has no IMA namespace).
ImaNsId governing_ns(const State& s, const Design& d, const Task& task);

// The namespaces whose policies decide the task's accesses, nearest first, as
// the design defines the walk.
std::vector<ImaNsId> governing_chain(const State& s, const Design& d, const Task& task);

// One namespace's policy, evaluated alone for this subject and file with that
// namespace's keyring, as if it were the only one: the question the escape
// properties ask of init_ima_ns. No cached results are used.
struct AloneVerdict {
  bool denies = false;
  bool measures = false;
  bool audits = false;
  bool unmodelled = false;
  std::uint8_t measure_pcr = 10;
};
AloneVerdict evaluate_alone(const State& s, const Config& cfg, const World& w, ImaNsId ns,
                            const Task& task, FileId file, Verb verb, std::uint8_t max_hooks);

// Entries in a namespace's list, and audit records, for a file (any version
// when version is 0).
std::size_t measured_count(const State& s, ImaNsId ns, FileId file, std::uint32_t version = 0);
std::size_t audited_count(const State& s, ImaNsId ns, FileId file, std::uint32_t version = 0);

}  // namespace imans
