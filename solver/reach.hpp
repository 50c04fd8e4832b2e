#pragma once
// Which configurations a design can reach, as constraints on the symbolic
// chain. Each restriction mirrors a rule the model enforces; the witness
// recipes (recipe.cpp) build every configuration these allow.
#include <z3++.h>

#include <string>

#include "model/design.hpp"
#include "solver/encoding.hpp"

namespace imans::solver {

// Does the walk go on past an evaluated namespace? (process_measurement's
// whole_walk: hierarchical and active-ancestors always, root-to-init for
// kuid 0, independent never.)
z3::expr whole_walk(const Design& d, const SymSubject& s);

// Chains deeper than this cannot exist in the design (0: no limit).
// securityfs-spawn: only host root spawns, for its own mount namespace, and
// the new namespace's parent is always init_ima_ns (ima_ns_spawn), so depth 1.
int max_depth(const Design& d);

// A non-init level's activity: creation activates at once; write-once leaves
// it to the adversary; first-child activates the namespace its first task is
// born into, so the subject's (innermost) level is active and an ancestor may
// have been prepared without a birth (a second `unshare ima`).
z3::expr level_active(z3::context& c, const Design& d, bool innermost, const std::string& name);

// The file's key on a non-init level's keyring, given whether it is a host key.
// per-ns: any (keyload); inherit: host keys are copied into every namespace
// created after boot, others may be loaded anywhere (before or after a child
// was created); host: every level uses init_ima_ns's keyring.
z3::expr key_reachable(const Design& d, const z3::expr& key_in, const z3::expr& host_key);

// The subject's credentials as the trace language reaches them: setuid sets
// uid, euid and suid together, nothing changes gids from t0's 0, and the
// capabilities in init_user_ns are those of root that stayed there. In
// user-bound designs the subject lives in a child user namespace (no
// capabilities in init_user_ns).
z3::expr subject_reachable(const Design& d, const SymSubject& s);
z3::expr file_reachable(const SymFile& f);

// A rule written into a non-init namespace. In user-bound designs the writer
// is root of the namespace's user namespace, which maps only uid/gid 0 (to its
// owner, the subject's kuid, and gid 0), so every id a rule names is that
// one; Berger's tree lets only kuid 0 write audit rules there. In the other
// designs host root (init_user_ns) writes container policies and may name any id.
z3::expr container_rule_reachable(const Design& d, const SymRule& r, const SymSubject& s,
                                  const SymFile& f);

// For a witness whose security.ima is a hash: the only way a trace sets one is
// a hash rule on a write, done by a helper task (kuid 0) in a namespace of its
// own under init_ima_ns. That write must leave no trace in init_ima_ns and not
// be refused, so init's policy must take no measure, appraise or audit action
// for it.
z3::expr hash_helper_quiet(const Design& d, const SymPolicy& init, const SymFile& f,
                           const SymSubject& subject);

}  // namespace imans::solver
