#include "model/errno.hpp"

#include <array>
#include <utility>

namespace imans {
namespace {
constexpr std::array<std::pair<Errno, std::string_view>, 9> kNames{{
    {Errno::ok, "ok"},
    {Errno::perm, "EPERM"},
    {Errno::noent, "ENOENT"},
    {Errno::nomem, "ENOMEM"},
    {Errno::acces, "EACCES"},
    {Errno::busy, "EBUSY"},
    {Errno::inval, "EINVAL"},
    {Errno::nospc, "ENOSPC"},
    {Errno::users, "EUSERS"},
}};
}  // namespace

std::string_view errno_name(Errno e) {
  for (const auto& [value, name] : kNames)
    if (value == e) return name;
  return "E?";
}

std::optional<Errno> parse_errno(std::string_view name) {
  for (const auto& [value, n] : kNames)
    if (n == name) return value;
  return std::nullopt;
}

std::string_view errno_names() { return "ok EPERM ENOENT ENOMEM EACCES EBUSY EINVAL ENOSPC EUSERS"; }

}  // namespace imans
