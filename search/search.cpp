#include "search/search.hpp"

#include <fmt/format.h>
#include <rapidcheck.h>

#include <iostream>
#include <unordered_set>

#include "search/commands.hpp"
#include "search/minimize.hpp"
#include "search/run.hpp"
#include "search/world_gen.hpp"

namespace imans::search {

std::uint64_t chunk_seed(std::uint64_t campaign_seed, int chunk) {
  // splitmix64: chunk seeds far apart even for neighbouring campaign seeds.
  std::uint64_t z = campaign_seed + 0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(chunk + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Swallows RapidCheck's own reporting: the search prints its own.
class QuietListener : public rc::detail::TestListener {
public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

struct Failing {
  GeneratedWorld world;
  std::vector<Command> commands;
  CaseOutcome outcome;
};

}  // namespace

// Shrinking finds a local minimum of the sequence it was given; a different,
// shorter sequence may exist (a container's five steps against a two-step
// plain path). Search again, below the current length, until none is found.
void shorten(const SearchOptions& o, Counterexample& cx) {
  if (o.shorten_runs <= 0) return;
  for (int len = static_cast<int>(cx.steps) - 1; len >= 1; --len) {
    SearchOptions s = o;
    s.targets = properties::PropertySet{}.set(properties::index(cx.property));
    s.max_steps = len;
    s.runs = o.shorten_runs;
    s.stop_at_first = true;
    s.containers = false;
    // A shorter trace most likely uses the verbs the longer one does.
    s.verbs = 0;
    for (const auto& st : cx.trace.statements)
      if (const auto* line = std::get_if<traces::StepLine>(&st))
        s.verbs |= 1U << static_cast<unsigned>(line->step.verb);
    s.shorten_runs = 0;
    s.collect_states = false;
    s.time_budget = 0;
    s.shard = Shard{};
    s.progress = nullptr;
    const SearchResult r = search(s);
    if (r.found.empty() || r.found.front().steps >= cx.steps) return;
    const Counterexample& shorter = r.found.front();
    cx.trace = shorter.trace;
    cx.trace.header_comments.clear();
    cx.message = shorter.message;
    cx.steps = shorter.steps;
    len = static_cast<int>(cx.steps);
  }
}

SearchResult search(const SearchOptions& o) {
  SearchResult result;
  const auto start = Clock::now();
  properties::PropertySet targets = o.targets;
  std::unordered_set<std::uint64_t> states;
  const int chunks = (o.runs + kChunkRuns - 1) / kChunkRuns;
  int planned = 0;
  for (int c = 0; c < chunks; ++c)
    if (c % o.shard.count == o.shard.index) planned += std::min(kChunkRuns, o.runs - c * kChunkRuns);
  result.runs_planned = planned;

  for (int chunk = 0; chunk < chunks && targets.any(); ++chunk) {
    if (chunk % o.shard.count != o.shard.index) continue;
    if (o.time_budget > 0 && since(start) >= o.time_budget) {
      result.stopped_by_budget = true;
      break;
    }
    const int runs = std::min(kChunkRuns, o.runs - chunk * kChunkRuns);
    const std::uint64_t seed = chunk_seed(o.seed, chunk);
    bool shrinking = false;
    std::optional<Failing> first;
    std::optional<Failing> last;
    double t_first = 0;
    RunStats stats;
    if (o.collect_states) stats.states = &states;

    auto property = [&] {
      const GeneratedWorld world = *gen_world(o.config.design);
      const std::vector<Command> commands =
          *gen_commands(o.config.design, o.max_steps, o.containers, o.verbs);
      CaseOutcome outcome =
          run_case(o.config, world, commands, targets, shrinking ? nullptr : &stats);
      if (!shrinking) {
        ++result.stats.cases;
        for (std::size_t i = 0; i < properties::kPropertyCount; ++i)
          result.stats.premises[i] += outcome.premises[i];
      }
      if (outcome.violation) {
        const std::string message = outcome.violation->message;
        Failing f{world, commands, std::move(outcome)};
        if (!shrinking) {
          shrinking = true;
          t_first = since(start);
          first = f;
        }
        last = std::move(f);  // the last failing case RapidCheck tries is the minimal one
        RC_FAIL(message);
      }
    };

    rc::detail::TestParams params;
    params.seed = seed;
    params.maxSuccess = runs;
    params.maxSize = rc::kNominalSize;
    rc::detail::TestMetadata metadata;
    metadata.id = "imans-search";
    QuietListener listener;
    // RapidCheck announces its default configuration on stderr the first time
    // it loads it; the search prints its own seed and reproduce line instead.
    auto* saved = std::cerr.rdbuf(nullptr);
    rc::detail::configuration();
    std::cerr.rdbuf(saved);
    std::cerr.clear();
    const auto r = rc::detail::checkProperty(rc::detail::toProperty(property), metadata, params,
                                             listener);
    for (std::size_t v = 0; v < stats.verbs.size(); ++v) result.stats.verbs[v] += stats.verbs[v];
    result.stats.steps += stats.steps;
    result.stats.deepest_user_ns = std::max(result.stats.deepest_user_ns, stats.deepest_user_ns);
    result.stats.deepest_ima_ns = std::max(result.stats.deepest_ima_ns, stats.deepest_ima_ns);

    rc::detail::FailureResult failure;
    if (r.match(failure)) {
      result.runs_done += failure.numSuccess + 1;
      if (!last) {
        result.internal_error = "RapidCheck reported a failure the search did not see: " +
                                failure.description;
        break;
      }
      const auto id = last->outcome.violation->property;
      Counterexample cx;
      cx.property = id;
      cx.message = last->outcome.violation->message;
      cx.steps = last->outcome.steps_to_violation;
      cx.first_steps = first->outcome.steps_to_violation;
      cx.seconds_to_first = t_first;
      cx.seconds_to_minimal = since(start);
      cx.chunk_seed = seed;
      cx.runs_before = result.runs_done - 1;
      CaseOutcome trimmed = last->outcome;
      trimmed.steps.resize(trimmed.steps_to_violation);
      cx.trace = minimize_trace(to_trace(o.config, last->world, trimmed, o.seed, ""), id);
      cx.steps = 0;
      for (const auto& st : cx.trace.statements)
        cx.steps += std::holds_alternative<traces::StepLine>(st);
      shorten(o, cx);
      cx.seconds_to_minimal = since(start);
      cx.trace.header_comments.push_back(
          fmt::format("found by imans check (seed {}), shrunk from {} to {} steps", o.seed,
                      cx.first_steps, cx.steps));
      result.found.push_back(std::move(cx));
      targets.reset(properties::index(id));
      if (o.stop_at_first) break;
    } else {
      rc::detail::SuccessResult success;
      rc::detail::GaveUpResult gave_up;
      rc::detail::Error error;
      if (r.match(success)) {
        result.runs_done += success.numSuccess;
      } else if (r.match(gave_up)) {
        result.internal_error = "RapidCheck gave up: " + gave_up.description;
        break;
      } else if (r.match(error)) {
        result.internal_error = "RapidCheck error: " + error.description;
        break;
      }
    }
    if (o.progress) o.progress(result.runs_done, result.runs_planned);
  }
  result.stats.distinct_states = states.size();
  result.seconds = since(start);
  return result;
}

}  // namespace imans::search
