#include "model/access.hpp"

#include <array>

namespace imans {

namespace {
using policy::Func;
constexpr std::array<Hook, 2> kExec{{{Func::bprm_check, policy::kMayExec},
                                     {Func::creds_check, policy::kMayExec}}};
constexpr std::array<Hook, 2> kMmap{{{Func::mmap_check_reqprot, policy::kMayExec},
                                     {Func::mmap_check, policy::kMayExec}}};
constexpr std::array<Hook, 1> kRead{{{Func::file_check, policy::kMayRead}}};
constexpr std::array<Hook, 1> kWrite{{{Func::file_check, policy::kMayWrite}}};
}  // namespace

std::span<const Hook> hooks_of(Verb verb) {
  switch (verb) {
    case Verb::exec:
      return kExec;
    case Verb::mmap:
      return kMmap;
    case Verb::open_read:
      return kRead;
    case Verb::open_write:
      return kWrite;
    default:
      return {};
  }
}

bool is_access(Verb verb) { return !hooks_of(verb).empty(); }

}  // namespace imans
