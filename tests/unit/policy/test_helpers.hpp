#pragma once
// Shared by the policy unit tests: parse a rule that must be valid, and read
// files of the source tree.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <variant>

#include "model/policy/parse.hpp"

namespace imans::policy::test {

inline Rule must_parse(std::string_view text) {
  auto parsed = parse_rule(text);
  if (auto* error = std::get_if<ParseError>(&parsed)) {
    FAIL_CHECK("rule \"" << std::string(text) << "\" rejected at column " << error->column << ": "
                         << error->message);
    return Rule{};
  }
  return std::get<Rule>(parsed);
}

inline ParseError must_fail(std::string_view text) {
  auto parsed = parse_rule(text);
  if (auto* error = std::get_if<ParseError>(&parsed)) return *error;
  FAIL_CHECK("rule \"" << std::string(text) << "\" was accepted");
  return ParseError{};
}

// A file of the source tree; IMANS_POLICY_SOURCE_ROOT comes from meson.
inline std::string read_source_file(const std::string& relative) {
  const std::string path = std::string(IMANS_POLICY_SOURCE_ROOT) + "/" + relative;
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace imans::policy::test
