// imans-bench: the figures the benchmark runner reports, measured in this
// process on one core. Every figure is a median over repeated runs, with the
// minimum and maximum, written as JSON. Timings are never asserted: the
// machines are noisy, so compare ratios within one run.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <rapidcheck.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>

#include "model/canonical.hpp"
#include "model/model.hpp"
#include "properties/ids.hpp"
#include "search/commands.hpp"
#include "search/expectations.hpp"
#include "search/mutants.hpp"
#include "search/run.hpp"
#include "search/search.hpp"
#include "search/world_gen.hpp"
#include "traces/parse.hpp"
#include "traces/replay.hpp"
#include "traces/write.hpp"

using namespace imans;
using Clock = std::chrono::steady_clock;

namespace {

struct Figure {
  double median = 0, min = 0, max = 0;
};

Figure summarise(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return Figure{v[v.size() / 2], v.front(), v.back()};
}

nlohmann::json as_json(const Figure& f, const char* unit) {
  return {{"median", f.median}, {"min", f.min}, {"max", f.max}, {"unit", unit}};
}

double seconds(const std::function<void()>& fn) {
  const auto t = Clock::now();
  fn();
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Deterministic random cases, drawn with RapidCheck's generators outside a
// property (the same seed gives the same cases).
struct Case {
  search::GeneratedWorld world;
  std::vector<search::Command> commands;
};

std::vector<Case> make_cases(const Design& d, int count, int steps, std::uint64_t seed) {
  std::vector<Case> out;
  const auto gen = rc::gen::pair(search::gen_world(d), rc::gen::container<std::vector<search::Command>>(
                                                           static_cast<std::size_t>(steps),
                                                           rc::gen::resize(rc::kNominalSize,
                                                                           search::gen_command(d))));
  rc::Random random(seed);
  for (int i = 0; i < count; ++i) {
    random.split();
    auto [w, c] = gen(random.split(), rc::kNominalSize).value();
    out.push_back(Case{std::move(w), std::move(c)});
  }
  return out;
}

nlohmann::json model_throughput(int reps, int cases) {
  nlohmann::json j;
  for (const Preset& p : presets()) {
    const Config cfg{p.design, Mutant::none};
    const auto cs = make_cases(p.design, cases, 50, 7);
    std::vector<double> bare, checked, copy, hash;
    std::uint64_t steps = 0;
    for (int r = 0; r < reps; ++r) {
      steps = 0;
      bare.push_back(seconds([&] {
        for (const auto& c : cs) {
          State s = boot(cfg, *c.world.world);
          for (const auto& cmd : c.commands)
            if (auto st = search::interpret(cmd, s, *c.world.world)) {
              apply(s, cfg, *c.world.world, *st);
              ++steps;
            }
        }
      }));
      checked.push_back(seconds([&] {
        for (const auto& c : cs) search::run_case(cfg, c.world, c.commands, {}, nullptr);
      }));
    }
    // A state after a typical run, to copy and hash.
    State s = boot(cfg, *cs[0].world.world);
    for (const auto& cmd : cs[0].commands)
      if (auto st = search::interpret(cmd, s, *cs[0].world.world)) apply(s, cfg, *cs[0].world.world, *st);
    constexpr int kN = 20000;
    std::uint64_t sink = 0;
    for (int r = 0; r < reps; ++r) {
      copy.push_back(seconds([&] {
                       for (int i = 0; i < kN; ++i) {
                         State c = s;
                         sink += c.seq;
                       }
                     }) / kN * 1e9);
      hash.push_back(seconds([&] {
                       for (int i = 0; i < kN; ++i) sink += canonical_hash(s, cfg);
                     }) / kN * 1e9);
    }
    const double n = static_cast<double>(steps);
    std::vector<double> bare_rate, checked_rate;
    for (double t : bare) bare_rate.push_back(n / t);
    for (double t : checked) checked_rate.push_back(n / t);
    j[std::string(p.name)] = {{"steps_per_second_unchecked", as_json(summarise(bare_rate), "steps/s")},
                              {"steps_per_second_every_property", as_json(summarise(checked_rate), "steps/s")},
                              {"state_copy", as_json(summarise(copy), "ns")},
                              {"canonical_hash", as_json(summarise(hash), "ns")},
                              {"steps_per_rep", steps},
                              {"sink", sink % 2}};
  }
  return j;
}

nlohmann::json time_to_counterexample(int reps, int runs) {
  nlohmann::json j;
  for (const Preset& p : presets()) {
    const auto expected = search::expected_violations(p.name);
    for (auto id : properties::all_properties()) {
      if (!expected.test(properties::index(id))) continue;
      std::vector<double> first, minimal, length;
      for (int r = 0; r < reps; ++r) {
        search::SearchOptions o;
        o.config = Config{p.design, Mutant::none};
        o.targets = properties::PropertySet{}.set(properties::index(id));
        o.seed = 1000 + static_cast<std::uint64_t>(r);
        o.runs = runs;
        o.collect_states = false;
        const auto res = search::search(o);
        if (res.found.empty()) continue;
        first.push_back(res.found[0].seconds_to_first * 1e3);
        minimal.push_back(res.found[0].seconds_to_minimal * 1e3);
        length.push_back(static_cast<double>(res.found[0].steps));
      }
      if (first.empty()) continue;
      j[std::string(p.name)][std::string(properties::property_name(id))] = {
          {"first", as_json(summarise(first), "ms")},
          {"minimal", as_json(summarise(minimal), "ms")},
          {"length", as_json(summarise(length), "steps")},
          {"found_in", first.size()},
          {"reps", reps}};
    }
  }
  return j;
}

nlohmann::json mutant_kills(int reps, int runs) {
  nlohmann::json j;
  for (const MutantInfo& m : mutants()) {
    std::vector<double> t;
    int killed = 0;
    for (int r = 0; r < reps; ++r) {
      search::MatrixOptions o;
      o.seed = 2000 + static_cast<std::uint64_t>(r);
      o.runs = runs;
      o.only = {std::string(m.name)};
      const auto v = search::mutant_matrix(o);
      if (!v.empty() && v[0].killed) {
        ++killed;
        t.push_back(v[0].counterexample.seconds_to_minimal * 1e3);
      }
    }
    j[std::string(m.name)] = {{"killed", killed}, {"reps", reps}};
    if (!t.empty()) j[std::string(m.name)]["time_to_kill"] = as_json(summarise(t), "ms");
  }
  return j;
}

nlohmann::json trace_speed(int reps, int steps) {
  // A long valid trace: one random run of `steps` commands, written out.
  const Design d = find_preset("berger2023")->design;
  const Config cfg{d, Mutant::none};
  const auto cs = make_cases(d, 1, steps, 11);
  const auto outcome = search::run_case(cfg, cs[0].world, cs[0].commands, {}, nullptr);
  const traces::Trace t = search::to_trace(cfg, cs[0].world, outcome, 11, "");
  const std::string text = traces::write_trace(t);
  std::vector<double> parse, replay;
  bool ok = true;
  for (int r = 0; r < reps; ++r) {
    std::variant<traces::Trace, traces::ParseError> parsed;
    parse.push_back(seconds([&] { parsed = traces::parse_trace(text, "bench"); }) * 1e3);
    if (!std::holds_alternative<traces::Trace>(parsed)) {
      ok = false;
      break;
    }
    traces::ReplayResult rr;
    replay.push_back(seconds([&] { rr = traces::replay(std::get<traces::Trace>(parsed)); }) * 1e3);
    ok = ok && rr.status == traces::ReplayResult::Status::ok;
  }
  nlohmann::json j = {{"steps", outcome.steps.size()}, {"bytes", text.size()}, {"replays_green", ok}};
  if (!parse.empty()) j["parse"] = as_json(summarise(parse), "ms");
  if (!replay.empty()) j["replay"] = as_json(summarise(replay), "ms");
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"imans-bench: model, search and trace figures"};
  int reps = 5, cases = 200, runs = 3000, mutant_runs = 3000, trace_steps = 10000;
  std::string out;
  app.add_option("--reps", reps, "Repetitions per figure")->capture_default_str();
  app.add_option("--cases", cases, "Random 50-step cases for the throughput figures")->capture_default_str();
  app.add_option("--runs", runs, "Search runs per design and property")->capture_default_str();
  app.add_option("--mutant-runs", mutant_runs, "Search runs per mutant")->capture_default_str();
  app.add_option("--trace-steps", trace_steps, "Length of the long trace")->capture_default_str();
  app.add_option("--json", out, "Write the figures to FILE (default: standard output)");
  CLI11_PARSE(app, argc, argv);
  nlohmann::json j;
  j["reps"] = reps;
  std::cerr << "model throughput...\n";
  j["model"] = model_throughput(reps, cases);
  std::cerr << "time to counterexample...\n";
  j["counterexamples"] = time_to_counterexample(reps, runs);
  std::cerr << "mutants...\n";
  j["mutants"] = mutant_kills(reps, mutant_runs);
  std::cerr << "long trace...\n";
  j["trace"] = trace_speed(reps, trace_steps);
  if (out.empty()) {
    std::cout << j.dump(2) << "\n";
  } else {
    std::ofstream f(out);
    f << j.dump(2) << "\n";
  }
  return 0;
}
