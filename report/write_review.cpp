#include "report/write_review.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "report/render.hpp"
#include "traces/write.hpp"

namespace imans::report {

namespace fs = std::filesystem;

namespace {
std::string put(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
  out.close();
  if (!out) return fmt::format("cannot write {}", p.string());
  return {};
}
}  // namespace

std::string write_review(const Review& r, const std::string& dir) {
  const fs::path target = fs::absolute(dir);
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  const fs::path tmp = target.parent_path() /
                       fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
  fs::remove_all(tmp, ec);
  if (!fs::create_directories(tmp / "traces" / "mutants", ec) ||
      !fs::create_directories(tmp / "graphs", ec))
    return fmt::format("cannot create {}: {}", tmp.string(), ec.message());
  std::string err;
  auto write = [&](const fs::path& p, const std::string& text) {
    if (err.empty()) err = put(p, text);
  };
  write(tmp / "index.html", render_html(r));
  write(tmp / "report.md", render_markdown(r));
  write(tmp / "report.txt", render_text(r));
  write(tmp / "results.json", render_json(r));
  write(tmp / "junit.xml", render_junit(r));
  for (const auto& d : r.designs)
    for (const auto& c : d.cells) {
      if (!c.evidence) continue;
      write(tmp / c.evidence->trace_file, traces::write_trace(c.evidence->trace));
      if (!c.evidence->svg.empty()) write(tmp / c.evidence->graph_file, c.evidence->svg);
    }
  for (const auto& m : r.mutants)
    if (m.killed) write(tmp / mutant_trace_file(m), traces::write_trace(m.counterexample.trace));
  if (!err.empty()) {
    fs::remove_all(tmp, ec);
    return err;
  }
  // Swap the new report in; the old one, if any, goes only after.
  const fs::path old = target.parent_path() /
                       fmt::format(".{}.old-{}", target.filename().string(), ::getpid());
  const bool had_old = fs::exists(target, ec);
  if (had_old) fs::rename(target, old, ec);
  if (ec) return fmt::format("cannot move the old report aside: {}", ec.message());
  fs::rename(tmp, target, ec);
  if (ec) {
    if (had_old) fs::rename(old, target, ec);
    return fmt::format("cannot move the report into place: {}", ec.message());
  }
  if (had_old) fs::remove_all(old, ec);
  return {};
}

}  // namespace imans::report
