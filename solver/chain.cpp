#include "solver/chain.hpp"

#include <fmt/format.h>

#include "solver/reach.hpp"
#include "solver/rule.hpp"
#include "solver/semantics.hpp"

namespace imans::solver {

std::variant<Common, std::string> encode_common(z3::context& c, const Design& d,
                                                const HostSpec& host) {
  SymPolicy init_policy;
  z3::expr_vector constraints(c);
  if (host.fixed) {
    for (std::size_t i = 0; i < host.fixed->size(); ++i) {
      auto r = constant_rule(c, (*host.fixed)[i]);
      if (auto* e = std::get_if<std::string>(&r))
        return fmt::format("host rule {}: {}", i + 1, *e);
      init_policy.push_back(std::get<SymRule>(r));
    }
  } else {
    for (int i = 0; i < host.rules; ++i) {
      init_policy.push_back(fresh_rule(c, fmt::format("host.r{}", i)));
      constraints.push_back(rule_grammar(init_policy.back()));  // values: below, with the subject
    }
  }
  const z3::expr verb = c.bv_const("verb", kEnumBits);
  const z3::expr host_key = c.bool_const("host_key");
  Common common{d,
                trace_subject(c, "subject"),
                fresh_file(c, "file"),
                verb,
                host_key,
                verb_hooks(verb),
                // init_ima_ns is always active and appraises with the host keys.
                Level{std::move(init_policy), host_key, c.bool_val(true)},
                host.fixed,
                host.builtin,
                InitAlone{{c.bool_val(false), c.bool_val(false)},
                          {c.bool_val(false), c.bool_val(false)},
                          {c.bool_val(false), c.bool_val(false)}},
                {},
                constraints};
  common.constraints.push_back(subject_reachable(d, common.subject));
  common.constraints.push_back(file_reachable(common.file));
  if (!host.fixed)
    for (const SymRule& r : common.init.policy)
      common.constraints.push_back(rule_values_exist(r, common.subject, common.file));
  const LevelVerdict v = level_verdict(common, common.init);
  for (int h = 0; h < 2; ++h) {
    common.alone.measures[h] = v.decision[h].measure;
    common.alone.audits[h] = v.decision[h].audit;
    common.alone.denies[h] = v.walk_denies[h];  // init alone shares the mmap slot too
  }
  common.init_walk_denies = v.walk_denies;
  return common;
}

Level fresh_level(z3::context& c, Common& common, int rules, bool innermost,
                  const std::string& name) {
  Level level{{}, c.bool_const((name + ".key_in").c_str()),
              level_active(c, common.design, innermost, name + ".active")};
  for (int i = 0; i < rules; ++i) {
    level.policy.push_back(fresh_rule(c, fmt::format("{}.r{}", name, i)));
    common.constraints.push_back(rule_grammar(level.policy.back()));
    common.constraints.push_back(
        rule_values_exist(level.policy.back(), common.subject, common.file));
    common.constraints.push_back(container_rule_reachable(common.design, level.policy.back(),
                                                          common.subject, common.file));
  }
  common.constraints.push_back(key_reachable(common.design, level.key_in, common.host_key));
  return level;
}

LevelVerdict level_verdict(const Common& common, const Level& level) {
  LevelVerdict v;
  const auto matches = subject_file_matches(level.policy, common.subject, common.file);
  for (const SymHook& h : common.hooks.hook) {
    v.decision.push_back(decide(level.policy, matches, h));
    v.denies.push_back(appraisal_denies(v.decision.back(), common.file, level.key_in, h));
  }
  const SymDecision& first = v.decision[0];
  const SymDecision& second = v.decision[1];
  const z3::expr mmap = common.verb == common.verb.ctx().bv_val(kVerbMmap, kEnumBits);
  const z3::expr same_slot = z3::ite(mmap, first.appraise_func == second.appraise_func,
                                     !first.appraise_func && !second.appraise_func);
  const z3::expr cached = first.appraise && second.appraise && same_slot;
  v.walk_denies = {v.denies[0], z3::ite(cached, v.denies[0], v.denies[1])};
  return v;
}

z3::expr Chain::violated(Escape e) const {
  return escape_violated(e, walk, common.alone, common.hooks.has_second);
}

WalkOutcome walk_in_init(const Common& common) {
  return WalkOutcome{{common.init_walk_denies[0], common.init_walk_denies[1]},
                     common.verb.ctx().bool_val(true)};
}

z3::expr Chain::violated_without_namespaces(Escape e) const {
  return escape_violated(e, walk_in_init(common), common.alone, common.hooks.has_second);
}

z3::expr Chain::denied() const { return design_denies(walk, common.hooks.has_second); }

std::variant<Chain, std::string> encode_chain(z3::context& c, const Design& d, int depth,
                                              int rules, const HostSpec& host) {
  auto made = encode_common(c, d, host);
  if (auto* e = std::get_if<std::string>(&made)) return *e;
  Chain chain{std::move(std::get<Common>(made)), depth, {}, {}, {},
              WalkOutcome{{c.bool_val(false), c.bool_val(false)}, c.bool_val(false)}};
  if (max_depth(d) > 0 && depth > max_depth(d)) chain.common.constraints.push_back(c.bool_val(false));
  for (int i = 1; i <= depth; ++i) {
    chain.levels.push_back(fresh_level(c, chain.common, rules, i == depth, fmt::format("ns{}", i)));
    chain.verdicts.push_back(level_verdict(chain.common, chain.levels.back()));
  }
  // The walk from the subject's level up: inactive levels are skipped; an
  // evaluated level ends the walk unless the design walks on.
  const z3::expr whole = whole_walk(d, chain.common.subject);
  z3::expr stopped = c.bool_val(false);
  chain.evaluated.resize(depth, c.bool_val(false));
  for (int i = depth; i >= 1; --i) {
    const Level& l = chain.levels[i - 1];
    const z3::expr eval = l.active && !stopped;
    chain.evaluated[i - 1] = eval;
    for (int h = 0; h < 2; ++h)
      chain.walk.denies[h] =
          chain.walk.denies[h] || (eval && chain.verdicts[i - 1].walk_denies[h]);
    stopped = stopped || (l.active && !whole);
  }
  chain.walk.init_evaluated = !stopped;
  for (int h = 0; h < 2; ++h)
    chain.walk.denies[h] =
        chain.walk.denies[h] || (!stopped && chain.common.init_walk_denies[h]);
  return chain;
}

}  // namespace imans::solver
