// Every allocation of every namespace-making path can fail; each error path
// must unwind exactly, leaving every property intact.
#include <doctest/doctest.h>

#include <functional>

#include "sim.hpp"

using namespace imans;
using namespace imans::test;

namespace {

// Fails the k-th allocation of `op` for k = 0, 1, ... until op succeeds; every
// failure must be ENOMEM and leave the properties holding.
int fail_each_allocation(const std::string& preset, const std::function<void(Sim&)>& setup,
                         const std::function<Errno(Sim&)>& op, Errno reported = Errno::nomem) {
  for (std::uint32_t k = 0; k < 32; ++k) {
    Sim sim(preset);
    setup(sim);
    sim.inject_enomem(k);
    const Errno e = op(sim);
    INFO("preset " << preset << ", allocation " << k << ": " << sim.violations());
    CHECK(sim.lifetimes_hold());
    if (e == Errno::ok) {
      CHECK(sim.state().fail_alloc_after >= 0);  // fewer allocations than k: still pending
      return static_cast<int>(k);
    }
    CHECK(e == reported);
  }
  FAIL("the operation never succeeded");
  return -1;
}

void nothing(Sim&) {}

}  // namespace

TEST_CASE("clone with new user and mount namespaces unwinds at every allocation") {
  for (const Preset& p : presets()) {
    const int allocations = fail_each_allocation(std::string(p.name), nothing, [](Sim& s) {
      return s.clone(t0, kNewUser | kNewNs);
    });
    CAPTURE(p.name);
    CHECK(allocations >= 6);  // task, cred, user ns, inum, nsproxy, mnt ns ...
  }
}

TEST_CASE("unshare, setns and the IMA-specific paths unwind at every allocation") {
  fail_each_allocation("rfc2018", nothing, [](Sim& s) { return s.unshare(t0, kNewUser | kNewNs); });
  fail_each_allocation(
      "rfc2018", [](Sim& s) { s.clone(t0, kNewNs); },
      [](Sim& s) { return s.setns(t0, TaskId{1}, NsType::mnt); });
  fail_each_allocation(
      "userns-hierarchical", [](Sim& s) { s.clone(t0, kNewUser); },
      [](Sim& s) { return s.setns(t0, TaskId{1}, NsType::user); });
  fail_each_allocation(
      "berger2023", [](Sim& s) { s.clone(t0, kNewUser | kNewNs); },
      [](Sim& s) { return s.verb(TaskId{1}, Verb::mount_securityfs); });
  fail_each_allocation(
      "berger2023",
      [](Sim& s) {
        s.clone(t0, kNewUser | kNewNs);
        s.verb(TaskId{1}, Verb::mount_securityfs);
      },
      [](Sim& s) { return s.verb(TaskId{1}, Verb::activate); },
      Errno::inval);  // ima_write_active() reports a failed initialisation as EINVAL
  fail_each_allocation("newima-flag", nothing, [](Sim& s) { return s.clone(t0, kNewIma); });
  fail_each_allocation(
      "newima-flag", [](Sim& s) { s.unshare(t0, kNewIma); },
      [](Sim& s) { return s.clone(t0, 0); });
  fail_each_allocation(
      "securityfs-spawn", [](Sim& s) { s.unshare(t0, kNewNs); },
      [](Sim& s) { return s.verb(t0, Verb::spawn); });
}

TEST_CASE("an injected failure waits for the next allocation") {
  Sim sim("rfc2018");
  sim.inject_enomem();
  CHECK(sim.setuid(t0, 0) == Errno::nomem);  // prepare_creds allocates
  CHECK(sim.clone(t0, kNewNs) == Errno::ok);
}
