#pragma once
// A violating configuration read from a model, in concrete terms, and the
// v1 trace that builds it in the design and makes the access.
#include <string>
#include <variant>
#include <vector>

#include "model/design.hpp"
#include "model/policy/match.hpp"
#include "model/policy/rule.hpp"
#include "model/state.hpp"
#include "model/step.hpp"
#include "solver/chain.hpp"
#include "solver/escape.hpp"
#include "traces/trace.hpp"

namespace imans::solver {

struct WitnessLevel {
  std::vector<policy::Rule> rules;  // kernel ids
  bool active = true;
  bool key_in = false;              // the file's key is on this level's keyring
};

struct Witness {
  Design design;
  Escape property = Escape::appraisal;
  int depth = 0;
  std::vector<policy::Rule> host_rules;
  std::string host_builtin;  // non-empty: host_rules are this built-in list
  bool host_key = false;
  std::vector<WitnessLevel> levels;  // level 1 first
  policy::Subject subject;           // kuid etc.; cap_setuid: root left in init_user_ns
  policy::Inode file;
  XattrKind xattr = XattrKind::none;
  bool current = true;               // a hash/signature covers the current content
  Verb verb = Verb::exec;
  bool denied = false;               // the design refused the access
  bool hash_helper = false;          // the trace sets the hash through a helper namespace
};

Witness read_witness(const z3::model& m, const Chain& chain, Escape property);

// The trace text (`imans-trace 1` ...), and the same parsed into a Trace.
std::string witness_trace_text(const Witness& w);
std::variant<traces::Trace, std::string> witness_trace(const Witness& w);
// The same configuration and access with nothing asserted about the access
// (w.property and w.denied are ignored): the model decides.
std::string configuration_trace_text(const Witness& w);

// The design as the trace header writes it: the preset and its overrides.
std::vector<std::string> design_words(const Design& d);

}  // namespace imans::solver
