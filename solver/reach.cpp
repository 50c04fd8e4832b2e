#include "solver/reach.hpp"

#include "model/policy/rule.hpp"
#include "solver/entities.hpp"
#include "solver/semantics.hpp"

namespace imans::solver {
namespace {

bool user_bound(const Design& d) {
  return d.binding == Binding::user || d.binding == Binding::user_lazy;
}

// How `actual` compares with `value`, as an IdOpCode term.
z3::expr relation(const z3::expr& actual, const z3::expr& value) {
  z3::context& c = actual.ctx();
  return z3::ite(actual == value, c.bv_val(kOpEq, kEnumBits),
                 z3::ite(z3::ult(actual, value), c.bv_val(kOpLt, kEnumBits),
                         c.bv_val(kOpGt, kEnumBits)));
}

// The condition, if present, names exactly `value`.
z3::expr names(const SymIdCond& cond, const z3::expr& relation_to_value) {
  return cond.kind == cond.kind.ctx().bv_val(kIdAbsent, kEnumBits) || *cond.rel == relation_to_value;
}

}  // namespace

z3::expr whole_walk(const Design& d, const SymSubject& s) {
  z3::context& c = s.uid.ctx();
  switch (d.evaluation) {
    case Evaluation::hierarchical:
    case Evaluation::active_ancestors:
      return c.bool_val(true);
    case Evaluation::root_to_init:
      return s.uid == c.bv_val(0, kIdBits);
    case Evaluation::independent:
      break;
  }
  return c.bool_val(false);
}

int max_depth(const Design& d) { return d.binding == Binding::spawn ? 1 : 0; }

z3::expr level_active(z3::context& c, const Design& d, bool innermost, const std::string& name) {
  switch (d.activation) {
    case Activation::creation:
      return c.bool_val(true);
    case Activation::first_child:
      if (innermost) return c.bool_val(true);
      break;
    case Activation::write_once:
      break;
  }
  return c.bool_const(name.c_str());
}

z3::expr key_reachable(const Design& d, const z3::expr& key_in, const z3::expr& host_key) {
  switch (d.keys) {
    case Keys::host:
      return key_in == host_key;
    case Keys::inherit:
      return z3::implies(host_key, key_in);
    case Keys::per_ns:
      break;
  }
  return key_in.ctx().bool_val(true);
}

z3::expr subject_reachable(const Design& d, const SymSubject& s) {
  z3::context& c = s.uid.ctx();
  const z3::expr zero = c.bv_val(0, kIdBits);
  // trace_subject() already shares uid/euid/suid and fixes the gids.
  z3::expr out = subject_ids_valid(s) && z3::implies(s.cap_setuid, s.uid == zero);
  if (user_bound(d)) out = out && !s.cap_setuid;
  return out;
}

z3::expr file_reachable(const SymFile& f) { return file_ids_valid(f); }

z3::expr container_rule_reachable(const Design& d, const SymRule& r, const SymSubject& s,
                                  const SymFile& f) {
  z3::context& c = r.cls.ctx();
  if (!user_bound(d)) return c.bool_val(true);
  // uid=/euid= and gid=/egid= name the subject's own ids; fowner= names the
  // subject's kuid and fgroup= gid 0, compared with the file's.
  const z3::expr same = c.bv_val(kOpEq, kEnumBits);
  z3::expr out = names(r.uid, same) && names(r.gid, same) &&
                 names(r.fowner, relation(f.owner, s.uid)) &&
                 names(r.fgroup, relation(f.group, c.bv_val(0, kIdBits)));
  if (d.binding == Binding::user_lazy)
    out = out && z3::implies(r.cls == c.bv_val(static_cast<unsigned>(Cls::audit), kEnumBits),
                             s.uid == c.bv_val(0, kIdBits));
  return out;
}

z3::expr hash_helper_quiet(const Design& d, const SymPolicy& init, const SymFile& f,
                           const SymSubject& subject) {
  z3::context& c = f.owner.ctx();
  policy::Subject root;  // the helper: kuid 0, gid 0
  root.cap_setuid = root.cap_setgid = !user_bound(d);
  const SymDecision dec = decide(init, constant_subject(c, root), f,
                                 constant_hook(c, policy::Func::file_check, policy::kMayWrite));
  // A fresh host rule's uid relation is to the subject's kuid; it says the
  // same of the helper's only when the subject is kuid 0 too.
  z3::expr same_uid = c.bool_val(true);
  for (const SymRule& r : init)
    if (r.uid.rel)
      same_uid = same_uid && (r.uid.kind == c.bv_val(kIdAbsent, kEnumBits) ||
                              subject.uid == c.bv_val(0, kIdBits));
  return same_uid && !dec.measure && !dec.appraise && !dec.audit;
}

}  // namespace imans::solver
