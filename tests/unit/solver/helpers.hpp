#pragma once
// Shared by the solver tests: designs from words, and realising a witness
// for a chain under extra constraints.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "model/design.hpp"
#include "solver/chain.hpp"
#include "solver/prove.hpp"

namespace imans::solver::test {

inline Design design(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  auto r = parse_design(words);
  REQUIRE_MESSAGE(std::holds_alternative<Design>(r), text);
  return std::get<Design>(r);
}

inline Chain chain(z3::context& c, const Design& d, int depth, int rules = 3,
                   HostSpec host = HostSpec{3, std::nullopt, ""}) {
  auto made = encode_chain(c, d, depth, rules, host);
  REQUIRE(std::holds_alternative<Chain>(made));
  return std::get<Chain>(std::move(made));
}

inline z3::solver solver_for(z3::context& c, const Chain& ch) {
  z3::solver s(c, "QF_BV");
  for (const z3::expr& e : ch.common.constraints) s.add(e);
  return s;
}

}  // namespace imans::solver::test
