#pragma once
// The spellings the kernel's policy language uses for hooks, actions, MAY_*
// bits, hash algorithms, templates and LSM fields. One table per kind, shared
// by the parser (to read them) and format_rule (to print them back).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "model/policy/rule.hpp"

namespace imans::policy {

// The name the kernel prints for a hook (func_tokens[] in ima_policy.c):
// "FILE_CHECK", ..., "POST_SETATTR"; "NONE" for Func::none.
std::string_view func_name(Func func);
// A func= value as the parser accepts it, including the aliases PATH_CHECK
// (FILE_CHECK) and FILE_MMAP (MMAP_CHECK). NONE and POST_SETATTR are internal
// and not accepted.
std::optional<Func> parse_func(std::string_view token);
// The func= values a policy may use, canonical spellings, in enum order.
std::span<const std::string_view> func_tokens();

// "measure", "dont_measure", ...; empty unless exactly one Action bit is set.
std::string_view action_name(std::uint16_t action);
std::optional<Action> parse_action(std::string_view token);
std::span<const std::string_view> action_tokens();

// "MAY_EXEC" for kMayExec, ...; empty for anything but a single bit.
std::string_view may_name(std::uint8_t bit);
std::optional<MayMask> parse_may(std::string_view token);

// enum hash_algo (include/uapi/linux/hash_info.h): index = enum value.
constexpr std::size_t kHashAlgoCount = 23;
std::string_view hash_algo_name(std::size_t algo);
std::optional<std::size_t> parse_hash_algo(std::string_view name);
// False for the algorithms the kernel names but can no longer compute
// (RIPEMD-128/256/320 and Tiger left the crypto API in v5.11), so
// appraise_algos= refuses them as crypto_has_alg() would.
bool hash_algo_available(std::size_t algo);

// "obj_user", ..., "subj_type".
std::string_view lsm_field_name(LsmField field);

// Templates (ima_template.c): the built-in descriptors and the field ids a
// format string may use.
struct TemplateDesc {
  std::string_view name;
  std::string_view format;
};
std::span<const TemplateDesc> builtin_templates();
bool is_template_field(std::string_view field);
// IMA_TEMPLATE_NUM_FIELDS_MAX
constexpr std::size_t kTemplateMaxFields = 15;

// The highest value pcr= takes: the kernel keeps measured PCRs in an
// unsigned long bitmap (64-bit hosts).
constexpr unsigned kMaxPcr = 63;

}  // namespace imans::policy
