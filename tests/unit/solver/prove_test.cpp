// The escape properties per preset, as background.md expects them, with
// witnesses that replay; and the parts of the proof: premise, depth bound,
// induction step.
#include <doctest/doctest.h>

#include "model/policy/builtin.hpp"
#include "solver/check_witness.hpp"
#include "solver/induction.hpp"
#include "solver/policy_source.hpp"
#include "solver/prove.hpp"
#include "tests/unit/solver/helpers.hpp"
#include "traces/parse.hpp"
#include "traces/replay.hpp"

using namespace imans;
using namespace imans::solver;

namespace {

ProveReport run(z3::context& c, const std::string& design, int depth, HostSpec host = {}) {
  ProveOptions o;
  o.design = test::design(design);
  for (Escape e : all_escapes()) o.properties.push_back(e);
  o.depth = depth;
  o.rules = 4;
  o.host = std::move(host);
  ProveReport r = prove(c, o);
  REQUIRE_MESSAGE(r.error.empty(), r.error);
  REQUIRE(r.properties.size() == 3);
  return r;
}

}  // namespace

TEST_CASE("designs with independent policies let every escape happen at depth 1") {
  z3::context c;
  for (const char* preset : {"rfc2018", "rfc2018-root-to-init", "newima-flag", "securityfs-spawn"}) {
    const ProveReport r = run(c, preset, 4);
    for (const PropertyReport& p : r.properties) {
      INFO(preset, " ", escape_name(p.property));
      CHECK(p.verdict == Verdict::violated);
      CHECK(p.depth == 1);
      CHECK(p.through_namespaces.verdict == Verdict::violated);
      CHECK(p.through_namespaces.depth == 1);
      CHECK(p.witness_through_namespaces);
      REQUIRE(p.witness);
      REQUIRE(p.trace);
      CHECK_MESSAGE(p.witness_problem.empty(), p.witness_problem, "\n", p.trace_text);
      // Replayed again here, independently of prove().
      CHECK(check_witness(*p.trace, p.property).empty());
      // Berger's answer keeps root in: only a non-root subject escapes.
      if (std::string(preset) == "rfc2018-root-to-init") CHECK(p.witness->subject.uid != 0);
    }
  }
}

TEST_CASE("hierarchical designs let nothing escape through namespaces, at any depth") {
  z3::context c;
  for (const char* preset : {"userns-hierarchical", "berger2023"}) {
    const ProveReport r = run(c, preset, 5);
    for (const PropertyReport& p : r.properties) {
      INFO(preset, " ", escape_name(p.property));
      CHECK(p.premise_note.empty());
      CHECK(p.through_namespaces.verdict == Verdict::proved_every_depth);
      CHECK(p.verdict == Verdict::proved_every_depth);
      CHECK(p.depth == 5);
      REQUIRE(p.queries.size() == 6);  // depths 1..5 and the step
      for (const Query& q : p.queries) CHECK(q.answer == Answer::unsat);
      CHECK(p.queries.back().what == "induction step");
    }
  }
}

TEST_CASE("the shared mmap appraisal slot is the same for init alone and for the walk") {
  // MMAP_CHECK_REQPROT and MMAP_CHECK share IMA_MMAP_APPRAISED: within one
  // mmap the second hook reuses the first's result, and evaluate_alone() now
  // applies the same cache, so t0 in init_ima_ns escapes nothing here.
  const char* text = R"(imans-trace 1
design userns-hierarchical
host-policy "appraise func=MMAP_CHECK_REQPROT"
host-policy "appraise func=MMAP_CHECK appraise_algos=sha512"
file /usr/bin/tool
host-key k
t0 sign /usr/bin/tool k => ok
t0 mmap /usr/bin/tool => ok
expect holds
)";
  auto parsed = traces::parse_trace(text, "(mmap cache)");
  REQUIRE(std::holds_alternative<traces::Trace>(parsed));
  CHECK(traces::replay(std::get<traces::Trace>(parsed)).status == traces::ReplayResult::Status::ok);
  // And the encoding agrees at depth 0.
  z3::context c;
  const Chain ch = test::chain(c, test::design("userns-hierarchical"), 0);
  z3::solver s = test::solver_for(c, ch);
  s.add(ch.violated(Escape::appraisal));
  CHECK(s.check() == z3::unsat);
}

TEST_CASE("rfc2018-root-to-init keeps root inside the host policy") {
  z3::context c;
  const Design d = test::design("rfc2018-root-to-init");
  for (int depth = 1; depth <= 4; ++depth) {
    const Chain ch = test::chain(c, d, depth);
    for (Escape e : all_escapes()) {
      z3::solver s = test::solver_for(c, ch);
      s.add(ch.common.subject.uid == c.bv_val(0, kIdBits));
      s.add(ch.violated(e) && !ch.violated_without_namespaces(e));
      CHECK(s.check() == z3::unsat);
    }
  }
}

TEST_CASE("a given host policy: appraise_tcb") {
  z3::context c;
  auto loaded = load_policy("builtin:appraise_tcb");
  REQUIRE(std::holds_alternative<NamedPolicy>(loaded));
  const ProveReport r =
      run(c, "rfc2018", 3, HostSpec{4, std::get<NamedPolicy>(loaded).rules, "appraise_tcb"});
  CHECK(r.properties[0].verdict == Verdict::violated);
  CHECK(r.properties[0].witness_problem.empty());
  CHECK(r.properties[0].trace_text.find("host-policy builtin=appraise_tcb") != std::string::npos);
  // appraise_tcb neither measures nor audits: proved, and said to be vacuous.
  for (int i : {1, 2}) {
    CHECK(r.properties[i].verdict == Verdict::proved_every_depth);
    CHECK_FALSE(r.properties[i].premise_note.empty());
  }
  const ProveReport h =
      run(c, "berger2023", 3, HostSpec{4, std::get<NamedPolicy>(loaded).rules, "appraise_tcb"});
  CHECK(h.properties[0].verdict == Verdict::proved_every_depth);
}

TEST_CASE("a host rule the encoding cannot express is refused") {
  z3::context c;
  ProveOptions o;
  o.design = test::design("rfc2018");
  o.properties = {Escape::appraisal};
  o.depth = 1;
  policy::Rule lsm;
  lsm.action = policy::kAppraise;
  lsm.lsm[static_cast<std::size_t>(policy::LsmField::obj_type)] = "bin_t";
  o.host.fixed = std::vector<policy::Rule>{lsm};
  CHECK_FALSE(prove(c, o).error.empty());
}

TEST_CASE("securityfs-spawn has no chain deeper than one") {
  z3::context c;
  const Design d = test::design("securityfs-spawn");
  CHECK(test::solver_for(c, test::chain(c, d, 1)).check() == z3::sat);
  CHECK(test::solver_for(c, test::chain(c, d, 2)).check() == z3::unsat);
}

TEST_CASE("every chain the encoding builds is inhabited") {
  z3::context c;
  for (const char* preset : {"rfc2018", "userns-hierarchical", "berger2023", "newima-flag"})
    for (int depth : {1, 3, 8}) {
      INFO(preset, " depth ", depth);
      const Chain ch = test::chain(c, test::design(preset), depth);
      CHECK(test::solver_for(c, ch).check() == z3::sat);
      for (Escape e : all_escapes()) {
        z3::solver p = test::solver_for(c, ch);
        p.add(escape_premise(e, ch.common.alone, ch.common.hooks.has_second));
        CHECK(p.check() == z3::sat);
      }
    }
}

TEST_CASE("the induction step fails where a shorter chain hides the violation") {
  z3::context c;
  // Independent evaluation with write-once activation: with nothing active
  // below L1, the long chain stops at L1 while the short one reaches init.
  auto step = encode_step(c, test::design("rfc2018 activation=write-once"), 3, HostSpec{3, {}, ""});
  REQUIRE(std::holds_alternative<InductionStep>(step));
  const InductionStep& st = std::get<InductionStep>(step);
  z3::solver s(c, "QF_BV");
  for (const z3::expr& e : st.common.constraints) s.add(e);
  s.add(st.counterexample(Escape::measurement));
  CHECK(s.check() == z3::sat);
  for (const char* preset : {"userns-hierarchical", "berger2023", "rfc2018", "newima-flag"}) {
    auto made = encode_step(c, test::design(preset), 3, HostSpec{3, {}, ""});
    const InductionStep& sp = std::get<InductionStep>(made);
    for (Escape e : all_escapes()) {
      z3::solver q(c, "QF_BV");
      for (const z3::expr& x : sp.common.constraints) q.add(x);
      q.add(sp.counterexample(e));
      CHECK_MESSAGE(q.check() == z3::unsat, preset, " ", escape_name(e));
    }
  }
}
