#include "cli/design_file.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace imans::cli {

std::optional<NamedDesign> read_design_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    fmt::print(stderr, "{}:0:0: error: cannot read the design file\n", path);
    return std::nullopt;
  }
  NamedDesign out;
  out.name = std::filesystem::path(path).stem().string();
  bool have_design = false;
  std::size_t number = 0;
  auto fail = [&](std::size_t col, const std::string& msg) {
    fmt::print(stderr, "{}:{}:{}: error: {}\n", path, number, col, msg);
    return std::nullopt;
  };
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::vector<std::pair<std::string, std::size_t>> words;  // word, column
    for (std::size_t i = 0; i < line.size();) {
      if (line[i] == ' ' || line[i] == '\t') {
        ++i;
        continue;
      }
      const std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      words.emplace_back(line.substr(start, i - start), start + 1);
    }
    if (words.empty()) continue;
    const std::string& kw = words[0].first;
    if (kw == "name") {
      if (words.size() != 2) return fail(words[0].second, "expected `name <name>`");
      out.name = words[1].first;
    } else if (kw == "design") {
      if (have_design) return fail(words[0].second, "a design file holds one `design` line");
      if (words.size() < 2) return fail(words[0].second, "expected `design <preset> [axis=value ...]`");
      std::vector<std::string> ws;
      for (std::size_t i = 1; i < words.size(); ++i) ws.push_back(words[i].first);
      auto r = parse_design(ws);
      if (auto* e = std::get_if<DesignError>(&r)) {
        // Point at the word that failed: the preset, or the first bad axis.
        std::size_t col = words[1].second;
        for (std::size_t i = 2; i < words.size(); ++i) {
          auto single = with_axis(find_preset(words[1].first) ? find_preset(words[1].first)->design
                                                             : Design{},
                                  words[i].first);
          if (std::holds_alternative<DesignError>(single)) {
            col = words[i].second;
            break;
          }
        }
        return fail(col, e->message);
      }
      out.design = std::get<Design>(r);
      have_design = true;
    } else {
      return fail(words[0].second,
                  fmt::format("unknown keyword \"{}\"; expected `name` or `design`", kw));
    }
  }
  if (!have_design) {
    number = 0;
    return fail(0, "no `design <preset> [axis=value ...]` line");
  }
  return out;
}

}  // namespace imans::cli
