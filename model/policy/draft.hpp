#pragma once
// A rule while it is being parsed: the Rule so far, plus where each part came
// from (for error columns) and what was written that the Rule alone does not
// record (which appraise_type values, so the combination checks can name them).
#include <array>
#include <bit>
#include <cstddef>
#include <optional>

#include "model/policy/lex.hpp"
#include "model/policy/parse.hpp"
#include "model/policy/rule.hpp"

namespace imans::policy {

struct RuleDraft {
  Rule rule;
  std::size_t action_column = 0;
  std::array<std::size_t, 32> flag_column{};  // by Flag bit; 0: not written
  bool wrote_imasig = false;                  // appraise_type=imasig
  bool wrote_modsig = false;                  // appraise_type=imasig|modsig
  bool wrote_sigv3 = false;                   // appraise_type=sigv3

  // Records the flag and, the first time, the column of the token that set it.
  void set(Flag flag, std::size_t column) {
    rule.flags |= flag;
    auto& at = flag_column[bit_of(flag)];
    if (at == 0) at = column;
  }
  [[nodiscard]] std::size_t column_of(Flag flag) const { return flag_column[bit_of(flag)]; }

 private:
  static std::size_t bit_of(Flag flag) {
    return static_cast<std::size_t>(std::countr_zero(static_cast<std::uint32_t>(flag)));
  }
};

// Reads one token into the draft (read_token.cpp); an error ends the parse.
std::optional<ParseError> read_token(RuleDraft& draft, const Lexeme& lexeme);

// ima_validate_rule() and the checks the kernel makes while parsing that
// depend on more than one token. Runs after every token was read.
std::optional<ParseError> validate_rule(const RuleDraft& draft);

}  // namespace imans::policy
