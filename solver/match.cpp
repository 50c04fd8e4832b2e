// ima_match_rules(): every condition of a rule, ANDed (match.cpp in the model
// tests them in the kernel's order; with no LSM conditions the order cannot
// change the answer).
#include "solver/semantics.hpp"

#include <stdexcept>

namespace imans::solver {
namespace {

z3::expr k(const z3::expr& like, std::uint64_t v) { return like.ctx().bv_val(v, like.get_sort().bv_size()); }

// uid_eq/uid_lt/uid_gt with the access's id on the left.
// Two comparators, not three: '>' is neither '<' nor '='.
z3::expr holds(const z3::expr& op, const z3::expr& actual, const z3::expr& wanted) {
  const z3::expr lt = z3::ult(actual, wanted), eq = actual == wanted;
  return z3::ite(op == k(op, kOpLt), lt, z3::ite(op == k(op, kOpGt), !lt && !eq, eq));
}

// uid=/euid= (gid=/egid=): CAP_SETUID in init_user_ns lets the saved or real
// id satisfy euid=, since the task could switch to it at will.
z3::expr id_matches(const SymIdCond& d, const z3::expr& real, const z3::expr& effective,
                    const z3::expr& saved, const z3::expr& widened) {
  if (d.rel) {
    // A relation stands for one id: the subject's three must be one term.
    if (!z3::eq(real, effective) || !z3::eq(real, saved))
      throw std::logic_error("a fresh rule's id relation needs a subject with one uid (and gid)");
    return d.kind == k(d.kind, kIdAbsent) || d.op == *d.rel;
  }
  const z3::expr eff = holds(d.op, effective, d.value) ||
                       (widened && (holds(d.op, saved, d.value) || holds(d.op, real, d.value)));
  return z3::ite(d.kind == k(d.kind, kIdPlain), holds(d.op, real, d.value),
                 z3::ite(d.kind == k(d.kind, kIdEffective), eff, d.kind.ctx().bool_val(true)));
}

z3::expr owner_matches(const SymIdCond& d, const z3::expr& id) {
  return d.kind == k(d.kind, kIdAbsent) || (d.rel ? d.op == *d.rel : holds(d.op, id, d.value));
}

}  // namespace

z3::expr subject_file_match(const SymRule& r, const SymSubject& s, const SymFile& f) {
  const z3::expr same_magic = r.fsmagic_same ? *r.fsmagic_same : r.fsmagic == f.fsmagic;
  return r.present && !r.never && z3::implies(r.has_fsmagic, same_magic) &&
         z3::implies(r.has_fsname, r.fsname == f.name) &&
         z3::implies(r.has_fsuuid, r.fsuuid == f.fsuuid) &&
         id_matches(r.uid, s.uid, s.euid, s.suid, s.cap_setuid) &&
         id_matches(r.gid, s.gid, s.egid, s.sgid, s.cap_setgid) &&
         owner_matches(r.fowner, f.owner) && owner_matches(r.fgroup, f.group);
}

z3::expr hook_match(const SymRule& r, const SymHook& h) {
  return z3::implies(r.has_func, r.func == h.func) &&
         z3::implies(r.mask_kind == k(r.mask_kind, kMaskExact), r.mask == h.mask) &&
         z3::implies(r.mask_kind == k(r.mask_kind, kMaskAny), (r.mask & h.mask) != k(r.mask, 0));
}

std::vector<z3::expr> subject_file_matches(const SymPolicy& p, const SymSubject& s,
                                           const SymFile& f) {
  std::vector<z3::expr> out;
  out.reserve(p.size());
  for (const SymRule& r : p) out.push_back(subject_file_match(r, s, f));
  return out;
}

}  // namespace imans::solver
