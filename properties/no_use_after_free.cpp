// no-use-after-free. Review concern: the 2016-17 prototype's free loop
// destroys an ancestor it may already have freed (designs-in-detail c.1 item
// 8); Brauner on Berger v4 16/16: "Don't hold on to objects that can go away
// beneath you". The model's get/put/read paths report every touch of a freed
// object (as KASAN would) and every BUG_ON they hit.
#include <fmt/format.h>

#include "properties/checks.hpp"

namespace imans::properties {

bool check_no_use_after_free(const StepView& v, Findings& out) {
  for (const Fault& f : v.result.faults) {
    switch (f.kind) {
      case FaultKind::use_after_free:
        out.add(PropertyId::no_use_after_free,
                fmt::format("{} touched {} after it was freed", f.where, to_string(f.object)),
                {f.object});
        break;
      case FaultKind::bug:
        out.add(PropertyId::no_use_after_free,
                fmt::format("{} hit a BUG_ON (on {})", f.where, to_string(f.object)), {f.object});
        break;
      case FaultKind::underflow:
        break;  // refcount-exact reports the count
    }
  }
  // The premise (something was freed before or during this step) is counted
  // by the Checker, which knows how many tombstones there are.
  return !v.result.faults.empty();
}

}  // namespace imans::properties
