// Number, UUID and list syntaxes of policy values.
#include "model/policy/values.hpp"

#include <limits>

namespace imans::policy {
namespace {

int digit_value(char c, unsigned base) {
  int v = -1;
  if (c >= '0' && c <= '9') v = c - '0';
  if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
  if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
  return v >= 0 && static_cast<unsigned>(v) < base ? v : -1;
}

std::optional<std::uint64_t> parse_digits(std::string_view text, unsigned base) {
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : text) {
    const int d = digit_value(c, base);
    if (d < 0) return std::nullopt;
    if (value > (std::numeric_limits<std::uint64_t>::max() - static_cast<unsigned>(d)) / base) {
      return std::nullopt;  // ERANGE in the kernel: still a rejected rule
    }
    value = value * base + static_cast<unsigned>(d);
  }
  return value;
}

}  // namespace

std::optional<std::uint64_t> parse_decimal(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  return parse_digits(text, 10);
}

std::optional<std::int64_t> parse_signed_decimal(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const auto magnitude = parse_digits(text, 10);
  if (!magnitude || *magnitude > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
    return std::nullopt;  // kstrtoint: out of int range is an error too
  }
  const auto value = static_cast<std::int64_t>(*magnitude);
  return negative ? -value : value;
}

std::optional<std::uint64_t> parse_hex(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
  }
  return parse_digits(text, 16);
}

std::optional<std::array<std::uint8_t, 16>> parse_uuid(std::string_view text) {
  // The kernel's uuid_parse() checks the first 36 characters and ignores
  // anything after them; we refuse trailing text, which can only be a typo.
  if (text.size() != 36) return std::nullopt;
  std::array<std::uint8_t, 16> bytes{};
  std::size_t out = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return std::nullopt;
      ++i;
      continue;
    }
    const int hi = digit_value(text[i], 16);
    const int lo = i + 1 < text.size() ? digit_value(text[i + 1], 16) : -1;
    if (hi < 0 || lo < 0 || i + 1 == 8 || i + 1 == 13 || i + 1 == 18 || i + 1 == 23) {
      return std::nullopt;
    }
    bytes[out++] = static_cast<std::uint8_t>(hi * 16 + lo);
    i += 2;
  }
  return bytes;
}

std::vector<std::string_view> split_list(std::string_view text, char sep) {
  std::vector<std::string_view> items;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(sep, start);
    if (end == std::string_view::npos) {
      items.push_back(text.substr(start));
      return items;
    }
    items.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace imans::policy
