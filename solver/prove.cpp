#include "solver/prove.hpp"

#include <fmt/format.h>

#include <chrono>

#include "solver/induction.hpp"
#include "solver/witness_search.hpp"
#include "solver/reach.hpp"

namespace imans::solver {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

Answer answer_of(z3::check_result r) {
  switch (r) {
    case z3::unsat:
      return Answer::unsat;
    case z3::sat:
      return Answer::sat;
    case z3::unknown:
      break;
  }
  return Answer::unknown;
}

// A fresh QF_BV solver per query: its non-incremental tactic (simplify,
// bit-blast, SAT) is an order of magnitude faster here than the incremental
// core a push would switch it to. Witness extraction, after the query, pushes.
z3::solver query_solver(z3::context& c, unsigned timeout_ms, const z3::expr_vector& constraints) {
  z3::solver s(c, "QF_BV");
  z3::params p(c);
  p.set("timeout", timeout_ms);
  s.set(p);
  for (const z3::expr& e : constraints) s.add(e);
  return s;
}

// A proof whose premise never holds says nothing. With any host policy the
// premise must be satisfiable (else the encoding is broken); with a given one
// it may not be, which the report says.
bool check_premise(z3::context& c, const ProveOptions& o, const Chain& chain, PropertyReport& r,
                   ProveReport& report) {
  z3::solver s = query_solver(c, o.timeout_ms, chain.common.constraints);
  s.add(escape_premise(r.property, chain.common.alone, chain.common.hooks.has_second));
  double ms = 0;
  if (timed_check(s, ms) != Answer::unsat) return true;
  if (!o.host.fixed) {
    report.error = fmt::format("internal error: no configuration satisfies the premise of {}; "
                               "the encoding is broken",
                               escape_name(r.property));
    return false;
  }
  r.premise_note = fmt::format(
      "init_ima_ns's policy never {} any access, so the property holds vacuously",
      r.property == Escape::appraisal     ? "denies"
      : r.property == Escape::measurement ? "measures"
                                          : "audits");
  return true;
}

// Where each property stands while the depths are being worked through.
struct Progress {
  bool model_open = true;    // every depth so far proved
  bool nesting_open = true;  // likewise for escapes through namespaces
};

// One bounded query for one property at one depth, and what follows from it.
void bounded(z3::context& c, const ProveOptions& o, const Chain& chain, int k, PropertyReport& r,
             Progress& p) {
  const bool unreachable = max_depth(o.design) > 0 && k > max_depth(o.design);
  bool model_sat_here = false;
  if (p.model_open) {
    z3::solver s = query_solver(c, o.timeout_ms, chain.common.constraints);
    s.add(chain.violated(r.property));
    Query q{fmt::format("depth {}", k), k, Answer::unknown, 0, {}};
    q.answer = timed_check(s, q.ms);
    if (q.answer == Answer::unsat) {
      r.depth = k;
      r.through_namespaces.depth = k;  // fewer violations still: none
      if (unreachable) q.note = fmt::format("no chain of depth {} exists in this design", k);
    } else if (q.answer == Answer::sat) {
      r.verdict = Verdict::violated;
      r.depth = k;
      p.model_open = false;
      model_sat_here = true;
    } else {
      q.note = s.reason_unknown();
      p.model_open = p.nesting_open = false;
    }
    r.queries.push_back(std::move(q));
    if (!model_sat_here) return;
  }
  if (!p.nesting_open) return;
  z3::solver s = query_solver(c, o.timeout_ms, chain.common.constraints);
  s.add(chain.violated(r.property) && !chain.violated_without_namespaces(r.property));
  Query q{fmt::format("depth {}", k), k, Answer::unknown, 0, {}};
  q.answer = timed_check(s, q.ms);
  Track& t = r.through_namespaces;
  if (q.answer == Answer::unsat) {
    t.depth = k;
  } else if (q.answer == Answer::sat) {
    t.verdict = Verdict::violated;
    t.depth = k;
    p.nesting_open = false;
    r.witness.reset();
    find_witness(s, chain, r.property, r);
    r.witness_through_namespaces = true;
  } else {
    q.note = s.reason_unknown();
    p.nesting_open = false;
  }
  t.queries.push_back(std::move(q));
  if (model_sat_here && !r.witness) {
    // Every violation at this depth happens without namespaces too: show one.
    z3::solver m = query_solver(c, o.timeout_ms, chain.common.constraints);
    m.add(chain.violated(r.property));
    if (m.check() == z3::sat) find_witness(m, chain, r.property, r);
  }
}

// The induction step for whichever tracks proved every bounded depth.
void run_step(z3::context& c, const ProveOptions& o, std::vector<PropertyReport>& reports) {
  bool any = false;
  for (const auto& r : reports)
    any = any || r.verdict == Verdict::proved_to_depth ||
          r.through_namespaces.verdict == Verdict::proved_to_depth;
  if (!any) return;
  auto made = encode_step(c, o.design, o.rules, o.host);
  if (auto* err = std::get_if<std::string>(&made)) {
    for (auto& r : reports) r.step_note = *err;
    return;
  }
  const InductionStep& step = std::get<InductionStep>(made);
  auto attempt = [&](const z3::expr& counterexample, Verdict& verdict, std::vector<Query>& queries,
                     std::string& note) {
    z3::solver s = query_solver(c, o.timeout_ms, step.common.constraints);
    s.add(counterexample);
    Query q{"induction step", 0, Answer::unknown, 0, {}};
    q.answer = timed_check(s, q.ms);
    if (q.answer == Answer::unsat) {
      verdict = Verdict::proved_every_depth;
    } else if (q.answer == Answer::sat) {
      note = "adding a level between init_ima_ns and a chain can change init's verdict in the "
             "abstraction of the step, so only the bounded depths are proved";
    } else {
      q.note = s.reason_unknown();
      note = "the induction step was not decided: " + q.note;
    }
    queries.push_back(std::move(q));
  };
  for (auto& r : reports) {
    Track& t = r.through_namespaces;
    if (r.verdict == Verdict::proved_to_depth)
      attempt(step.counterexample(r.property), r.verdict, r.queries, r.step_note);
    if (t.verdict != Verdict::proved_to_depth) continue;
    if (r.verdict == Verdict::proved_every_depth) {
      t.verdict = Verdict::proved_every_depth;  // implied: fewer violations still
    } else {
      attempt(step.counterexample_through_namespaces(r.property), t.verdict, t.queries,
              t.step_note);
    }
  }
}

}  // namespace

std::string_view to_string(Answer a) {
  switch (a) {
    case Answer::unsat:
      return "unsat";
    case Answer::sat:
      return "sat";
    case Answer::unknown:
      break;
  }
  return "unknown";
}

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::proved_every_depth:
      return "proved for every depth";
    case Verdict::proved_to_depth:
      return "proved to depth";
    case Verdict::violated:
      return "violated";
    case Verdict::unknown:
      break;
  }
  return "unknown";
}

Answer timed_check(z3::solver& s, double& ms) {
  const auto t0 = Clock::now();
  const Answer a = answer_of(s.check());
  ms = since(t0);
  return a;
}

ProveReport prove(z3::context& c, const ProveOptions& o) {
  ProveReport report;
  for (Escape e : o.properties) {
    PropertyReport r;
    r.property = e;
    report.properties.push_back(std::move(r));
  }
  std::vector<Progress> progress(report.properties.size());
  for (int k = 1; k <= o.depth; ++k) {
    bool any = false;
    for (const auto& p : progress) any = any || p.model_open || p.nesting_open;
    if (!any) break;
    const auto t0 = Clock::now();
    auto made = encode_chain(c, o.design, k, o.rules, o.host);
    if (auto* err = std::get_if<std::string>(&made)) {
      report.error = *err;
      return report;
    }
    const Chain& chain = std::get<Chain>(made);
    report.encode_ms.push_back(since(t0));
    for (std::size_t i = 0; i < report.properties.size(); ++i) {
      PropertyReport& r = report.properties[i];
      if (!progress[i].model_open && !progress[i].nesting_open) continue;
      if (k == 1 && !check_premise(c, o, chain, r, report)) return report;
      bounded(c, o, chain, k, r, progress[i]);
    }
  }
  for (std::size_t i = 0; i < report.properties.size(); ++i) {
    PropertyReport& r = report.properties[i];
    if (progress[i].model_open && r.depth == o.depth) r.verdict = Verdict::proved_to_depth;
    if (progress[i].nesting_open && r.through_namespaces.depth == o.depth)
      r.through_namespaces.verdict = Verdict::proved_to_depth;
  }
  run_step(c, o, report.properties);
  return report;
}

}  // namespace imans::solver
