#include "properties/ids.hpp"

#include <array>
#include <utility>

namespace imans::properties {

namespace {
constexpr std::array<std::pair<PropertyId, std::string_view>, kPropertyCount> kNames{{
    {PropertyId::refcount_exact, "refcount-exact"},
    {PropertyId::no_use_after_free, "no-use-after-free"},
    {PropertyId::no_leak, "no-leak"},
    {PropertyId::init_immortal, "init-immortal"},
    {PropertyId::parent_outlives_child, "parent-outlives-child"},
    {PropertyId::tree_acyclic, "tree-acyclic"},
    {PropertyId::no_appraisal_escape, "no-appraisal-escape"},
    {PropertyId::no_measurement_escape, "no-measurement-escape"},
    {PropertyId::no_audit_escape, "no-audit-escape"},
    {PropertyId::no_log_gap, "no-log-gap"},
    {PropertyId::setns_authorized, "setns-authorized"},
    {PropertyId::policy_write_authorized, "policy-write-authorized"},
    {PropertyId::userns_join_no_ima_side_effect, "userns-join-no-ima-side-effect"},
}};
constexpr auto kAll = [] {
  std::array<PropertyId, kPropertyCount> a{};
  for (std::size_t i = 0; i < kPropertyCount; ++i) a[i] = kNames[i].first;
  return a;
}();
}  // namespace

std::span<const PropertyId> all_properties() { return kAll; }

std::string_view property_name(PropertyId id) {
  for (const auto& [p, n] : kNames)
    if (p == id) return n;
  return "?";
}

std::optional<PropertyId> find_property(std::string_view name) {
  for (const auto& [p, n] : kNames)
    if (n == name) return p;
  return std::nullopt;
}

}  // namespace imans::properties
