#include "traces/io/numbers.hpp"

namespace imans::traces::io {
namespace {

std::optional<unsigned> digit_value(char c, unsigned base) {
  unsigned v = 0;
  if (c >= '0' && c <= '9')
    v = static_cast<unsigned>(c - '0');
  else if (c >= 'a' && c <= 'f')
    v = static_cast<unsigned>(c - 'a' + 10);
  else if (c >= 'A' && c <= 'F')
    v = static_cast<unsigned>(c - 'A' + 10);
  else
    return std::nullopt;
  if (v >= base) return std::nullopt;
  return v;
}

std::optional<std::uint64_t> digits(std::string_view s, unsigned base, std::uint64_t max) {
  if (s.empty()) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    auto d = digit_value(c, base);
    if (!d) return std::nullopt;
    if (*d > max || v > (max - *d) / base) return std::nullopt;
    v = v * base + *d;
  }
  return v;
}

bool has_hex_prefix(std::string_view s) { return s.starts_with("0x") || s.starts_with("0X"); }

}  // namespace

std::optional<std::uint64_t> parse_number(std::string_view s, std::uint64_t max) {
  if (has_hex_prefix(s)) return digits(s.substr(2), 16, max);
  return digits(s, 10, max);
}

std::optional<std::uint64_t> parse_hex(std::string_view s, std::uint64_t max) {
  if (has_hex_prefix(s)) s.remove_prefix(2);
  return digits(s, 16, max);
}

}  // namespace imans::traces::io
