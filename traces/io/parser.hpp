#pragma once
// What the statement parsers share: failures as values, the argument cursor,
// and the state a line is parsed in. Internal to traces/io.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "traces/io/lex.hpp"
#include "traces/io/status.hpp"
#include "traces/io/tasks.hpp"
#include "traces/trace.hpp"

namespace imans::traces::io {

// The arguments of one statement after its keyword or verb, read left to
// right. Messages name `usage`, so every error says what was expected.
class Args {
public:
  Args(std::span<const Token> tokens, std::size_t end_column, std::string usage)
      : tokens_(tokens), end_column_(end_column), usage_(std::move(usage)) {}

  [[nodiscard]] bool empty() const { return next_ >= tokens_.size(); }
  [[nodiscard]] const Token* peek() const { return empty() ? nullptr : &tokens_[next_]; }
  const Token& take() { return tokens_[next_++]; }
  [[nodiscard]] const std::string& usage() const { return usage_; }

  // For an argument that is not there: placed where it should have been.
  [[nodiscard]] Failure missing(std::string_view what) const;
  // A failure at `tok`; the usage is added unless the message says what was expected.
  [[nodiscard]] Failure at(const Token& tok, std::string_view message) const;
  [[nodiscard]] Status word(std::string_view what, const Token*& out);
  [[nodiscard]] Status number(std::string_view what, std::uint64_t max, std::uint64_t& out);
  // Nothing may follow the last argument.
  [[nodiscard]] Status end() const;

private:
  std::span<const Token> tokens_;
  std::size_t next_ = 0;
  std::size_t end_column_;
  std::string usage_;
};

// A statement is parsed with the trace built so far (its files and keys) and
// the tasks known at this line.
struct Context {
  Trace& trace;
  TaskTable& tasks;
  std::size_t line = 0;
};

// A declared file, bare or quoted.
[[nodiscard]] Status file_arg(const Context& cx, Args& args, FileId& out);
// A declared key.
[[nodiscard]] Status key_arg(const Context& cx, Args& args, KeyId& out);
// A task that exists at this line.
[[nodiscard]] Status task_arg(const Context& cx, Args& args, std::string_view what,
                              std::string& out);
// A token as it was written, for messages.
std::string shown(const Token& tok);
Failure bad_number(const Token& tok, std::string_view what, std::uint64_t max);

// The arguments of `line` after its first `skip` tokens.
inline Args args_after(const LexedLine& line, std::size_t skip, std::string usage) {
  return Args(std::span(line.tokens).subspan(skip), line.end_column, std::move(usage));
}

// The statements, each given its whole line. Each fills its output or returns
// why it cannot.
[[nodiscard]] Status parse_magic(const LexedLine& line);
[[nodiscard]] Status parse_design_line(Trace& trace, const LexedLine& line);
[[nodiscard]] Status parse_seed(Trace& trace, const LexedLine& line);
[[nodiscard]] Status parse_mutant(Trace& trace, const LexedLine& line);
// host-policy, file, key, host-key: appends to the world and trace.world_lines.
[[nodiscard]] Status parse_world_line(Context& cx, const LexedLine& line);
[[nodiscard]] bool is_world_keyword(std::string_view word);
[[nodiscard]] Status parse_step(Context& cx, const LexedLine& line, StepLine& out);
[[nodiscard]] Status parse_inject(const LexedLine& line, StepLine& out);
[[nodiscard]] Status parse_expect(Context& cx, const LexedLine& line, Expect& out);

}  // namespace imans::traces::io
