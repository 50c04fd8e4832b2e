#pragma once
// The individual properties. State properties look at one state; step
// properties look at a step and the states around it. Each adds its
// violations to `out` and returns whether the step exercised its premise.
#include <vector>

#include "properties/check.hpp"

namespace imans::properties {

struct Findings {
  std::vector<Violation> violations;
  void add(PropertyId id, std::string message, std::vector<ObjRef> objects = {}) {
    violations.push_back(Violation{id, std::move(message), std::move(objects)});
  }
};

// State properties.
void check_refcount_exact(const State& s, const Config& cfg, Findings& out);
void check_no_leak(const State& s, const Config& cfg, Findings& out);
void check_init_immortal(const State& s, Findings& out);
void check_parent_outlives_child(const State& s, const Config& cfg, Findings& out);
void check_tree_acyclic(const State& s, Findings& out);

// Step properties.
bool check_no_use_after_free(const StepView& v, Findings& out);
bool check_no_appraisal_escape(const StepView& v, Findings& out);
bool check_no_measurement_escape(const StepView& v, Findings& out);
bool check_no_audit_escape(const StepView& v, Findings& out);
bool check_no_log_gap(const StepView& v, std::vector<PendingAccess>& pending, Findings& out);
bool check_setns_authorized(const StepView& v, Findings& out);
bool check_policy_write_authorized(const StepView& v, Findings& out);
bool check_userns_join_no_ima_side_effect(const StepView& v, Findings& out);

}  // namespace imans::properties
