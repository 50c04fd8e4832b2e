// ima_parse_rule() and ima_parse_add_rule(): split a rule into tokens and
// read them in order; the first bad token ends the parse, as in the kernel.
// Per-keyword reading is in read_token.cpp, whole-rule checks in validate.cpp.
#include "model/policy/parse.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <variant>

#include "model/policy/draft.hpp"
#include "model/policy/lex.hpp"

namespace imans::policy {
namespace {

using Outcome = std::optional<ParseError>;

// Bytes that cannot be part of one kernel rule: the kernel splits writes at
// '\n' and reads C strings (a NUL would silently cut the rule short), and a
// '\r' from a CRLF file would become part of the last token.
Outcome check_bytes(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') return ParseError{i + 1, "a rule is a single line; found a newline"};
    if (text[i] == '\0')
      return ParseError{i + 1,
                        "NUL byte in rule; the kernel would stop "
                        "reading the rule here"};
    if (text[i] == '\r') {
      return ParseError{i + 1,
                        "carriage return in rule; the kernel takes it as part of a "
                        "token (save the policy with LF line endings)"};
    }
  }
  return std::nullopt;
}

}  // namespace

std::variant<Rule, ParseError> parse_rule(std::string_view text) {
  if (auto error = check_bytes(text)) return std::move(*error);
  const auto tokens = split_tokens(text);
  if (tokens.empty()) {
    return ParseError{1,
                      "empty rule; expected an action (measure, dont_measure, appraise, "
                      "dont_appraise, audit, dont_audit, hash, dont_hash)"};
  }
  RuleDraft draft;
  for (const auto& token : tokens) {
    auto lexed = lex_token(token);
    if (auto* error = std::get_if<ParseError>(&lexed)) return std::move(*error);
    if (auto error = read_token(draft, std::get<Lexeme>(lexed))) return std::move(*error);
  }
  if (auto error = validate_rule(draft)) return std::move(*error);
  return std::move(draft.rule);
}

PolicyFile parse_policy(std::string_view text) {
  PolicyFile file;
  std::size_t line_number = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;

    // Like ima_parse_add_rule(): skip leading blanks, then comments and
    // empty lines.
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;

    auto parsed = parse_rule(line);
    if (auto* rule = std::get_if<Rule>(&parsed)) {
      const std::size_t last = line.find_last_not_of(" \t");
      file.rules.push_back(PolicyLine{line_number, std::move(*rule),
                                      std::string(line.substr(first, last - first + 1))});
    } else {
      auto& error = std::get<ParseError>(parsed);
      file.errors.push_back(Diagnostic{line_number, error.column, std::move(error.message)});
    }
  }
  return file;
}

}  // namespace imans::policy
