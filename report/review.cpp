#include "report/review.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <sstream>

#include "imans_config.hpp"
#include "model/graph.hpp"
#include "properties/ids.hpp"
#include "report/graphviz.hpp"
#include "search/corpus.hpp"
#include "search/expectations.hpp"
#include "traces/replay.hpp"

namespace imans::report {

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-') ? c : '_';
  return out;
}

// Replays the trace to find where the property fails and draws that state.
Evidence evidence_for(const std::string& design, properties::PropertyId p, traces::Trace trace,
                      std::string message, std::string source) {
  Evidence e;
  const std::string base = fmt::format("{}-{}", slug(design), properties::property_name(p));
  e.trace_file = "traces/" + base + ".trace";
  e.graph_file = "graphs/" + base + ".svg";
  e.message = std::move(message);
  e.source = std::move(source);
  for (const auto& st : trace.statements) e.steps += std::holds_alternative<traces::StepLine>(st);
  const auto r = traces::replay(trace);
  for (const auto& f : r.first_violations) {
    if (f.violation.property != p) continue;
    e.failing_line = f.pos.line;
    if (e.message.empty()) e.message = f.violation.message;
    std::ostringstream dot;
    const std::set<ObjRef> hot(f.violation.objects.begin(), f.violation.objects.end());
    write_dot(dot, f.state, trace.config, trace.world, r.task_names, hot,
              fmt::format("{}: {} (trace line {})", design, properties::property_name(p), f.pos.line));
    std::string error;
    if (auto svg = render_svg(dot.str(), error)) e.svg = *svg;
    break;
  }
  e.trace = std::move(trace);
  return e;
}

std::string versions() {
  std::string compiler;
#if defined(__clang__)
  compiler = fmt::format("clang {}.{}", __clang_major__, __clang_minor__);
#elif defined(__GNUC__)
  compiler = fmt::format("g++ {}.{}", __GNUC__, __GNUC_MINOR__);
#endif
  return fmt::format("imans {}; built with {}; RapidCheck (Debian librapidcheck-dev); "
                     "Z3 (Debian libz3-dev); Boost.Graph; Graphviz dot",
                     IMANS_VERSION, compiler);
}

}  // namespace

std::optional<Budget> parse_budget(std::string_view name) {
  if (name == "quick") return Budget::quick;
  if (name == "default" || name == "standard") return Budget::standard;
  if (name == "thorough") return Budget::thorough;
  return std::nullopt;
}

std::string_view budget_name(Budget b) {
  switch (b) {
    case Budget::quick:
      return "quick";
    case Budget::standard:
      return "default";
    case Budget::thorough:
      return "thorough";
  }
  return "?";
}

Parameters parameters_for(Budget b, std::uint64_t seed) {
  Parameters p;
  p.budget = b;
  p.seed = seed;
  switch (b) {
    case Budget::quick:
      p.runs = 1500;
      p.max_steps = 30;
      p.mutant_runs = 20000;  // the rarest kill needs ~3000 runs on average; stop at the first
      p.proof_depth = 4;
      p.proof_rules = 2;
      p.proof_timeout_ms = 5000;
      break;
    case Budget::standard:
      p.runs = 15000;
      p.max_steps = 40;
      p.mutant_runs = 40000;
      p.proof_depth = 16;
      p.proof_rules = 4;
      p.proof_timeout_ms = 20000;
      break;
    case Budget::thorough:
      p.runs = 200000;
      p.max_steps = 60;
      p.mutant_runs = 200000;
      p.proof_depth = 64;
      p.proof_rules = 8;
      p.proof_timeout_ms = 120000;
      break;
  }
  return p;
}

bool provable(properties::PropertyId id) {
  using P = properties::PropertyId;
  return id == P::no_appraisal_escape || id == P::no_measurement_escape ||
         id == P::no_audit_escape;
}

Review run_review(const ReviewRequest& req) {
  Review review;
  review.params = req.params;
  review.started = utc_now();
  review.versions = versions();
  const auto start = Clock::now();
  auto say = [&](const std::string& s) {
    if (req.progress) req.progress(s);
  };
  const auto corpus = search::load_corpus(req.corpus_dirs);
  for (const auto& e : corpus.errors) review.notes.push_back("corpus: " + e);

  for (const auto& [name, cfg] : req.designs) {
    const auto t0 = Clock::now();
    DesignReview d;
    d.config = cfg;
    d.name = name;
    if (const Preset* p = find_preset(name)) {
      d.summary = std::string(p->summary);
      d.trade_off = std::string(p->trade_off);
      d.expectation_reason = std::string(search::expectation_reason(name));
    }
    const bool has_expectation = find_preset(name) && cfg.design == find_preset(name)->design;
    const properties::PropertySet expected = search::expected_violations(name);

    say(fmt::format("{}: replaying the corpus", name));
    properties::PropertySet targets = req.properties;
    const auto rep = search::replay_corpus(corpus.entries, cfg, targets);
    d.corpus_replayed = rep.replayed;
    d.corpus_stale = rep.stale;
    // Unlike `imans check`, the review searches even where the corpus already
    // shows a violation: the report shows the shortest trace either found.
    std::vector<search::Counterexample> found = rep.known;

    say(fmt::format("{}: searching {} random traces of up to {} steps", name, req.params.runs,
                    req.params.max_steps));
    search::SearchOptions so;
    so.config = cfg;
    so.targets = targets;
    so.seed = req.params.seed;
    so.runs = req.params.runs;
    so.max_steps = req.params.max_steps;
    const auto sr = search::search(so);
    if (!sr.internal_error.empty()) review.notes.push_back(name + ": " + sr.internal_error);
    d.stats = sr.stats;
    d.runs_done = sr.runs_done;
    d.search_seconds = sr.seconds;
    for (const auto& cx : sr.found) {
      auto same = std::find_if(found.begin(), found.end(),
                               [&](const auto& k) { return k.property == cx.property; });
      if (same == found.end())
        found.push_back(cx);
      else if (cx.steps < same->steps)
        *same = cx;
    }

    for (auto id : properties::all_properties()) {
      if (!req.properties.test(properties::index(id))) continue;
      Cell c;
      c.property = id;
      c.has_expectation = has_expectation;
      c.expected_violated = expected.test(properties::index(id));
      c.premises = sr.stats.premises[properties::index(id)];
      for (const auto& cx : found) {
        if (cx.property != id) continue;
        c.verdict = Verdict::violated;
        c.evidence = evidence_for(name, id, cx.trace, cx.message, cx.source);
        c.how = cx.source == "search"
                    ? fmt::format("violated: found by the random search and shrunk to {} step(s)",
                                  c.evidence->steps)
                    : fmt::format("violated: shown by the corpus trace {}", cx.source);
        c.seconds = cx.seconds_to_minimal;
      }
      if (c.verdict != Verdict::violated && req.prover && provable(id)) {
        say(fmt::format("{}: proving {}", name, properties::property_name(id)));
        const ProofOutcome po = req.prover(cfg, id, req.params);
        c.seconds = po.seconds;
        switch (po.verdict) {
          case Verdict::violated:
            if (po.witness) {
              c.verdict = Verdict::violated;
              c.evidence = evidence_for(name, id, *po.witness, "", "solver");
              c.how = fmt::format("violated: Z3 witness at depth {} ({:.2f} s), replayed as a "
                                  "trace",
                                  po.depth, po.seconds);
            }
            break;
          case Verdict::proved_every_depth:
            c.verdict = po.verdict;
            c.how = fmt::format("proved for every depth by Z3 ({}; {:.2f} s), and held over {} "
                                "random traces",
                                po.detail, po.seconds, sr.runs_done);
            break;
          case Verdict::proved_to_depth:
            c.verdict = po.verdict;
            c.how = fmt::format("proved to depth {} by Z3 ({}; {:.2f} s), and held over {} "
                                "random traces",
                                po.depth, po.detail, po.seconds, sr.runs_done);
            break;
          default:
            c.how = fmt::format("Z3 did not decide ({}); ", po.detail);
            break;
        }
      }
      if (c.verdict == Verdict::unknown || c.verdict == Verdict::held_random) {
        c.verdict = Verdict::held_random;
        c.how += fmt::format("held over {} random traces of up to {} steps (premise exercised "
                             "{} times)",
                             sr.runs_done, req.params.max_steps, c.premises);
      }
      d.cells.push_back(std::move(c));
    }
    d.seconds = since(t0);
    review.designs.push_back(std::move(d));
  }

  if (req.params.mutant_runs > 0) {
    say(fmt::format("mutants: searching each seeded bug ({} runs each)", req.params.mutant_runs));
    search::MatrixOptions mo;
    mo.seed = req.params.seed;
    mo.runs = req.params.mutant_runs;
    mo.max_steps = req.params.max_steps;
    review.mutants = search::mutant_matrix(mo);
  }
  if (req.comparer) {
    say("policies: comparing the kernel's built-in policies");
    review.policies = req.comparer();
  }
  review.seconds = since(start);
  return review;
}

}  // namespace imans::report
