#include "cli/design_arg.hpp"

#include <fmt/format.h>

#include <sstream>
#include <vector>

namespace imans::cli {

std::optional<Design> parse_design_arg(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  auto r = parse_design(words);
  if (auto* e = std::get_if<DesignError>(&r)) {
    fmt::print(stderr, "imans: --design: {}\n", e->message);
    return std::nullopt;
  }
  return std::get<Design>(r);
}

}  // namespace imans::cli
