#pragma once
// The capabilities the modelled paths test, numbered as in
// include/uapi/linux/capability.h.
#include <cstdint>

namespace imans {

enum class Cap : std::uint8_t {
  dac_override = 1,
  setgid = 6,
  setuid = 7,
  sys_chroot = 18,
  sys_admin = 21,
  audit_write = 29,
  mac_admin = 33,
};

struct CapSet {
  std::uint64_t bits = 0;

  static constexpr CapSet full() { return CapSet{(std::uint64_t{1} << 41) - 1}; }  // CAP_FULL_SET
  static constexpr CapSet empty() { return CapSet{0}; }
  [[nodiscard]] constexpr bool has(Cap c) const { return (bits >> static_cast<unsigned>(c)) & 1U; }
  friend constexpr bool operator==(CapSet, CapSet) = default;
};

}  // namespace imans
