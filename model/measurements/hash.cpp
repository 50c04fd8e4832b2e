#include "model/measurements/hash.hpp"

#include <openssl/evp.h>

namespace imans::measurements {

std::size_t digest_size(Bank b) { return b == Bank::sha1 ? 20 : 32; }

std::string_view bank_name(Bank b) { return b == Bank::sha1 ? "sha1" : "sha256"; }

std::optional<Bytes> hash(Bank b, std::span<const std::uint8_t> data) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  const EVP_MD* md = b == Bank::sha1 ? EVP_sha1() : EVP_sha256();
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1) return std::nullopt;
  out.resize(len);
  return out;
}

std::optional<Bytes> hash(Bank b, std::string_view text) {
  return hash(b, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

std::string hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (std::uint8_t c : bytes) {
    s += kDigits[c >> 4];
    s += kDigits[c & 0xf];
  }
  return s;
}

Bytes bytes_of(std::string_view text) { return Bytes(text.begin(), text.end()); }

void append(Bytes& out, std::span<const std::uint8_t> data) {
  out.insert(out.end(), data.begin(), data.end());
}

void append(Bytes& out, std::string_view text) { out.insert(out.end(), text.begin(), text.end()); }

void append_u32(Bytes& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

}  // namespace imans::measurements
