// imans check: replay the corpus, then search the design with random traces;
// or, with --mutants, the kill matrix of the seeded bugs.
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <random>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/design_arg.hpp"
#include "cli/junit.hpp"
#include "imans_config.hpp"
#include "properties/ids.hpp"
#include "search/corpus.hpp"
#include "search/expectations.hpp"
#include "search/mutants.hpp"
#include "search/search.hpp"
#include "traces/write.hpp"

namespace imans::cli {

namespace {

struct CheckArgs {
  std::string design = "rfc2018";
  std::vector<std::string> properties;
  int runs = 2000;
  int max_steps = 40;
  std::string seed;
  double time_budget = 0;
  std::string shard = "1/1";
  std::string corpus = ".imans/corpus";
  bool no_corpus = false;
  std::string junit;
  std::string json;
  bool mutants = false;
  std::vector<std::string> only_mutants;
  std::vector<std::string> merge;
  bool quiet = false;
};

std::uint64_t pick_seed(const std::string& s, std::string& error) {
  if (s.empty() || s == "random") {
    std::random_device rd;
    return (static_cast<std::uint64_t>(rd()) << 32) | rd();
  }
  try {
    std::size_t used = 0;
    const auto v = std::stoull(s, &used, 0);
    if (used == s.size()) return v;
  } catch (...) {
  }
  error = fmt::format("--seed: \"{}\" is not a number (decimal or 0x hex) or \"random\"", s);
  return 0;
}

bool parse_shard(const std::string& s, search::Shard& out) {
  int i = 0, n = 0;
  char slash = 0;
  std::istringstream in(s);
  if (!(in >> i >> slash >> n) || slash != '/' || !in.eof() || n < 1 || i < 1 || i > n)
    return false;
  out.index = i - 1;
  out.count = n;
  return true;
}

std::string reproduce(const CheckArgs& a, std::uint64_t seed, const std::string& property) {
  std::string cmd = fmt::format("imans check --design '{}' --seed {} --runs {} --max-steps {}",
                                a.design, seed, a.runs, a.max_steps);
  // A counterexample's line names its property; the opening line repeats the
  // properties the user restricted the run to, since they change what fails.
  if (!property.empty())
    cmd += fmt::format(" --property {}", property);
  else
    for (const auto& p : a.properties) cmd += fmt::format(" --property {}", p);
  if (a.shard != "1/1") cmd += fmt::format(" --shard {}", a.shard);
  return cmd;
}

nlohmann::json cx_json(const search::Counterexample& cx, const std::string& file) {
  return {{"property", properties::property_name(cx.property)},
          {"message", cx.message},
          {"steps", cx.steps},
          {"first_steps", cx.first_steps},
          {"seconds_to_first", cx.seconds_to_first},
          {"seconds_to_minimal", cx.seconds_to_minimal},
          {"source", cx.source},
          {"file", file},
          {"trace", traces::write_trace(cx.trace)}};
}

nlohmann::json stats_json(const search::SearchStats& s) {
  nlohmann::json verbs;
  static const char* const kVerbs[] = {
      "clone", "unshare", "setns", "setuid", "mount-securityfs", "activate", "spawn",
      "policy", "policy-for-children", "keyload", "sign", "sign-bad", "unsign", "modify",
      "exec", "mmap", "open-read", "open-write", "exit", "inject-enomem"};
  for (std::size_t i = 0; i < s.verbs.size(); ++i) verbs[kVerbs[i]] = s.verbs[i];
  nlohmann::json premises;
  for (auto id : properties::all_properties())
    premises[std::string(properties::property_name(id))] = s.premises[properties::index(id)];
  return {{"cases", s.cases},
          {"steps", s.steps},
          {"verbs", verbs},
          {"deepest_user_ns", s.deepest_user_ns},
          {"deepest_ima_ns", s.deepest_ima_ns},
          {"distinct_states", s.distinct_states},
          {"premises", premises}};
}

void print_stats(const search::SearchStats& s) {
  fmt::print("  {} cases, {} steps; deepest user namespace level {}, IMA namespace depth {}; "
             "{} distinct states\n",
             s.cases, s.steps, s.deepest_user_ns, s.deepest_ima_ns, s.distinct_states);
  fmt::print("  steps that exercised each property's premise:\n");
  for (auto id : properties::all_properties())
    fmt::print("    {:32} {}\n", properties::property_name(id), s.premises[properties::index(id)]);
}

bool write_or_complain(const std::string& path, const std::string& text) {
  if (auto e = traces::write_file_atomically(path, text); !e.empty()) {
    fmt::print(stderr, "imans: {}\n", e);
    return false;
  }
  return true;
}

int run_search(const CheckArgs& a) {
  auto design = parse_design_arg(a.design);
  if (!design) return 2;
  std::string err;
  const std::uint64_t seed = pick_seed(a.seed, err);
  if (!err.empty()) {
    fmt::print(stderr, "imans check: {}\n", err);
    return 2;
  }
  search::Shard shard;
  if (!parse_shard(a.shard, shard)) {
    fmt::print(stderr, "imans check: --shard: expected I/N with 1 <= I <= N, got \"{}\"\n",
               a.shard);
    return 2;
  }
  properties::PropertySet targets = a.properties.empty() ? properties::every_property()
                                                         : properties::PropertySet{};
  for (const auto& p : a.properties) {
    auto id = properties::find_property(p);
    if (!id) {
      std::vector<std::string_view> names;
      for (auto q : properties::all_properties()) names.push_back(properties::property_name(q));
      fmt::print(stderr, "imans check: unknown property \"{}\"; expected one of {}\n", p,
                 fmt::join(names, ", "));
      return 2;
    }
    targets.set(properties::index(*id));
  }
  const Config cfg{*design, Mutant::none};
  fmt::print("imans check: design {} ({}), seed {}, {} runs of up to {} steps{}\n",
             design->name, axes_string(*design), seed, a.runs, a.max_steps,
             a.shard == "1/1" ? "" : fmt::format(", shard {}", a.shard));
  fmt::print("  reproduce: {}\n", reproduce(a, seed, ""));

  // The corpus first.
  std::vector<search::Counterexample> found;
  if (!a.no_corpus) {
    auto load = search::load_corpus({std::string(IMANS_SOURCE_ROOT) + "/traces/corpus", a.corpus});
    for (const auto& e : load.errors) fmt::print(stderr, "imans check: corpus: {}\n", e);
    auto rep = search::replay_corpus(load.entries, cfg, targets);
    fmt::print("  corpus: {} trace(s) of this design replayed, {} violation(s) known\n",
               rep.replayed, rep.known.size());
    for (const auto& s : rep.stale) fmt::print("  corpus: no longer reproduces: {}\n", s);
    for (auto& cx : rep.known) {
      targets.reset(properties::index(cx.property));
      found.push_back(std::move(cx));
    }
  }

  search::SearchOptions so;
  so.config = cfg;
  so.targets = targets;
  so.seed = seed;
  so.runs = a.runs;
  so.max_steps = a.max_steps;
  so.time_budget = a.time_budget;
  so.shard = shard;
  const bool tty = ::isatty(2) && !a.quiet;
  if (tty)
    so.progress = [&](int done, int planned) {
      fmt::print(stderr, "\r  searching: {}/{} runs", done, planned);
    };
  search::SearchResult r;
  if (targets.any()) r = search::search(so);
  if (tty) fmt::print(stderr, "\r{:40}\r", "");
  if (!r.internal_error.empty()) {
    fmt::print(stderr, "imans check: internal error: {}\n", r.internal_error);
    return 3;
  }
  for (auto& cx : r.found) found.push_back(std::move(cx));

  fmt::print("  searched {} of {} runs in {:.2f} s{}\n", r.runs_done, r.runs_planned, r.seconds,
             r.stopped_by_budget ? " (stopped by the time budget)" : "");
  nlohmann::json j;
  j["design"] = design->name;
  j["axes"] = axes_string(*design);
  j["seed"] = seed;
  j["runs"] = a.runs;
  j["max_steps"] = a.max_steps;
  j["shard"] = a.shard;
  j["runs_done"] = r.runs_done;
  j["seconds"] = r.seconds;
  j["stats"] = stats_json(r.stats);
  j["violated"] = nlohmann::json::array();
  JUnit junit(fmt::format("imans check {}", design->name));

  for (const auto& cx : found) {
    const std::string prop(properties::property_name(cx.property));
    fmt::print("\nVIOLATED {}: {}\n", prop, cx.message);
    std::string file = cx.source;
    if (cx.source == "search") {
      fmt::print("  found after {} passing runs in {:.3f} s, shrunk from {} to {} steps in "
                 "{:.3f} s\n",
                 cx.runs_before, cx.seconds_to_first, cx.first_steps, cx.steps,
                 cx.seconds_to_minimal);
      std::string error;
      file = search::save_counterexample(a.corpus, cx, error);
      if (!error.empty()) fmt::print(stderr, "imans check: {}\n", error);
    } else {
      fmt::print("  known from the corpus: {}\n", cx.source);
    }
    fmt::print("\n{}\n", traces::write_trace(cx.trace));
    if (!file.empty()) fmt::print("  replay it: imans replay {}\n", file);
    if (cx.source == "search") fmt::print("  search it again: {}\n", reproduce(a, seed, prop));
    j["violated"].push_back(cx_json(cx, file));
    junit.add_failure(prop, cx.message, traces::write_trace(cx.trace));
  }
  properties::PropertySet violated;
  for (const auto& cx : found) violated.set(properties::index(cx.property));
  j["held"] = nlohmann::json::array();
  fmt::print("\n");
  for (auto id : properties::all_properties()) {
    const auto i = properties::index(id);
    if (!(a.properties.empty() || targets.test(i) || violated.test(i))) continue;
    if (violated.test(i)) continue;
    const std::string prop(properties::property_name(id));
    fmt::print("  held: {} ({} runs, premise exercised {} times)\n", prop, r.runs_done,
               r.stats.premises[i]);
    j["held"].push_back(prop);
    junit.add_pass(prop);
  }
  print_stats(r.stats);
  if (!a.json.empty() && !write_or_complain(a.json, j.dump(2) + "\n")) return 2;
  if (!a.junit.empty() && !write_or_complain(a.junit, junit.xml())) return 2;
  return found.empty() ? 0 : 1;
}

int run_mutants(const CheckArgs& a) {
  std::string err;
  const std::uint64_t seed = a.seed.empty() ? 1 : pick_seed(a.seed, err);
  if (!err.empty()) {
    fmt::print(stderr, "imans check: {}\n", err);
    return 2;
  }
  for (const auto& m : a.only_mutants)
    if (!find_mutant(m)) {
      std::vector<std::string_view> names;
      for (const auto& x : mutants()) names.push_back(x.name);
      fmt::print(stderr, "imans check: unknown mutant \"{}\"; expected one of {}\n", m,
                 fmt::join(names, ", "));
      return 2;
    }
  search::MatrixOptions mo;
  mo.seed = seed;
  mo.runs = a.runs;
  mo.max_steps = a.max_steps;
  mo.time_budget_per_mutant = a.time_budget;
  mo.only = a.only_mutants;
  fmt::print("imans check --mutants: seed {}, {} runs of up to {} steps per mutant\n", seed,
             a.runs, a.max_steps);
  const auto matrix = search::mutant_matrix(mo);
  nlohmann::json j;
  j["seed"] = seed;
  JUnit junit("imans check --mutants");
  bool all = true;
  fmt::print("\n  {:34} {:20} {:26} {:>6} {:>9}  {}\n", "mutant", "design", "killed by", "steps",
             "seconds", "trace");
  for (const auto& v : matrix) {
    const std::string by =
        v.killed ? std::string(properties::property_name(v.counterexample.property)) : "SURVIVED";
    fmt::print("  {:34} {:20} {:26} {:>6} {:>9.3f}  {}\n", v.info->name, v.info->preset, by,
               v.killed ? std::to_string(v.counterexample.steps) : "-", v.seconds,
               v.killed ? (v.replays ? "replays" : "DOES NOT REPLAY") : "-");
    const bool ok = v.killed && v.replays;
    all = all && ok;
    nlohmann::json m = {{"mutant", v.info->name},
                        {"preset", v.info->preset},
                        {"killed", v.killed},
                        {"replays", v.replays},
                        {"seconds", v.seconds},
                        {"runs", v.runs}};
    if (v.killed) m["counterexample"] = cx_json(v.counterexample, "");
    j["mutants"].push_back(m);
    if (ok)
      junit.add_pass(std::string(v.info->name));
    else
      junit.add_failure(std::string(v.info->name),
                        v.killed ? v.replay_message : "no property killed this mutant", "");
  }
  fmt::print("\n  {} mutant(s), {} killed with a replaying trace\n", matrix.size(),
             std::count_if(matrix.begin(), matrix.end(),
                           [](const auto& v) { return v.killed && v.replays; }));
  if (!all) fmt::print("  reproduce: imans check --mutants --seed {} --runs {} --max-steps {}\n",
                       seed, a.runs, a.max_steps);
  if (!a.json.empty() && !write_or_complain(a.json, j.dump(2) + "\n")) return 2;
  if (!a.junit.empty() && !write_or_complain(a.junit, junit.xml())) return 2;
  return all ? 0 : 1;
}

// Merges the JSON results of the shards of one campaign.
int run_merge(const CheckArgs& a) {
  nlohmann::json merged;
  std::map<std::string, nlohmann::json> best;  // smallest trace per property
  long runs_done = 0;
  double seconds = 0;
  for (const auto& f : a.merge) {
    std::ifstream in(f);
    if (!in) {
      fmt::print(stderr, "imans check --merge: cannot read {}\n", f);
      return 2;
    }
    nlohmann::json j;
    try {
      in >> j;
    } catch (const nlohmann::json::exception& e) {
      fmt::print(stderr, "imans check --merge: {}: not a check result: {}\n", f, e.what());
      return 2;
    }
    if (merged.empty()) {
      merged = j;
      merged["shard"] = "merged";
      merged["violated"] = nlohmann::json::array();
    } else if (j.value("design", "") != merged.value("design", "") ||
               j.value("seed", 0ULL) != merged.value("seed", 0ULL)) {
      fmt::print(stderr, "imans check --merge: {} is from another campaign (design or seed "
                         "differs)\n",
                 f);
      return 2;
    }
    runs_done += j.value("runs_done", 0L);
    seconds = std::max(seconds, j.value("seconds", 0.0));
    for (const auto& v : j["violated"]) {
      const std::string p = v.value("property", "");
      if (!best.count(p) || v.value("steps", 0) < best[p].value("steps", 0)) best[p] = v;
    }
  }
  merged["runs_done"] = runs_done;
  merged["seconds"] = seconds;
  for (auto& [p, v] : best) merged["violated"].push_back(v);
  nlohmann::json held = nlohmann::json::array();
  for (const auto& h : merged.value("held", nlohmann::json::array()))
    if (!best.count(h.get<std::string>())) held.push_back(h);
  merged["held"] = held;
  fmt::print("merged {} shard(s): {} runs, {} property(ies) violated\n", a.merge.size(), runs_done,
             best.size());
  for (auto& [p, v] : best) fmt::print("  VIOLATED {} ({} steps)\n", p, v.value("steps", 0));
  if (!a.json.empty() && !write_or_complain(a.json, merged.dump(2) + "\n")) return 2;
  return best.empty() ? 0 : 1;
}

}  // namespace

void register_check(CLI::App& app, Status& status) {
  auto a = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand(
      "check", "Replay the corpus, then search a design with random traces for property "
               "violations; print and save the shortest counterexample");
  cmd->add_option("--design", a->design,
                  "Preset, optionally with axis overrides: \"rfc2018 evaluation=hierarchical\"")
      ->capture_default_str();
  cmd->add_option("--property", a->properties, "Only these properties (repeatable)");
  cmd->add_option("--runs", a->runs, "Random traces to try")->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-steps", a->max_steps, "Longest trace")->capture_default_str()
      ->check(CLI::Range(1, 2000));
  cmd->add_option("--seed", a->seed, "Seed (decimal, 0x hex, or random; default random)");
  cmd->add_option("--time-budget", a->time_budget,
                  "Stop searching after this many seconds (checked between chunks of 100 runs)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--shard", a->shard, "Take shard I of N of the campaign's runs: I/N")
      ->capture_default_str();
  cmd->add_option("--corpus", a->corpus,
                  "Corpus directory: replayed first, and where new counterexamples are saved")
      ->capture_default_str();
  cmd->add_flag("--no-corpus", a->no_corpus, "Do not replay the corpus first");
  cmd->add_option("--junit", a->junit, "Write a JUnit XML report to FILE");
  cmd->add_option("--json", a->json, "Write the results as JSON to FILE");
  cmd->add_flag("--mutants", a->mutants,
                "Search every seeded bug in its home design; each must be killed by a "
                "property and its trace must replay");
  cmd->add_option("--mutant", a->only_mutants, "With --mutants: only these (repeatable)");
  cmd->add_option("--merge", a->merge,
                  "Merge the --json results of a sharded campaign's shards (FILE...)");
  cmd->add_flag("-q,--quiet", a->quiet, "No progress line");
  cmd->callback([a, &status] {
    if (!a->merge.empty())
      status.code = run_merge(*a);
    else if (a->mutants)
      status.code = run_mutants(*a);
    else
      status.code = run_search(*a);
  });
}

}  // namespace imans::cli
