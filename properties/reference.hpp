#pragma once
// The escape properties' reference run (background.md, "Properties"): the
// same trace on mainline, where init_ima_ns governs every task, fed with the
// design run's own history. It takes every step's effect on tasks,
// credentials, user namespaces and files from the design run, receives
// exactly the rules and keys the design gave init_ima_ns, and recomputes only
// init_ima_ns's own decisions for each access, with its own done flags, log and
// audit records, through the mainline model's own code path
// (kernel::process_measurement on a mainline State). The two runs side by side
// are the product the escape properties are judged on.
#include <cstddef>
#include <vector>

#include "model/design.hpp"
#include "model/state.hpp"
#include "model/step.hpp"
#include "model/world.hpp"

namespace imans::properties {

// What the reference made of one access: its outcome, and for each hook the
// log entries and audit records it added to init_ima_ns.
struct ReferenceAccess {
  bool access = false;
  Errno err = Errno::ok;
  std::size_t hooks_run = 0;
  std::vector<std::vector<Measurement>> measured;  // by hook
  std::vector<std::vector<AuditRecord>> audited;   // by hook
};

class ReferenceRun {
public:
  ReferenceRun(const World& world, const State& design_boot);

  // Follows one step of the design run: `before` and `after` are the design's
  // states around it.
  ReferenceAccess observe(const State& before, const Step& step, const StepResult& result,
                          const State& after);

  [[nodiscard]] const State& state() const { return s_; }

private:
  void take_history(const State& design);
  void take_files(const State& before, const Step& step, const StepResult& result,
                  const State& after);

  const World* world_;
  Config cfg_;  // mainline
  State s_;
};

}  // namespace imans::properties
