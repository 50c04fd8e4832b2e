// Lookup of the built-in rule lists compiled in from data/policies.
#include "model/policy/builtin.hpp"

#include "model/policy/builtin_table.hpp"

namespace imans::policy {

std::optional<std::string_view> builtin_policy_text(std::string_view name) {
  for (const auto& policy : builtin_policies()) {
    if (policy.name == name) return policy.text;
  }
  return std::nullopt;
}

std::vector<std::string_view> builtin_policy_names() {
  std::vector<std::string_view> names;
  for (const auto& policy : builtin_policies()) names.push_back(policy.name);
  return names;
}

}  // namespace imans::policy
