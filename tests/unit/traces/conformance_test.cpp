// The contract's own traces (shared/conformance) must all parse and survive
// writing and reading back.
#include "helpers.hpp"

using namespace imans;
using namespace imans::traces;
using namespace imans::traces::test;

namespace {
// The contract's traces, or their unchanged copies in the corpus when this
// checkout has no ../shared beside it (tests/replay checks the copies match).
std::filesystem::path conformance_dir() {
  const auto shared = std::filesystem::path(IMANS_SHARED_DIR) / "conformance";
  if (std::filesystem::is_directory(shared)) return shared;
  return std::filesystem::path(IMANS_SOURCE_ROOT) / "traces" / "corpus";
}
const std::filesystem::path kConformance = conformance_dir();
}

TEST_CASE("every conformance trace parses and round-trips") {
  auto files = trace_files(kConformance);
  REQUIRE(files.size() >= 7);
  for (const auto& f : files) {
    CAPTURE(f.string());
    auto r = read_trace(f.string());
    if (auto* e = std::get_if<ParseError>(&r)) FAIL(e->to_string());
    const auto& t = std::get<Trace>(r);
    CHECK(t.file == f.string());
    CHECK_FALSE(t.statements.empty());
    check_round_trip(t);
  }
}

TEST_CASE("rfc2018-root-escapes reads as written") {
  auto r = read_trace((kConformance / "rfc2018-root-escapes.trace").string());
  REQUIRE(std::holds_alternative<Trace>(r));
  const auto& t = std::get<Trace>(r);
  CHECK(t.design_words == std::vector<std::string>{"rfc2018"});
  CHECK(t.config.design == find_preset("rfc2018")->design);
  REQUIRE(t.header_comments.size() == 2);
  CHECK(t.header_comments[0].starts_with("Biederman's objection"));
  REQUIRE(t.host_policy.size() == 1);
  CHECK(t.host_policy[0].rules ==
        std::vector<std::string>{"appraise func=BPRM_CHECK appraise_type=imasig"});
  CHECK(t.world.host_policy.size() == 1);
  REQUIRE(t.world.files.size() == 1);
  CHECK(t.world.files[0].path == "/usr/bin/tool");
  CHECK(t.world.files[0].fsmagic == 0xef53);

  const auto& exec = step_at(t, 0);
  CHECK(exec.actor == "t0");
  CHECK(exec.step.verb == Verb::exec);
  CHECK(exec.step.file == FileId{0});
  CHECK(exec.expected == Errno::acces);
  CHECK(exec.comment == "the host policy holds in the initial namespace");
  CHECK(exec.pos.line == 7);
  CHECK(exec.pos.column == 1);

  const auto& unshare = step_at(t, 1);
  CHECK(unshare.step.verb == Verb::unshare);
  CHECK(unshare.step.flags == kNewNs);

  const auto& violated = expect_at(t, 3);
  CHECK(violated.kind == Expect::Kind::violated);
  CHECK(violated.property == "no-appraisal-escape");
  const auto& refcount = expect_at(t, 5);
  CHECK(refcount.kind == Expect::Kind::refcount);
  CHECK(refcount.ns.form == NsRef::Form::numbered);
  CHECK(refcount.ns.kind == ObjKind::ima);
  CHECK(refcount.ns.number == 1);
  CHECK(refcount.op == CmpOp::eq);
  CHECK(refcount.n == 1);
  CHECK(refcount.comment == "held by the new mount namespace alone");
}

TEST_CASE("newima-flag-no-gap: policy-for-children and ns references") {
  auto r = read_trace((kConformance / "newima-flag-no-gap.trace").string());
  REQUIRE(std::holds_alternative<Trace>(r));
  const auto& t = std::get<Trace>(r);
  const auto& pfc = step_at(t, 1);
  CHECK(pfc.step.verb == Verb::policy_for_children);
  CHECK(pfc.rule_texts == std::vector<std::string>{"measure func=BPRM_CHECK"});
  REQUIRE(pfc.step.rules);
  CHECK(pfc.step.rules->size() == 1);
  const auto& clone = step_at(t, 2);
  CHECK(clone.step.verb == Verb::clone);
  CHECK(clone.new_task == "t1");
  CHECK(clone.step.flags == 0);
  const auto& measured = expect_at(t, 4);
  CHECK(measured.kind == Expect::Kind::measured);
  CHECK(measured.ns.form == NsRef::Form::of_task);
  CHECK(measured.ns.task == "t1");
  CHECK(measured.ns.pos.column == 17);
  CHECK(expect_at(t, 5).ns.form == NsRef::Form::init);
}
