// Each preset's objects are made and released as its patches say.
#include <doctest/doctest.h>

#include "sim.hpp"

using namespace imans;
using namespace imans::test;
using P = properties::PropertyId;

TEST_CASE("rfc2018: init_ima_ns starts at kref 2 and each mount namespace holds its IMA namespace") {
  Sim sim("rfc2018");
  CHECK(sim.state().imas[0].kref == 3);  // KREF_INIT(2) + the initial mount namespace
  TaskId t1, t2;
  REQUIRE(sim.clone(t0, kNewNs, &t1) == Errno::ok);
  CHECK(sim.state().imas[1].kref == 1);
  CHECK(sim.state().imas[0].kref == 4);  // ima#1's parent reference
  REQUIRE(sim.clone(t1, kNewNs, &t2) == Errno::ok);
  CHECK(sim.state().imas[1].kref == 2);
  REQUIRE(sim.exit(t1) == Errno::ok);
  CHECK(sim.state().imas[1].life == Life::live);
  REQUIRE(sim.exit(t2) == Errno::ok);
  CHECK(sim.state().imas[2].life == Life::freed);
  CHECK(sim.state().imas[1].life == Life::freed);
  CHECK(sim.state().imas[0].kref == 3);
  CHECK(sim.state().live_count(ObjKind::ima) == 1);
  CHECK(sim.holds());
}

TEST_CASE("every preset returns to its initial objects when the tasks exit") {
  for (const Preset& p : presets()) {
    CAPTURE(p.name);
    Sim sim(std::string(p.name));
    TaskId a, b, c;
    REQUIRE(sim.clone(t0, 0, &c) == Errno::ok);  // stays in the initial namespaces
    REQUIRE(sim.clone(t0, kNewUser | kNewNs, &a) == Errno::ok);
    REQUIRE(sim.clone(a, kNewUser | kNewNs, &b) == Errno::ok);
    sim.verb(a, Verb::mount_securityfs);
    sim.verb(b, Verb::mount_securityfs);
    sim.verb(b, Verb::activate);
    CHECK(sim.setns(t0, b, NsType::mnt) == Errno::ok);
    CHECK(sim.setns(t0, c, NsType::mnt) == Errno::ok);  // back to the initial one
    CHECK(sim.setns(c, a, NsType::user) == Errno::ok);
    REQUIRE(sim.exit(a) == Errno::ok);
    REQUIRE(sim.exit(b) == Errno::ok);
    REQUIRE(sim.exit(c) == Errno::ok);
    INFO(sim.violations());
    CHECK(sim.lifetimes_hold());
    for (ObjKind k : {ObjKind::user, ObjKind::mnt, ObjKind::ima})
      CHECK(sim.state().live_count(k) == 1);
    CHECK(sim.state().live_count(ObjKind::nsproxy) == 2);  // init's, and t0's new one
  }
}

TEST_CASE("userns-hierarchical: the IMA namespace is made with the user namespace, keys inherited") {
  World w = world_with({}, {file("/bin/x")}, {"host"}, 1);
  Sim sim("userns-hierarchical", Mutant::none, w);
  TaskId t1;
  REQUIRE(sim.clone(t0, kNewUser, &t1) == Errno::ok);
  const ImaNsId ns = sim.state().at(sim.state().at(t1).cred.user).ima;
  REQUIRE(ns.some());
  CHECK(sim.state().at(ns).keyring == 1);
  CHECK(sim.state().at(ns).parent == kInitImaNs);
  REQUIRE(sim.exit(t1) == Errno::ok);
  CHECK(sim.state().at(ns).life == Life::freed);
  CHECK(sim.holds());
}

TEST_CASE("berger2023: created at the first securityfs mount, activated once") {
  Sim sim("berger2023");
  TaskId t1;
  REQUIRE(sim.clone(t0, 0, &t1) == Errno::ok);
  REQUIRE(sim.setuid(t1, 1000) == Errno::ok);  // an ordinary user makes the container
  REQUIRE(sim.unshare(t1, kNewUser | kNewNs) == Errno::ok);
  // The copied mounts still show the host's instance: its root-owned 0600
  // policy file refuses uid 1000, and init_ima_ns has no 'active' file.
  CHECK(sim.policy(t1, {"measure func=BPRM_CHECK"}) == Errno::acces);
  CHECK(sim.verb(t1, Verb::activate) == Errno::noent);
  REQUIRE(sim.verb(t1, Verb::pivot_root) == Errno::ok);
  CHECK(sim.policy(t1, {"measure func=BPRM_CHECK"}) == Errno::noent);
  CHECK(sim.verb(t1, Verb::activate) == Errno::noent);
  REQUIRE(sim.verb(t1, Verb::mount_securityfs) == Errno::ok);
  CHECK(sim.policy(t1, {"measure func=BPRM_CHECK"}) == Errno::acces);
  CHECK(sim.verb(t1, Verb::activate) == Errno::ok);
  CHECK(sim.verb(t1, Verb::activate) == Errno::busy);
  CHECK(sim.policy(t1, {"measure func=BPRM_CHECK"}) == Errno::ok);
  CHECK(sim.policy(t1, {"audit func=BPRM_CHECK"}) == Errno::perm);  // container root is kuid 1000
  TaskId r;
  REQUIRE(sim.clone(t0, kNewUser | kNewNs, &r) == Errno::ok);  // host root's own container
  REQUIRE(sim.verb(r, Verb::mount_securityfs) == Errno::ok);
  REQUIRE(sim.verb(r, Verb::activate) == Errno::ok);
  CHECK(sim.policy(r, {"audit func=BPRM_CHECK"}) == Errno::ok);  // global root inside may
  REQUIRE(sim.exit(r) == Errno::ok);
  CHECK(sim.state().live_count(ObjKind::cache) == 1);
  REQUIRE(sim.exit(t1) == Errno::ok);
  CHECK(sim.state().live_count(ObjKind::ima) == 1);
  CHECK(sim.state().live_count(ObjKind::cache) == 0);
  CHECK(sim.holds());
}

TEST_CASE("berger2023: mounting securityfs needs CAP_SYS_ADMIN over the mount namespace's owner") {
  Sim sim("berger2023");
  TaskId t1;
  REQUIRE(sim.clone(t0, kNewUser, &t1) == Errno::ok);  // still in the host's mount namespace
  CHECK(sim.verb(t1, Verb::mount_securityfs) == Errno::perm);
}

TEST_CASE("newima-flag: unshare prepares for children; the first child activates it") {
  Sim sim("newima-flag");
  CHECK(sim.policy(t0, {"measure func=BPRM_CHECK"}, Verb::policy_for_children) == Errno::perm);
  REQUIRE(sim.unshare(t0, kNewIma) == Errno::ok);
  const Nsproxy& np = sim.state().at(sim.state().at(t0).nsproxy);
  CHECK(np.ima == kInitImaNs);
  const ImaNsId pending = np.ima_for_children;
  CHECK_FALSE(sim.state().at(pending).active);
  CHECK(sim.policy(t0, {"measure func=BPRM_CHECK"}, Verb::policy_for_children) == Errno::ok);
  TaskId t1;
  REQUIRE(sim.clone(t0, 0, &t1) == Errno::ok);
  CHECK(sim.state().at(sim.state().at(t1).nsproxy).ima == pending);
  CHECK(sim.state().at(pending).active);
  CHECK(sim.policy(t0, {"audit func=BPRM_CHECK"}, Verb::policy_for_children) == Errno::acces);
  CHECK(sim.policy(t1, {"audit func=BPRM_CHECK"}) == Errno::acces);  // frozen
  REQUIRE(sim.exit(t1) == Errno::ok);
  CHECK(sim.holds());
}

TEST_CASE("securityfs-spawn: only host root spawns, once per mount namespace") {
  Sim sim("securityfs-spawn");
  TaskId c, h;
  REQUIRE(sim.clone(t0, kNewUser | kNewNs, &c) == Errno::ok);
  CHECK(sim.verb(c, Verb::spawn) == Errno::perm);
  REQUIRE(sim.clone(t0, kNewNs, &h) == Errno::ok);
  CHECK(sim.verb(h, Verb::spawn) == Errno::ok);
  CHECK(sim.verb(h, Verb::spawn) == Errno::busy);
  CHECK(sim.verb(t0, Verb::spawn) == Errno::busy);  // the initial one is init_ima_ns's
  REQUIRE(sim.exit(h) == Errno::ok);
  CHECK(sim.state().live_count(ObjKind::ima) == 1);
  CHECK(sim.holds());
}
