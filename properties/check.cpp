#include "properties/check.hpp"

#include <algorithm>

#include "properties/checks.hpp"

namespace imans::properties {

PropertySet every_property() { return PropertySet{}.set(); }

Checker::Checker(const Config& cfg, const World& world, PropertySet enabled)
    : cfg_(&cfg), world_(&world), enabled_(enabled) {}

namespace {

void state_checks(const State& s, const Config& cfg, Findings& out) {
  check_refcount_exact(s, cfg, out);
  check_no_leak(s, cfg, out);
  check_init_immortal(s, out);
  check_parent_outlives_child(s, cfg, out);
  check_tree_acyclic(s, out);
}

// The state properties read only the objects' lives, counters and pointers,
// and the tasks. When none of those changed, their verdict cannot change.
bool structure_changed(const State& a, const State& b) {
  if (a.users.size() != b.users.size() || a.mnts.size() != b.mnts.size() ||
      a.imas.size() != b.imas.size() || a.nsproxies.size() != b.nsproxies.size() ||
      a.caches.size() != b.caches.size() || a.tasks.size() != b.tasks.size())
    return true;
  for (std::size_t i = 0; i < a.users.size(); ++i) {
    const UserNs &x = a.users[i], &y = b.users[i];
    if (x.life != y.life || x.count != y.count || x.parent != y.parent || x.ima != y.ima)
      return true;
  }
  for (std::size_t i = 0; i < a.mnts.size(); ++i) {
    const MntNs &x = a.mnts[i], &y = b.mnts[i];
    if (x.life != y.life || x.count != y.count || x.user != y.user || x.ima != y.ima) return true;
  }
  for (std::size_t i = 0; i < a.imas.size(); ++i) {
    const ImaNs &x = a.imas[i], &y = b.imas[i];
    if (x.life != y.life || x.kref != y.kref || x.parent != y.parent || x.user != y.user ||
        x.status_cache != y.status_cache || x.keys_queued != y.keys_queued)
      return true;
  }
  for (std::size_t i = 0; i < a.nsproxies.size(); ++i) {
    const Nsproxy &x = a.nsproxies[i], &y = b.nsproxies[i];
    if (x.life != y.life || x.count != y.count || x.mnt != y.mnt || x.ima != y.ima ||
        x.ima_for_children != y.ima_for_children)
      return true;
  }
  for (std::size_t i = 0; i < a.caches.size(); ++i)
    if (a.caches[i].life != b.caches[i].life) return true;
  for (std::size_t i = 0; i < a.tasks.size(); ++i) {
    const Task &x = a.tasks[i], &y = b.tasks[i];
    if (x.alive != y.alive || x.cred.user != y.cred.user || x.nsproxy != y.nsproxy) return true;
  }
  return false;
}

bool counters_moved(const State& a, const State& b) {
  auto moved = [](const auto& x, const auto& y, auto count) {
    if (x.size() != y.size()) return true;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (count(x[i]) != count(y[i])) return true;
    return false;
  };
  return moved(a.users, b.users, [](const UserNs& u) { return u.count; }) ||
         moved(a.mnts, b.mnts, [](const MntNs& m) { return m.count; }) ||
         moved(a.imas, b.imas, [](const ImaNs& n) { return n.kref; }) ||
         moved(a.nsproxies, b.nsproxies, [](const Nsproxy& n) { return n.count; });
}

std::size_t freed(const State& s) {
  std::size_t n = 0;
  for (std::size_t k = 0; k < 5; ++k)
    n += s.count_of(static_cast<ObjKind>(k)) - s.live_count(static_cast<ObjKind>(k));
  return n;
}

bool init_put(const State& a, const State& b) {
  return b.users[0].count < a.users[0].count || b.mnts[0].count < a.mnts[0].count ||
         b.imas[0].kref < a.imas[0].kref || b.nsproxies[0].count < a.nsproxies[0].count;
}

bool namespace_created(const State& a, const State& b) {
  return b.users.size() > a.users.size() || b.imas.size() > a.imas.size();
}

}  // namespace

std::vector<Violation> Checker::start(const State& boot) {
  reference_.emplace(*world_, boot);
  Findings f;
  state_checks(boot, *cfg_, f);
  freed_before_ = freed_ = freed(boot);
  std::vector<Violation> out;
  for (auto& v : f.violations) {
    if (!enabled_.test(index(v.property))) continue;
    violated_.set(index(v.property));
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<Violation> Checker::observe(const State& before, const Step& step,
                                        const StepResult& result, const State& after) {
  if (!reference_) reference_.emplace(*world_, before);
  const ReferenceAccess ref = reference_->observe(before, step, result, after);
  const StepView v{*cfg_, *world_, before, step, result, after, &ref, reference_->state().log,
                   reference_->state().audit};
  Findings f;
  const bool changed = structure_changed(before, after);
  if (changed) {
    state_checks(after, *cfg_, f);
    freed_ = freed(after);
  }
  const bool freed_now = changed && freed_ > freed_before_;
  freed_before_ = freed_;
  PropertySet premise;
  auto note = [&](PropertyId id, bool exercised) {
    if (exercised) premise.set(index(id));
  };
  if (step.verb != Verb::inject_enomem) {
    note(PropertyId::no_use_after_free, check_no_use_after_free(v, f) || freed_ > 0);
    note(PropertyId::no_appraisal_escape, check_no_appraisal_escape(v, f));
    note(PropertyId::no_measurement_escape, check_no_measurement_escape(v, f));
    note(PropertyId::no_audit_escape, check_no_audit_escape(v, f));
    note(PropertyId::no_log_gap, check_no_log_gap(v, pending_, f));
    note(PropertyId::setns_authorized, check_setns_authorized(v, f));
    note(PropertyId::policy_write_authorized, check_policy_write_authorized(v, f));
    note(PropertyId::userns_join_no_ima_side_effect, check_userns_join_no_ima_side_effect(v, f));
  }
  note(PropertyId::refcount_exact, changed && counters_moved(before, after));
  note(PropertyId::no_leak, freed_now);
  note(PropertyId::init_immortal, changed && init_put(before, after));
  note(PropertyId::parent_outlives_child, freed_now);
  note(PropertyId::tree_acyclic, changed && namespace_created(before, after));
  for (std::size_t i = 0; i < kPropertyCount; ++i)
    if (premise.test(i) && enabled_.test(i)) ++premises_[i];

  std::vector<Violation> out;
  for (auto& viol : f.violations) {
    if (!enabled_.test(index(viol.property))) continue;
    violated_.set(index(viol.property));
    out.push_back(std::move(viol));
  }
  return out;
}

}  // namespace imans::properties
