// libFuzzer target for the policy parser. Beyond "does not crash", it checks
// what the rest of imans relies on:
//  - a rule that parses is well formed (one action, flags that agree with the
//    fields, options only where the kernel allows them to be written);
//  - format_rule() output parses back to an equal Rule and prints the same;
//  - errors carry a message and a column inside the rule;
//  - the matcher and the decision walk accept whatever the parser accepts.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/policy/decide.hpp"
#include "model/policy/match.hpp"
#include "model/policy/parse.hpp"

using namespace imans::policy;

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "policy_parse_fuzz: %s: [%.*s]\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

void check_well_formed(const Rule& rule, std::string_view text) {
  if (std::popcount(rule.action) != 1) fail("not exactly one action", text);
  if (rule.has(kFlagFunc) != (rule.func != Func::none)) fail("func flag disagrees", text);
  if (rule.func == Func::post_setattr) fail("internal func accepted", text);
  if (rule.has(kFlagMask) && rule.has(kFlagInMask)) fail("two mask kinds", text);
  if ((rule.has(kFlagMask) || rule.has(kFlagInMask)) != (std::popcount(rule.mask) == 1)) {
    fail("mask flag disagrees", text);
  }
  if (rule.has(kFlagUid) && rule.has(kFlagEuid)) fail("uid and euid", text);
  if (rule.has(kFlagGid) && rule.has(kFlagEgid)) fail("gid and egid", text);
  bool any_lsm = false;
  for (const auto& label : rule.lsm) any_lsm = any_lsm || !label.empty();
  if (rule.has(kFlagLsm) != any_lsm) fail("lsm flag disagrees", text);
  if (rule.pcr > 63) fail("pcr out of range", text);
  if (!rule.has(kFlagPcr) && rule.pcr != kDefaultPcr) fail("pcr without flag", text);
  if (rule.has(kFlagPcr) && rule.action != kMeasure) fail("pcr on non-measure", text);
  if (rule.has(kFlagTemplate) && rule.action != kMeasure) fail("template on non-measure", text);
  if (rule.has(kFlagTemplate) == rule.template_name.empty()) fail("template flag disagrees", text);
  if (rule.has(kFlagKeyrings) != !rule.keyrings.empty()) fail("keyrings flag disagrees", text);
  if (rule.has(kFlagKeyrings) && rule.func != Func::key_check) fail("keyrings misplaced", text);
  if (rule.has(kFlagLabel) != !rule.labels.empty()) fail("label flag disagrees", text);
  if (rule.has(kFlagLabel) && rule.func != Func::critical_data) fail("label misplaced", text);
  const std::uint32_t appraise_only =
      kFlagDigsigRequired | kFlagModsigAllowed | kFlagCheckBlacklist | kFlagAppraiseAlgos;
  if ((rule.flags & appraise_only) != 0 && rule.action != kAppraise) {
    fail("appraise option on another action", text);
  }
  if (rule.has(kFlagAppraiseAlgos) == (rule.appraise_algos == 0)) fail("algos disagree", text);
  if (rule.func == Func::setxattr_check && !rule.has(kFlagAppraiseAlgos)) {
    fail("SETXATTR_CHECK without algos", text);
  }
}

void check_round_trip(const Rule& rule, std::string_view text) {
  check_well_formed(rule, text);
  const std::string printed = format_rule(rule);
  auto again = parse_rule(printed);
  if (auto* error = std::get_if<ParseError>(&again)) {
    fail("format_rule output does not parse",
         printed + " <- " + std::string(text) + " : " + error->message);
  }
  const Rule& reparsed = std::get<Rule>(again);
  if (!(reparsed == rule)) fail("re-parsed rule differs", printed + " <- " + std::string(text));
  if (format_rule(reparsed) != printed) fail("format_rule not stable", printed);
}

void exercise_matcher(const std::vector<Rule>& rules, std::uint8_t seed) {
  Subject subject;
  subject.uid = seed;
  subject.euid = seed & 1U;
  subject.cap_setuid = (seed & 2U) != 0;
  Inode inode;
  inode.uid = seed & 4U;
  inode.fsmagic = (seed & 8U) != 0 ? 0x01021994 : 0xef53;
  const auto func = static_cast<Func>(seed % 16);
  const auto mask = static_cast<std::uint8_t>(1U << (seed % 4));
  for (const auto& rule : rules) (void)ima_match_rules(rule, subject, inode, func, mask, ".ima");
  const Decision d = ima_match_policy(rules, subject, inode, func, mask,
                                      kMeasure | kAppraise | kAudit | kHash, "selinux");
  if ((d.action & ~kDoMask) != 0) fail("dont_ bit in a decision", "");
  if (d.unmodelled_rule >= static_cast<int>(rules.size())) fail("bad unmodelled index", "");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // The input as one rule.
  auto parsed = parse_rule(text);
  if (auto* rule = std::get_if<Rule>(&parsed)) {
    check_round_trip(*rule, text);
  } else {
    const auto& error = std::get<ParseError>(parsed);
    if (error.message.empty()) fail("error without message", text);
    if (error.column < 1 || error.column > std::max<std::size_t>(size, 1)) {
      fail("error column outside the rule", text);
    }
  }

  // The input as a policy file.
  const PolicyFile file = parse_policy(text);
  std::vector<Rule> rules;
  for (const auto& line : file.rules) {
    check_round_trip(line.rule, line.text);
    rules.push_back(line.rule);
  }
  for (const auto& error : file.errors) {
    if (error.message.empty() || error.line < 1 || error.column < 1) fail("bad diagnostic", text);
  }
  exercise_matcher(rules, size > 0 ? data[0] : 0);
  return 0;
}
