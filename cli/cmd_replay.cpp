// imans replay FILE...: run traces on the model and check what they expect.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "model/graph.hpp"
#include "model/measurement_list.hpp"
#include "properties/ids.hpp"
#include "report/graphviz.hpp"
#include "traces/parse.hpp"
#include "traces/replay.hpp"
#include "traces/shell.hpp"
#include "traces/write.hpp"

namespace imans::cli {

namespace {

struct ReplayArgs {
  std::vector<std::string> files;
  bool state = false;
  bool quiet = false;
  bool as_shell = false;
  std::string json;
  std::string dot_dir;
  std::string measurements_dir;
};

const char* status_name(traces::ReplayResult::Status s) {
  switch (s) {
    case traces::ReplayResult::Status::ok:
      return "ok";
    case traces::ReplayResult::Status::mismatch:
      return "mismatch";
    case traces::ReplayResult::Status::error:
      return "error";
  }
  return "?";
}

void print_run(const traces::Trace& t, const traces::ReplayResult& r, const ReplayArgs& a) {
  fmt::print("{} (design {}{})\n", t.file, fmt::join(t.design_words, " "),
             t.config.mutant == Mutant::none ? ""
                                             : fmt::format(", mutant {}", mutant_info(t.config.mutant).name));
  if (!a.quiet) {
    for (const auto& rec : r.records) {
      std::string mark = rec.matched ? "" : "   <-- MISMATCH";
      if (rec.is_expect)
        fmt::print("{:5}  {}   [{}]{}\n", rec.pos.line, rec.text, rec.note, mark);
      else
        fmt::print("{:5}  {}{}\n", rec.pos.line, rec.text, mark);
      for (const auto& v : rec.violations)
        fmt::print("         ! {}: {}\n", properties::property_name(v.property), v.message);
      if (a.state && !rec.state.empty()) {
        std::istringstream lines(rec.state);
        for (std::string l; std::getline(lines, l);) fmt::print("         | {}\n", l);
      }
    }
  }
  if (r.status == traces::ReplayResult::Status::ok)
    fmt::print("  ok: {} step(s), every outcome and expectation matched\n", r.steps_run);
  else
    fmt::print(stderr, "{}\n", traces::describe_failure(t, r));
}

nlohmann::json run_json(const traces::Trace& t, const traces::ReplayResult& r) {
  nlohmann::json j;
  j["file"] = t.file;
  j["design"] = t.design_words;
  j["mutant"] = t.config.mutant == Mutant::none ? "" : mutant_info(t.config.mutant).name;
  j["status"] = status_name(r.status);
  if (r.status != traces::ReplayResult::Status::ok) {
    j["failed_at"] = {{"line", r.failed_at.line}, {"column", r.failed_at.column}};
    j["message"] = r.message;
  }
  for (const auto& rec : r.records) {
    nlohmann::json s = {{"line", rec.pos.line},
                        {"text", rec.text},
                        {"matched", rec.matched},
                        {"expect", rec.is_expect}};
    if (!rec.is_expect) s["outcome"] = errno_name(rec.outcome);
    if (!rec.note.empty()) s["note"] = rec.note;
    for (const auto& v : rec.violations)
      s["violations"].push_back({{"property", properties::property_name(v.property)},
                                 {"message", v.message}});
    j["records"].push_back(std::move(s));
  }
  j["violated"] = nlohmann::json::array();
  for (const auto& f : r.first_violations)
    j["violated"].push_back({{"property", properties::property_name(f.violation.property)},
                             {"line", f.pos.line},
                             {"message", f.violation.message}});
  for (auto id : properties::all_properties())
    j["premises"][std::string(properties::property_name(id))] = r.premises[properties::index(id)];
  return j;
}

// Writes a drawing of the state where each property first failed.
void draw(const traces::Trace& t, const traces::ReplayResult& r, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string stem = std::filesystem::path(t.file).stem().string();
  for (const auto& f : r.first_violations) {
    const std::string name = fmt::format("{}-{}", stem, properties::property_name(f.violation.property));
    std::ostringstream dot;
    const std::set<ObjRef> hot(f.violation.objects.begin(), f.violation.objects.end());
    write_dot(dot, f.state, t.config, t.world, r.task_names, hot,
              fmt::format("{} line {}: {}", properties::property_name(f.violation.property),
                          f.pos.line, f.violation.message));
    const std::string base = (std::filesystem::path(dir) / name).string();
    if (auto e = traces::write_file_atomically(base + ".dot", dot.str()); !e.empty())
      fmt::print(stderr, "imans: {}\n", e);
    std::string error;
    if (auto svg = report::render_svg(dot.str(), error)) {
      if (auto e = traces::write_file_atomically(base + ".svg", *svg); !e.empty())
        fmt::print(stderr, "imans: {}\n", e);
    } else {
      fmt::print(stderr, "imans: {}.svg not drawn: {}\n", base, error);
    }
    fmt::print("  drew {}.dot\n", base);
  }
}

// Writes each live IMA namespace's measurement list, PCRs and audit log as
// the kernel would show them, into DIR/<trace-stem>/ima-<N>/. false when a
// list could not be made or written.
bool write_measurements(const traces::Trace& t, const traces::ReplayResult& r,
                        const std::string& dir) {
  bool ok = true;
  const State& s = r.final_state;
  const auto stem = std::filesystem::path(t.file).stem();
  for (std::uint16_t i = 0; i < s.imas.size(); ++i) {
    if (s.imas[i].life != Life::live) continue;
    const auto list = measurement_list(s, t.world, ImaNsId{i});
    if (const auto* e = std::get_if<std::string>(&list)) {
      fmt::print(stderr, "imans: ima#{}: {}\n", i, *e);
      ok = false;
      continue;
    }
    const auto& l = std::get<MeasurementList>(list);
    const auto out = std::filesystem::path(dir) / stem / fmt::format("ima-{}", i);
    if (std::error_code ec; !std::filesystem::create_directories(out, ec) && ec) {
      fmt::print(stderr, "imans: {}: {}\n", out.string(), ec.message());
      ok = false;
      continue;
    }
    for (const auto& [name, text] : measurement_files(l)) {
      if (auto e = traces::write_file_atomically((out / name).string(), text); !e.empty()) {
        fmt::print(stderr, "imans: {}\n", e);
        ok = false;
      }
    }
    fmt::print("  wrote ima#{}'s measurement list ({} {}) to {}/\n", i, l.entries.size(),
               l.entries.size() == 1 ? "entry" : "entries", out.string());
  }
  return ok;
}

}  // namespace

void register_replay(CLI::App& app, Status& status) {
  auto a = std::make_shared<ReplayArgs>();
  auto* cmd = app.add_subcommand("replay", "Replay traces on the model and check their outcomes "
                                           "and expectations");
  cmd->add_option("files", a->files, "Trace files")->required();
  cmd->add_flag("--state", a->state, "Print the namespace tree with reference counts after each step");
  cmd->add_flag("-q,--quiet", a->quiet, "Print only each trace's verdict");
  cmd->add_option("--json", a->json, "Write a machine-readable record of the runs to FILE");
  cmd->add_option("--dot", a->dot_dir,
                  "Write Graphviz drawings (.dot and .svg) of the state where each property "
                  "fails into DIR");
  cmd->add_flag("--as-shell", a->as_shell,
                "Print each trace as a commented shell script of the real commands a kernel "
                "tester would run, instead of replaying it");
  cmd->add_option("--measurements", a->measurements_dir,
                  "Write each live IMA namespace's measurement lists (ASCII and binary, sha1 and "
                  "sha256), PCR files for evmctl and audit log into DIR/<trace>/ima-<N>/");
  cmd->callback([a, &status] {
    // Parse everything first: a trace with a parse error runs nothing.
    std::vector<traces::Trace> traces;
    bool bad = false;
    for (const auto& f : a->files) {
      auto r = traces::read_trace(f);
      if (auto* e = std::get_if<traces::ParseError>(&r)) {
        fmt::print(stderr, "{}\n", e->to_string());
        bad = true;
      } else {
        traces.push_back(std::move(std::get<traces::Trace>(r)));
      }
    }
    if (bad) {
      status.code = 2;
      return;
    }
    if (a->as_shell) {
      for (const auto& t : traces) fmt::print("{}", traces::to_shell(t));
      status.code = 0;
      return;
    }
    nlohmann::json all = nlohmann::json::array();
    int failed = 0;
    bool unwritten = false;
    for (const auto& t : traces) {
      traces::ReplayOptions opts;
      opts.record_states = a->state;
      const auto r = traces::replay(t, opts);
      print_run(t, r, *a);
      if (r.status != traces::ReplayResult::Status::ok) ++failed;
      if (!a->json.empty()) all.push_back(run_json(t, r));
      if (!a->dot_dir.empty()) draw(t, r, a->dot_dir);
      if (!a->measurements_dir.empty() && !write_measurements(t, r, a->measurements_dir))
        unwritten = true;
    }
    if (!a->json.empty()) {
      if (auto e = traces::write_file_atomically(a->json, all.dump(2) + "\n"); !e.empty()) {
        fmt::print(stderr, "imans: {}\n", e);
        status.code = 2;
        return;
      }
    }
    if (traces.size() > 1)
      fmt::print("{} trace(s): {} replayed green, {} failed\n", traces.size(),
                 traces.size() - static_cast<std::size_t>(failed), failed);
    status.code = unwritten ? 2 : failed ? 1 : 0;
  });
}

}  // namespace imans::cli
