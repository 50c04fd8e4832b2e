// The minimiser turns a failing trace into a shorter one that still fails
// the same way; what it must be able to remove is what RapidCheck's
// shrinking cannot.
#include <doctest/doctest.h>

#include <string_view>

#include "search/minimize.hpp"
#include "traces/parse.hpp"
#include "traces/replay.hpp"
#include "traces/write.hpp"

using namespace imans;

namespace {

traces::Trace parse(std::string_view text) {
  auto r = traces::parse_trace(text, "test.trace");
  REQUIRE(std::holds_alternative<traces::Trace>(r));
  return std::get<traces::Trace>(std::move(r));
}

std::size_t steps(const traces::Trace& t) {
  std::size_t n = 0;
  for (const auto& s : t.statements) n += std::holds_alternative<traces::StepLine>(s) ? 1 : 0;
  return n;
}

// Written out and read back, it replays green with its stated outcomes.
void replays(const traces::Trace& t) {
  const std::string text = traces::write_trace(t);
  const auto again = parse(text);
  const auto r = traces::replay(again);
  CHECK_MESSAGE(r.status == traces::ReplayResult::Status::ok, text << "\n" << r.message);
}

// The trace `text`, minimised for `property`; the result must replay.
traces::Trace minimized(std::string_view text, properties::PropertyId property) {
  auto m = search::minimize_trace(parse(text), property);
  replays(m);
  return m;
}

}  // namespace

TEST_CASE("a child that only does its parent's work is folded into the parent") {
  // The shape RapidCheck shrinks root-to-init's escape to: the clone cannot be
  // deleted step by step, because the child's steps need the child.
  const auto m = minimized(R"(imans-trace 1
design rfc2018-root-to-init
host-policy builtin=appraise_tcb
file /usr/bin/tool
t0 clone t1 => ok
t1 setuid 1000 => ok
t1 unshare user mnt => ok
t1 exec /usr/bin/tool => ok
expect violated no-appraisal-escape
)", properties::PropertyId::no_appraisal_escape);
  CHECK(steps(m) == 3);
  for (const auto& s : m.statements)
    if (const auto* st = std::get_if<traces::StepLine>(&s)) CHECK(st->actor == "t0");
}

TEST_CASE("a clone with namespaces is tried as an unshare of the same namespaces") {
  const auto m = minimized(R"(imans-trace 1
design rfc2018
host-policy "appraise func=BPRM_CHECK"
file /usr/bin/tool
t0 clone t1 mnt => ok
t1 exec /usr/bin/tool => ok
expect violated no-appraisal-escape
)", properties::PropertyId::no_appraisal_escape);
  REQUIRE(steps(m) == 2);
  const auto& first = std::get<traces::StepLine>(m.statements.front());
  CHECK(first.actor == "t0");
  CHECK(first.step.verb == Verb::unshare);
}

TEST_CASE("a clone the failure needs stays") {
  // Joining a user namespace needs a second task that made it: folded into
  // t0, the clone would leave no namespace to join.
  const auto m = minimized(R"(imans-trace 1
design userns-hierarchical
file /usr/bin/tool
t0 clone t1 user mnt => ok
t0 setns t1 user => ok
expect violated userns-join-no-ima-side-effect
)", properties::PropertyId::userns_join_no_ima_side_effect);
  CHECK(steps(m) == 2);
  const auto& first = std::get<traces::StepLine>(m.statements.front());
  CHECK(first.step.verb == Verb::clone);
}
