#include "model/measurements/pcrs.hpp"

#include <fmt/format.h>

namespace imans::measurements {

Pcrs Pcrs::zero() {
  Pcrs p;
  for (Bank b : kBanks)
    for (auto& v : p.banks[static_cast<int>(b)]) v.assign(digest_size(b), 0);
  return p;
}

bool extend(Pcrs& pcrs, const Entry& e) {
  if (e.pcr >= kPcrCount) return true;
  for (Bank b : kBanks) {
    Bytes& value = pcrs.banks[static_cast<int>(b)][e.pcr];
    Bytes data = value;
    append(data, e.digest(b));
    auto next = hash(b, data);
    if (!next) return false;
    value = std::move(*next);
  }
  return true;
}

std::string pcrs_file(const Pcrs& pcrs, Bank b) {
  std::string s;
  for (std::size_t i = 0; i < kPcrCount; ++i) s += fmt::format("PCR-{:02}: {}\n", i, hex(pcrs.at(b, i)));
  return s;
}

std::optional<Bytes> boot_aggregate(const Pcrs& boot_pcrs) {
  Bytes data;
  for (std::size_t i = 0; i <= 9; ++i) append(data, boot_pcrs.at(Bank::sha256, i));
  return hash(Bank::sha256, data);
}

}  // namespace imans::measurements
