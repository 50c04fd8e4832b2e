#pragma once
// Symbolic rules: fresh ones the adversary chooses (within the grammar), and
// parsed ones fixed to constants; and back from a model to a policy::Rule.
#include <z3++.h>

#include <string>
#include <variant>

#include "model/policy/match.hpp"
#include "model/policy/rule.hpp"
#include "solver/encoding.hpp"

namespace imans::solver {

// A rule with every condition the encoding covers left open, its ids and
// fsmagic as relations to the access's (encoding.hpp). Conditions a fresh rule
// never uses (fsname=, fsuuid=, fs_subtype=) are constants: fsmagic= already
// singles out any filesystem, and a rule that matches nothing is the same as
// an absent one, so nothing is lost for "any policy of up to R rules".
SymRule fresh_rule(z3::context& c, const std::string& name);
// What makes a fresh rule one the kernel's parser accepts (one action, one
// MAY_ bit per mask=, appraise_type and appraise_algos on appraise only), with
// unused parts pinned so models read cleanly. func= ranges over the five
// hooks the model's accesses run; any other func never matches them.
z3::expr rule_grammar(const SymRule& r);
// Values exist for a fresh rule's relations: an id below the access's needs
// the access's to be above 0, one above it needs it below (uid_t)-1 - 1.
z3::expr rule_values_exist(const SymRule& r, const SymSubject& s, const SymFile& f);

// A parsed rule as constants. Refused: LSM conditions (the model has no
// labels), and flag combinations the parser never produces.
std::variant<SymRule, std::string> constant_rule(z3::context& c, const policy::Rule& rule);

// The rule a model gives a fresh rule, ready for policy::format_rule. The
// access's subject and file, read from the same model, turn relations back
// into values.
policy::Rule rule_from_model(const z3::model& m, const SymRule& r, const policy::Subject& s,
                             const policy::Inode& f);

// A fresh rule's unknowns paired with the values that make it `rule` for an
// access by `s` to `f` (for z3::expr::substitute; the differential test
// evaluates fresh rules this way). False when the rule uses a condition fresh
// rules do not have, or `s` has differing uid/euid/suid or gid/egid/sgid.
bool bind_rule(const SymRule& fresh, const policy::Rule& rule, const policy::Subject& s,
               const policy::Inode& f, z3::expr_vector& from, z3::expr_vector& to);

}  // namespace imans::solver
