#include "search/run.hpp"

#include <fmt/format.h>

#include "model/canonical.hpp"
#include "model/model.hpp"

namespace imans::search {

namespace {
int ima_depth(const State& s, ImaNsId ns) {
  int d = 0;
  for (std::size_t guard = s.imas.size(); ns.some() && ns != kInitImaNs && guard-- > 0;
       ns = s.at(ns).parent)
    ++d;
  return d;
}
}  // namespace

CaseOutcome run_case(const Config& cfg, const GeneratedWorld& gw,
                     const std::vector<Command>& commands, properties::PropertySet targets,
                     RunStats* stats) {
  const World& world = *gw.world;
  CaseOutcome out;
  State state = boot(cfg, world);
  properties::Checker checker(cfg, world, targets);
  for (auto& v : checker.start(state)) {
    out.violation = v;
    out.violated = checker.violated();
    return out;
  }
  // Runs one step; true when a target property was violated.
  auto run_step = [&](const Step& step) {
    State before = state;
    StepResult r = apply(state, cfg, world, step);
    auto violations = checker.observe(before, step, r, state);
    out.steps.push_back(ExecutedStep{step, std::move(r)});
    if (stats) {
      ++stats->verbs[static_cast<std::size_t>(step.verb)];
      ++stats->steps;
      for (const auto& u : state.users)
        if (u.life == Life::live) stats->deepest_user_ns = std::max<int>(stats->deepest_user_ns, u.level);
      for (std::size_t i = 0; i < state.imas.size(); ++i)
        if (state.imas[i].life == Life::live)
          stats->deepest_ima_ns =
              std::max(stats->deepest_ima_ns, ima_depth(state, ImaNsId{static_cast<std::uint16_t>(i)}));
      if (stats->states) stats->states->insert(canonical_hash(state, cfg));
    }
    if (violations.empty()) return false;
    out.violation = violations.front();
    out.steps_to_violation = out.steps.size();
    out.violated = checker.violated();
    return true;
  };
  for (const Command& c : commands) {
    auto step = interpret(c, state, world);
    if (!step) continue;
    if (c.fault) {
      Step inject;
      inject.verb = Verb::inject_enomem;
      inject.value = c.fault_skip;
      if (run_step(inject)) break;
      if (run_step(*step)) break;
      if (out.steps.back().result.err == Errno::nomem && run_step(*step)) break;
      continue;
    }
    if (!c.container) {
      if (run_step(*step)) break;
      continue;
    }
    bool violated = false;
    run_container(c, step->task, cfg.design, [&](const Step& sub) -> const StepResult* {
      violated = run_step(sub);
      return violated ? nullptr : &out.steps.back().result;
    });
    if (violated) break;
  }
  out.premises = checker.premises();
  return out;
}

traces::Trace to_trace(const Config& cfg, const GeneratedWorld& gw, const CaseOutcome& outcome,
                       std::optional<std::uint64_t> seed, const std::string& comment) {
  traces::Trace t;
  t.file = "(generated)";
  std::string words = cfg.design.name;
  for (std::size_t start = 0; start < words.size();) {
    auto end = words.find(' ', start);
    if (end == std::string::npos) end = words.size();
    if (end > start) t.design_words.push_back(words.substr(start, end - start));
    start = end + 1;
  }
  t.config = cfg;
  t.seed = seed;
  if (!comment.empty()) t.header_comments.push_back(comment);
  world_to_trace(gw, t);

  std::vector<std::string> names{"t0"};
  int next = 1;
  auto name_of = [&](TaskId id) {
    return id.v < names.size() && !names[id.v].empty() ? names[id.v]
                                                       : fmt::format("task{}", id.v);
  };
  for (std::size_t i = 0; i < outcome.steps.size(); ++i) {
    const ExecutedStep& e = outcome.steps[i];
    traces::StepLine line;
    line.step = e.step;
    line.step.task = TaskId{};  // a trace names tasks; ids are the replay's business
    line.step.target = TaskId{};
    if (e.step.verb != Verb::inject_enomem) line.expected = e.result.err;  // inject has no outcome
    if (e.step.verb != Verb::inject_enomem) line.actor = name_of(e.step.task);
    if (e.step.verb == Verb::clone) {
      line.new_task = fmt::format("t{}", next++);
      if (e.result.new_task.some()) {
        if (names.size() <= e.result.new_task.v) names.resize(e.result.new_task.v + 1);
        names[e.result.new_task.v] = line.new_task;
      }
    }
    if (e.step.verb == Verb::setns) line.target = name_of(e.step.target);
    if (e.step.rules)
      for (const auto& r : *e.step.rules) line.rule_texts.push_back(r.text);
    if (outcome.violation && i + 1 == outcome.steps_to_violation)
      line.comment = fmt::format("violates {}", properties::property_name(outcome.violation->property));
    t.statements.emplace_back(std::move(line));
  }
  if (outcome.violation) {
    traces::Expect e;
    e.kind = traces::Expect::Kind::violated;
    e.property = std::string(properties::property_name(outcome.violation->property));
    e.comment = outcome.violation->message;
    t.statements.emplace_back(std::move(e));
  }
  return t;
}

}  // namespace imans::search
