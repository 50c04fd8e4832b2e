#include "search/search.hpp"

#include <fmt/format.h>
#include <rapidcheck.h>

#include <unordered_set>

#include "search/commands.hpp"
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
      const std::vector<Command> commands = *gen_commands(o.config.design);
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
    params.maxSize = o.max_steps;
    rc::detail::TestMetadata metadata;
    metadata.id = "imans-search";
    QuietListener listener;
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
      cx.steps = last->outcome.violating_step + 1;
      cx.first_steps = first->outcome.violating_step + 1;
      cx.seconds_to_first = t_first;
      cx.seconds_to_minimal = since(start);
      cx.chunk_seed = seed;
      cx.runs_before = result.runs_done - 1;
      CaseOutcome trimmed = last->outcome;
      trimmed.steps.resize(trimmed.violating_step + 1);
      cx.trace = to_trace(o.config, last->world, trimmed, o.seed,
                          fmt::format("found by imans check (seed {}), shrunk from {} to {} steps",
                                      o.seed, cx.first_steps, cx.steps));
      result.found.push_back(std::move(cx));
      targets.reset(properties::index(id));
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
