#pragma once
// Shared by the trace reader/writer tests.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "traces/parse.hpp"
#include "traces/write.hpp"

namespace imans::traces::test {

// The trace `text` must parse; fails the test with the error otherwise.
inline Trace parse_ok(std::string_view text) {
  auto r = parse_trace(text, "test.trace");
  if (auto* e = std::get_if<ParseError>(&r)) FAIL_CHECK(e->to_string() << "\n--- in ---\n" << text);
  REQUIRE(std::holds_alternative<Trace>(r));
  return std::get<Trace>(std::move(r));
}

inline ParseError parse_err(std::string_view text) {
  auto r = parse_trace(text, "test.trace");
  REQUIRE_MESSAGE(std::holds_alternative<ParseError>(r), "parsed although malformed:\n" << text);
  return std::get<ParseError>(std::move(r));
}

// parse(write(t)) == t, and writing again gives the same text.
inline void check_round_trip(const Trace& t) {
  std::string text = write_trace(t);
  auto again = parse_ok(text);
  CHECK_MESSAGE(again == t, "written as:\n" << text);
  CHECK(write_trace(again) == text);
}

// The *.trace files of a directory, sorted, so failures come in a stable order.
inline std::vector<std::filesystem::path> trace_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".trace") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

inline const StepLine& step_at(const Trace& t, std::size_t i) {
  REQUIRE(i < t.statements.size());
  REQUIRE(std::holds_alternative<StepLine>(t.statements[i]));
  return std::get<StepLine>(t.statements[i]);
}

inline const Expect& expect_at(const Trace& t, std::size_t i) {
  REQUIRE(i < t.statements.size());
  REQUIRE(std::holds_alternative<Expect>(t.statements[i]));
  return std::get<Expect>(t.statements[i]);
}

constexpr std::string_view kHead = "imans-trace 1\ndesign rfc2018\n";

}  // namespace imans::traces::test
