#pragma once
// A reviewer's own design, composed from the axes, in a small file:
//
//   # comments
//   name my-proposal                       (optional; default: the file's stem)
//   design userns-hierarchical keys=per-ns (a preset and axis overrides)
#include <optional>
#include <string>

#include "model/design.hpp"

namespace imans::cli {

struct NamedDesign {
  std::string name;
  Design design;
};

// Prints "file:line:col: error: ..." and returns nullopt on bad input.
std::optional<NamedDesign> read_design_file(const std::string& path);

}  // namespace imans::cli
