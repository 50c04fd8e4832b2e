#pragma once
// Reading a v1 trace. Every error names the file, line and column and says
// what was expected; nothing of a trace with a parse error is run.
#include <string>
#include <string_view>
#include <variant>

#include "traces/trace.hpp"

namespace imans::traces {

struct ParseError {
  std::string file;
  Pos pos;
  std::string message;  // what was wrong and what was expected
  // "file:line:col: error: message"
  [[nodiscard]] std::string to_string() const;
};

std::variant<Trace, ParseError> parse_trace(std::string_view text, std::string file_name);
// Reads the file; an unreadable file is a ParseError at 0:0.
std::variant<Trace, ParseError> read_trace(const std::string& path);

}  // namespace imans::traces
