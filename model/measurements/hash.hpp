#pragma once
// The two TPM banks the measurement lists are written for, and the byte
// helpers every list file needs. Hashing goes through OpenSSL's EVP so that
// the digests are the ones evmctl recomputes.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace imans::measurements {

using Bytes = std::vector<std::uint8_t>;

enum class Bank : std::uint8_t { sha1, sha256 };
inline constexpr Bank kBanks[] = {Bank::sha1, Bank::sha256};

std::size_t digest_size(Bank b);     // 20, 32
std::string_view bank_name(Bank b);  // "sha1", "sha256": also the d-ng prefix

// nullopt only when libcrypto refuses, e.g. a configuration that disables sha1.
std::optional<Bytes> hash(Bank b, std::span<const std::uint8_t> data);
std::optional<Bytes> hash(Bank b, std::string_view text);

std::string hex(std::span<const std::uint8_t> bytes);  // lower case, packed

Bytes bytes_of(std::string_view text);
void append(Bytes& out, std::span<const std::uint8_t> data);
void append(Bytes& out, std::string_view text);
// Little-endian: the native order of the hosts evmctl runs on here, and the
// kernel's ima_canonical_fmt everywhere else.
void append_u32(Bytes& out, std::uint32_t v);

}  // namespace imans::measurements
