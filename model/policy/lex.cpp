// Tokens and keywords of one policy rule (the kernel's policy_tokens table).
#include "model/policy/lex.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <optional>

#include "model/policy/names.hpp"

namespace imans::policy {
namespace {

struct Keyword {
  std::string_view name;
  Key key;
};

// Keywords that take a value. The kernel matches "name=%s" (and "name<%s",
// "name>%s" for the id family); %s does not match an empty string.
constexpr std::array<Keyword, 27> kValued = {{
    {"func", Key::func},
    {"mask", Key::mask},
    {"fsmagic", Key::fsmagic},
    {"fsname", Key::fsname},
    {"fs_subtype", Key::fs_subtype},
    {"fsuuid", Key::fsuuid},
    {"uid", Key::uid},
    {"euid", Key::euid},
    {"gid", Key::gid},
    {"egid", Key::egid},
    {"fowner", Key::fowner},
    {"fgroup", Key::fgroup},
    {"obj_user", Key::obj_user},
    {"obj_role", Key::obj_role},
    {"obj_type", Key::obj_type},
    {"subj_user", Key::subj_user},
    {"subj_role", Key::subj_role},
    {"subj_type", Key::subj_type},
    {"digest_type", Key::digest_type},
    {"appraise_type", Key::appraise_type},
    {"appraise_flag", Key::appraise_flag},
    {"appraise_algos", Key::appraise_algos},
    {"pcr", Key::pcr},
    {"template", Key::template_name},
    {"keyrings", Key::keyrings},
    {"label", Key::label},
    {"permit_directio", Key::permit_directio},  // bare; listed for "takes no value"
}};

bool is_id_key(Key key) {
  switch (key) {
    case Key::uid:
    case Key::euid:
    case Key::gid:
    case Key::egid:
    case Key::fowner:
    case Key::fgroup:
      return true;
    default:
      return false;
  }
}

std::optional<Key> find_valued(std::string_view name) {
  for (const auto& k : kValued) {
    if (k.name == name) return k.key;
  }
  return std::nullopt;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// A keyword within two edits of what was written, spelled as it would be used.
std::string suggestion(std::string_view word) {
  std::string best;
  std::size_t best_distance = 3;
  auto consider = [&](std::string_view name, bool valued) {
    const std::size_t d = edit_distance(word, name);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(name) + (valued ? "=" : "");
    }
  };
  for (auto name : action_tokens()) consider(name, false);
  for (const auto& k : kValued) consider(k.name, k.key != Key::permit_directio);
  return best.empty() ? std::string{} : fmt::format("; did you mean \"{}\"?", best);
}

constexpr std::string_view kExpectedKeyword =
    "expected an action (measure, dont_measure, appraise, dont_appraise, audit, dont_audit, "
    "hash, dont_hash), a condition (func=, mask=, fsmagic=, fsname=, fs_subtype=, fsuuid=, "
    "uid=, euid=, gid=, egid=, fowner=, fgroup=, subj_user=, subj_role=, subj_type=, "
    "obj_user=, obj_role=, obj_type=) or an option (appraise_type=, appraise_flag=, "
    "appraise_algos=, digest_type=, permit_directio, pcr=, template=, keyrings=, label=)";

ParseError unknown_token(const Token& token, std::string_view word) {
  return ParseError{token.column, fmt::format("unknown token {}; {}{}", quote(token.text),
                                              kExpectedKeyword, suggestion(word))};
}

ParseError bad_operator(const Token& token, std::string_view key, std::string_view op) {
  return ParseError{token.column,
                    fmt::format("operator \"{}\" in {} is not supported; {} takes {}=N, {}<N or "
                                "{}>N (there is no <=, >= or !=)",
                                op, quote(token.text), key, key, key, key)};
}

}  // namespace

std::vector<Token> split_tokens(std::string_view rule) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < rule.size()) {
    if (rule[i] == ' ' || rule[i] == '\t') {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < rule.size() && rule[i] != ' ' && rule[i] != '\t') ++i;
    tokens.push_back(Token{rule.substr(start, i - start), start + 1});
  }
  return tokens;
}

std::variant<Lexeme, ParseError> lex_token(const Token& token) {
  const std::string_view text = token.text;
  if (text.front() == '#') {
    // Newest mainline ends the rule at a '#' token; v6.x rejects it as an
    // unknown token. We follow v6.x, so a policy lints clean for both.
    return ParseError{token.column,
                      "a comment must be on a line of its own: v6.x kernels reject a '#' "
                      "inside a rule (only newest mainline accepts trailing comments)"};
  }

  Lexeme lexeme;
  lexeme.column = token.column;
  lexeme.text = text;

  const std::size_t op_at = text.find_first_of("=<>");
  if (op_at == std::string_view::npos) {
    lexeme.name = text;
    if (auto action = parse_action(text)) {
      lexeme.key = Key::action;
      lexeme.action = *action;
      return lexeme;
    }
    if (text == "permit_directio") {
      lexeme.key = Key::permit_directio;
      return lexeme;
    }
    if (find_valued(text)) {
      return ParseError{token.column, fmt::format("{} needs a value: {}=VALUE", quote(text), text)};
    }
    return unknown_token(token, text);
  }

  const std::string_view name = text.substr(0, op_at);
  const char op = text[op_at];
  const std::string_view value = text.substr(op_at + 1);
  lexeme.name = name;
  lexeme.value = value;

  if (parse_action(name) || name == "permit_directio") {
    return ParseError{token.column, fmt::format("{} takes no value", quote(name))};
  }
  const std::optional<Key> key = find_valued(name);
  if (!key) {
    // "uid!=0": the '!' ends up in the keyword.
    if (!name.empty() && name.back() == '!') {
      const auto stem = name.substr(0, name.size() - 1);
      if (auto k = find_valued(stem); k && is_id_key(*k)) {
        return bad_operator(token, stem, fmt::format("!{}", op));
      }
    }
    return unknown_token(token, name);
  }
  lexeme.key = *key;

  if (is_id_key(*key)) {
    lexeme.op = op == '=' ? IdOp::eq : op == '<' ? IdOp::lt : IdOp::gt;
    if (!value.empty() && (value.front() == '=' || value.front() == '<' || value.front() == '>')) {
      return bad_operator(token, name, std::string{op, value.front()});
    }
  } else if (op != '=') {
    return ParseError{token.column,
                      fmt::format("{} takes \"=\", not \"{}\"; only uid, euid, gid, egid, fowner "
                                  "and fgroup compare with < and >",
                                  quote(name), op)};
  }
  if (value.empty()) {
    return ParseError{token.column,
                      fmt::format("empty value in {}; write {}{}VALUE", quote(text), name, op)};
  }
  return lexeme;
}

LsmField lsm_field_of(Key key) {
  switch (key) {
    case Key::obj_user:
      return LsmField::obj_user;
    case Key::obj_role:
      return LsmField::obj_role;
    case Key::obj_type:
      return LsmField::obj_type;
    case Key::subj_user:
      return LsmField::subj_user;
    case Key::subj_role:
      return LsmField::subj_role;
    default:
      return LsmField::subj_type;
  }
}

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace imans::policy
