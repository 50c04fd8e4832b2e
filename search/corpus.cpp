#include "search/corpus.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "properties/ids.hpp"
#include "traces/parse.hpp"
#include "traces/replay.hpp"
#include "traces/write.hpp"

namespace imans::search {

namespace fs = std::filesystem;

CorpusLoad load_corpus(const std::vector<std::string>& dirs) {
  CorpusLoad out;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.path().extension() == ".trace") files.push_back(e.path());
    std::sort(files.begin(), files.end());  // the same order everywhere
    for (const auto& f : files) {
      auto r = traces::read_trace(f.string());
      if (auto* e = std::get_if<traces::ParseError>(&r))
        out.errors.push_back(e->to_string());
      else
        out.entries.push_back(CorpusEntry{f.string(), std::move(std::get<traces::Trace>(r))});
    }
  }
  return out;
}

CorpusReplay replay_corpus(const std::vector<CorpusEntry>& corpus, const Config& cfg,
                           properties::PropertySet targets) {
  CorpusReplay out;
  for (const auto& e : corpus) {
    if (!(e.trace.config.design == cfg.design) || e.trace.config.mutant != cfg.mutant) continue;
    ++out.replayed;
    const auto r = traces::replay(e.trace);
    if (r.status != traces::ReplayResult::Status::ok)
      out.stale.push_back(traces::describe_failure(e.trace, r));
    for (const auto& f : r.first_violations) {
      const auto id = f.violation.property;
      if (!targets.test(properties::index(id))) continue;
      targets.reset(properties::index(id));
      Counterexample cx;
      cx.property = id;
      cx.message = f.violation.message;
      cx.trace = e.trace;
      cx.steps = r.steps_run;
      cx.first_steps = r.steps_run;
      cx.source = e.path;
      out.known.push_back(std::move(cx));
    }
  }
  return out;
}

std::string design_slug(const Config& cfg) {
  std::string s;
  for (char c : cfg.design.name) s += c == ' ' ? '+' : c;
  if (cfg.mutant != Mutant::none) s += fmt::format("+mutant={}", mutant_info(cfg.mutant).name);
  return s;
}

std::string save_counterexample(const std::string& dir, const Counterexample& cx,
                                std::string& error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    error = fmt::format("cannot create {}: {}", dir, ec.message());
    return {};
  }
  const std::string text = traces::write_trace(cx.trace);
  const std::string base = fmt::format("{}-{}", design_slug(cx.trace.config),
                                       properties::property_name(cx.property));
  for (int n = 0;; ++n) {
    const fs::path p = fs::path(dir) / (n ? fmt::format("{}-{}.trace", base, n) : base + ".trace");
    if (fs::exists(p, ec)) {
      std::ifstream in(p);
      std::stringstream old;
      old << in.rdbuf();
      if (old.str() == text) return p.string();
      continue;
    }
    error = traces::write_file_atomically(p.string(), text);
    return error.empty() ? p.string() : std::string{};
  }
}

}  // namespace imans::search
