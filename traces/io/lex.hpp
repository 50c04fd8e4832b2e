#pragma once
// The lexical layer of the trace format: one line into tokens and an optional
// trailing comment (trace-format.md, "Lexical rules"). Knows nothing of
// statements.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace imans::traces::io {

struct Token {
  std::string text;             // decoded: escapes resolved, quotes removed
  bool quoted = false;
  std::size_t column = 0;       // 1-based column of the first byte (the quote when quoted)
  std::size_t end_column = 0;   // column just past the token
  // Quoted tokens: the column of each decoded byte in the line, so that a
  // column inside the decoded text (the policy parser's) maps back exactly even
  // when escapes come before it.
  std::vector<std::size_t> source_columns;

  [[nodiscard]] bool is_word(std::string_view w) const { return !quoted && text == w; }
  // The line column of decoded byte `index` (0-based); past the end, the closing quote.
  [[nodiscard]] std::size_t column_of(std::size_t index) const;
};

struct LexedLine {
  std::vector<Token> tokens;
  bool has_comment = false;
  std::string comment;  // without the '#' and one following space
  std::size_t comment_column = 0;  // of the '#'
  std::size_t end_column = 1;  // just past the last token: where a missing argument goes
};

struct LexError {
  std::size_t column = 1;
  std::string message;
};

// Removes trailing spaces, tabs and carriage returns (CRLF files), which carry
// no meaning and would otherwise leak into bare words and comments.
std::string_view trim_line(std::string_view line);

// Index of the first byte that is not part of well-formed UTF-8, if any.
std::optional<std::size_t> invalid_utf8(std::string_view text);

std::variant<LexedLine, LexError> lex_line(std::string_view line);

// Whether `s` can be written as a bare word and read back as the same text.
bool is_bare_word(std::string_view s);
// `s` as a token: bare when possible, else quoted with \" and \\ escapes.
std::string as_token(std::string_view s);
std::string quoted(std::string_view s);

}  // namespace imans::traces::io
