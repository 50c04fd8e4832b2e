#include "cli/junit.hpp"

#include <fmt/format.h>

namespace imans::cli {

namespace {
std::string escape(const std::string& s) {
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

std::string JUnit::xml() const {
  std::size_t failures = 0;
  for (const auto& c : cases_) failures += c.failed;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites>\n  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n",
                     escape(suite_), cases_.size(), failures);
  for (const auto& c : cases_) {
    if (!c.failed) {
      out += fmt::format("    <testcase classname=\"{}\" name=\"{}\"/>\n", escape(suite_),
                         escape(c.name));
      continue;
    }
    out += fmt::format(
        "    <testcase classname=\"{}\" name=\"{}\">\n      <failure message=\"{}\">{}</failure>\n"
        "    </testcase>\n",
        escape(suite_), escape(c.name), escape(c.message), escape(c.body));
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace imans::cli
