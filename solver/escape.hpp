#pragma once
// The three escape properties as properties/escapes.cpp judges one access:
// init_ima_ns's policy evaluated alone (model/query.cpp evaluate_alone) against
// what the design's walk did (model/kernel/ima_main.cpp process_measurement).
#include <z3++.h>

#include <optional>
#include <span>
#include <string_view>

#include "properties/ids.hpp"

namespace imans::solver {

enum class Escape : unsigned char { appraisal, measurement, audit };
std::span<const Escape> all_escapes();
properties::PropertyId property_of(Escape e);
std::string_view escape_name(Escape e);  // the property id, "no-appraisal-escape", ...
std::optional<Escape> find_escape(std::string_view property_name);

// init_ima_ns's decision per hook (with its own keyring), hook 0 and hook 1.
struct InitAlone {
  z3::expr measures[2];
  z3::expr audits[2];
  z3::expr denies[2];
};

// What the design's walk did per hook: some evaluated level denied; and
// whether init_ima_ns was among the evaluated levels (then it measured and
// audited exactly what its policy says for the hooks that ran).
struct WalkOutcome {
  z3::expr denies[2];
  z3::expr init_evaluated;
};

// The access returned EACCES: the first hook denied (the second never runs),
// or the second ran and denied.
z3::expr design_denies(const WalkOutcome& w, const z3::expr& has_second);

// The property is violated by this access. hooks_run is 1 when the first hook
// denied, else the verb's hook count; measurement and audit are judged over
// the hooks that ran, appraisal over all of the verb's hooks, and
// evaluate_alone stops at the first hook it denies.
z3::expr escape_violated(Escape e, const WalkOutcome& w, const InitAlone& a,
                         const z3::expr& has_second);

// The property's premise can hold at all: init_ima_ns's policy alone denies
// (measures, audits) the access. When it cannot, a proof is vacuous.
z3::expr escape_premise(Escape e, const InitAlone& a, const z3::expr& has_second);

}  // namespace imans::solver
