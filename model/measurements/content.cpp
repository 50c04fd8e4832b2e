#include "model/measurements/content.hpp"

#include <algorithm>

namespace imans::measurements {

std::string synthetic_content(std::string_view path, std::uint32_t version) {
  std::string s = "imans synthetic content\npath=";
  s += path;
  s += "\nversion=" + std::to_string(version) + "\n";
  return s;
}

std::optional<Bytes> content_digest(Bank b, std::string_view path, std::uint32_t version) {
  return hash(b, synthetic_content(path, version));
}

std::optional<std::array<std::uint8_t, 4>> synthetic_keyid(std::string_view key_name) {
  const auto d = hash(Bank::sha1, key_name);
  if (!d) return std::nullopt;
  std::array<std::uint8_t, 4> id{};
  std::copy(d->end() - 4, d->end(), id.begin());
  return id;
}

std::optional<Bytes> synthetic_signature(std::string_view key_name,
                                         std::span<const std::uint8_t> signed_sha256) {
  const auto keyid = synthetic_keyid(key_name);
  if (!keyid) return std::nullopt;
  Bytes v{kDigsigType, kSigVersion, kHashAlgoSha256};
  append(v, *keyid);
  v.push_back(static_cast<std::uint8_t>(kSyntheticSigSize >> 8));  // __be16
  v.push_back(static_cast<std::uint8_t>(kSyntheticSigSize & 0xff));
  Bytes m = bytes_of("imans synthetic signature\nkey=");
  append(m, key_name);
  m.push_back('\n');
  append(m, signed_sha256);
  m.push_back(0);
  // 256 bytes, the size of an RSA-2048 signature, so the value looks like the
  // ones evmctl ima_sign writes.
  for (std::uint8_t i = 0; i < kSyntheticSigSize / 32; ++i) {
    m.back() = i;
    const auto block = hash(Bank::sha256, m);
    if (!block) return std::nullopt;
    append(v, *block);
  }
  return v;
}

}  // namespace imans::measurements
