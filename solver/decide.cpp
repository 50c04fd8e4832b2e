// ima_match_policy(): the first matching rule of each class decides it. Built
// from the last rule backwards, each rule either decides its class (when it
// matches) or leaves the answer of the rules after it.
#include "solver/semantics.hpp"

namespace imans::solver {

SymDecision decide(const SymPolicy& p, const std::vector<z3::expr>& matches, const SymHook& h) {
  z3::context& c = h.func.ctx();
  const z3::expr no = c.bool_val(false);
  SymDecision d{no, no, no, no, no, c.bool_val(true)};
  for (std::size_t i = p.size(); i-- > 0;) {
    const SymRule& r = p[i];
    const z3::expr m = matches[i] && hook_match(r, h);
    auto of = [&](Cls cls) { return m && r.cls == c.bv_val(static_cast<unsigned>(cls), kEnumBits); };
    const z3::expr measure = of(Cls::measure), appraise = of(Cls::appraise), audit = of(Cls::audit);
    d.measure = z3::ite(measure, r.is_do, d.measure);
    d.appraise = z3::ite(appraise, r.is_do, d.appraise);
    // Only an appraise rule carries these (the parser sees to it), and only
    // the deciding one counts.
    d.digsig = z3::ite(appraise, r.is_do && r.imasig, d.digsig);
    d.algos_deny = z3::ite(appraise, r.is_do && r.algos_deny, d.algos_deny);
    d.appraise_func = z3::ite(appraise, r.has_func, d.appraise_func);
    d.audit = z3::ite(audit, r.is_do, d.audit);
  }
  return d;
}

SymDecision decide(const SymPolicy& p, const SymSubject& s, const SymFile& f, const SymHook& h) {
  return decide(p, subject_file_matches(p, s, f), h);
}

z3::expr appraisal_denies(const SymDecision& d, const SymFile& f, const z3::expr& key_in,
                          const SymHook& h) {
  z3::context& c = f.xattr.ctx();
  auto xattr = [&](unsigned code) { return f.xattr == c.bv_val(code, kEnumBits); };
  const z3::expr pass = !d.algos_deny && f.current &&
                        ((xattr(kXattrHash) && !d.digsig) || (xattr(kXattrSig) && key_in));
  const z3::expr writes = (h.mask & c.bv_val(2, kMaskBits)) != c.bv_val(0, kMaskBits);
  return d.appraise && (!pass || (writes && xattr(kXattrSig)));
}

}  // namespace imans::solver
