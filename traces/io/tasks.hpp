#pragma once
// Which task names exist at a point of a trace, as far as the text tells:
// `t0` from the start, a name from its `clone` on, until its `exit`. Whether a
// clone succeeds is only known when replaying; a clone written to fail
// (`=> EPERM`) introduces nothing.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "traces/io/status.hpp"

namespace imans::traces::io {

// Letters, digits, '_', '-', '.': names (tasks, keys) must never be mistaken
// for ns-refs, options or outcomes.
bool is_name(std::string_view s);

class TaskTable {
public:
  TaskTable();

  [[nodiscard]] Status check_exists(std::string_view name, std::size_t column) const;
  [[nodiscard]] Status check_new_name(std::string_view name, std::size_t column) const;

  void born(const std::string& name, std::size_t line);
  void never_born(const std::string& name, std::size_t line);
  void exited(const std::string& name, std::size_t line);

private:
  enum class State : unsigned char { live, exited, never_born };
  struct Entry {
    State state = State::live;
    std::size_t line = 0;  // of the statement that set the state; 0 for t0
  };
  [[nodiscard]] std::string live_names() const;
  std::map<std::string, Entry, std::less<>> tasks_;
};

}  // namespace imans::traces::io
