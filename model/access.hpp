#pragma once
// Which IMA hooks an access verb runs, in the kernel's order.
#include <cstdint>
#include <span>

#include "model/policy/rule.hpp"
#include "model/step.hpp"

namespace imans {

struct Hook {
  policy::Func func;
  std::uint8_t mask;
};

// exec: bprm_check then creds_check; mmap with PROT_EXEC: mmap_check_reqprot
// then mmap_check; open: file_check. Empty for verbs that access no file.
std::span<const Hook> hooks_of(Verb verb);
bool is_access(Verb verb);

}  // namespace imans
