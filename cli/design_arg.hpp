#pragma once
// A design given on the command line: "rfc2018" or "rfc2018 evaluation=hierarchical".
#include <optional>
#include <string>

#include "model/design.hpp"

namespace imans::cli {

// Prints the error (listing what is known) and returns nullopt when bad.
std::optional<Design> parse_design_arg(const std::string& text);

}  // namespace imans::cli
