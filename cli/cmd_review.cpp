// imans review: the design-review report, the main job.
#include <fmt/format.h>
#include <unistd.h>

#include <memory>

#include "cli/commands.hpp"
#include "cli/design_arg.hpp"
#include "cli/design_file.hpp"
#include "cli/provers.hpp"
#include "imans_config.hpp"
#include "properties/ids.hpp"
#include "report/render.hpp"
#include "report/review.hpp"
#include "report/write_review.hpp"

namespace imans::cli {

namespace {

struct ReviewArgs {
  std::vector<std::string> designs;
  std::vector<std::string> properties;
  std::vector<std::string> design_files;
  std::string budget = "default";
  std::string out = "review";
  std::uint64_t seed = 20261128;
  bool no_mutants = false;
  bool no_proofs = false;
  bool quiet = false;
};

int run(const ReviewArgs& a) {
  auto budget = report::parse_budget(a.budget);
  if (!budget) {
    fmt::print(stderr, "imans review: --budget: expected quick, default or thorough, got \"{}\"\n",
               a.budget);
    return 2;
  }
  report::ReviewRequest req;
  req.params = report::parameters_for(*budget, a.seed);
  if (a.no_mutants) req.params.mutant_runs = 0;
  for (const auto& d : a.designs) {
    auto design = parse_design_arg(d);
    if (!design) return 2;
    req.designs.emplace_back(design->name, Config{*design, Mutant::none});
  }
  for (const auto& f : a.design_files) {
    auto nd = read_design_file(f);
    if (!nd) return 2;
    req.designs.emplace_back(nd->name, Config{nd->design, Mutant::none});
  }
  if (req.designs.empty())
    for (const Preset& p : presets()) req.designs.emplace_back(std::string(p.name), Config{p.design, Mutant::none});
  if (!a.properties.empty()) {
    req.properties.reset();
    for (const auto& p : a.properties) {
      auto id = properties::find_property(p);
      if (!id) {
        fmt::print(stderr, "imans review: unknown property \"{}\"\n", p);
        return 2;
      }
      req.properties.set(properties::index(*id));
    }
  }
  req.corpus_dirs = {std::string(IMANS_SOURCE_ROOT) + "/traces/corpus"};
  if (!a.no_proofs) {
    req.prover = make_prover();
    req.comparer = make_policy_comparer();
  }
  const bool tty = ::isatty(2) && !a.quiet;
  std::size_t phase = 0;
  if (tty)
    req.progress = [&](const std::string& what) {
      fmt::print(stderr, "\r\033[K[{:>2}] {}", ++phase, what);
    };
  fmt::print("imans review: {} design(s), budget {}, seed {}\n", req.designs.size(),
             report::budget_name(*budget), a.seed);
  const report::Review review = report::run_review(req);
  if (tty) fmt::print(stderr, "\r\033[K");
  if (auto e = report::write_review(review, a.out); !e.empty()) {
    fmt::print(stderr, "imans review: {}\n", e);
    return 2;
  }
  fmt::print("\n{}\n\nReport written to {}/ (index.html, report.md, report.txt, results.json, "
             "junit.xml, traces/, graphs/) in {:.1f} s.\n",
             report::headline(review), a.out, review.seconds);
  bool ok = true;
  for (const auto& d : review.designs)
    for (const auto& c : d.cells) ok = ok && report::cell_matches(c);
  for (const auto& m : review.mutants) ok = ok && m.killed && m.replays;
  return ok ? 0 : 1;
}

}  // namespace

void register_review(CLI::App& app, Status& status) {
  auto a = std::make_shared<ReviewArgs>();
  auto* cmd = app.add_subcommand(
      "review", "Judge every design against every property (corpus, random search, proofs, "
                "seeded bugs) and write the design-review report");
  cmd->add_option("--design", a->designs,
                  "A preset, optionally with axis overrides (repeatable; default: all six)");
  cmd->add_option("--design-file", a->design_files,
                  "A design composed from the axes, in a file: `name <name>` and `design <preset> "
                  "axis=value ...` (repeatable)");
  cmd->add_option("--property", a->properties, "Only these properties (repeatable)");
  cmd->add_option("--budget", a->budget, "quick, default (about two minutes on 2 cores) or thorough")
      ->capture_default_str();
  cmd->add_option("--seed", a->seed, "Seed of every random search")->capture_default_str();
  cmd->add_option("--out", a->out, "Report directory (replaced atomically)")->capture_default_str();
  cmd->add_flag("--no-mutants", a->no_mutants, "Leave out the seeded-bug matrix");
  cmd->add_flag("--no-proofs", a->no_proofs, "Leave out Z3 (proofs and policy comparisons)");
  cmd->add_flag("-q,--quiet", a->quiet, "No progress display");
  cmd->callback([a, &status] { status.code = run(*a); });
}

}  // namespace imans::cli
