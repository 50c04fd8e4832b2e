// ima_match_policy(): walk the rules once; the first matching rule of each
// action class decides that class (section 2.2 of the policy notes).
#include "model/policy/decide.hpp"

namespace imans::policy {
namespace {

// The class a rule belongs to, as the mask of its action and its twin:
// measure and dont_measure close the same class.
std::uint16_t action_class(std::uint16_t action) {
  const bool is_do = (action & kDoMask) != 0;
  return static_cast<std::uint16_t>(is_do ? action | (action << 1) : action | (action >> 1));
}

}  // namespace

Decision ima_match_policy(std::span<const Rule> rules, const Subject& subject, const Inode& inode,
                          Func func, std::uint8_t mask, std::uint16_t wanted) {
  return ima_match_policy(rules, subject, inode, func, mask, wanted, std::nullopt);
}

Decision ima_match_policy(std::span<const Rule> rules, const Subject& subject, const Inode& inode,
                          Func func, std::uint8_t mask, std::uint16_t wanted,
                          std::optional<std::string_view> func_data) {
  Decision decision;
  // Each wanted action plus its dont_ twin; a class leaves the mask once a
  // rule of it matched.
  auto open = static_cast<std::uint16_t>(wanted | (wanted << 1));

  for (std::size_t i = 0; i < rules.size() && open != 0; ++i) {
    const Rule& rule = rules[i];
    if ((rule.action & open) == 0) continue;

    const Match match = ima_match_rules(rule, subject, inode, func, mask, func_data);
    if (match == Match::no) continue;
    if (match == Match::unmodelled) {
      // This rule would decide its class if its LSM labels matched; what
      // follows cannot be known, so stop and say which rule it was.
      decision.unmodelled_rule = static_cast<int>(i);
      break;
    }

    // dont_ rules pass on their option flags too, as the kernel does.
    decision.flags |= rule.flags & kNonActionFlags;
    decision.action |= static_cast<std::uint16_t>(rule.action & kDoMask);
    if ((rule.action & kAppraise) != 0) {
      // Appraisal keeps security.ima up to date itself.
      decision.action &= static_cast<std::uint16_t>(~kHash);
      if (rule.has(kFlagAppraiseAlgos)) decision.appraise_algos = rule.appraise_algos;
    }
    open &= static_cast<std::uint16_t>(~action_class(rule.action));

    // Only measure rules carry pcr= and template=, and the measure class
    // closes at its first match, so these come from that rule.
    if (rule.has(kFlagPcr)) decision.pcr = rule.pcr;
    if (rule.has(kFlagTemplate)) decision.template_name = rule.template_name;
  }
  return decision;
}

}  // namespace imans::policy
