// Each file in tests/data/traces/malformed holds one kind of mistake and says
// on its first line where the reader must report it and what it must say.
#include <fstream>
#include <set>

#include "helpers.hpp"

using namespace imans::traces;
using namespace imans::traces::test;

namespace {

const std::filesystem::path kMalformed =
    std::filesystem::path(IMANS_TRACE_DATA_DIR) / "malformed";

struct Expected {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
};

// "# expect-error: LINE:COL: <substring of the message>"
Expected expectation(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string first;
  std::getline(in, first);
  constexpr std::string_view kTag = "# expect-error: ";
  REQUIRE_MESSAGE(first.starts_with(kTag), file.string() << " lacks its expect-error line");
  std::string rest = first.substr(kTag.size());
  Expected e;
  auto c1 = rest.find(':');
  auto c2 = rest.find(':', c1 + 1);
  REQUIRE(c1 != std::string::npos);
  REQUIRE(c2 != std::string::npos);
  e.line = std::stoul(rest.substr(0, c1));
  e.column = std::stoul(rest.substr(c1 + 1, c2 - c1 - 1));
  e.message = rest.substr(c2 + 1);
  if (e.message.starts_with(' ')) e.message.erase(0, 1);
  return e;
}

}  // namespace

TEST_CASE("malformed traces fail where and as they say") {
  auto files = trace_files(kMalformed);
  REQUIRE(files.size() >= 40);
  for (const auto& f : files) {
    CAPTURE(f.filename().string());
    Expected want = expectation(f);
    auto r = read_trace(f.string());
    REQUIRE_MESSAGE(std::holds_alternative<ParseError>(r), "parsed although malformed");
    const auto& e = std::get<ParseError>(r);
    CAPTURE(e.to_string());
    CHECK(e.file == f.string());
    CHECK(e.pos.line == want.line);
    CHECK(e.pos.column == want.column);
    CHECK_MESSAGE(e.message.find(want.message) != std::string::npos, "wanted: " << want.message);
  }
}

TEST_CASE("the malformed set covers every error kind of the brief") {
  std::set<std::string> names;
  for (const auto& f : trace_files(kMalformed)) names.insert(f.stem().string());
  for (const char* kind :
       {"missing-header", "wrong-version", "header-order-seed-before-design", "unknown-preset",
        "unknown-axis", "bad-axis-value", "unknown-mutant", "unknown-verb", "unknown-task",
        "task-after-exit", "duplicate-clone", "unterminated-string", "bad-escape", "bad-outcome",
        "nsref-unknown-task", "nsref-bad-number", "nsref-wrong-kind", "bad-operator",
        "bad-number", "unknown-property", "unknown-file", "unknown-key", "world-after-step",
        "host-policy-bad-rule", "unknown-builtin", "setns-bad-type", "open-without-mode",
        "missing-argument", "trailing-garbage"}) {
    CAPTURE(kind);
    CHECK(names.count(kind) == 1);
  }
}

TEST_CASE("ParseError::to_string is file:line:col: error: message") {
  auto e = parse_err("imans-trace 1\ndesign rfc2018\nt0 fly\n");
  CHECK(e.to_string().starts_with("test.trace:3:4: error: unknown verb fly; expected one of "));
}

TEST_CASE("an unreadable file is an error at 0:0 naming the path") {
  auto r = read_trace("/nonexistent/dir/x.trace");
  REQUIRE(std::holds_alternative<ParseError>(r));
  const auto& e = std::get<ParseError>(r);
  CHECK(e.pos.line == 0);
  CHECK(e.pos.column == 0);
  CHECK(e.message.find("/nonexistent/dir/x.trace") != std::string::npos);
  CHECK(e.message.find("No such file") != std::string::npos);

  auto dir = read_trace(kMalformed.string());
  REQUIRE(std::holds_alternative<ParseError>(dir));
  CHECK(std::get<ParseError>(dir).message.find("directory") != std::string::npos);
}
