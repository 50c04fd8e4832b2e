// Token spellings of the policy language (ima_policy.c, ima.h, hash_info.c,
// ima_template.c).
#include "model/policy/names.hpp"

#include <algorithm>
#include <array>

namespace imans::policy {
namespace {

// Indexed by Func; the kernel's func_tokens[] come from the same enum.
constexpr std::array<std::string_view, 16> kFuncNames = {
    "NONE",          "FILE_CHECK",         "MMAP_CHECK",           "MMAP_CHECK_REQPROT",
    "BPRM_CHECK",    "CREDS_CHECK",        "POST_SETATTR",         "MODULE_CHECK",
    "FIRMWARE_CHECK", "KEXEC_KERNEL_CHECK", "KEXEC_INITRAMFS_CHECK", "POLICY_CHECK",
    "KEXEC_CMDLINE", "KEY_CHECK",          "CRITICAL_DATA",        "SETXATTR_CHECK",
};

constexpr std::array<std::string_view, 14> kFuncTokens = {
    "FILE_CHECK",         "MMAP_CHECK",           "MMAP_CHECK_REQPROT", "BPRM_CHECK",
    "CREDS_CHECK",        "MODULE_CHECK",         "FIRMWARE_CHECK",     "KEXEC_KERNEL_CHECK",
    "KEXEC_INITRAMFS_CHECK", "POLICY_CHECK",       "KEXEC_CMDLINE",      "KEY_CHECK",
    "CRITICAL_DATA",      "SETXATTR_CHECK",
};

// dont_audit is newest mainline (2025); accepted because a policy that uses
// it means something definite, and the matcher handles it like any dont_X.
struct ActionName {
  Action action;
  std::string_view name;
};
constexpr std::array<ActionName, 8> kActions = {{
    {kMeasure, "measure"},
    {kDontMeasure, "dont_measure"},
    {kAppraise, "appraise"},
    {kDontAppraise, "dont_appraise"},
    {kAudit, "audit"},
    {kDontAudit, "dont_audit"},
    {kHash, "hash"},
    {kDontHash, "dont_hash"},
}};
constexpr std::array<std::string_view, 8> kActionTokens = {
    "measure", "dont_measure", "appraise", "dont_appraise",
    "audit",   "dont_audit",   "hash",     "dont_hash",
};

struct MayName {
  MayMask bit;
  std::string_view name;
};
constexpr std::array<MayName, 4> kMays = {{
    {kMayExec, "MAY_EXEC"},
    {kMayWrite, "MAY_WRITE"},
    {kMayRead, "MAY_READ"},
    {kMayAppend, "MAY_APPEND"},
}};

struct HashAlgo {
  std::string_view name;
  bool available;
};
constexpr std::array<HashAlgo, kHashAlgoCount> kHashAlgos = {{
    {"md4", true},        {"md5", true},          {"sha1", true},         {"rmd160", true},
    {"sha256", true},     {"sha384", true},       {"sha512", true},       {"sha224", true},
    {"rmd128", false},    {"rmd256", false},      {"rmd320", false},      {"wp256", true},
    {"wp384", true},      {"wp512", true},        {"tgr128", false},      {"tgr160", false},
    {"tgr192", false},    {"sm3", true},          {"streebog256", true},  {"streebog512", true},
    {"sha3-256", true},   {"sha3-384", true},     {"sha3-512", true},
}};

constexpr std::array<std::string_view, kLsmFields> kLsmNames = {
    "obj_user", "obj_role", "obj_type", "subj_user", "subj_role", "subj_type",
};

constexpr std::array<TemplateDesc, 8> kTemplates = {{
    {"ima", "d|n"},
    {"ima-ng", "d-ng|n-ng"},
    {"ima-sig", "d-ng|n-ng|sig"},
    {"ima-ngv2", "d-ngv2|n-ng"},
    {"ima-sigv2", "d-ngv2|n-ng|sig"},
    {"ima-buf", "d-ng|n-ng|buf"},
    {"ima-modsig", "d-ng|n-ng|sig|d-modsig|modsig"},
    {"evm-sig", "d-ng|n-ng|evmsig|xattrnames|xattrlengths|xattrvalues|iuid|igid|imode"},
}};

constexpr std::array<std::string_view, 16> kTemplateFields = {
    "d",      "n",     "d-ng",       "d-ngv2",       "n-ng",         "sig",  "buf",  "d-modsig",
    "modsig", "evmsig", "xattrnames", "xattrlengths", "xattrvalues", "iuid", "igid", "imode",
};

}  // namespace

std::string_view func_name(Func func) {
  const auto index = static_cast<std::size_t>(func);
  return index < kFuncNames.size() ? kFuncNames[index] : std::string_view{};
}

std::optional<Func> parse_func(std::string_view token) {
  // Backward-compatible aliases the kernel still accepts.
  if (token == "PATH_CHECK") return Func::file_check;
  if (token == "FILE_MMAP") return Func::mmap_check;
  if (token == "NONE" || token == "POST_SETATTR") return std::nullopt;
  for (std::size_t i = 0; i < kFuncNames.size(); ++i) {
    if (kFuncNames[i] == token) return static_cast<Func>(i);
  }
  return std::nullopt;
}

std::span<const std::string_view> func_tokens() { return kFuncTokens; }

std::string_view action_name(std::uint16_t action) {
  for (const auto& a : kActions) {
    if (a.action == action) return a.name;
  }
  return {};
}

std::optional<Action> parse_action(std::string_view token) {
  for (const auto& a : kActions) {
    if (a.name == token) return a.action;
  }
  return std::nullopt;
}

std::span<const std::string_view> action_tokens() { return kActionTokens; }

std::string_view may_name(std::uint8_t bit) {
  for (const auto& m : kMays) {
    if (m.bit == bit) return m.name;
  }
  return {};
}

std::optional<MayMask> parse_may(std::string_view token) {
  for (const auto& m : kMays) {
    if (m.name == token) return m.bit;
  }
  return std::nullopt;
}

std::string_view hash_algo_name(std::size_t algo) {
  return algo < kHashAlgos.size() ? kHashAlgos[algo].name : std::string_view{};
}

std::optional<std::size_t> parse_hash_algo(std::string_view name) {
  for (std::size_t i = 0; i < kHashAlgos.size(); ++i) {
    if (kHashAlgos[i].name == name) return i;
  }
  return std::nullopt;
}

bool hash_algo_available(std::size_t algo) {
  return algo < kHashAlgos.size() && kHashAlgos[algo].available;
}

std::string_view lsm_field_name(LsmField field) {
  return kLsmNames[static_cast<std::size_t>(field)];
}

std::span<const TemplateDesc> builtin_templates() { return kTemplates; }

bool is_template_field(std::string_view field) {
  return std::find(kTemplateFields.begin(), kTemplateFields.end(), field) !=
         kTemplateFields.end();
}

}  // namespace imans::policy
