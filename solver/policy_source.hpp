#pragma once
// A policy named on the command line: a file in the kernel's syntax, or
// builtin:NAME for one of the kernel's built-in lists.
#include <string>
#include <variant>
#include <vector>

#include "model/policy/rule.hpp"

namespace imans::solver {

struct NamedPolicy {
  std::string name;                // as given
  std::vector<policy::Rule> rules;
};

// The error lists every line the parser refused (file:line:col: message), or
// says why the file could not be read or the builtin is unknown.
std::variant<NamedPolicy, std::string> load_policy(const std::string& spec);

}  // namespace imans::solver
