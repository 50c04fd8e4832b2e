#pragma once
// Value syntaxes of the policy language, read the way the kernel's helpers
// read them (kstrtoul, kstrtoint, uuid_parse, the '|' option lists).
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace imans::policy {

// kstrtoul(s, 10): an optional '+', then decimal digits only; nullopt on
// anything else or on overflow.
std::optional<std::uint64_t> parse_decimal(std::string_view text);
// kstrtoint(s, 10): as above, with an optional '-' too.
std::optional<std::int64_t> parse_signed_decimal(std::string_view text);
// kstrtoul(s, 16): an optional '+', an optional 0x/0X, then hex digits.
std::optional<std::uint64_t> parse_hex(std::string_view text);
// xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, either case, bytes in text order.
std::optional<std::array<std::uint8_t, 16>> parse_uuid(std::string_view text);
// Splits at sep; keeps empty items so the caller can refuse them.
std::vector<std::string_view> split_list(std::string_view text, char sep);

}  // namespace imans::policy
