// imans prove: the escape properties of a design, by SMT. Bounded queries for
// depths 1..K, then induction on the depth; a violation comes with a witness
// trace that replays on the model.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/design_arg.hpp"
#include "solver/policy_source.hpp"
#include "solver/prove.hpp"
#include "traces/write.hpp"

namespace imans::cli {
namespace {

struct ProveArgs {
  std::string design;
  std::vector<std::string> properties;
  int depth = 8;
  int rules = 4;
  unsigned timeout_ms = 10000;
  std::string host_policy;
  std::string json;
  std::string witness_dir = ".imans/witnesses";
};

std::string reproduce(const ProveArgs& a, std::string_view property, int depth) {
  std::string cmd = fmt::format("imans prove --design '{}' --property {} --depth {} --rules {}",
                                a.design, property, depth, a.rules);
  if (!a.host_policy.empty()) cmd += fmt::format(" --host-policy '{}'", a.host_policy);
  if (a.timeout_ms != 10000) cmd += fmt::format(" --timeout {}", a.timeout_ms);
  return cmd;
}

std::string witness_path(const ProveArgs& a, const Design& d, std::string_view property) {
  std::string name = d.name;
  for (char& ch : name)
    if (ch == ' ' || ch == '=' || ch == '/') ch = '_';
  return (std::filesystem::path(a.witness_dir) / fmt::format("{}-{}.trace", name, property)).string();
}

std::string queries_line(const std::vector<solver::Query>& queries) {
  std::vector<std::string> parts;
  for (const auto& q : queries)
    parts.push_back(fmt::format("{}: {} ({:.1f} ms{})", q.what, solver::to_string(q.answer), q.ms,
                                q.note.empty() ? "" : "; " + q.note));
  return fmt::format("{}", fmt::join(parts, "\n    "));
}

std::string verdict_text(solver::Verdict verdict, int depth) {
  using solver::Verdict;
  switch (verdict) {
    case Verdict::proved_every_depth:
      return "proved for every depth";
    case Verdict::proved_to_depth:
      return fmt::format("proved to depth {}", depth);
    case Verdict::violated:
      return fmt::format("violated at depth {}", depth);
    case Verdict::unknown:
      break;
  }
  return depth > 0 ? fmt::format("unknown (proved to depth {} only)", depth) : "unknown";
}

nlohmann::json queries_json(const std::vector<solver::Query>& queries) {
  nlohmann::json q = nlohmann::json::array();
  for (const auto& x : queries)
    q.push_back({{"query", x.what}, {"depth", x.depth}, {"answer", solver::to_string(x.answer)},
                 {"ms", x.ms}, {"note", x.note}});
  return q;
}

nlohmann::json report_json(const solver::PropertyReport& r, const std::string& file) {
  const solver::Track& t = r.through_namespaces;
  nlohmann::json j{{"property", solver::escape_name(r.property)},
                   {"verdict", verdict_text(r.verdict, r.depth)},
                   {"depth", r.depth},
                   {"queries", queries_json(r.queries)},
                   {"through_namespaces",
                    {{"verdict", verdict_text(t.verdict, t.depth)},
                     {"depth", t.depth},
                     {"queries", queries_json(t.queries)},
                     {"step_note", t.step_note}}}};
  if (!r.step_note.empty()) j["step_note"] = r.step_note;
  if (!r.premise_note.empty()) j["premise_note"] = r.premise_note;
  if (!r.trace_text.empty())
    j["witness"] = {{"file", file},
                    {"trace", r.trace_text},
                    {"through_namespaces", r.witness_through_namespaces}};
  if (!r.witness_problem.empty()) j["witness_problem"] = r.witness_problem;
  return j;
}

int run_prove(const ProveArgs& a) {
  auto design = parse_design_arg(a.design);
  if (!design) return 2;
  if (a.depth < 1 || a.depth > 64) {
    fmt::print(stderr, "imans prove: --depth must be between 1 and 64, got {}\n", a.depth);
    return 2;
  }
  if (a.rules < 0 || a.rules > 64) {
    fmt::print(stderr, "imans prove: --rules must be between 0 and 64, got {}\n", a.rules);
    return 2;
  }
  solver::ProveOptions o;
  o.design = *design;
  o.depth = a.depth;
  o.rules = a.rules;
  o.timeout_ms = a.timeout_ms;
  o.host.rules = a.rules;
  for (const auto& p : a.properties) {
    auto e = solver::find_escape(p);
    if (!e) {
      fmt::print(stderr,
                 "imans prove: \"{}\" is not a property prove covers; expected one of "
                 "no-appraisal-escape, no-measurement-escape, no-audit-escape (imans check "
                 "searches the others)\n",
                 p);
      return 2;
    }
    o.properties.push_back(*e);
  }
  if (o.properties.empty())
    for (auto e : solver::all_escapes()) o.properties.push_back(e);
  std::string host_text = fmt::format("any {} rules", a.rules);
  if (!a.host_policy.empty()) {
    auto loaded = solver::load_policy(a.host_policy);
    if (auto* e = std::get_if<std::string>(&loaded)) {
      fmt::print(stderr, "imans prove: --host-policy: {}\n", *e);
      return 2;
    }
    o.host.fixed = std::get<solver::NamedPolicy>(loaded).rules;
    if (a.host_policy.rfind("builtin:", 0) == 0) o.host.builtin = a.host_policy.substr(8);
    host_text = fmt::format("{} ({} rules)", a.host_policy, o.host.fixed->size());
  }

  fmt::print("imans prove: design {} ({})\n", design->name, axes_string(*design));
  fmt::print("  host policy: {}; up to {} rules per namespace; depths 1..{}; timeout {} ms per "
             "query\n",
             host_text, a.rules, a.depth, a.timeout_ms);

  z3::context ctx;  // one per run: creating one is not free
  solver::ProveReport report;
  try {
    report = solver::prove(ctx, o);
  } catch (const z3::exception& e) {
    fmt::print(stderr, "imans prove: internal error from Z3: {}\n", e.msg());
    return 3;
  }
  if (!report.error.empty()) {
    fmt::print(stderr, "imans prove: {}\n", report.error);
    return 2;
  }

  bool refuted = false, undecided = false;
  nlohmann::json j{{"design", design->name}, {"axes", axes_string(*design)},
                   {"host_policy", host_text}, {"rules", a.rules}, {"depth", a.depth},
                   {"timeout_ms", a.timeout_ms}, {"encode_ms", report.encode_ms}};
  j["properties"] = nlohmann::json::array();
  for (const auto& r : report.properties) {
    const std::string_view name = solver::escape_name(r.property);
    fmt::print("\n{}: {}\n", name, verdict_text(r.verdict, r.depth));
    fmt::print("    {}\n", queries_line(r.queries));
    if (!r.step_note.empty()) fmt::print("  induction: {}\n", r.step_note);
    if (r.verdict == solver::Verdict::violated) {
      // Does any violation need the namespaces, or would the same access made
      // from init_ima_ns violate it as well?
      const solver::Track& t = r.through_namespaces;
      fmt::print("  escapes through namespaces (violations the same access made from "
                 "init_ima_ns would not have): {}\n",
                 verdict_text(t.verdict, t.depth));
      fmt::print("    {}\n", queries_line(t.queries));
      if (!t.step_note.empty()) fmt::print("  induction: {}\n", t.step_note);
      if (t.verdict != solver::Verdict::violated && t.verdict != solver::Verdict::unknown)
        fmt::print("  note: every violation found also happens to a task that never leaves "
                   "init_ima_ns: the property and the evaluation of init_ima_ns disagree about "
                   "init_ima_ns itself; the witness shows one such access\n");
    }
    if (!r.premise_note.empty()) fmt::print("  note: {}\n", r.premise_note);
    std::string file;
    if (r.verdict == solver::Verdict::violated) {
      refuted = true;
      if (!r.trace_text.empty()) {
        file = witness_path(a, *design, name);
        std::error_code ec;
        std::filesystem::create_directories(a.witness_dir, ec);
        if (auto err = traces::write_file_atomically(file, r.trace_text); !err.empty()) {
          fmt::print(stderr, "imans prove: {}\n", err);
          file.clear();
        }
        fmt::print("  witness{}:\n\n{}\n", file.empty() ? "" : " (" + file + ")", r.trace_text);
        if (!file.empty()) fmt::print("  replay it: imans replay {}\n", file);
      }
      if (!r.witness_problem.empty()) {
        undecided = true;
        fmt::print("  witness problem: {}\n", r.witness_problem);
      }
    } else if (r.verdict == solver::Verdict::unknown) {
      undecided = true;
    }
    fmt::print("  reproduce: {}\n",
               reproduce(a, name, r.verdict == solver::Verdict::violated ? r.depth : a.depth));
    j["properties"].push_back(report_json(r, file));
  }
  if (!a.json.empty()) {
    if (auto err = traces::write_file_atomically(a.json, j.dump(2) + "\n"); !err.empty()) {
      fmt::print(stderr, "imans prove: {}\n", err);
      return 3;
    }
  }
  if (refuted) return 1;
  return undecided ? 3 : 0;
}

}  // namespace

void register_prove(CLI::App& app, Status& status) {
  auto a = std::make_shared<ProveArgs>();
  auto* cmd = app.add_subcommand(
      "prove",
      "Prove the escape properties of a design with Z3: bounded queries for namespace chains of "
      "depth 1..K, then induction on the depth. Exit 0 when every property is proved, 1 when "
      "one is violated (with a witness trace), 3 when a query is undecided, 2 on bad usage.");
  cmd->add_option("--design", a->design, "preset, optionally with axis overrides")->required();
  cmd->add_option("--property", a->properties,
                  "no-appraisal-escape, no-measurement-escape or no-audit-escape (repeatable; "
                  "default: all three)");
  cmd->add_option("--depth", a->depth, "deepest chain for the bounded queries (default 8)");
  cmd->add_option("--rules", a->rules, "rules per namespace policy, host included (default 4)");
  cmd->add_option("--timeout", a->timeout_ms, "per query, in milliseconds (default 10000)");
  cmd->add_option("--host-policy", a->host_policy,
                  "fix init_ima_ns's policy: a policy file or builtin:NAME (default: any policy "
                  "of --rules rules)");
  cmd->add_option("--json", a->json, "write the results as JSON to FILE");
  cmd->add_option("--witness-dir", a->witness_dir,
                  "where witness traces are written (default .imans/witnesses)");
  cmd->callback([a, &status] { status.code = run_prove(*a); });
}

}  // namespace imans::cli
