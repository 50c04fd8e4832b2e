#pragma once
// The search's commands: trace verbs whose arguments name tasks by position
// among the live ones (the newest, the n-th, or t0), so that every subsequence
// RapidCheck tries while shrinking still means something. A command whose
// precondition fails in the state it meets (no other task to join, t0 asked to
// exit) is skipped and left out of the printed trace.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <rapidcheck.h>

#include "model/design.hpp"
#include "model/state.hpp"
#include "model/step.hpp"
#include "search/world_gen.hpp"

namespace imans::search {

struct TaskSel {
  std::uint8_t how = 0;  // 0 the newest live task, 1 the n-th live task, 2 t0
  std::uint8_t n = 0;
};

struct Command {
  Verb verb = Verb::exec;
  TaskSel actor;
  TaskSel other;             // setns: whose namespace
  std::uint8_t flags = 0;    // clone, unshare
  NsType ns_type = NsType::mnt;
  std::uint32_t value = 0;   // setuid: uid; inject: allocations that succeed first
  std::uint8_t file = 0;     // index into the world's files (modulo their number)
  std::uint8_t key = 0;
  std::shared_ptr<const RuleTexts> rules;
  // A container: a clone that then becomes a container the way runtimes make
  // one (an unprivileged user, a new user and mount namespace, securityfs
  // mounted and IMA activated where the design has them), one step at a time.
  bool container = false;
  bool unprivileged = false;
  bool activate = false;
  // A faulted call: an allocation in it fails (after fault_skip succeed), and,
  // as callers do on ENOMEM, it is tried once more.
  bool fault = false;
  std::uint8_t fault_skip = 0;
};

std::ostream& operator<<(std::ostream& os, const Command& c);

// swarm: bit v set when verb v may be drawn in this case.
rc::Gen<Command> gen_command(const Design& d, std::uint32_t swarm = ~0U, bool containers = true);
// verbs: the verbs to draw from (bit v for Verb v); 0: a random subset per
// case (swarm testing).
rc::Gen<std::vector<Command>> gen_commands(const Design& d, int max_steps, bool containers = true,
                                           std::uint32_t verbs = 0);

// The step a command stands for in this state, or nullopt.
std::optional<Step> interpret(const Command& c, const State& s, const World& w);

// Runs a container command's steps in order through `run`, which returns the
// step's result, or nullptr to stop; a failed step ends the container.
void run_container(const Command& c, TaskId actor, const Design& d,
                   const std::function<const StepResult*(const Step&)>& run);

}  // namespace imans::search
