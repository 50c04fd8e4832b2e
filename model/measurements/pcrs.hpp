#pragma once
// A virtual TPM's PCRs in the sha1 and sha256 banks, extended as IMA extends
// them, and written in the file format `evmctl --pcrs` reads.
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "model/measurements/entry.hpp"
#include "model/measurements/hash.hpp"

namespace imans::measurements {

inline constexpr std::size_t kPcrCount = 24;  // a TPM 2.0 PC client

struct Pcrs {
  std::array<std::array<Bytes, kPcrCount>, 2> banks;  // by Bank, by PCR index

  static Pcrs zero();
  [[nodiscard]] const Bytes& at(Bank b, std::size_t pcr) const {
    return banks[static_cast<int>(b)][pcr];
  }
};

// PCR_b := H_b(PCR_b || T_b) in both banks. A pcr= beyond the TPM's PCRs is
// not extended (the kernel keeps the entry after the TPM refuses the extend).
// false when libcrypto fails.
bool extend(Pcrs& pcrs, const Entry& e);

// "PCR-00: <hex>" to "PCR-23: <hex>", one a line.
std::string pcrs_file(const Pcrs& pcrs, Bank b);

// sha256 over PCRs 0-9 of the sha256 bank, as ima_calc_boot_aggregate does
// for a bank other than sha1.
std::optional<Bytes> boot_aggregate(const Pcrs& boot_pcrs);

}  // namespace imans::measurements
