// Every seeded bug changes the model's behaviour on a small scenario, and a
// property sees it; the same scenario on the design without the bug holds.
#include <doctest/doctest.h>

#include <functional>

#include "sim.hpp"

using namespace imans;
using namespace imans::test;
using P = properties::PropertyId;

namespace {

struct Scenario {
  Mutant mutant;
  P killed_by;
  std::function<void(Sim&)> steps;
};

World world_for_walk() {
  return world_with({"appraise func=BPRM_CHECK appraise_type=imasig"}, {file("/usr/bin/tool")});
}

const std::vector<Scenario>& scenarios() {
  static const std::vector<Scenario> all = {
      {Mutant::imans_install_put_before_get, P::no_use_after_free,
       [](Sim& s) {
         s.clone(t0, kNewNs);
         s.setns(t0, TaskId{1}, NsType::mnt);
       }},
      {Mutant::clone_ima_ns_no_parent_get, P::refcount_exact,
       [](Sim& s) { s.clone(t0, kNewNs); }},
      {Mutant::mnt_ns_error_path_leaks_ima, P::no_leak,
       [](Sim& s) {
         s.inject_enomem(6);  // task, cred, nsproxy, mnt ns, inum, ima ns; then copy_tree fails
         s.clone(t0, kNewNs);
       }},
      {Mutant::init_ima_ns_kref_1, P::refcount_exact, [](Sim&) {}},
      {Mutant::free_mnt_ns_no_put, P::no_leak,
       [](Sim& s) {
         s.clone(t0, kNewNs);
         s.exit(TaskId{1});
       }},
      {Mutant::prototype_iterative_free, P::no_use_after_free,
       [](Sim& s) {
         s.clone(t0, kNewNs);
         s.clone(TaskId{1}, kNewNs);
         s.exit(TaskId{1});
         s.exit(TaskId{2});
       }},
      {Mutant::key_queue_put_unheld_userns, P::refcount_exact,
       [](Sim& s) {
         s.clone(t0, kNewUser | kNewNs);
         s.verb(TaskId{1}, Verb::mount_securityfs);
         s.verb(TaskId{1}, Verb::activate);
         s.policy(TaskId{1}, {"measure func=BPRM_CHECK"});
       }},
      {Mutant::ns_init_leaks_status_cache, P::no_leak,
       [](Sim& s) {
         s.clone(t0, kNewUser | kNewNs);
         s.verb(TaskId{1}, Verb::mount_securityfs);
         s.inject_enomem(1);
         s.verb(TaskId{1}, Verb::activate);
         s.verb(TaskId{1}, Verb::activate);
       }},
      {Mutant::walk_stops_at_first_active, P::no_appraisal_escape,
       [](Sim& s) {
         s.clone(t0, kNewUser | kNewNs);
         s.verb(TaskId{1}, Verb::mount_securityfs);
         s.verb(TaskId{1}, Verb::activate);
         s.exec(TaskId{1});
       }},
      {Mutant::destroy_ima_ns_double_put_parent, P::init_immortal,
       [](Sim& s) {
         for (int i = 0; i < 4; ++i) {
           TaskId c;
           s.clone(t0, kNewNs, &c);
           s.exit(c);
         }
       }},
      {Mutant::mntns_install_skips_owner_check, P::setns_authorized,
       [](Sim& s) {
         s.clone(t0, kNewUser | kNewNs);
         s.setns(TaskId{1}, t0, NsType::mnt);
       }},
      {Mutant::audit_rule_gate_sys_admin, P::policy_write_authorized,
       [](Sim& s) {
         s.clone(t0, 0);
         s.setuid(TaskId{1}, 1000);
         s.unshare(TaskId{1}, kNewUser | kNewNs);
         s.verb(TaskId{1}, Verb::mount_securityfs);
         s.verb(TaskId{1}, Verb::activate);
         s.policy(TaskId{1}, {"audit func=BPRM_CHECK"});
       }},
      {Mutant::imans_on_fork_reparents_to_self, P::tree_acyclic,
       [](Sim& s) {
         s.unshare(t0, kNewIma);
         s.clone(t0, 0);
       }},
  };
  return all;
}

}  // namespace

TEST_CASE("every mutant has a scenario") {
  CHECK(scenarios().size() == mutants().size());
  for (const MutantInfo& m : mutants()) {
    bool found = false;
    for (const auto& s : scenarios()) found = found || s.mutant == m.mutant;
    CHECK_MESSAGE(found, m.name);
  }
}

TEST_CASE("each mutant is killed on its scenario, and the correct design holds there") {
  for (const auto& sc : scenarios()) {
    const MutantInfo& info = mutant_info(sc.mutant);
    CAPTURE(info.name);
    const World w = world_for_walk();
    Sim correct(std::string(info.preset), Mutant::none, w);
    sc.steps(correct);
    INFO("correct: " << correct.violations());
    CHECK(correct.holds());
    Sim buggy(std::string(info.preset), sc.mutant, w);
    sc.steps(buggy);
    INFO("mutant: " << buggy.violations());
    CHECK(buggy.violated(sc.killed_by));
  }
}
