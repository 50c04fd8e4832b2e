#include "solver/prefer.hpp"

#include "model/policy/rule.hpp"

namespace imans::solver {
namespace {

void rule_preferences(const SymRule& r, std::vector<z3::expr>& out) {
  if (!r.fsmagic_same) return;  // a given rule: nothing to choose
  z3::context& c = r.cls.ctx();
  auto none = [&](const SymIdCond& d) { return d.kind == c.bv_val(kIdAbsent, kEnumBits); };
  for (const z3::expr& e :
       {!r.has_fsmagic, *r.fsmagic_same, none(r.uid), none(r.gid), none(r.fowner), none(r.fgroup),
        r.mask_kind == c.bv_val(kMaskNone, kEnumBits), !r.imasig, !r.algos_deny,
        // The hook of an exec reads most naturally.
        z3::implies(r.has_func, r.func == c.bv_val(static_cast<unsigned>(policy::Func::bprm_check), kFuncBits))})
    out.push_back(z3::implies(r.present, e));
}

}  // namespace

std::vector<z3::expr> witness_preferences(const Chain& chain) {
  const Common& k = chain.common;
  z3::context& c = k.verb.ctx();
  std::vector<z3::expr> out{
      k.verb == c.bv_val(0, kEnumBits),  // exec
      k.file.fsmagic == c.bv_val(0xef53, kMagicBits),
      k.file.owner == c.bv_val(0, kIdBits),
      k.file.group == c.bv_val(0, kIdBits),
      k.file.fsuuid == c.bv_val(0, kUuidBits),
      k.file.xattr == c.bv_val(kXattrNone, kEnumBits),
      k.file.current,
      k.subject.uid == c.bv_val(0, kIdBits),
      k.subject.uid == c.bv_val(1000, kIdBits),
      k.subject.cap_setuid,
  };
  // Empty container policies first (the null policy of the review thread),
  // then as few host rules as will do.
  for (const Level& l : chain.levels)
    for (const SymRule& r : l.policy) out.push_back(!r.present);
  for (const SymRule& r : k.init.policy)
    if (!r.present.is_true()) out.push_back(!r.present);
  for (const Level& l : chain.levels) out.push_back(l.active);
  for (const SymRule& r : k.init.policy) rule_preferences(r, out);
  for (const Level& l : chain.levels)
    for (const SymRule& r : l.policy) rule_preferences(r, out);
  for (const Level& l : chain.levels) out.push_back(!l.key_in);
  out.push_back(!k.host_key);
  return out;
}

unsigned keep_satisfiable(z3::solver& s, const std::vector<z3::expr>& preferences) {
  unsigned kept = 0;
  for (const z3::expr& p : preferences) {
    s.push();
    s.add(p);
    if (s.check() == z3::sat) {
      ++kept;  // the push stays open
      continue;
    }
    s.pop();
  }
  return kept;
}

}  // namespace imans::solver
