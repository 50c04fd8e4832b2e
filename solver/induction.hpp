#pragma once
// The induction step on the depth. Any chain of depth n+1 >= 2 is
// (init, L1, R) with R a non-empty chain holding the subject; (init, R), R
// re-hung directly under init_ima_ns, is a reachable chain of depth n (its
// keyrings, activity and rule restrictions are those it had). The step
// claims: if (init, L1, R) violates the property, so does (init, R). With the
// base case (depth 1, a bounded query) this proves every depth.
//
// R is abstracted by what the walk can see of it: per hook, whether a level of
// R that was evaluated denied, and whether R has an active level (which ends
// the walk inside R unless the design walks on). Those are free, so the step
// covers every R of every depth at once; the hypothesis "(init, R) does not
// violate" is assumed, and the query asks for a violating (init, L1, R).
#include <z3++.h>

#include <string>
#include <variant>

#include "solver/chain.hpp"

namespace imans::solver {

struct InductionStep {
  Common common;
  Level l1;
  WalkOutcome longer;   // (init, L1, R)
  WalkOutcome shorter;  // (init, R)
  // UNSAT of this (with common.constraints) proves the step.
  [[nodiscard]] z3::expr counterexample(Escape e) const;
  // The step for "violated, and not by the same access made in init_ima_ns".
  [[nodiscard]] z3::expr counterexample_through_namespaces(Escape e) const;
};

std::variant<InductionStep, std::string> encode_step(z3::context& c, const Design& d, int rules,
                                            const HostSpec& host);

}  // namespace imans::solver
