#include "solver/rule.hpp"

#include <fmt/format.h>

#include "solver/names.hpp"

namespace imans::solver {
namespace {

using namespace policy;

z3::expr bv(z3::context& c, std::uint64_t v, unsigned w) { return c.bv_val(v, w); }

SymIdCond fresh_id(z3::context& c, const std::string& n) {
  return {c.bv_const((n + ".kind").c_str(), kEnumBits), c.bv_const((n + ".op").c_str(), kEnumBits),
          bv(c, 0, kIdBits), c.bv_const((n + ".rel").c_str(), kEnumBits)};
}

z3::expr id_grammar(const SymIdCond& d, unsigned max_kind) {
  z3::context& c = d.kind.ctx();
  const z3::expr eq = bv(c, kOpEq, kEnumBits);
  return z3::ule(d.kind, bv(c, max_kind, kEnumBits)) && z3::ule(d.op, bv(c, kOpGt, kEnumBits)) &&
         z3::ule(*d.rel, bv(c, kOpGt, kEnumBits)) &&
         z3::implies(d.kind == bv(c, kIdAbsent, kEnumBits), d.op == eq && *d.rel == eq);
}

z3::expr value_exists(const SymIdCond& d, const z3::expr& actual) {
  z3::context& c = d.kind.ctx();
  return z3::implies(*d.rel == bv(c, kOpGt, kEnumBits), actual != bv(c, 0, kIdBits)) &&
         z3::implies(*d.rel == bv(c, kOpLt, kEnumBits), z3::ult(actual, bv(c, kMaxId, kIdBits)));
}

unsigned op_code(IdOp op) {
  switch (op) {
    case IdOp::lt:
      return kOpLt;
    case IdOp::gt:
      return kOpGt;
    case IdOp::eq:
      break;
  }
  return kOpEq;
}

IdOp op_of(std::uint64_t code) {
  return code == kOpLt ? IdOp::lt : code == kOpGt ? IdOp::gt : IdOp::eq;
}

// How `actual` compares with `value`, as an IdOpCode.
unsigned relation(std::uint32_t actual, std::uint32_t value) {
  return actual == value ? kOpEq : actual < value ? kOpLt : kOpGt;
}

// A value standing in that relation to `actual`.
std::uint32_t value_for(std::uint64_t rel, std::uint32_t actual) {
  if (rel == kOpLt) return actual + 1;
  if (rel == kOpGt) return actual - 1;
  return actual;
}

SymIdCond constant_id(z3::context& c, bool present, unsigned kind, const IdCond& cond) {
  if (!present) return {bv(c, kIdAbsent, kEnumBits), bv(c, kOpEq, kEnumBits), bv(c, 0, kIdBits), std::nullopt};
  return {bv(c, kind, kEnumBits), bv(c, op_code(cond.op), kEnumBits), bv(c, cond.value, kIdBits),
          std::nullopt};
}

z3::expr uuid_value(z3::context& c, const std::array<std::uint8_t, 16>& b) {
  z3::expr out = bv(c, b[0], 8);
  for (std::size_t i = 1; i < b.size(); ++i) out = z3::concat(out, bv(c, b[i], 8));
  return out;
}

std::uint64_t num(const z3::model& m, const z3::expr& e) {
  return m.eval(e, true).get_numeral_uint64();
}
bool truth(const z3::model& m, const z3::expr& e) { return m.eval(e, true).is_true(); }

constexpr std::uint16_t kActionOf[4][2] = {
    {kDontMeasure, kMeasure}, {kDontAppraise, kAppraise}, {kDontAudit, kAudit}, {kDontHash, kHash}};

// A magic other than the file's, for a rule whose fsmagic= must not match.
std::uint32_t other_magic(std::uint32_t file_magic) {
  for (std::uint32_t m : known_magics())
    if (m != file_magic && m != 0xef53) return m;
  return file_magic ^ 1U;
}

}  // namespace

SymRule fresh_rule(z3::context& c, const std::string& n) {
  return SymRule{
      c.bool_const((n + ".present").c_str()),
      c.bv_const((n + ".cls").c_str(), kEnumBits),
      c.bool_const((n + ".do").c_str()),
      c.bool_const((n + ".has_func").c_str()),
      c.bv_const((n + ".func").c_str(), kFuncBits),
      c.bv_const((n + ".mask_kind").c_str(), kEnumBits),
      c.bv_const((n + ".mask").c_str(), kMaskBits),
      c.bool_const((n + ".has_fsmagic").c_str()),
      bv(c, 0, kMagicBits),
      c.bool_const((n + ".fsmagic_same").c_str()),
      c.bool_val(false),
      bv(c, 0, kNameBits),
      c.bool_val(false),
      bv(c, 0, kUuidBits),
      c.bool_val(false),
      fresh_id(c, n + ".uid"),
      fresh_id(c, n + ".gid"),
      fresh_id(c, n + ".fowner"),
      fresh_id(c, n + ".fgroup"),
      c.bool_const((n + ".imasig").c_str()),
      c.bool_const((n + ".algos_deny").c_str()),
  };
}

z3::expr rule_grammar(const SymRule& r) {
  z3::context& c = r.cls.ctx();
  const z3::expr appraise_do =
      r.cls == bv(c, static_cast<unsigned>(Cls::appraise), kEnumBits) && r.is_do;
  const z3::expr file_hook =
      z3::uge(r.func, bv(c, static_cast<unsigned>(Func::file_check), kFuncBits)) &&
      z3::ule(r.func, bv(c, static_cast<unsigned>(Func::creds_check), kFuncBits));
  const z3::expr one_bit = r.mask == bv(c, kMayExec, kMaskBits) ||
                           r.mask == bv(c, kMayWrite, kMaskBits) ||
                           r.mask == bv(c, kMayRead, kMaskBits) ||
                           r.mask == bv(c, kMayAppend, kMaskBits);
  const z3::expr no_mask = r.mask_kind == bv(c, kMaskNone, kEnumBits);
  return z3::ite(r.has_func, file_hook, r.func == bv(c, 0, kFuncBits)) &&
         z3::ule(r.mask_kind, bv(c, kMaskAny, kEnumBits)) &&
         z3::ite(no_mask, r.mask == bv(c, 0, kMaskBits), one_bit) &&
         z3::implies(!r.has_fsmagic, *r.fsmagic_same) && id_grammar(r.uid, kIdEffective) &&
         id_grammar(r.gid, kIdEffective) && id_grammar(r.fowner, kIdPlain) &&
         id_grammar(r.fgroup, kIdPlain) && z3::implies(r.imasig, appraise_do) &&
         z3::implies(r.algos_deny, appraise_do);
}

z3::expr rule_values_exist(const SymRule& r, const SymSubject& s, const SymFile& f) {
  return value_exists(r.uid, s.uid) && value_exists(r.gid, s.gid) &&
         value_exists(r.fowner, f.owner) && value_exists(r.fgroup, f.group);
}

std::variant<SymRule, std::string> constant_rule(z3::context& c, const Rule& rule) {
  for (const auto& label : rule.lsm)
    if (!label.empty())
      return std::string("LSM conditions (subj_*/obj_*) are not modelled: imans has no labels");
  int cls = -1;
  bool is_do = false;
  for (int k = 0; k < 4; ++k)
    for (int d = 0; d < 2; ++d)
      if (rule.action == kActionOf[k][d]) {
        cls = k;
        is_do = d == 1;
      }
  if (cls < 0) return fmt::format("action bits 0x{:x} are not exactly one action", rule.action);
  if (rule.has(kFlagUid) && rule.has(kFlagEuid))
    return std::string("uid= and euid= together (the parser refuses this)");
  if (rule.has(kFlagGid) && rule.has(kFlagEgid))
    return std::string("gid= and egid= together (the parser refuses this)");
  if (rule.has(kFlagMask) && rule.has(kFlagInMask))
    return std::string("mask= and mask=^ together (the parser refuses this)");
  // The decision takes IMA_DIGSIG_REQUIRED from whichever rule decides any
  // class; the parser allows it on appraise rules only, which is what the
  // encoding relies on.
  if (rule.action != kAppraise && rule.has(kFlagDigsigRequired))
    return std::string("appraise_type= on a rule that does not appraise (the parser refuses this)");

  const bool algos_deny = rule.action == kAppraise && rule.has(kFlagAppraiseAlgos) &&
                          (rule.appraise_algos & (1U << 4)) == 0;
  const unsigned mask_kind =
      rule.has(kFlagMask) ? kMaskExact : rule.has(kFlagInMask) ? kMaskAny : kMaskNone;
  return SymRule{
      c.bool_val(true),
      bv(c, static_cast<unsigned>(cls), kEnumBits),
      c.bool_val(is_do),
      c.bool_val(rule.has(kFlagFunc)),
      bv(c, static_cast<unsigned>(rule.func), kFuncBits),
      bv(c, mask_kind, kEnumBits),
      bv(c, mask_kind == kMaskNone ? 0 : rule.mask & 0xf, kMaskBits),
      c.bool_val(rule.has(kFlagFsmagic)),
      bv(c, rule.fsmagic, kMagicBits),
      std::nullopt,
      c.bool_val(rule.has(kFlagFsname)),
      bv(c, rule.has(kFlagFsname) ? fsname_index(rule.fsname) : 0, kNameBits),
      c.bool_val(rule.has(kFlagFsuuid)),
      uuid_value(c, rule.fsuuid),
      // The model's superblocks have no subtype, so fs_subtype= never matches.
      c.bool_val(rule.has(kFlagFsSubtype)),
      constant_id(c, rule.has(kFlagUid) || rule.has(kFlagEuid),
                  rule.has(kFlagEuid) ? kIdEffective : kIdPlain, rule.uid),
      constant_id(c, rule.has(kFlagGid) || rule.has(kFlagEgid),
                  rule.has(kFlagEgid) ? kIdEffective : kIdPlain, rule.gid),
      constant_id(c, rule.has(kFlagFowner), kIdPlain, rule.fowner),
      constant_id(c, rule.has(kFlagFgroup), kIdPlain, rule.fgroup),
      c.bool_val(rule.has(kFlagDigsigRequired)),
      c.bool_val(algos_deny),
  };
}

Rule rule_from_model(const z3::model& m, const SymRule& r, const Subject& s, const Inode& f) {
  Rule out;
  out.action = kActionOf[num(m, r.cls)][truth(m, r.is_do) ? 1 : 0];
  if (truth(m, r.has_func)) {
    out.flags |= kFlagFunc;
    out.func = static_cast<Func>(num(m, r.func));
  }
  const auto mask_kind = num(m, r.mask_kind);
  if (mask_kind == kMaskExact) out.flags |= kFlagMask;
  if (mask_kind == kMaskAny) out.flags |= kFlagInMask;
  if (mask_kind != kMaskNone) out.mask = static_cast<std::uint8_t>(num(m, r.mask));
  if (truth(m, r.has_fsmagic)) {
    out.flags |= kFlagFsmagic;
    out.fsmagic = !r.fsmagic_same                 ? static_cast<std::uint32_t>(num(m, r.fsmagic))
                  : truth(m, *r.fsmagic_same)     ? f.fsmagic
                                                  : other_magic(f.fsmagic);
  }
  auto id = [&](const SymIdCond& d, IdCond& slot, Flag plain, Flag effective,
                std::uint32_t actual) {
    const auto kind = num(m, d.kind);
    if (kind == kIdAbsent) return;
    out.flags |= kind == kIdEffective ? effective : plain;
    const std::uint32_t value = d.rel ? value_for(num(m, *d.rel), actual)
                                      : static_cast<std::uint32_t>(num(m, d.value));
    slot = IdCond{op_of(num(m, d.op)), value};
  };
  id(r.uid, out.uid, kFlagUid, kFlagEuid, s.uid);
  id(r.gid, out.gid, kFlagGid, kFlagEgid, s.gid);
  id(r.fowner, out.fowner, kFlagFowner, kFlagFowner, f.uid);
  id(r.fgroup, out.fgroup, kFlagFgroup, kFlagFgroup, f.gid);
  if (out.action == kAppraise && truth(m, r.imasig)) out.flags |= kFlagDigsigRequired;
  if (out.action == kAppraise && truth(m, r.algos_deny)) {
    out.flags |= kFlagAppraiseAlgos;
    out.appraise_algos = 1U << 6;  // sha512: any list without sha256 refuses the model's digests
  }
  return out;
}

bool bind_rule(const SymRule& a, const Rule& rule, const Subject& s, const Inode& f,
               z3::expr_vector& from, z3::expr_vector& to) {
  if (rule.flags & (kFlagFsname | kFlagFsuuid | kFlagFsSubtype)) return false;
  if (s.euid != s.uid || s.suid != s.uid || s.egid != s.gid || s.sgid != s.gid) return false;
  z3::context& c = a.cls.ctx();
  auto made = constant_rule(c, rule);
  if (std::holds_alternative<std::string>(made)) return false;
  const SymRule& b = std::get<SymRule>(made);
  auto bind = [&](const z3::expr& x, const z3::expr& y) {
    from.push_back(x);
    to.push_back(y);
  };
  for (auto [x, y] : {std::pair{&a.present, &b.present}, {&a.cls, &b.cls}, {&a.is_do, &b.is_do},
                      {&a.has_func, &b.has_func}, {&a.func, &b.func},
                      {&a.mask_kind, &b.mask_kind}, {&a.mask, &b.mask},
                      {&a.has_fsmagic, &b.has_fsmagic}, {&a.imasig, &b.imasig},
                      {&a.algos_deny, &b.algos_deny}})
    bind(*x, *y);
  bind(*a.fsmagic_same, c.bool_val(!rule.has(kFlagFsmagic) || rule.fsmagic == f.fsmagic));
  auto id = [&](const SymIdCond& x, const SymIdCond& y, std::uint32_t actual, std::uint32_t value) {
    bind(x.kind, y.kind);
    bind(x.op, y.op);
    const bool absent = y.kind.get_numeral_uint64() == kIdAbsent;
    bind(*x.rel, bv(c, absent ? kOpEq : relation(actual, value), kEnumBits));
  };
  id(a.uid, b.uid, s.uid, rule.uid.value);
  id(a.gid, b.gid, s.gid, rule.gid.value);
  id(a.fowner, b.fowner, f.uid, rule.fowner.value);
  id(a.fgroup, b.fgroup, f.gid, rule.fgroup.value);
  return true;
}

}  // namespace imans::solver
