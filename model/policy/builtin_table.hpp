#pragma once
// The table embed_policies.py generates from data/policies at build time.
#include <span>
#include <string_view>

namespace imans::policy {

struct BuiltinPolicy {
  std::string_view name;  // the file's stem: "tcb" for tcb.policy
  std::string_view text;
};

// Sorted by name.
std::span<const BuiltinPolicy> builtin_policies();

}  // namespace imans::policy
