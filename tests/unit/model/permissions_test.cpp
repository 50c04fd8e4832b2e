// The kernel's permission rules for namespaces, as every preset keeps them.
#include <doctest/doctest.h>

#include "sim.hpp"

using namespace imans;
using namespace imans::test;
using P = properties::PropertyId;

TEST_CASE("CLONE_NEWUSER needs no privilege and grants every capability inside") {
  Sim sim("rfc2018");
  TaskId t1;
  REQUIRE(sim.clone(t0, 0, &t1) == Errno::ok);
  REQUIRE(sim.setuid(t1, 1000) == Errno::ok);
  CHECK(sim.state().at(t1).cred.effective == CapSet::empty());
  CHECK(sim.unshare(t1, kNewNs) == Errno::perm);        // no CAP_SYS_ADMIN in init_user_ns
  CHECK(sim.unshare(t1, kNewUser | kNewNs) == Errno::ok);  // the user namespace comes first
  const Task& t = sim.state().at(t1);
  CHECK(t.cred.effective == CapSet::full());
  CHECK(t.cred.uid == 1000);  // the kuid does not change
  CHECK(sim.state().at(t.cred.user).owner == 1000);
  CHECK(sim.holds());
}

TEST_CASE("setuid inside a user namespace maps through it") {
  Sim sim("rfc2018");
  TaskId t1;
  REQUIRE(sim.clone(t0, kNewUser, &t1) == Errno::ok);
  CHECK(sim.setuid(t1, 1000) == Errno::inval);  // only 0 is mapped
  CHECK(sim.setuid(t1, 0) == Errno::ok);
  TaskId t2;
  REQUIRE(sim.clone(t0, 0, &t2) == Errno::ok);
  REQUIRE(sim.setuid(t2, 1000) == Errno::ok);
  CHECK(sim.setuid(t2, 0) == Errno::perm);  // capabilities were dropped
}

TEST_CASE("user namespaces nest at most 32 deep below init (ENOSPC)") {
  Sim sim("rfc2018");
  int levels = 0;
  while (sim.unshare(t0, kNewUser) == Errno::ok) ++levels;
  CHECK(levels == 33);
  CHECK(sim.last().err == Errno::nospc);
  CHECK(sim.holds());
}

TEST_CASE("setns to a mount namespace needs CAP_SYS_ADMIN over its owner") {
  Sim sim("rfc2018");
  TaskId c;
  REQUIRE(sim.clone(t0, kNewUser | kNewNs, &c) == Errno::ok);  // container root
  CHECK(sim.setns(c, t0, NsType::mnt) == Errno::perm);  // the host's mount namespace
  CHECK(sim.setns(t0, c, NsType::mnt) == Errno::ok);    // host root may join the container's
  CHECK(sim.holds());
}

TEST_CASE("setns to a user namespace: not one's own, and only with CAP_SYS_ADMIN over it") {
  Sim sim("rfc2018");
  TaskId a, b;
  REQUIRE(sim.clone(t0, kNewUser, &a) == Errno::ok);
  REQUIRE(sim.clone(t0, 0, &b) == Errno::ok);
  CHECK(sim.setns(a, a, NsType::user) == Errno::inval);
  CHECK(sim.setns(a, t0, NsType::user) == Errno::perm);  // no capability over init_user_ns
  REQUIRE(sim.setuid(b, 1000) == Errno::ok);
  CHECK(sim.setns(b, a, NsType::user) == Errno::perm);   // not the owner, no capabilities
  CHECK(sim.setns(t0, a, NsType::user) == Errno::ok);    // the owner's euid
  CHECK_FALSE(sim.violated(P::setns_authorized));
}

TEST_CASE("an IMA clone flag exists only in the design that has one") {
  Sim rfc("rfc2018");
  CHECK(rfc.clone(t0, kNewIma) == Errno::inval);
  CHECK(rfc.unshare(t0, kNewIma) == Errno::inval);
  Sim flag("newima-flag");
  CHECK(flag.unshare(t0, kNewIma) == Errno::ok);
}

TEST_CASE("init does not exit") {
  Sim sim("rfc2018");
  CHECK(sim.exit(t0) == Errno::perm);
}
