// The symbolic policy semantics against the concrete ones: for thousands of
// random (policy, access) pairs, seeded and deterministic, the encoding must
// give exactly what policy::ima_match_policy and kernel::appraisal_passes give.
// Part one: parsed rules as constants against any subject. Part two: fresh
// (relational) rules bound to the same random rules, against trace subjects.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <random>
#include <string>
#include <vector>

#include "model/kernel/kernel.hpp"
#include "model/policy/decide.hpp"
#include "model/policy/names.hpp"
#include "model/policy/parse.hpp"
#include "solver/entities.hpp"
#include "solver/names.hpp"
#include "solver/rule.hpp"
#include "solver/semantics.hpp"
#include "tests/unit/solver/random_rules.hpp"

using namespace imans;
using namespace imans::solver;
using imans::solver::test::Gen;

namespace {

constexpr int kPolicies = 700;
constexpr int kAccessesPerPolicy = 6;

bool literal(const z3::expr& e, bool& out) {
  const z3::expr v = e.simplify();
  if (v.is_true()) return out = true, true;
  if (v.is_false()) return out = false, true;
  return false;
}

// The model's own appraisal verdict for one namespace.
bool concrete_denies(const policy::Decision& d, XattrKind kind, bool current, bool key_in,
                     std::uint8_t mask) {
  if (!(d.action & policy::kAppraise)) return false;
  State s;
  s.imas.emplace_back();
  s.imas[0].keyring = key_in ? key_bit(KeyId{0}) : 0;
  FileState f;
  f.version = 2;
  f.xattr = ImaXattr{kind, KeyId{0}, current ? 2U : 1U};
  const Design design = find_preset("rfc2018")->design;
  const bool pass = kernel::appraisal_passes(s, design, kInitImaNs, f, d);
  return !pass || ((mask & policy::kMayWrite) && kind == XattrKind::sig);
}

struct Expected {
  bool measure, appraise, audit, digsig, algos_deny, denies;
  bool appraise_func;  // the deciding appraise rule names a func (ima_main.cpp's cache slot)
};

// appraise_rule_has_func() in ima_main.cpp: the first matching rule of the
// appraise class.
bool first_appraise_has_func(const std::vector<policy::Rule>& rules, const policy::Subject& s,
                             const policy::Inode& f, policy::Func func, std::uint8_t mask) {
  for (const auto& r : rules) {
    if (!(r.action & (policy::kAppraise | policy::kDontAppraise))) continue;
    if (policy::ima_match_rules(r, s, f, func, mask) != policy::Match::yes) continue;
    return r.has(policy::kFlagFunc);
  }
  return true;
}

Expected concrete(const std::vector<policy::Rule>& rules, const policy::Subject& s,
                  const policy::Inode& f, policy::Func func, std::uint8_t mask, XattrKind kind,
                  bool current, bool key_in) {
  const auto d = policy::ima_match_policy(rules, s, f, func, mask,
                                          policy::kMeasure | policy::kAppraise | policy::kAudit |
                                              policy::kHash);
  const bool appraise = (d.action & policy::kAppraise) != 0;
  return Expected{(d.action & policy::kMeasure) != 0,
                  appraise,
                  (d.action & policy::kAudit) != 0,
                  appraise && (d.flags & policy::kFlagDigsigRequired) != 0,
                  appraise && d.appraise_algos != 0 && (d.appraise_algos & (1U << 4)) == 0,
                  concrete_denies(d, kind, current, key_in, mask),
                  appraise && first_appraise_has_func(rules, s, f, func, mask)};
}

std::string describe(const std::vector<policy::Rule>& rules, const policy::Subject& s,
                     const policy::Inode& f, policy::Func func, std::uint8_t mask) {
  std::string out;
  for (const auto& r : rules) out += "  " + policy::format_rule(r) + "\n";
  out += fmt::format("  subject uid={} euid={} suid={} gid={} egid={} sgid={} caps={}/{}\n", s.uid,
                     s.euid, s.suid, s.gid, s.egid, s.sgid, s.cap_setuid, s.cap_setgid);
  out += fmt::format("  file owner={} group={} fsmagic=0x{:x}; hook {} mask {}\n", f.uid, f.gid,
                     f.fsmagic, policy::func_name(func), mask);
  return out;
}

// Compares one symbolic decision, already specialised to the access, with
// the concrete one.
void agree(const SymDecision& d, const z3::expr& denies, const Expected& want,
           const std::string& what, int& compared) {
  bool measure = false, appraise = false, audit = false, digsig = false, algos = false, deny = false,
       has_func = false;
  REQUIRE_MESSAGE(literal(d.appraise_func, has_func), what);
  REQUIRE_MESSAGE(literal(d.measure, measure), what);
  REQUIRE_MESSAGE(literal(d.appraise, appraise), what);
  REQUIRE_MESSAGE(literal(d.audit, audit), what);
  REQUIRE_MESSAGE(literal(d.digsig, digsig), what);
  REQUIRE_MESSAGE(literal(d.algos_deny, algos), what);
  REQUIRE_MESSAGE(literal(denies, deny), what);
  CHECK_MESSAGE(measure == want.measure, what);
  CHECK_MESSAGE(appraise == want.appraise, what);
  CHECK_MESSAGE(audit == want.audit, what);
  CHECK_MESSAGE((appraise && digsig) == want.digsig, what);
  CHECK_MESSAGE((appraise && algos) == want.algos_deny, what);
  CHECK_MESSAGE(deny == want.denies, what);
  CHECK_MESSAGE((appraise && has_func) == want.appraise_func, what);
  ++compared;
}

}  // namespace

TEST_CASE("every magic the encoding names has a name in the model") {
  for (std::uint32_t m : known_magics()) CHECK(policy::fsname_for_magic(m) != "unknown");
}

TEST_CASE("constant rules agree with ima_match_policy on random policies and accesses") {
  z3::context c;
  Gen gen(0x1a5eedULL);
  int compared = 0;
  for (int p = 0; p < kPolicies; ++p) {
    const auto rules = gen.policy_rules(false);
    SymPolicy sym;
    for (const auto& r : rules) sym.push_back(std::get<SymRule>(constant_rule(c, r)));
    for (int a = 0; a < kAccessesPerPolicy; ++a) {
      const auto s = gen.subject(false);
      const auto f = gen.inode();
      const auto [func, mask] = gen.hook();
      const XattrKind kind = gen.xattr();
      const bool current = gen.coin(), key_in = gen.coin();
      const SymFile file = constant_file(c, f, kind, current);
      const SymHook hook = constant_hook(c, func, mask);
      const SymDecision d = decide(sym, constant_subject(c, s), file, hook);
      agree(d, appraisal_denies(d, file, c.bool_val(key_in), hook),
            concrete(rules, s, f, func, mask, kind, current, key_in), describe(rules, s, f, func, mask),
            compared);
    }
  }
  MESSAGE("compared ", compared, " (policy, access) pairs");
  CHECK(compared == kPolicies * kAccessesPerPolicy);
}

TEST_CASE("fresh rules bound to random rules agree with ima_match_policy") {
  z3::context c;
  Gen gen(0xf4e54ULL);
  int compared = 0;
  for (int p = 0; p < kPolicies; ++p) {
    const auto rules = gen.policy_rules(true);
    SymPolicy fresh;
    for (std::size_t i = 0; i < rules.size(); ++i)
      fresh.push_back(fresh_rule(c, fmt::format("p{}.r{}", p, i)));
    for (int a = 0; a < kAccessesPerPolicy; ++a) {
      const auto s = gen.subject(true);
      const auto f = gen.inode();
      const auto [func, mask] = gen.hook();
      const XattrKind kind = gen.xattr();
      const bool current = gen.coin(), key_in = gen.coin();
      z3::expr_vector from(c), to(c);
      for (std::size_t i = 0; i < rules.size(); ++i)
        REQUIRE(bind_rule(fresh[i], rules[i], s, f, from, to));
      const SymFile file = constant_file(c, f, kind, current);
      const SymHook hook = constant_hook(c, func, mask);
      const SymDecision d = decide(fresh, constant_subject(c, s), file, hook);
      auto bound = [&](const z3::expr& e) { return z3::expr(e).substitute(from, to); };
      const SymDecision b{bound(d.measure),    bound(d.appraise),   bound(d.audit),
                          bound(d.digsig),     bound(d.algos_deny), bound(d.appraise_func)};
      agree(b, bound(appraisal_denies(d, file, c.bool_val(key_in), hook)),
            concrete(rules, s, f, func, mask, kind, current, key_in), describe(rules, s, f, func, mask),
            compared);
    }
  }
  MESSAGE("compared ", compared, " (policy, access) pairs");
  CHECK(compared == kPolicies * kAccessesPerPolicy);
}

TEST_CASE("a fresh rule read back from a model is the rule it stood for") {
  // rule_from_model turns relations into values: the rule it returns must
  // decide the access as the relations did.
  z3::context c;
  Gen gen(0xbac4ULL);
  for (int p = 0; p < 200; ++p) {
    const auto rules = gen.policy_rules(true);
    const auto s = gen.subject(true);
    const auto f = gen.inode();
    if (s.uid == 4294967294U || s.gid == 4294967294U || f.uid == 4294967294U ||
        f.gid == 4294967294U)
      continue;  // no value above these: rule_values_exist() keeps models off them
    SymPolicy fresh;
    z3::expr_vector from(c), to(c);
    for (std::size_t i = 0; i < rules.size(); ++i) {
      fresh.push_back(fresh_rule(c, fmt::format("q{}.r{}", p, i)));
      REQUIRE(bind_rule(fresh.back(), rules[i], s, f, from, to));
    }
    z3::solver solver(c);
    for (unsigned i = 0; i < from.size(); ++i) solver.add(from[i] == to[i]);
    REQUIRE(solver.check() == z3::sat);
    const z3::model m = solver.get_model();
    std::vector<policy::Rule> back;
    for (const auto& r : fresh) back.push_back(rule_from_model(m, r, s, f));
    for (int a = 0; a < 4; ++a) {
      // Plain names, not a structured binding: clang 14 cannot capture
      // bindings in the lambdas CHECK_MESSAGE expands to.
      const auto picked = gen.hook();
      const auto func = picked.first;
      const auto mask = picked.second;
      const auto want = concrete(rules, s, f, func, mask, XattrKind::none, true, false);
      const auto got = concrete(back, s, f, func, mask, XattrKind::none, true, false);
      CHECK_MESSAGE(want.measure == got.measure, describe(back, s, f, func, mask));
      CHECK_MESSAGE(want.appraise == got.appraise, describe(back, s, f, func, mask));
      CHECK_MESSAGE(want.audit == got.audit, describe(back, s, f, func, mask));
      CHECK_MESSAGE(want.digsig == got.digsig, describe(back, s, f, func, mask));
    }
  }
}
