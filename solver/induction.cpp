#include "solver/induction.hpp"

#include "solver/reach.hpp"

namespace imans::solver {

z3::expr InductionStep::counterexample(Escape e) const {
  const z3::expr& two = common.hooks.has_second;
  return escape_violated(e, longer, common.alone, two) &&
         !escape_violated(e, shorter, common.alone, two);
}

z3::expr InductionStep::counterexample_through_namespaces(Escape e) const {
  return counterexample(e) &&
         !escape_violated(e, walk_in_init(common), common.alone, common.hooks.has_second);
}

std::variant<InductionStep, std::string> encode_step(z3::context& c, const Design& d, int rules,
                                            const HostSpec& host) {
  auto made = encode_common(c, d, host);
  if (auto* e = std::get_if<std::string>(&made)) return *e;
  Common common = std::move(std::get<Common>(made));
  // Chains of depth 2 do not exist where the depth is bounded by 1: the step
  // holds vacuously.
  if (max_depth(d) == 1) common.constraints.push_back(c.bool_val(false));
  Level l1 = fresh_level(c, common, rules, false, "L1");
  const LevelVerdict v1 = level_verdict(common, l1);

  // R, as the walk sees it. Without an active level nothing in R was evaluated.
  const z3::expr r_active = level_active(c, d, true, "R.any_active");
  const z3::expr r_denies[2] = {c.bool_const("R.denies0"), c.bool_const("R.denies1")};
  for (const z3::expr& x : r_denies) common.constraints.push_back(z3::implies(!r_active, !x));

  const z3::expr whole = whole_walk(d, common.subject);
  const z3::expr past_r = whole || !r_active;
  const z3::expr l1_eval = past_r && l1.active;
  const z3::expr past_l1 = past_r && (whole || !l1.active);
  WalkOutcome longer{{c.bool_val(false), c.bool_val(false)}, past_l1};
  WalkOutcome shorter{{c.bool_val(false), c.bool_val(false)}, past_r};
  for (int h = 0; h < 2; ++h) {
    longer.denies[h] = r_denies[h] || (l1_eval && v1.walk_denies[h]) ||
                       (past_l1 && common.init_walk_denies[h]);
    shorter.denies[h] = r_denies[h] || (past_r && common.init_walk_denies[h]);
  }
  return InductionStep{std::move(common), std::move(l1), longer, shorter};
}

}  // namespace imans::solver
