#pragma once
// The kernel's policy syntax (ima_parse_rule): one rule per line, tokens
// separated by blanks, '#' lines are comments. What the kernel rejects with
// EINVAL is rejected here with the column and the kernel's reason.
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/policy/rule.hpp"

namespace imans::policy {

struct ParseError {
  std::size_t column = 1;  // 1-based, within the rule text
  std::string message;     // what was wrong and what was expected
};

// Parses one rule (no comment, no newline). The uid/gid values are the numbers
// as written; the model translates them in the writer's user namespace.
std::variant<Rule, ParseError> parse_rule(std::string_view text);

struct PolicyLine {
  std::size_t line = 0;  // 1-based
  Rule rule;
  std::string text;      // the line as written, trimmed
};

struct Diagnostic {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
};

// A whole policy file. Every bad line is reported, not only the first.
struct PolicyFile {
  std::vector<PolicyLine> rules;
  std::vector<Diagnostic> errors;
};
PolicyFile parse_policy(std::string_view text);

// The rule as the kernel prints it back (ima_policy_show, token order of
// section 1.7 of the policy notes), without the trailing space.
std::string format_rule(const Rule& rule);

}  // namespace imans::policy
