#pragma once
// A design evaluated over a chain of `depth` IMA namespaces above
// init_ima_ns: level 0 is init_ima_ns (the host policy, the host keys), level
// `depth` holds the subject. Every non-init level's policy (up to R rules),
// keyring and activity are the adversary's, within what the design can reach
// (reach.hpp); so are the subject, the file and the access.
#include <z3++.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/design.hpp"
#include "model/policy/rule.hpp"
#include "solver/encoding.hpp"
#include "solver/entities.hpp"
#include "solver/escape.hpp"

namespace imans::solver {

struct Level {
  SymPolicy policy;
  z3::expr key_in;  // the file's signing key is on the keyring this level appraises with
  z3::expr active;
};

// The host policy: R symbolic rules (the strongest statement: any host
// policy), or a given one fixed to constants.
struct HostSpec {
  int rules = 4;
  std::optional<std::vector<policy::Rule>> fixed;
  std::string builtin;  // the fixed policy is this built-in list (witnesses name it)
};

// One level's policy and keyring evaluated on one access's hooks.
//
// denies: the level's policy judged afresh at each hook, as evaluate_alone()
// judges init_ima_ns. walk_denies: what process_measurement returns for the
// level, where the second hook reuses the appraisal status the first cached
// when both hooks' deciding appraise rules select the same cache slot
// (get_subaction(): MMAP_CHECK_REQPROT and MMAP_CHECK share IMA_MMAP_APPRAISE;
// a rule without func= appraises at file level). For exec the slots differ
// unless one func-less rule decides both hooks, which then agree anyway; for
// mmap two different rules can share the slot, and the second's stricter
// flags are then not applied, in the kernel and in the model alike.
struct LevelVerdict {
  std::vector<SymDecision> decision;  // per hook
  std::vector<z3::expr> denies;       // per hook
  std::vector<z3::expr> walk_denies;  // per hook
};

// Pieces shared by the bounded encoding and the induction step.
struct Common {
  Design design;
  SymSubject subject;
  SymFile file;
  z3::expr verb;      // VerbCode
  z3::expr host_key;  // the file's signing key is a host key (on init's keyring)
  VerbHooks hooks;
  Level init;
  std::optional<std::vector<policy::Rule>> host_fixed;
  std::string host_builtin;
  InitAlone alone;
  std::vector<z3::expr> init_walk_denies;  // init_ima_ns's walk_denies
  z3::expr_vector constraints;
};

// The walk of a task that never left init_ima_ns: init alone is evaluated.
WalkOutcome walk_in_init(const Common& common);

// Builds the host level, the subject, file and access, and init's verdict
// alone. An error when a fixed host rule uses something the encoding lacks.
std::variant<Common, std::string> encode_common(z3::context& c, const Design& d,
                                                const HostSpec& host);
// A fresh non-init level (named `name`), its reachability added to `common`.
Level fresh_level(z3::context& c, Common& common, int rules, bool innermost,
                  const std::string& name);
LevelVerdict level_verdict(const Common& common, const Level& level);

struct Chain {
  Common common;
  int depth = 0;
  std::vector<Level> levels;              // 1..depth (levels[0] is level 1)
  std::vector<LevelVerdict> verdicts;     // the same order
  std::vector<z3::expr> evaluated;        // levels 1..depth: the walk evaluated it
  WalkOutcome walk;
  [[nodiscard]] z3::expr violated(Escape e) const;
  // The same subject, file and access, made from init_ima_ns itself (no
  // namespace), would violate the property too.
  [[nodiscard]] z3::expr violated_without_namespaces(Escape e) const;
  [[nodiscard]] z3::expr denied() const;  // the access returned EACCES
};

std::variant<Chain, std::string> encode_chain(z3::context& c, const Design& d, int depth,
                                              int rules, const HostSpec& host);

}  // namespace imans::solver
