#include "traces/io/tasks.hpp"

#include <array>

#include <fmt/format.h>

namespace imans::traces::io {
namespace {

// Words that begin other statements: a task so named would make lines ambiguous.
constexpr std::array<std::string_view, 10> kReserved{
    "imans-trace", "design", "seed", "mutant", "host-policy",
    "file",        "key",    "host-key", "expect", "inject"};

}  // namespace

bool is_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

TaskTable::TaskTable() { tasks_.emplace("t0", Entry{State::live, 0}); }

std::string TaskTable::live_names() const {
  std::string out;
  for (const auto& [name, e] : tasks_) {
    if (e.state != State::live) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

Status TaskTable::check_exists(std::string_view name, std::size_t column) const {
  auto it = tasks_.find(name);
  if (it == tasks_.end())
    return Failure{column, fmt::format("unknown task \"{}\"; tasks here: {} (a task comes into "
                                       "being with `clone <name>`)",
                                       name, live_names())};
  switch (it->second.state) {
    case State::live:
      return std::nullopt;
    case State::exited:
      return Failure{column, fmt::format("task {} exited at line {}; tasks here: {}", name,
                                         it->second.line, live_names())};
    case State::never_born:
      return Failure{column, fmt::format("task {} does not exist: its clone at line {} is "
                                         "written to fail; tasks here: {}",
                                         name, it->second.line, live_names())};
  }
  return std::nullopt;
}

Status TaskTable::check_new_name(std::string_view name, std::size_t column) const {
  if (!is_name(name))
    return Failure{column, fmt::format("bad task name \"{}\"; expected letters, digits, '_', "
                                       "'-' or '.'",
                                       name)};
  for (auto r : kReserved)
    if (name == r)
      return Failure{column, fmt::format("\"{}\" starts other statements and cannot name a task",
                                         name)};
  auto it = tasks_.find(name);
  if (it != tasks_.end() && it->second.state == State::live) {
    if (it->second.line == 0)
      return Failure{column, fmt::format("task {} exists from the start; expected a new name",
                                         name)};
    return Failure{column, fmt::format("task {} already exists (cloned at line {}); expected a "
                                       "new name",
                                       name, it->second.line)};
  }
  return std::nullopt;
}

void TaskTable::born(const std::string& name, std::size_t line) {
  tasks_[name] = Entry{State::live, line};
}

void TaskTable::never_born(const std::string& name, std::size_t line) {
  tasks_[name] = Entry{State::never_born, line};
}

void TaskTable::exited(const std::string& name, std::size_t line) {
  tasks_[name] = Entry{State::exited, line};
}

}  // namespace imans::traces::io
