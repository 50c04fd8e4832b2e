#pragma once
// The model's files have no bytes and its signatures are symbolic, so the
// lists are written over synthetic, deterministic stand-ins:
//
// - content version n of the file at <path> is the bytes of
//   "imans synthetic content\npath=<path>\nversion=<n>\n" (the path as
//   declared, spaces kept);
// - a signature by key <name> is a security.ima value of type 0x03
//   (EVM_IMA_XATTR_DIGSIG) with a v2 header: version 2, hash_algo 4 (sha256),
//   keyid = the last 4 bytes of sha1(<name>), sig_size 256, then 256 bytes
//   sha256(m || 0) || sha256(m || 1) || ... || sha256(m || 7), where
//   m = "imans synthetic signature\nkey=<name>\n" || the sha256 digest of the
//   content version the signature covers.
//
// The header is well formed, so parsers accept it, but the bytes are no RSA
// signature: `evmctl --verify-sig` reports them as unverifiable (on stderr;
// its exit status does not change), which is expected.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/measurements/hash.hpp"

namespace imans::measurements {

std::string synthetic_content(std::string_view path, std::uint32_t version);
std::optional<Bytes> content_digest(Bank b, std::string_view path, std::uint32_t version);

std::optional<std::array<std::uint8_t, 4>> synthetic_keyid(std::string_view key_name);
// The full xattr value, type byte first.
std::optional<Bytes> synthetic_signature(std::string_view key_name,
                                         std::span<const std::uint8_t> signed_sha256);

inline constexpr std::uint8_t kDigsigType = 0x03;
inline constexpr std::uint8_t kSigVersion = 2;
inline constexpr std::uint8_t kHashAlgoSha256 = 4;  // enum hash_algo
inline constexpr std::uint16_t kSyntheticSigSize = 256;

}  // namespace imans::measurements
