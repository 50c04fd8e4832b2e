// ima_validate_rule() (v6.x), plus the parse-time checks of ima_parse_rule()
// that look at two tokens at once (appraise_type against digest_type).
//
// The kernel makes some of those checks in token order: v6.x refuses
// digest_type=verity after appraise_type=imasig, and takes appraise_type=sigv3
// only after digest_type=verity. Yet it prints a rule back as
// "appraise_type=sigv3 digest_type=verity", which v6.x itself cannot read.
// We check the combination, not the order, so read-back output parses again.
#include <fmt/core.h>
#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

#include "model/policy/draft.hpp"
#include "model/policy/names.hpp"

namespace imans::policy {
namespace {

constexpr std::uint32_t kFileConditions = kFlagFunc | kFlagMask | kFlagInMask | kFlagFsmagic |
                                          kFlagFsuuid | kFlagFsname | kFlagFsSubtype | kFlagUid |
                                          kFlagEuid | kFlagGid | kFlagEgid | kFlagFowner |
                                          kFlagFgroup | kFlagPcr | kFlagTemplate | kFlagLsm;

// check_blacklist: v6.x before v6.6 allowed it only with modsig; v6.6+ takes
// it (as a no-op) on every signature appraisal. We follow v6.6+ here and
// require a signature in the combination checks below.
constexpr std::uint32_t kFileFuncAllowed =
    kFileConditions | kFlagDigsigRequired | kFlagPermitDirectio | kFlagAppraiseAlgos |
    kFlagVerityRequired | kFlagSigv3Required | kFlagCheckBlacklist;

constexpr std::uint32_t kKernelReadAllowed = kFileConditions | kFlagDigsigRequired |
                                             kFlagPermitDirectio | kFlagModsigAllowed |
                                             kFlagCheckBlacklist | kFlagAppraiseAlgos;

// The kernel keeps template= and the LSM conditions outside entry->flags, so
// its per-func flag lists never refuse them; only KEY_CHECK and CRITICAL_DATA
// refuse LSM conditions explicitly.
constexpr std::uint32_t kCmdlineAllowed =
    kFlagFunc | kFlagFsmagic | kFlagUid | kFlagFowner | kFlagFsuuid | kFlagEuid | kFlagPcr |
    kFlagFsname | kFlagFsSubtype | kFlagGid | kFlagEgid | kFlagFgroup | kFlagTemplate | kFlagLsm;
constexpr std::uint32_t kKeyAllowed =
    kFlagFunc | kFlagUid | kFlagGid | kFlagPcr | kFlagKeyrings | kFlagTemplate;
constexpr std::uint32_t kCriticalDataAllowed =
    kFlagFunc | kFlagUid | kFlagGid | kFlagPcr | kFlagLabel | kFlagTemplate;
constexpr std::uint32_t kSetxattrAllowed = kFlagFunc | kFlagAppraiseAlgos | kFlagLsm;

constexpr std::uint32_t kAppraiseOnly = kFlagDigsigRequired | kFlagModsigAllowed |
                                        kFlagSigv3Required | kFlagCheckBlacklist |
                                        kFlagAppraiseAlgos;

std::uint32_t allowed_flags(Func func) {
  switch (func) {
    case Func::none:
    case Func::file_check:
    case Func::mmap_check:
    case Func::mmap_check_reqprot:
    case Func::bprm_check:
    case Func::creds_check:
    case Func::post_setattr:
    case Func::firmware_check:
    case Func::policy_check:
      return kFileFuncAllowed;
    case Func::module_check:
    case Func::kexec_kernel_check:
    case Func::kexec_initramfs_check:
      return kKernelReadAllowed;
    case Func::kexec_cmdline:
      return kCmdlineAllowed;
    case Func::key_check:
      return kKeyAllowed;
    case Func::critical_data:
      return kCriticalDataAllowed;
    case Func::setxattr_check:
      return kSetxattrAllowed;
  }
  return 0;
}

struct FlagToken {
  Flag flag;
  std::string_view token;
};
// Most specific first: several flags can come from one token
// (appraise_type=imasig|modsig sets two), and the first listed names it.
constexpr std::array<FlagToken, 25> kFlagTokens = {{
    {kFlagKeyrings, "keyrings="},
    {kFlagLabel, "label="},
    {kFlagModsigAllowed, "appraise_type=imasig|modsig"},
    {kFlagSigv3Required, "appraise_type=sigv3"},
    {kFlagVerityRequired, "digest_type=verity"},
    {kFlagLsm,
     "LSM conditions (subj_user=, subj_role=, subj_type=, obj_user=, obj_role=, "
     "obj_type=)"},
    {kFlagDigsigRequired, "appraise_type="},
    {kFlagCheckBlacklist, "appraise_flag="},
    {kFlagAppraiseAlgos, "appraise_algos="},
    {kFlagPermitDirectio, "permit_directio"},
    {kFlagMask, "mask="},
    {kFlagInMask, "mask="},
    {kFlagFsmagic, "fsmagic="},
    {kFlagFsname, "fsname="},
    {kFlagFsSubtype, "fs_subtype="},
    {kFlagFsuuid, "fsuuid="},
    {kFlagUid, "uid="},
    {kFlagEuid, "euid="},
    {kFlagGid, "gid="},
    {kFlagEgid, "egid="},
    {kFlagFowner, "fowner="},
    {kFlagFgroup, "fgroup="},
    {kFlagPcr, "pcr="},
    {kFlagTemplate, "template="},
    {kFlagFunc, "func="},
}};

// The written token, among those that set a flag in `flags`, that comes
// first in the rule.
const FlagToken* first_written(const RuleDraft& d, std::uint32_t flags) {
  const FlagToken* best = nullptr;
  std::size_t best_column = 0;
  for (const auto& ft : kFlagTokens) {
    if ((flags & ft.flag) == 0) continue;
    const std::size_t column = d.column_of(ft.flag);
    if (best == nullptr || column < best_column) {
      best = &ft;
      best_column = column;
    }
  }
  return best;
}

std::string allowed_list(std::uint32_t allowed) {
  std::vector<std::string_view> tokens;
  for (const auto& ft : kFlagTokens) {
    if ((allowed & ft.flag) == 0 || ft.flag == kFlagFunc || ft.flag == kFlagInMask) continue;
    if (ft.flag == kFlagLsm) {
      tokens.emplace_back("subj_*/obj_*");
    } else {
      tokens.push_back(ft.token);
    }
  }
  return fmt::format("{}", fmt::join(tokens, ", "));
}

bool takes_kernel_read_options(Func func) {
  return func == Func::module_check || func == Func::kexec_kernel_check ||
         func == Func::kexec_initramfs_check;
}

ParseError not_allowed_with_func(const RuleDraft& d, const FlagToken& ft) {
  const Func func = d.rule.func;
  const std::size_t column = d.column_of(ft.flag);
  if (ft.flag == kFlagKeyrings) {
    return {column, "keyrings= is allowed only with func=KEY_CHECK"};
  }
  if (ft.flag == kFlagLabel) {
    return {column, "label= is allowed only with func=CRITICAL_DATA"};
  }
  if (ft.flag == kFlagModsigAllowed && !takes_kernel_read_options(func)) {
    return {column,
            "appraise_type=imasig|modsig is allowed only with func=MODULE_CHECK, "
            "KEXEC_KERNEL_CHECK or KEXEC_INITRAMFS_CHECK"};
  }
  if (func == Func::none) {
    return {column, fmt::format("{} is not allowed in a rule without func=", ft.token)};
  }
  return {column, fmt::format("{} is not allowed with func={}; such rules take only {}", ft.token,
                              func_name(func), allowed_list(allowed_flags(func)))};
}

std::optional<ParseError> check_action(const RuleDraft& d) {
  const Rule& r = d.rule;
  if (r.action == 0) {
    return ParseError{1,
                      "no action; a rule needs exactly one of measure, dont_measure, "
                      "appraise, dont_appraise, audit, dont_audit, hash, dont_hash"};
  }
  if (r.has(kFlagPcr) && r.action != kMeasure) {
    return ParseError{
        d.column_of(kFlagPcr),
        fmt::format("pcr= is allowed only on measure rules, not on {}", action_name(r.action))};
  }
  if (r.action != kAppraise && (r.flags & kAppraiseOnly) != 0) {
    const FlagToken* ft = first_written(d, r.flags & kAppraiseOnly);
    const std::string_view key = ft->token.substr(0, ft->token.find('=') + 1);
    return ParseError{
        d.column_of(ft->flag),
        fmt::format("{} is allowed only on appraise rules, not on {}", key, action_name(r.action))};
  }
  return std::nullopt;
}

std::optional<ParseError> check_func(const RuleDraft& d) {
  const Rule& r = d.rule;
  const std::size_t func_column = d.column_of(kFlagFunc);
  switch (r.func) {
    case Func::kexec_cmdline:
    case Func::key_check:
    case Func::critical_data:
      if (r.action != kMeasure && r.action != kDontMeasure) {
        return ParseError{func_column, fmt::format("func={} rules must be measure or "
                                                   "dont_measure, not {}",
                                                   func_name(r.func), action_name(r.action))};
      }
      break;
    case Func::setxattr_check:
      if (r.action != kAppraise) {
        return ParseError{func_column, fmt::format("func=SETXATTR_CHECK rules must be appraise, "
                                                   "not {}",
                                                   action_name(r.action))};
      }
      break;
    default:
      break;
  }
  if (const std::uint32_t extra = r.flags & ~allowed_flags(r.func); extra != 0) {
    return not_allowed_with_func(d, *first_written(d, extra));
  }
  if (r.func == Func::setxattr_check && !r.has(kFlagAppraiseAlgos)) {
    return ParseError{func_column,
                      "func=SETXATTR_CHECK needs appraise_algos= (the hash "
                      "algorithms allowed when writing security.ima)"};
  }
  return std::nullopt;
}

std::optional<ParseError> check_signature_options(const RuleDraft& d) {
  const Rule& r = d.rule;
  const bool verity = r.has(kFlagVerityRequired);
  if (r.has(kFlagCheckBlacklist) && !r.has(kFlagDigsigRequired)) {
    return ParseError{d.column_of(kFlagCheckBlacklist),
                      "appraise_flag=check_blacklist needs a signature requirement "
                      "(appraise_type=imasig, imasig|modsig or sigv3)"};
  }
  if (verity && (d.wrote_imasig || d.wrote_modsig)) {
    return ParseError{d.column_of(kFlagDigsigRequired),
                      fmt::format("appraise_type={} cannot be combined with digest_type=verity; "
                                  "fs-verity signatures are appraise_type=sigv3",
                                  d.wrote_modsig ? "imasig|modsig" : "imasig")};
  }
  if (d.wrote_sigv3 && !verity) {
    // Newest mainline (2026) also takes sigv3 for regular file hashes; v6.x
    // only for fs-verity, which is what we follow.
    return ParseError{d.column_of(kFlagSigv3Required),
                      "appraise_type=sigv3 needs digest_type=verity (v6.x kernels take sigv3 "
                      "signatures only for fs-verity digests)"};
  }
  if (r.action == kAppraise && verity && !r.has(kFlagDigsigRequired)) {
    return ParseError{d.column_of(kFlagVerityRequired),
                      "an appraise rule with digest_type=verity must require a signature: add "
                      "appraise_type=sigv3"};
  }
  return std::nullopt;
}

}  // namespace

std::optional<ParseError> validate_rule(const RuleDraft& draft) {
  if (auto error = check_action(draft)) return error;
  if (auto error = check_func(draft)) return error;
  return check_signature_options(draft);
}

}  // namespace imans::policy
