// The driver: splits the text into lines, enforces the order of header, world
// and statements, and places comments where the writer will put them back.
#include "traces/parse.hpp"

#include <fmt/format.h>

#include "traces/io/lex.hpp"
#include "traces/io/parser.hpp"

namespace imans::traces {
namespace {

using io::Failure;
using io::LexedLine;
using io::Status;

// Where the reader is: each part of a trace may only follow the ones before.
enum class Phase : unsigned char { magic, design, header, world, body };

class Reader {
public:
  explicit Reader(std::string file) { trace_.file = std::move(file); }

  Status line(std::size_t number, std::string_view raw);
  Status finish() const;
  Trace take() { return std::move(trace_); }

private:
  Status statement(const LexedLine& line);
  Status header_line(const LexedLine& line, std::string_view kw);
  void full_line_comment(std::string text, std::size_t column);

  Trace trace_;
  io::TaskTable tasks_;
  Phase phase_ = Phase::magic;
  std::size_t line_ = 0;
  std::size_t magic_line_ = 0;
  std::size_t design_line_ = 0;
  std::size_t seed_line_ = 0;
  std::size_t mutant_line_ = 0;
  std::size_t first_statement_line_ = 0;
};

void Reader::full_line_comment(std::string text, std::size_t column) {
  Pos pos{line_, column};
  switch (phase_) {
    case Phase::magic:
    case Phase::design:
    case Phase::header:
      trace_.header_comments.push_back(std::move(text));
      break;
    case Phase::world:
      trace_.world_lines.push_back(WorldLine{WorldLine::Kind::comment, 0, std::move(text), pos, {}});
      break;
    case Phase::body:
      trace_.statements.emplace_back(Comment{std::move(text), pos});
      break;
  }
}

Status Reader::line(std::size_t number, std::string_view raw) {
  line_ = number;
  std::string_view text = io::trim_line(raw);
  if (auto bad = io::invalid_utf8(text))
    return Failure{*bad + 1, fmt::format("invalid UTF-8 (byte 0x{:02x}); a trace is UTF-8 text",
                                         static_cast<unsigned char>(text[*bad]))};
  auto lexed = io::lex_line(text);
  if (auto* e = std::get_if<io::LexError>(&lexed)) return Failure{e->column, e->message};
  auto& line = std::get<LexedLine>(lexed);
  if (line.tokens.empty()) {
    if (line.has_comment) full_line_comment(std::move(line.comment), line.comment_column);
    return std::nullopt;
  }
  return statement(line);
}

Status Reader::header_line(const LexedLine& line, std::string_view kw) {
  const io::Token& first = line.tokens.front();
  std::size_t& seen = kw == "seed" ? seed_line_ : mutant_line_;
  if (phase_ != Phase::header)
    return Failure{first.column, fmt::format("bad header order: {} belongs to the header, after "
                                             "design and before any world line or step",
                                             kw)};
  if (seen != 0)
    return Failure{first.column, fmt::format("bad header order: {} given twice (first at line "
                                             "{})",
                                             kw, seen)};
  seen = line_;
  return kw == "seed" ? io::parse_seed(trace_, line) : io::parse_mutant(trace_, line);
}

Status Reader::statement(const LexedLine& line) {
  const io::Token& first = line.tokens.front();
  if (first.quoted)
    return Failure{first.column, "expected a task name or a keyword at the start of the line, "
                                 "got a quoted string"};
  const std::string& kw = first.text;
  Pos pos{line_, first.column};

  if (phase_ == Phase::magic) {
    if (kw != "imans-trace")
      return Failure{first.column, fmt::format("missing header: a trace starts with "
                                               "`imans-trace 1`, got {}",
                                               io::as_token(kw))};
    if (auto f = io::parse_magic(line)) return f;
    magic_line_ = line_;
    phase_ = Phase::design;
  } else if (kw == "imans-trace" || (kw == "design" && phase_ != Phase::design)) {
    return Failure{first.column, fmt::format("bad header order: {} appears once, at the top "
                                             "(line {})",
                                             kw, kw == "design" ? design_line_ : magic_line_)};
  } else if (phase_ == Phase::design) {
    if (kw != "design")
      return Failure{first.column, fmt::format("bad header order: expected `design <preset> "
                                               "[<axis>=<value> ...]` after `imans-trace 1`, got "
                                               "{}",
                                               io::as_token(kw))};
    if (auto f = io::parse_design_line(trace_, line)) return f;
    design_line_ = line_;
    phase_ = Phase::header;
  } else if (kw == "seed" || kw == "mutant") {
    if (auto f = header_line(line, kw)) return f;
  } else if (io::is_world_keyword(kw)) {
    if (phase_ == Phase::body)
      return Failure{first.column, fmt::format("world line after the first step (line {}): {} "
                                               "lines come before the first step or expect",
                                               first_statement_line_, kw)};
    phase_ = Phase::world;
    io::Context cx{trace_, tasks_, line_};
    if (auto f = io::parse_world_line(cx, line)) return f;
    trace_.world_lines.back().comment = line.comment;
    return std::nullopt;
  } else {
    if (phase_ != Phase::body) first_statement_line_ = line_;
    phase_ = Phase::body;
    io::Context cx{trace_, tasks_, line_};
    if (kw == "expect") {
      Expect e;
      if (auto f = io::parse_expect(cx, line, e)) return f;
      e.pos = pos;
      e.comment = line.comment;
      trace_.statements.emplace_back(std::move(e));
    } else {
      StepLine s;
      auto f = kw == "inject" ? io::parse_inject(line, s) : io::parse_step(cx, line, s);
      if (f) return f;
      s.pos = pos;
      s.comment = line.comment;
      trace_.statements.emplace_back(std::move(s));
    }
    return std::nullopt;
  }
  // A trailing comment on a header line is kept as a header comment.
  if (line.has_comment) trace_.header_comments.push_back(line.comment);
  return std::nullopt;
}

Status Reader::finish() const {
  if (phase_ == Phase::magic)
    return Failure{1, "missing header: a trace starts with `imans-trace 1`, got end of file"};
  if (phase_ == Phase::design)
    return Failure{1, "missing `design <preset> [<axis>=<value> ...]` after `imans-trace 1`"};
  return std::nullopt;
}

}  // namespace

std::variant<Trace, ParseError> parse_trace(std::string_view text, std::string file_name) {
  Reader reader(file_name);
  std::size_t number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t stop = nl == std::string_view::npos ? text.size() : nl;
    ++number;
    if (auto f = reader.line(number, text.substr(start, stop - start)))
      return ParseError{file_name, Pos{number, f->column}, f->message};
    start = stop + 1;
  }
  if (auto f = reader.finish())
    return ParseError{file_name, Pos{number + 1, f->column}, f->message};
  return reader.take();
}

}  // namespace imans::traces
