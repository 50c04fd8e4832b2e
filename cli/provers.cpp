#include "cli/provers.hpp"

#include <fmt/format.h>
#include <z3++.h>

#include <map>
#include <memory>

#include "model/policy/names.hpp"
#include "solver/compare.hpp"
#include "solver/policy_source.hpp"
#include "solver/prove.hpp"

namespace imans::cli {

namespace {

report::Verdict verdict_of(solver::Verdict v) {
  switch (v) {
    case solver::Verdict::proved_every_depth:
      return report::Verdict::proved_every_depth;
    case solver::Verdict::proved_to_depth:
      return report::Verdict::proved_to_depth;
    case solver::Verdict::violated:
      return report::Verdict::violated;
    case solver::Verdict::unknown:
      return report::Verdict::unknown;
  }
  return report::Verdict::unknown;
}

// One Z3 context for the whole review (making one costs tens of
// milliseconds), and one prove() per design, which answers all three escapes.
struct ProverState {
  z3::context context;
  std::map<std::string, solver::ProveReport> reports;
};

}  // namespace

report::Prover make_prover() {
  auto st = std::make_shared<ProverState>();
  return [st](const Config& cfg, properties::PropertyId id,
              const report::Parameters& p) -> report::ProofOutcome {
    report::ProofOutcome out;
    const std::string key = fmt::format("{}|{}|{}", axes_string(cfg.design), p.proof_depth,
                                        p.proof_rules);
    auto it = st->reports.find(key);
    if (it == st->reports.end()) {
      solver::ProveOptions o;
      o.design = cfg.design;
      o.properties.assign(solver::all_escapes().begin(), solver::all_escapes().end());
      o.depth = p.proof_depth;
      o.rules = p.proof_rules;
      o.timeout_ms = p.proof_timeout_ms;
      o.host.rules = p.proof_rules;
      it = st->reports.emplace(key, solver::prove(st->context, o)).first;
    }
    const solver::ProveReport& r = it->second;
    if (!r.error.empty()) {
      out.detail = r.error;
      return out;
    }
    for (const auto& pr : r.properties) {
      if (solver::property_of(pr.property) != id) continue;
      out.verdict = verdict_of(pr.verdict);
      out.depth = pr.depth;
      double ms = 0;
      int bounded = 0;
      std::string step = "no induction step";
      for (const auto& q : pr.queries) {
        ms += q.ms;
        if (q.depth > 0 && q.answer == solver::Answer::unsat) ++bounded;
        if (q.depth == 0) step = fmt::format("induction step {}", solver::to_string(q.answer));
      }
      out.seconds = ms / 1000.0;
      out.detail = fmt::format("{} bounded queries UNSAT up to depth {} with {} adversary rules "
                               "per level and any host policy of {} rules, {}",
                               bounded, p.proof_depth, p.proof_rules, p.proof_rules, step);
      if (!pr.step_note.empty()) out.detail += fmt::format(" ({})", pr.step_note);
      if (out.verdict == report::Verdict::violated) {
        if (pr.trace && pr.witness_problem.empty())
          out.witness = pr.trace;
        else
          out.verdict = report::Verdict::unknown;  // a witness that does not replay proves nothing
        out.detail = pr.witness_problem.empty() ? "Z3 witness" : pr.witness_problem;
      }
    }
    return out;
  };
}

report::PolicyComparer make_policy_comparer() {
  return [] {
    std::vector<report::PolicyComparison> out;
    z3::context c;
    const std::pair<const char*, const char*> pairs[] = {
        {"tcb", "ima_tcb"},         {"ima_tcb", "tcb"},
        {"appraise_tcb", "secure_boot"}, {"secure_boot", "appraise_tcb"},
        {"tcb", "critical_data"},   {"secure_boot", "arch_efi_secureboot"},
    };
    for (const auto& [a, b] : pairs) {
      auto pa = solver::load_policy(std::string("builtin:") + a);
      auto pb = solver::load_policy(std::string("builtin:") + b);
      if (!std::holds_alternative<solver::NamedPolicy>(pa) ||
          !std::holds_alternative<solver::NamedPolicy>(pb))
        continue;
      auto r = solver::compare_policies(c, std::get<solver::NamedPolicy>(pa).rules,
                                        std::get<solver::NamedPolicy>(pb).rules, 10000);
      if (!std::holds_alternative<std::vector<solver::AspectResult>>(r)) continue;
      report::PolicyComparison pc;
      pc.stricter = a;
      pc.than = b;
      for (const auto& ar : std::get<std::vector<solver::AspectResult>>(r)) {
        const bool ok = ar.answer == solver::Answer::unsat;
        switch (ar.aspect) {
          case solver::Aspect::measure: pc.measure = ok; break;
          case solver::Aspect::appraise: pc.appraise = ok; break;
          case solver::Aspect::audit: pc.audit = ok; break;
        }
        if (!ok && pc.witness.empty() && ar.distinction) {
          const auto& d = *ar.distinction;
          pc.witness = fmt::format("{} by uid {} of a file owned by {} (fsmagic 0x{:x}): {}",
                                   policy::func_name(d.func), d.subject.uid, d.file.uid,
                                   d.file.fsmagic, solver::name_policies(d.what, a, b));
        }
      }
      out.push_back(std::move(pc));
    }
    return out;
  };
}

}  // namespace imans::cli
