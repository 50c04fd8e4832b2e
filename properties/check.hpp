#pragma once
// Judging a run step by step. A Checker sees the state before a step, the
// step, what the kernel reported, and the state after, and says which
// properties the step violates. Violations are sticky: a trace that violated a
// property once violates it from then on. The Checker keeps the little history
// some properties need (the accesses made before a namespace had a policy), as
// a TLA+ spec keeps history variables; it is a value, copied with the state.
#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/design.hpp"
#include "model/policy/match.hpp"
#include "model/state.hpp"
#include "model/step.hpp"
#include "model/world.hpp"
#include "properties/ids.hpp"
#include "properties/reference.hpp"

namespace imans::properties {

using PropertySet = std::bitset<kPropertyCount>;
PropertySet every_property();
inline std::size_t index(PropertyId id) { return static_cast<std::size_t>(id); }

struct Violation {
  PropertyId property = PropertyId::refcount_exact;
  std::string message;          // what is wrong, with object ids and counts
  std::vector<ObjRef> objects;  // the objects involved, for drawings
};

// An access made inside a namespace before any policy was written to it.
struct PendingAccess {
  ImaNsId ns;
  FileId file;
  std::uint32_t version = 0;
  Verb verb = Verb::exec;
  std::uint8_t hooks = 0;
  policy::Subject subject;
};

struct StepView {
  const Config& cfg;
  const World& world;
  const State& before;
  const Step& step;
  const StepResult& result;
  const State& after;
  // The reference run's view of the same step (escape properties), with its
  // whole list and records so far.
  const ReferenceAccess* ref = nullptr;
  const std::vector<Measurement>& ref_log;
  const std::vector<AuditRecord>& ref_audit;
};

class Checker {
public:
  Checker(const Config& cfg, const World& world, PropertySet enabled = every_property());

  // Judges the state right after boot (counts the initial objects start with).
  std::vector<Violation> start(const State& boot);
  // Judges one step.
  std::vector<Violation> observe(const State& before, const Step& step, const StepResult& result,
                                 const State& after);

  [[nodiscard]] const PropertySet& violated() const { return violated_; }
  [[nodiscard]] bool holds() const { return violated_.none(); }
  // How many steps exercised each property's premise (evidence against vacuity).
  [[nodiscard]] const std::array<std::uint64_t, kPropertyCount>& premises() const {
    return premises_;
  }

private:
  const Config* cfg_;
  const World* world_;
  PropertySet enabled_;
  PropertySet violated_;
  std::array<std::uint64_t, kPropertyCount> premises_{};
  std::vector<PendingAccess> pending_;
  std::optional<ReferenceRun> reference_;  // made at start(): it copies the boot state
  std::size_t freed_ = 0;         // tombstones after the last step
  std::size_t freed_before_ = 0;  // ... and before it
};

}  // namespace imans::properties
