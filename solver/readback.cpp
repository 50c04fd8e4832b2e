// From a model of a bounded query to concrete values.
#include "solver/rule.hpp"
#include "solver/witness.hpp"

namespace imans::solver {
namespace {

bool truth(const z3::model& m, const z3::expr& e) { return m.eval(e, true).is_true(); }

std::vector<policy::Rule> rules_of(const z3::model& m, const SymPolicy& p,
                                   const policy::Subject& s, const policy::Inode& f) {
  std::vector<policy::Rule> out;
  for (const SymRule& r : p)
    if (truth(m, r.present)) out.push_back(rule_from_model(m, r, s, f));
  return out;
}

XattrKind xattr_of(std::uint64_t code) {
  switch (code) {
    case kXattrHash:
      return XattrKind::hash;
    case kXattrSig:
      return XattrKind::sig;
    case kXattrBad:
      return XattrKind::bad;
    default:
      return XattrKind::none;
  }
}

}  // namespace

Witness read_witness(const z3::model& m, const Chain& chain, Escape property) {
  const Common& k = chain.common;
  Witness w;
  w.design = k.design;
  w.property = property;
  w.depth = chain.depth;
  w.subject = subject_from_model(m, k.subject);
  w.file = inode_from_model(m, k.file);
  w.host_rules = k.host_fixed ? *k.host_fixed : rules_of(m, k.init.policy, w.subject, w.file);
  w.host_builtin = k.host_builtin;
  w.host_key = truth(m, k.host_key);
  for (const Level& l : chain.levels)
    w.levels.push_back(WitnessLevel{rules_of(m, l.policy, w.subject, w.file), truth(m, l.active),
                                    truth(m, l.key_in)});
  w.xattr = xattr_of(m.eval(k.file.xattr, true).get_numeral_uint64());
  w.current = truth(m, k.file.current);
  w.verb = verb_of_code(m.eval(k.verb, true).get_numeral_uint64());
  w.denied = truth(m, chain.denied());
  w.hash_helper = w.xattr == XattrKind::hash;
  return w;
}

}  // namespace imans::solver
