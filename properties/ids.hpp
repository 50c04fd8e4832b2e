#pragma once
// The property ids of the trace format (v1), and imans's additions.
#include <optional>
#include <span>
#include <string_view>

namespace imans::properties {

enum class PropertyId : unsigned char {
  refcount_exact,
  no_use_after_free,
  no_leak,
  init_immortal,
  parent_outlives_child,
  tree_acyclic,
  no_appraisal_escape,
  no_measurement_escape,
  no_audit_escape,
  no_log_gap,
  setns_authorized,
  policy_write_authorized,
  userns_join_no_ima_side_effect,
};
constexpr std::size_t kPropertyCount = 13;

std::span<const PropertyId> all_properties();
std::string_view property_name(PropertyId id);
std::optional<PropertyId> find_property(std::string_view name);

}  // namespace imans::properties
