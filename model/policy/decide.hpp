#pragma once
// ima_match_policy(): for each action class (measure, appraise, audit, hash)
// the first matching rule, X or dont_X, decides; the result is their union.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "model/policy/match.hpp"
#include "model/policy/rule.hpp"

namespace imans::policy {

struct Decision {
  std::uint16_t action = 0;        // Action bits of the X rules that decided (no dont_ bits)
  std::uint32_t flags = 0;         // non-action Flag bits of the deciding rules
                                   // (kFlagDigsigRequired, kFlagPermitDirectio, ...)
  std::uint8_t pcr = kDefaultPcr;  // from the first matching measure rule
  std::string_view template_name;  // from the first matching measure rule; empty: default
  std::uint32_t appraise_algos = 0;  // from the deciding appraise rule
  int unmodelled_rule = -1;        // index of a rule whose LSM condition decided; -1: none
};

// wanted: the Action bits the caller asks about (ima_get_action asks for
// kMeasure|kAppraise|kAudit|kHash).
Decision ima_match_policy(std::span<const Rule> rules, const Subject& subject, const Inode& inode,
                          Func func, std::uint8_t mask, std::uint16_t wanted);
// The same, with the keyring name (KEY_CHECK) or data label (CRITICAL_DATA)
// the rules' keyrings= and label= are matched against.
Decision ima_match_policy(std::span<const Rule> rules, const Subject& subject, const Inode& inode,
                          Func func, std::uint8_t mask, std::uint16_t wanted,
                          std::optional<std::string_view> func_data);

// IMA_NONACTION_FLAGS restricted to the Flag bits a rule can carry: the
// flags a deciding rule adds to the decision.
constexpr std::uint32_t kNonActionFlags = kFlagDigsigRequired | kFlagPermitDirectio |
                                          kFlagModsigAllowed | kFlagCheckBlacklist |
                                          kFlagVerityRequired | kFlagSigv3Required;

}  // namespace imans::policy
