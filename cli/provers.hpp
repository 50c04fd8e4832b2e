#pragma once
// The Z3 side of a review, attached by the command line so that report/ need
// not depend on solver/.
#include "report/review.hpp"

namespace imans::cli {

report::Prover make_prover();
report::PolicyComparer make_policy_comparer();

}  // namespace imans::cli
