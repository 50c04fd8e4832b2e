#include "traces/io/lex.hpp"

#include <fmt/format.h>

namespace imans::traces::io {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Decodes a quoted string whose opening quote is at line[start].
std::variant<Token, LexError> lex_quoted(std::string_view line, std::size_t start) {
  Token tok;
  tok.quoted = true;
  tok.column = start + 1;
  std::size_t i = start + 1;
  while (i < line.size()) {
    char c = line[i];
    if (c == '"') {
      tok.end_column = i + 2;
      return tok;
    }
    if (c == '\\') {
      if (i + 1 >= line.size()) break;  // unterminated
      char e = line[i + 1];
      if (e != '"' && e != '\\')
        return LexError{i + 1, fmt::format("bad escape \\{} in a quoted string; only \\\" and "
                                           "\\\\ are allowed",
                                           e)};
      tok.text.push_back(e);
      tok.source_columns.push_back(i + 2);
      i += 2;
      continue;
    }
    tok.text.push_back(c);
    tok.source_columns.push_back(i + 1);
    ++i;
  }
  return LexError{start + 1, "unterminated quoted string: expected a closing \" on this line"};
}

}  // namespace

std::size_t Token::column_of(std::size_t index) const {
  if (!quoted) return column + index;
  if (index < source_columns.size()) return source_columns[index];
  return end_column - 1;
}

std::string_view trim_line(std::string_view line) {
  while (!line.empty() && (is_blank(line.back()) || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

std::optional<std::size_t> invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xe0) == 0xc0) {
      len = 2;
      cp = b & 0x1f;
    } else if ((b & 0xf0) == 0xe0) {
      len = 3;
      cp = b & 0x0f;
    } else if ((b & 0xf8) == 0xf0) {
      len = 4;
      cp = b & 0x07;
    } else {
      return i;
    }
    if (i + len > text.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xc0) != 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static constexpr std::uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return std::nullopt;
}

std::variant<LexedLine, LexError> lex_line(std::string_view line) {
  LexedLine out;
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && is_blank(line[i])) ++i;
    if (i >= line.size()) break;
    if (line[i] == '#') {
      std::string_view text = line.substr(i + 1);
      if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
      out.has_comment = true;
      out.comment_column = i + 1;
      out.comment = std::string(text);
      break;
    }
    if (line[i] == '"') {
      auto r = lex_quoted(line, i);
      if (auto* e = std::get_if<LexError>(&r)) return *e;
      Token tok = std::move(std::get<Token>(r));
      i = tok.end_column - 1;
      // A quoted string is a token of its own: `"a"b` is not one token.
      if (i < line.size() && !is_blank(line[i]))
        return LexError{i + 1, "expected a space after the closing quote"};
      out.end_column = tok.end_column;
      out.tokens.push_back(std::move(tok));
      continue;
    }
    Token tok;
    tok.column = i + 1;
    // '#' opens a comment only where a token could start: `ima#2` is one word.
    while (i < line.size() && !is_blank(line[i])) {
      if (line[i] == '"')
        return LexError{i + 1, "unexpected \" inside a word; a quoted string must be separated "
                               "from other tokens by a space"};
      tok.text.push_back(line[i]);
      ++i;
    }
    tok.end_column = i + 1;
    out.end_column = tok.end_column;
    out.tokens.push_back(std::move(tok));
  }
  return out;
}

bool is_bare_word(std::string_view s) {
  if (s.empty()) return false;
  // `=>` opens the outcome; a word that starts with it would read as a typo of one.
  if (s.starts_with("=>")) return false;
  if (s.front() == '#') return false;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == ' ' || c == '\t' || c == '"' || u < 0x20 || u == 0x7f) return false;
  }
  return true;
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string as_token(std::string_view s) { return is_bare_word(s) ? std::string(s) : quoted(s); }

}  // namespace imans::traces::io
