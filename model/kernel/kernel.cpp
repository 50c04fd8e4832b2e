#include "model/kernel/kernel.hpp"

namespace imans::kernel {

bool Kernel::alloc() {
  if (s.fail_alloc_after < 0) return true;
  if (s.fail_alloc_after == 0) {
    s.fail_alloc_after = -1;
    return false;
  }
  --s.fail_alloc_after;
  return true;
}

void Kernel::fault(FaultKind kind, ObjRef object, const char* where) {
  out.faults.push_back(Fault{kind, object, where});
}

bool Kernel::check_live(ObjRef object, const char* where) {
  if (s.live(object)) return true;
  fault(FaultKind::use_after_free, object, where);
  return false;
}

}  // namespace imans::kernel
