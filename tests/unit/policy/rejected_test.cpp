// Every rule of tests/data/policy/rejected.txt is refused, with a message
// that says why.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "tests/unit/policy/test_helpers.hpp"

using namespace imans::policy;

TEST_CASE("the rejected-rule corpus is refused with the expected messages") {
  const std::string corpus = test::read_source_file("tests/data/policy/rejected.txt");
  std::size_t cases = 0;
  std::size_t line_number = 0;
  std::string_view rest = corpus;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;

    // The expected text never holds a TAB; the rule may.
    const std::size_t tab = line.rfind('\t');
    INFO("rejected.txt:" << line_number << ": " << std::string(line));
    REQUIRE(tab != std::string_view::npos);
    const std::string_view rule = line.substr(0, tab);
    const std::string_view expected = line.substr(tab + 1);
    REQUIRE_FALSE(expected.empty());

    const ParseError error = test::must_fail(rule);
    INFO("message: " << error.message);
    CHECK(error.message.find(expected) != std::string::npos);
    CHECK(error.column >= 1);
    CHECK(error.column <= rule.size());
    ++cases;
  }
  CHECK(cases >= 100);
}
