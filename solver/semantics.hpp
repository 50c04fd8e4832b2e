#pragma once
// ima_match_rules() and ima_match_policy() over symbolic terms, and the
// model's appraisal verdict (kernel::appraisal_passes plus process_measurement's
// write-over-signature refusal). Must agree exactly with model/policy/match.cpp
// and decide.cpp; the differential test holds them to it.
#include <z3++.h>

#include <vector>

#include "solver/encoding.hpp"

namespace imans::solver {

// The conditions that do not depend on the hook (filesystem, ids), computed
// once per rule, subject and file and shared by every hook of an access.
z3::expr subject_file_match(const SymRule& r, const SymSubject& s, const SymFile& f);
// func= and mask= against one hook. Hooks are the file hooks (never
// POST_SETATTR, KEY_CHECK or CRITICAL_DATA), so their special cases do not arise.
z3::expr hook_match(const SymRule& r, const SymHook& h);

// Matches of every rule of a policy against one subject and file.
std::vector<z3::expr> subject_file_matches(const SymPolicy& p, const SymSubject& s,
                                           const SymFile& f);

// First match per class, given subject_file_matches() of the same policy.
SymDecision decide(const SymPolicy& p, const std::vector<z3::expr>& matches, const SymHook& h);
SymDecision decide(const SymPolicy& p, const SymSubject& s, const SymFile& f, const SymHook& h);

// One namespace's appraisal refuses the access: its decision appraises and
// security.ima does not vouch for the content with that namespace's keyring
// (key_in: the file's signing key is on it), or a signed file is opened for write.
z3::expr appraisal_denies(const SymDecision& d, const SymFile& f, const z3::expr& key_in,
                          const SymHook& h);

}  // namespace imans::solver
