#include <fmt/format.h>

#include "traces/io/numbers.hpp"
#include "traces/io/parser.hpp"

namespace imans::traces::io {

std::string shown(const Token& tok) { return tok.quoted ? quoted(tok.text) : tok.text; }

Failure Args::missing(std::string_view what) const {
  std::size_t col = empty() ? end_column_ : tokens_[next_].column;
  return Failure{col, fmt::format("missing {}; expected `{}`", what, usage_)};
}

Failure Args::at(const Token& tok, std::string_view message) const {
  // A message that already says what was expected needs no usage after it.
  if (message.starts_with("expected") || message.find(" expected") != std::string_view::npos)
    return Failure{tok.column, std::string(message)};
  return Failure{tok.column, fmt::format("{}; expected `{}`", message, usage_)};
}

Status Args::word(std::string_view what, const Token*& out) {
  if (empty()) return missing(what);
  const Token& tok = take();
  if (tok.quoted)
    return at(tok, fmt::format("expected {} as a bare word, got the quoted string {}", what,
                               quoted(tok.text)));
  out = &tok;
  return std::nullopt;
}

Failure bad_number(const Token& tok, std::string_view what, std::uint64_t max) {
  return Failure{tok.column, fmt::format("bad number \"{}\" for {}; expected a decimal or 0x-hex "
                                         "number from 0 to {}",
                                         tok.text, what, max)};
}

Status Args::number(std::string_view what, std::uint64_t max, std::uint64_t& out) {
  const Token* tok = nullptr;
  if (auto f = word(what, tok)) return f;
  auto v = parse_number(tok->text, max);
  if (!v) return bad_number(*tok, what, max);
  out = *v;
  return std::nullopt;
}

Status Args::end() const {
  if (empty()) return std::nullopt;
  const Token& tok = tokens_[next_];
  return at(tok, fmt::format("unexpected {} at the end of the statement", shown(tok)));
}

Status file_arg(const Context& cx, Args& args, FileId& out) {
  if (args.empty()) return args.missing("file path");
  const Token& tok = args.take();
  FileId id = cx.trace.world.find_file(tok.text);
  if (id.none())
    return args.at(tok, fmt::format("unknown file {}: declare it with `file {}` before the first "
                                    "step",
                                    as_token(tok.text), as_token(tok.text)));
  out = id;
  return std::nullopt;
}

Status key_arg(const Context& cx, Args& args, KeyId& out) {
  const Token* tok = nullptr;
  if (auto f = args.word("key name", tok)) return f;
  KeyId id = cx.trace.world.find_key(tok->text);
  if (id.none())
    return args.at(*tok, fmt::format("unknown key {}: declare it with `key {}` or `host-key {}` "
                                     "before the first step",
                                     tok->text, tok->text, tok->text));
  out = id;
  return std::nullopt;
}

Status task_arg(const Context& cx, Args& args, std::string_view what, std::string& out) {
  const Token* tok = nullptr;
  if (auto f = args.word(what, tok)) return f;
  if (auto f = cx.tasks.check_exists(tok->text, tok->column)) return f;
  out = tok->text;
  return std::nullopt;
}

}  // namespace imans::traces::io
