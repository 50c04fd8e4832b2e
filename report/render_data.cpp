// The review as data: JSON for tools, JUnit XML for CI.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "properties/ids.hpp"
#include "report/render.hpp"
#include "traces/write.hpp"

namespace imans::report {

namespace {
const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::violated:
      return "violated";
    case Verdict::proved_every_depth:
      return "proved-every-depth";
    case Verdict::proved_to_depth:
      return "proved-to-depth";
    case Verdict::held_random:
      return "held-random";
    case Verdict::unknown:
      return "unknown";
  }
  return "?";
}

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}
}  // namespace

std::string render_json(const Review& r) {
  nlohmann::json j;
  j["started"] = r.started;
  j["seconds"] = r.seconds;
  j["versions"] = r.versions;
  j["headline"] = headline(r);
  j["parameters"] = {{"budget", budget_name(r.params.budget)},
                     {"seed", r.params.seed},
                     {"runs", r.params.runs},
                     {"max_steps", r.params.max_steps},
                     {"mutant_runs", r.params.mutant_runs},
                     {"proof_depth", r.params.proof_depth},
                     {"proof_rules", r.params.proof_rules},
                     {"proof_timeout_ms", r.params.proof_timeout_ms}};
  for (const auto& d : r.designs) {
    nlohmann::json jd = {{"name", d.name},
                         {"axes", axes_string(d.config.design)},
                         {"runs", d.runs_done},
                         {"search_seconds", d.search_seconds},
                         {"seconds", d.seconds},
                         {"distinct_states", d.stats.distinct_states},
                         {"deepest_user_ns", d.stats.deepest_user_ns},
                         {"corpus_replayed", d.corpus_replayed}};
    for (const auto& c : d.cells) {
      nlohmann::json jc = {{"property", properties::property_name(c.property)},
                           {"verdict", verdict_name(c.verdict)},
                           {"how", c.how},
                           {"premises", c.premises},
                           {"seconds", c.seconds},
                           {"matches_expectation", cell_matches(c)}};
      if (c.has_expectation) jc["expected"] = c.expected_violated ? "violated" : "holds";
      if (c.evidence)
        jc["evidence"] = {{"trace_file", c.evidence->trace_file},
                          {"graph_file", c.evidence->svg.empty() ? "" : c.evidence->graph_file},
                          {"steps", c.evidence->steps},
                          {"failing_line", c.evidence->failing_line},
                          {"message", c.evidence->message},
                          {"source", c.evidence->source},
                          {"trace", traces::write_trace(c.evidence->trace)}};
      jd["cells"].push_back(std::move(jc));
    }
    j["designs"].push_back(std::move(jd));
  }
  for (const auto& m : r.mutants) {
    nlohmann::json jm = {{"mutant", m.info->name},
                         {"function", m.info->function},
                         {"preset", m.info->preset},
                         {"killed", m.killed},
                         {"replays", m.replays},
                         {"seconds", m.seconds}};
    if (m.killed) {
      jm["killed_by"] = properties::property_name(m.counterexample.property);
      jm["steps"] = m.counterexample.steps;
      jm["trace"] = traces::write_trace(m.counterexample.trace);
    }
    j["mutants"].push_back(std::move(jm));
  }
  for (const auto& p : r.policies)
    j["policies"].push_back({{"a", p.stricter},
                             {"b", p.than},
                             {"measure", p.measure},
                             {"appraise", p.appraise},
                             {"audit", p.audit},
                             {"witness", p.witness}});
  j["reproduce"] = reproduce_commands(r);
  j["notes"] = r.notes;
  return j.dump(2) + "\n";
}

// One test case per cell: it fails when the verdict disagrees with the
// expected one (a violation that background.md expects is a pass), and per
// mutant: it fails when the mutant survives.
std::string render_junit(const Review& r) {
  std::string cases;
  std::size_t tests = 0, failures = 0;
  for (const auto& d : r.designs) {
    for (const auto& c : d.cells) {
      ++tests;
      const std::string name = fmt::format("{} {}", d.name, properties::property_name(c.property));
      if (cell_matches(c)) {
        cases += fmt::format("    <testcase classname=\"imans.review.{}\" name=\"{}\"/>\n",
                             xml_escape(d.name), xml_escape(name));
        continue;
      }
      ++failures;
      cases += fmt::format(
          "    <testcase classname=\"imans.review.{}\" name=\"{}\">\n      <failure message=\"{}\">"
          "{}</failure>\n    </testcase>\n",
          xml_escape(d.name), xml_escape(name),
          xml_escape(fmt::format("{} (expected {})", cell_short(c),
                                 c.expected_violated ? "violated" : "holds")),
          xml_escape(c.evidence ? traces::write_trace(c.evidence->trace) : c.how));
    }
  }
  for (const auto& m : r.mutants) {
    ++tests;
    const bool ok = m.killed && m.replays;
    if (ok) {
      cases += fmt::format("    <testcase classname=\"imans.review.mutants\" name=\"{}\"/>\n",
                           xml_escape(m.info->name));
      continue;
    }
    ++failures;
    cases += fmt::format(
        "    <testcase classname=\"imans.review.mutants\" name=\"{}\">\n      <failure "
        "message=\"{}\"/>\n    </testcase>\n",
        xml_escape(m.info->name), m.killed ? "its trace does not replay" : "survived");
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite "
                     "name=\"imans review\" tests=\"{}\" failures=\"{}\" time=\"{:.3f}\">\n{}  "
                     "</testsuite>\n</testsuites>\n",
                     tests, failures, r.seconds, cases);
}

}  // namespace imans::report
