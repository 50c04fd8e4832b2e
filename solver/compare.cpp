#include "solver/compare.hpp"

#include <fmt/format.h>

#include <cctype>

#include "model/policy/decide.hpp"
#include "solver/entities.hpp"
#include "solver/prefer.hpp"
#include "solver/rule.hpp"
#include "solver/semantics.hpp"

namespace imans::solver {
namespace {

using policy::Func;

std::variant<SymPolicy, std::string> constants(z3::context& c, const std::vector<policy::Rule>& rules,
                                              std::string_view which) {
  SymPolicy out;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    auto r = constant_rule(c, rules[i]);
    if (auto* e = std::get_if<std::string>(&r)) return fmt::format("{} rule {}: {}", which, i + 1, *e);
    out.push_back(std::get<SymRule>(r));
  }
  return out;
}

}  // namespace

std::string name_policies(std::string_view what, std::string_view a, std::string_view b) {
  std::string out;
  for (std::size_t i = 0; i < what.size(); ++i) {
    const char ch = what[i];
    const auto word = [&](std::size_t j) { return std::isalnum(static_cast<unsigned char>(what[j])) != 0; };
    const bool alone = (ch == 'A' || ch == 'B') && (i == 0 || !word(i - 1)) &&
                       (i + 1 == what.size() || !word(i + 1));
    if (alone)
      out += ch == 'A' ? a : b;
    else
      out += ch;
  }
  return out;
}

namespace {

// Why B is stricter than A here, as terms over the two decisions.
struct Reason {
  std::string what;
  z3::expr holds;
};

std::vector<Reason> reasons(Aspect aspect, const SymDecision& a, const SymDecision& b) {
  switch (aspect) {
    case Aspect::measure:
      return {{"B measures it, A does not", b.measure && !a.measure}};
    case Aspect::audit:
      return {{"B audits it, A does not", b.audit && !a.audit}};
    case Aspect::appraise:
      break;
  }
  return {{"B appraises it, A does not", b.appraise && !a.appraise},
          {"both appraise it; B requires a signature, A does not",
           b.appraise && a.appraise && b.digsig && !a.digsig},
          {"both appraise it; B's appraise_algos refuse the sha256 digest, A's do not",
           b.appraise && a.appraise && b.algos_deny && !a.algos_deny}};
}

// The same reason, judged by the concrete evaluator.
bool concrete_holds(Aspect aspect, std::size_t reason, const policy::Decision& a,
                    const policy::Decision& b) {
  auto has = [](const policy::Decision& d, std::uint16_t bit) { return (d.action & bit) != 0; };
  auto digsig = [](const policy::Decision& d) { return (d.flags & policy::kFlagDigsigRequired) != 0; };
  auto algos = [](const policy::Decision& d) {
    return d.appraise_algos != 0 && (d.appraise_algos & (1U << 4)) == 0;
  };
  switch (aspect) {
    case Aspect::measure:
      return has(b, policy::kMeasure) && !has(a, policy::kMeasure);
    case Aspect::audit:
      return has(b, policy::kAudit) && !has(a, policy::kAudit);
    case Aspect::appraise:
      break;
  }
  const bool ab = has(b, policy::kAppraise), aa = has(a, policy::kAppraise);
  switch (reason) {
    case 0:
      return ab && !aa;
    case 1:
      return ab && aa && digsig(b) && !digsig(a);
    default:
      return ab && aa && algos(b) && !algos(a);
  }
}

std::vector<z3::expr> plain_access(const SymSubject& s, const SymFile& f) {
  z3::context& c = s.uid.ctx();
  const z3::expr zero = c.bv_val(0, kIdBits);
  return {s.euid == s.uid, s.suid == s.uid, s.egid == s.gid, s.sgid == s.gid,
          !s.cap_setuid,   !s.cap_setgid,   s.gid == zero,   f.group == zero,
          f.owner == zero, s.uid == zero,   s.uid == c.bv_val(1000, kIdBits),
          f.fsmagic == c.bv_val(0xef53, kMagicBits), f.fsuuid == c.bv_val(0, kUuidBits)};
}

}  // namespace

std::string_view to_string(Aspect a) {
  switch (a) {
    case Aspect::measure:
      return "measure";
    case Aspect::appraise:
      return "appraise";
    case Aspect::audit:
      break;
  }
  return "audit";
}

z3::expr compare_hook_domain(const SymHook& h) {
  z3::context& c = h.func.ctx();
  auto is = [&](Func f) { return h.func == c.bv_val(static_cast<unsigned>(f), kFuncBits); };
  auto mask = [&](unsigned m) { return h.mask == c.bv_val(m, kMaskBits); };
  const z3::expr exec_hooks = is(Func::mmap_check) || is(Func::mmap_check_reqprot) ||
                              is(Func::bprm_check) || is(Func::creds_check);
  const z3::expr read_hooks = is(Func::module_check) || is(Func::firmware_check) ||
                              is(Func::kexec_kernel_check) || is(Func::kexec_initramfs_check) ||
                              is(Func::policy_check);
  return (exec_hooks && mask(policy::kMayExec)) || (read_hooks && mask(policy::kMayRead)) ||
         (is(Func::file_check) && h.mask != c.bv_val(0, kMaskBits));
}

std::variant<std::vector<AspectResult>, std::string> compare_policies(
    z3::context& c, const std::vector<policy::Rule>& a_rules,
    const std::vector<policy::Rule>& b_rules, unsigned timeout_ms) {
  auto a_made = constants(c, a_rules, "A");
  if (auto* e = std::get_if<std::string>(&a_made)) return *e;
  auto b_made = constants(c, b_rules, "B");
  if (auto* e = std::get_if<std::string>(&b_made)) return *e;
  const SymPolicy& a = std::get<SymPolicy>(a_made);
  const SymPolicy& b = std::get<SymPolicy>(b_made);

  const SymSubject s = fresh_subject(c, "subject");
  const SymFile f = fresh_file(c, "file");
  const SymHook h{c.bv_const("hook.func", kFuncBits), c.bv_const("hook.mask", kMaskBits)};
  const SymDecision da = decide(a, s, f, h), db = decide(b, s, f, h);

  z3::solver solver(c);
  z3::params p(c);
  p.set("timeout", timeout_ms);
  solver.set(p);
  solver.add(subject_ids_valid(s) && file_ids_valid(f) && compare_hook_domain(h));

  std::vector<AspectResult> out;
  for (Aspect aspect : {Aspect::measure, Aspect::appraise, Aspect::audit}) {
    AspectResult r{aspect, Answer::unknown, 0, std::nullopt, {}};
    const std::vector<Reason> why = reasons(aspect, da, db);
    z3::expr_vector any(c);
    for (const Reason& x : why) any.push_back(x.holds);
    solver.push();
    solver.add(z3::mk_or(any));
    r.answer = timed_check(solver, r.ms);
    if (r.answer == Answer::unknown) r.note = solver.reason_unknown();
    if (r.answer == Answer::sat) {
      const unsigned pushes = keep_satisfiable(solver, plain_access(s, f));
      if (solver.check() == z3::sat) {
        const z3::model m = solver.get_model();
        Distinction d;
        d.subject = subject_from_model(m, s);
        d.file = inode_from_model(m, f);
        d.func = static_cast<Func>(m.eval(h.func, true).get_numeral_uint64());
        d.mask = static_cast<std::uint8_t>(m.eval(h.mask, true).get_numeral_uint64());
        std::size_t reason = 0;
        while (reason + 1 < why.size() && !m.eval(why[reason].holds, true).is_true()) ++reason;
        d.what = why[reason].what;
        const std::uint16_t wanted = policy::kMeasure | policy::kAppraise | policy::kAudit | policy::kHash;
        const auto ca = policy::ima_match_policy(a_rules, d.subject, d.file, d.func, d.mask, wanted);
        const auto cb = policy::ima_match_policy(b_rules, d.subject, d.file, d.func, d.mask, wanted);
        d.confirmed = concrete_holds(aspect, reason, ca, cb);
        r.distinction = d;
      }
      solver.pop(pushes);
    }
    solver.pop();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace imans::solver
