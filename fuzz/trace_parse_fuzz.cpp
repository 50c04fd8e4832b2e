// libFuzzer target for the trace reader and writer. Beyond "does not crash",
// it checks what replay, the corpus and shrinking rely on:
//  - a trace that parses, written and parsed again, equals the first one, and
//    writing it again gives the same text (the written form is canonical);
//  - a parse error carries a message and a position inside the text.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "traces/parse.hpp"
#include "traces/write.hpp"

using namespace imans::traces;

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail) {
  // fwrite, not %s: the text may hold NUL bytes.
  std::fprintf(stderr, "trace_parse_fuzz: %s:\n", what);
  std::fwrite(detail.data(), 1, detail.size(), stderr);
  std::fputc('\n', stderr);
  std::abort();
}

// The length of line `line` (1-based) of `text`, or nothing past the end.
std::size_t line_length(std::string_view text, std::size_t line) {
  std::size_t start = 0;
  for (std::size_t n = 1; n < line; ++n) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) return 0;
    start = nl + 1;
  }
  auto nl = text.find('\n', start);
  return (nl == std::string_view::npos ? text.size() : nl) - start;
}

void check_error(std::string_view text, const ParseError& e) {
  if (e.message.empty()) fail("error without a message", e.to_string());
  if (e.pos.line == 0 || e.pos.column == 0) fail("error without a position", e.to_string());
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  if (!text.empty() && text.back() != '\n') ++lines;
  if (e.pos.line > lines + 1) fail("error past the end of the text", e.to_string());
  if (e.pos.line <= lines && e.pos.column > line_length(text, e.pos.line) + 1)
    fail("error column past the end of its line", e.to_string());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto first = parse_trace(text, "fuzz.trace");
  if (const auto* e = std::get_if<ParseError>(&first)) {
    check_error(text, *e);
    return 0;
  }
  const Trace& trace = std::get<Trace>(first);
  std::string written = write_trace(trace);
  auto second = parse_trace(written, "fuzz.trace");
  if (const auto* e = std::get_if<ParseError>(&second))
    fail("the written trace does not parse", e->to_string() + "\n--- written ---\n" + written);
  const Trace& again = std::get<Trace>(second);
  if (!(again == trace)) fail("the written trace reads back different", written);
  if (write_trace(again) != written) fail("writing is not canonical", written);
  for (const auto& st : trace.statements)
    if (write_statement(st, trace.world).find('\n') != std::string::npos)
      fail("a statement written on more than one line", written);
  return 0;
}
