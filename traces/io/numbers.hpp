#pragma once
// Numbers as the trace format writes them: decimal, or hex with 0x.
#include <cstdint>
#include <optional>
#include <string_view>

namespace imans::traces::io {

// Decimal or 0x-prefixed hex, at most `max`; nullopt otherwise (signs,
// spaces, overflow and empty digits included).
std::optional<std::uint64_t> parse_number(std::string_view s, std::uint64_t max);
// Hex with or without 0x (fsmagic=ef53), at most `max`.
std::optional<std::uint64_t> parse_hex(std::string_view s, std::uint64_t max);

}  // namespace imans::traces::io
