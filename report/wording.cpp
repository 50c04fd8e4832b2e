#include <fmt/format.h>

#include <map>

#include "properties/ids.hpp"
#include "report/render.hpp"

namespace imans::report {

std::string cell_short(const Cell& c) {
  switch (c.verdict) {
    case Verdict::violated:
      return fmt::format("VIOLATED ({} step{})", c.evidence ? c.evidence->steps : 0,
                         c.evidence && c.evidence->steps == 1 ? "" : "s");
    case Verdict::proved_every_depth:
      return "proved, every depth";
    case Verdict::proved_to_depth:
      return "proved to depth";
    case Verdict::held_random:
      return "held (random)";
    case Verdict::unknown:
      return "unknown";
  }
  return "?";
}

bool cell_matches(const Cell& c) {
  if (!c.has_expectation) return true;
  return (c.verdict == Verdict::violated) == c.expected_violated;
}

std::string steps_text(std::size_t n) { return fmt::format("{} step{}", n, n == 1 ? "" : "s"); }

std::string mutant_trace_file(const search::MutantVerdict& m) {
  return fmt::format("traces/mutants/{}.trace", m.info->name);
}

std::string headline(const Review& r) {
  std::vector<std::string> parts;
  std::size_t mismatches = 0;
  for (const auto& d : r.designs) {
    std::vector<std::string> violated;
    for (const auto& c : d.cells) {
      if (c.verdict == Verdict::violated)
        violated.push_back(std::string(properties::property_name(c.property)));
      if (!cell_matches(c)) ++mismatches;
    }
    parts.push_back(violated.empty()
                        ? fmt::format("{} holds every property checked", d.name)
                        : fmt::format("{} violates {}", d.name, fmt::join(violated, ", ")));
  }
  std::size_t killed = 0;
  for (const auto& m : r.mutants) killed += m.killed && m.replays;
  std::string text = fmt::format("{}.", fmt::join(parts, "; "));
  bool all_violate = !r.designs.empty();
  for (const auto& d : r.designs) {
    bool any = false;
    for (const auto& c : d.cells) any = any || c.verdict == Verdict::violated;
    all_violate = all_violate && any;
  }
  if (r.designs.size() > 1 && all_violate)
    text += " No design holds everything: the designs that keep the host's policy "
            "authoritative change what joining a user namespace means or start their own log "
            "late, and the designs without a gap let their namespaces leave the host's policy "
            "behind.";
  if (!r.mutants.empty())
    text += fmt::format(" {} of {} seeded bugs were killed by a property with a trace that "
                        "replays.",
                        killed, r.mutants.size());
  text += mismatches == 0
              ? " Every verdict agrees with the expected verdicts of the design background."
              : fmt::format(" {} verdict(s) DISAGREE with the expected verdicts of the design "
                            "background: see the matrix.",
                            mismatches);
  return text;
}

std::vector<std::string> reproduce_commands(const Review& r) {
  const Parameters& p = r.params;
  std::vector<std::string> out;
  out.push_back(fmt::format("imans review --budget {} --seed {}", budget_name(p.budget), p.seed));
  for (const auto& d : r.designs) {
    out.push_back(fmt::format("imans check --design '{}' --seed {} --runs {} --max-steps {}",
                              d.config.design.name, p.seed, p.runs, p.max_steps));
    out.push_back(fmt::format("imans prove --design '{}' --depth {} --rules {}",
                              d.config.design.name, p.proof_depth, p.proof_rules));
  }
  if (!r.mutants.empty())
    out.push_back(fmt::format("imans check --mutants --seed {} --runs {} --max-steps {}", p.seed,
                              p.mutant_runs, p.max_steps));
  for (const auto& d : r.designs)
    for (const auto& c : d.cells)
      if (c.evidence) out.push_back(fmt::format("imans replay {}", c.evidence->trace_file));
  return out;
}

}  // namespace imans::report
