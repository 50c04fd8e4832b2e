// RapidCheck properties of the model and the trace format together: a random
// run, written as a trace, read back and replayed, reproduces every outcome;
// the same steps always give the same state.
#include <doctest/doctest.h>
#include <rapidcheck.h>

#include "model/canonical.hpp"
#include "model/model.hpp"
#include "search/commands.hpp"
#include "search/run.hpp"
#include "search/world_gen.hpp"
#include "traces/parse.hpp"
#include "traces/replay.hpp"
#include "traces/write.hpp"

using namespace imans;

namespace {

const Preset& any_preset() {
  const std::size_t i = *rc::gen::inRange<std::size_t>(0, presets().size());
  return presets()[i];
}

}  // namespace

TEST_CASE("a random run, written and read back as a trace, replays with the same outcomes") {
  CHECK(rc::check("write -> parse -> replay reproduces a run", [] {
    const Preset& p = any_preset();
    const Config cfg{p.design, Mutant::none};
    const auto world = *search::gen_world(p.design);
    const auto commands = *search::gen_commands(p.design, 30);
    const auto outcome = search::run_case(cfg, world, commands, {}, nullptr);
    const traces::Trace t = search::to_trace(cfg, world, outcome, 1, "");
    const std::string text = traces::write_trace(t);
    auto parsed = traces::parse_trace(text, "(generated)");
    if (auto* e = std::get_if<traces::ParseError>(&parsed)) RC_FAIL(e->to_string() + "\n" + text);
    const auto& back = std::get<traces::Trace>(parsed);
    if (!(back == t)) RC_FAIL("read back differs from what was written:\n" + text + "\nread back as:\n" + traces::write_trace(back));
    const auto r = traces::replay(back);
    RC_ASSERT(r.status == traces::ReplayResult::Status::ok);
    RC_ASSERT(r.steps_run == outcome.steps.size());
  }));
}

TEST_CASE("the same steps give the same state and the same canonical hash") {
  CHECK(rc::check("determinism", [] {
    const Preset& p = any_preset();
    const Config cfg{p.design, Mutant::none};
    const auto world = *search::gen_world(p.design);
    const auto commands = *search::gen_commands(p.design, 30);
    auto run = [&] {
      State s = boot(cfg, *world.world);
      for (const auto& c : commands)
        if (auto step = search::interpret(c, s, *world.world)) apply(s, cfg, *world.world, *step);
      return s;
    };
    const State a = run();
    const State b = run();
    RC_ASSERT(a == b);
    RC_ASSERT(canonical_hash(a, cfg) == canonical_hash(b, cfg));
    const State copy = a;
    RC_ASSERT(copy == a);
  }));
}

TEST_CASE("every preset keeps its reference counts exact on random runs") {
  CHECK(rc::check("lifetimes", [] {
    const Preset& p = any_preset();
    const Config cfg{p.design, Mutant::none};
    const auto world = *search::gen_world(p.design);
    const auto commands = *search::gen_commands(p.design, 40);
    using P = properties::PropertyId;
    properties::PropertySet lifetimes;
    for (P id : {P::refcount_exact, P::no_use_after_free, P::no_leak, P::init_immortal,
                 P::parent_outlives_child, P::tree_acyclic, P::setns_authorized,
                 P::policy_write_authorized})
      lifetimes.set(properties::index(id));
    const auto outcome = search::run_case(cfg, world, commands, lifetimes, nullptr);
    if (outcome.violation) RC_FAIL(std::string(p.name) + ": " + outcome.violation->message);
  }));
}
