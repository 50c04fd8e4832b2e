#pragma once
// The errnos the modelled kernel returns. Enumerators are lower case because
// <cerrno> defines EPERM and friends as macros; the values are Linux's.
#include <cstdint>
#include <optional>
#include <string_view>

namespace imans {

enum class Errno : std::uint8_t {
  ok = 0,
  perm = 1,     // EPERM
  noent = 2,    // ENOENT
  nomem = 12,   // ENOMEM
  acces = 13,   // EACCES
  busy = 16,    // EBUSY
  inval = 22,   // EINVAL
  nospc = 28,   // ENOSPC
  users = 87,   // EUSERS
};

// "ok", "EPERM", ...
std::string_view errno_name(Errno e);
std::optional<Errno> parse_errno(std::string_view name);
// Every name parse_errno accepts, for error messages.
std::string_view errno_names();

// A value or the errno the kernel path returned (the kernel's ERR_PTR idiom).
template <class T>
class ErrOr {
public:
  ErrOr(T value) : value_(value), err_(Errno::ok) {}
  ErrOr(Errno err) : value_{}, err_(err) {}
  [[nodiscard]] bool is_err() const { return err_ != Errno::ok; }
  [[nodiscard]] Errno err() const { return err_; }
  [[nodiscard]] const T& value() const { return value_; }
  [[nodiscard]] T& value() { return value_; }

private:
  T value_;
  Errno err_;
};

}  // namespace imans
