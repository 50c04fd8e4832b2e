#pragma once
// Reading records back in the tests, independently of the writer.
#include <cstdint>
#include <string>
#include <string_view>

#include "model/measurements/hash.hpp"

namespace imans::test {

inline measurements::Bytes unhex(std::string_view h) {
  measurements::Bytes out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
  return out;
}

inline std::uint32_t u32_at(const measurements::Bytes& b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

inline measurements::Bytes slice(const measurements::Bytes& b, std::size_t at, std::size_t n) {
  return measurements::Bytes(b.begin() + static_cast<long>(at), b.begin() + static_cast<long>(at + n));
}

inline std::string text(const measurements::Bytes& b, std::size_t at, std::size_t n) {
  return std::string(b.begin() + static_cast<long>(at), b.begin() + static_cast<long>(at + n));
}

}  // namespace imans::test
