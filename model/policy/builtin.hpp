#pragma once
// The kernel's built-in rule lists (tcb, appraise_tcb, secure_boot, ...),
// shipped with imans as the rule files in data/policies and compiled in.
#include <optional>
#include <string_view>
#include <vector>

namespace imans::policy {

// The text of data/policies/<name>.policy, or nullopt.
std::optional<std::string_view> builtin_policy_text(std::string_view name);
// Every name builtin_policy_text knows, sorted.
std::vector<std::string_view> builtin_policy_names();

}  // namespace imans::policy
