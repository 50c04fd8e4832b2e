#pragma once
// Witness extraction for a violated property.
#include <z3++.h>

#include "solver/chain.hpp"
#include "solver/escape.hpp"
#include "solver/prove.hpp"

namespace imans::solver {

// The solver holds a chain's constraints and its violation of `e`, and is
// satisfiable. Fills out.witness, out.trace_text and out.trace, preferring a
// witness whose security.ima a trace sets directly (none, a signature, a bad
// value) over one with a hash that a helper namespace writes; makes the
// witness plain (prefer.hpp); replays the trace and sets out.witness_problem
// when it does not show the violation.
void find_witness(z3::solver& s, const Chain& chain, Escape e, PropertyReport& out);

}  // namespace imans::solver
