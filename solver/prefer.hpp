#pragma once
// Witnesses meant for people: among the violating configurations the solver
// found, greedily prefer a plain one (exec, an ext4 file owned by root, no
// security.ima, empty container policies, rules without needless conditions).
// Each preference is kept only if the query stays satisfiable, so the
// violation is unchanged; only its presentation gets simpler.
#include <z3++.h>

#include <vector>

#include "solver/chain.hpp"

namespace imans::solver {

std::vector<z3::expr> witness_preferences(const Chain& chain);
// Asserts each preference that keeps `s` satisfiable, each in a push of its
// own; returns how many pushes are open (the caller pops them after reading
// the model, which is then current).
unsigned keep_satisfiable(z3::solver& s, const std::vector<z3::expr>& preferences);

}  // namespace imans::solver
