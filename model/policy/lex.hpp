#pragma once
// Splitting a rule into tokens and recognising each token's keyword, as the
// kernel's strsep(" \t") + match_token() loop does. Values are not checked
// here; parse.cpp does that per keyword.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/policy/parse.hpp"
#include "model/policy/rule.hpp"

namespace imans::policy {

struct Token {
  std::string_view text;
  std::size_t column = 1;  // 1-based
};

// Tokens separated by runs of spaces and TABs (nothing else separates them in
// the kernel, so a '\r' stays inside its token).
std::vector<Token> split_tokens(std::string_view rule);

enum class Key : std::uint8_t {
  action,
  permit_directio,
  func,
  mask,
  fsmagic,
  fsname,
  fs_subtype,
  fsuuid,
  uid,
  euid,
  gid,
  egid,
  fowner,
  fgroup,
  obj_user,
  obj_role,
  obj_type,
  subj_user,
  subj_role,
  subj_type,
  digest_type,
  appraise_type,
  appraise_flag,
  appraise_algos,
  pcr,
  template_name,
  keyrings,
  label,
};

struct Lexeme {
  Key key = Key::action;
  Action action = kMeasure;  // for Key::action
  IdOp op = IdOp::eq;        // for the uid/gid family
  std::string_view name;     // the keyword as written ("euid", "measure")
  std::string_view value;    // after the operator; never empty
  std::size_t column = 1;
  std::string_view text;  // the whole token
};

// Recognises one token: a bare keyword (an action, permit_directio) or
// key=value (key<value, key>value for the id family). Unknown keywords,
// missing or empty values and unsupported operators are errors.
std::variant<Lexeme, ParseError> lex_token(const Token& token);

// The LSM field a Key names; only for Key::obj_user .. Key::subj_type.
LsmField lsm_field_of(Key key);

// For messages: the text in double quotes, control bytes escaped.
std::string quote(std::string_view text);

}  // namespace imans::policy
