#pragma once
// Rendering Graphviz text to SVG with Debian's `dot`.
#include <optional>
#include <string>

namespace imans::report {

// The SVG, or nullopt (with `error` set) when dot is missing or fails.
std::optional<std::string> render_svg(const std::string& dot_text, std::string& error);

}  // namespace imans::report
