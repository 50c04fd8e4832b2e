// The header: `imans-trace 1`, `design ...`, and the optional seed and mutant.
#include <limits>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "traces/io/numbers.hpp"
#include "traces/io/parser.hpp"

namespace imans::traces::io {

Status parse_magic(const LexedLine& line) {
  Args args = args_after(line, 1, "imans-trace 1");
  const Token* tok = nullptr;
  if (auto f = args.word("format version", tok)) return f;
  auto v = parse_number(tok->text, std::numeric_limits<std::uint64_t>::max());
  if (!v || *v != 1)
    return args.at(*tok, fmt::format("unsupported trace format version \"{}\"; this imans reads "
                                     "version 1",
                                     tok->text));
  return args.end();
}

Status parse_design_line(Trace& trace, const LexedLine& line) {
  Args args = args_after(line, 1, "design <preset> [<axis>=<value> ...]");
  std::vector<const Token*> words;
  while (!args.empty()) {
    const Token* tok = nullptr;
    if (auto f = args.word(words.empty() ? "design preset" : "axis override", tok)) return f;
    words.push_back(tok);
  }
  if (words.empty()) return args.missing("design preset");

  // parse_design reports the first bad word without saying which it was;
  // checking the words one by one places the error on the right one.
  std::vector<std::string> texts;
  for (const Token* w : words) texts.push_back(w->text);
  if (!find_preset(texts[0])) {
    auto r = parse_design(std::span(texts).first(1));
    return Failure{words[0]->column, std::get<DesignError>(r).message};
  }
  Design d = find_preset(texts[0])->design;
  for (std::size_t i = 1; i < words.size(); ++i) {
    auto r = with_axis(d, texts[i]);
    if (auto* e = std::get_if<DesignError>(&r)) return Failure{words[i]->column, e->message};
    d = std::get<Design>(r);
  }
  // An incoherent combination is known only once the last override is in.
  if (auto why = design_incoherence(d); !why.empty())
    return Failure{words.back()->column, why};

  auto r = parse_design(texts);
  if (auto* e = std::get_if<DesignError>(&r)) return Failure{words[0]->column, e->message};
  trace.design_words = std::move(texts);
  trace.config.design = std::get<Design>(r);
  return std::nullopt;
}

Status parse_seed(Trace& trace, const LexedLine& line) {
  Args args = args_after(line, 1, "seed <u64>");
  std::uint64_t seed = 0;
  if (auto f = args.number("seed", std::numeric_limits<std::uint64_t>::max(), seed)) return f;
  if (auto f = args.end()) return f;
  trace.seed = seed;
  return std::nullopt;
}

Status parse_mutant(Trace& trace, const LexedLine& line) {
  Args args = args_after(line, 1, "mutant <name>");
  const Token* tok = nullptr;
  if (auto f = args.word("mutant name", tok)) return f;
  const MutantInfo* m = find_mutant(tok->text);
  if (!m) {
    std::string names;
    for (const auto& info : mutants()) {
      if (!names.empty()) names += ", ";
      names += info.name;
    }
    return Failure{tok->column,
                   fmt::format("unknown mutant \"{}\"; mutants: {}", tok->text, names)};
  }
  if (auto f = args.end()) return f;
  trace.config.mutant = m->mutant;
  return std::nullopt;
}

}  // namespace imans::traces::io
