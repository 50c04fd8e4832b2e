#pragma once
// The search's commands: trace verbs whose arguments name tasks by position
// among the live ones (the newest, the n-th, or t0), so that every subsequence
// RapidCheck tries while shrinking still means something. A command whose
// precondition fails in the state it meets (no other task to join, t0 asked to
// exit) is skipped and left out of the printed trace.
#include <cstdint>
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
};

std::ostream& operator<<(std::ostream& os, const Command& c);

rc::Gen<Command> gen_command(const Design& d);
rc::Gen<std::vector<Command>> gen_commands(const Design& d);

// The step a command stands for in this state, or nullopt.
std::optional<Step> interpret(const Command& c, const State& s, const World& w);

}  // namespace imans::search
