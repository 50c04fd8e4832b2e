#include "model/measurements/audit.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "model/measurements/hash.hpp"

namespace imans::measurements {

std::string untrusted_string(std::string_view s) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return c != '"' && u >= 0x21 && u <= 0x7e;
  });
  if (plain) return fmt::format("\"{}\"", s);
  std::string out;
  for (char c : s) out += fmt::format("{:02X}", static_cast<unsigned char>(c));
  return out;
}

std::string audit_line(std::uint32_t serial, std::string_view path,
                       std::span<const std::uint8_t> sha256) {
  return fmt::format("type=INTEGRITY_RULE msg=audit(0.000:{}): file={} hash=\"sha256:{}\"", serial,
                     untrusted_string(path), hex(sha256));
}

}  // namespace imans::measurements
