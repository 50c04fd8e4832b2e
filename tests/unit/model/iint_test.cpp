// The done flags (iint, or Berger's ns_status) and the reference run of the
// escape properties. Each case states the kernel behaviour it follows
// (Linux 6.1, security/integrity/ima/ima_main.c and ima_appraise.c; observed
// in QEMU on 6.1 for the cross-subject cases).
#include <doctest/doctest.h>

#include "model/kernel/kernel.hpp"
#include "properties/reference.hpp"
#include "sim.hpp"

using namespace imans;
using namespace imans::test;
using P = properties::PropertyId;

namespace {
World cross_subject_world() {
  return world_with({"appraise func=BPRM_CHECK uid=0",
                     "appraise func=BPRM_CHECK appraise_algos=sha512"},
                    {file("/usr/bin/tool")}, {"k"}, 1);
}

TaskId unprivileged_in_userns(Sim& sim) {
  TaskId t1;
  REQUIRE(sim.clone(t0, 0, &t1) == Errno::ok);
  REQUIRE(sim.setuid(t1, 1000) == Errno::ok);
  REQUIRE(sim.unshare(t1, kNewUser) == Errno::ok);
  return t1;
}
}  // namespace

TEST_CASE("a cached pass is shared by every subject; a failure is not cached") {
  for (const char* design : {"mainline", "userns-hierarchical", "berger2023"}) {
    CAPTURE(design);
    Sim sim(design, Mutant::none, cross_subject_world());
    REQUIRE(sim.sign(t0, 0, 0) == Errno::ok);
    const TaskId t1 = unprivileged_in_userns(sim);
    // uid 1000 first: rule 2 refuses sha256, and the failure is not cached.
    CHECK(sim.exec(t1) == Errno::acces);
    CHECK(sim.exec(t0) == Errno::ok);   // root is appraised afresh by rule 1
    CHECK(sim.exec(t1) == Errno::ok);   // then uid 1000 passes on root's cached pass
    CHECK(sim.holds());                 // the reference run on mainline agrees
    REQUIRE(sim.sign(t0, 0, 0) == Errno::ok);  // the same value: the cache is reset
    CHECK(sim.exec(t1) == Errno::acces);
    CHECK(sim.holds());
  }
}

TEST_CASE("a security.ima write resets the done flags only under an appraise rule") {
  const std::vector<FileDecl> files{file("/usr/bin/tool")};
  SUBCASE("with an appraise rule: audited again after every write") {
    Sim sim("mainline", Mutant::none,
            world_with({"audit func=BPRM_CHECK", "appraise func=FILE_CHECK"}, files, {"k"}, 1));
    REQUIRE(sim.exec(t0) == Errno::ok);
    CHECK(sim.state().audit.size() == 1);
    REQUIRE(sim.sign(t0, 0, 0) == Errno::ok);
    REQUIRE(sim.exec(t0) == Errno::ok);
    CHECK(sim.state().audit.size() == 2);
    REQUIRE(sim.sign(t0, 0, 0) == Errno::ok);
    REQUIRE(sim.exec(t0) == Errno::ok);
    CHECK(sim.state().audit.size() == 3);
  }
  SUBCASE("without one: ima_reset_appraise_flags() returns at once") {
    Sim sim("mainline", Mutant::none, world_with({"audit func=BPRM_CHECK"}, files, {"k"}, 1));
    REQUIRE(sim.exec(t0) == Errno::ok);
    REQUIRE(sim.sign(t0, 0, 0) == Errno::ok);
    REQUIRE(sim.exec(t0) == Errno::ok);
    CHECK(sim.state().audit.size() == 1);
  }
}

TEST_CASE("a re-measurement is logged only when its template data is new") {
  const std::vector<FileDecl> files{file("/usr/bin/tool")};
  SUBCASE("ima-ng: the same digest and name are already in the list") {
    Sim sim("mainline", Mutant::none,
            world_with({"measure func=BPRM_CHECK", "appraise func=FILE_CHECK"}, files,
                       {"k", "j"}, 3));
    REQUIRE(sim.exec(t0) == Errno::ok);
    REQUIRE(sim.sign(t0, 0, 0) == Errno::ok);
    REQUIRE(sim.exec(t0) == Errno::ok);
    CHECK(sim.state().log.size() == 1);
  }
  SUBCASE("ima-sig: another signature is another entry, the same one is not") {
    Sim sim("mainline", Mutant::none,
            world_with({"measure func=BPRM_CHECK template=ima-sig", "appraise func=FILE_CHECK"},
                       files, {"k", "j"}, 3));
    REQUIRE(sim.exec(t0) == Errno::ok);  // unsigned
    REQUIRE(sim.sign(t0, 0, 0) == Errno::ok);
    REQUIRE(sim.exec(t0) == Errno::ok);  // signed by k: new template data
    CHECK(sim.state().log.size() == 2);
    REQUIRE(sim.sign(t0, 0, 0) == Errno::ok);
    REQUIRE(sim.exec(t0) == Errno::ok);  // k again: the same value, not logged again
    CHECK(sim.state().log.size() == 2);
    REQUIRE(sim.sign(t0, 0, 1) == Errno::ok);
    REQUIRE(sim.exec(t0) == Errno::ok);  // j: new
    CHECK(sim.state().log.size() == 3);
  }
}

TEST_CASE("the reference run judges escapes over the whole history") {
  SUBCASE("rfc2018: root's empty namespace escapes, and only the reference says so") {
    Sim sim("rfc2018", Mutant::none,
            world_with({"appraise func=BPRM_CHECK appraise_type=imasig"},
                       {file("/usr/bin/tool")}));
    CHECK(sim.exec(t0) == Errno::acces);
    REQUIRE(sim.unshare(t0, kNewNs) == Errno::ok);
    CHECK(sim.exec(t0) == Errno::ok);
    CHECK(sim.violated(P::no_appraisal_escape));
  }
  SUBCASE("a pass cached before the nesting is no escape") {
    Sim sim("rfc2018", Mutant::none, cross_subject_world());
    REQUIRE(sim.sign(t0, 0, 0) == Errno::ok);
    REQUIRE(sim.exec(t0) == Errno::ok);
    const TaskId t1 = unprivileged_in_userns(sim);
    CHECK(sim.exec(t1) == Errno::ok);
    CHECK_FALSE(sim.violated(P::no_appraisal_escape));
  }
  SUBCASE("the reference copies init_ima_ns's rules and keeps its own done flags") {
    const World w = world_with({}, {file("/usr/bin/tool")});
    State design = boot(Config{find_preset("rfc2018")->design, Mutant::none}, w);
    properties::ReferenceRun ref(w, design);
    CHECK(ref.state().imas.size() == 1);
    CHECK(ref.state().imas[0].policy->empty());
  }
}
