#include "search/expectations.hpp"

#include <array>
#include <vector>

namespace imans::search {

namespace {
using P = properties::PropertyId;

properties::PropertySet of(const std::vector<P>& ids) {
  properties::PropertySet s;
  for (P p : ids) s.set(properties::index(p));
  return s;
}

struct Expectation {
  std::string_view preset;
  std::vector<P> violated;
  std::string_view reason;
};

constexpr P kEscapes[] = {P::no_appraisal_escape, P::no_measurement_escape, P::no_audit_escape};

const std::array<Expectation, 6>& table() {
  static const std::array<Expectation, 6> t{{
      {"rfc2018",
       {kEscapes[0], kEscapes[1], kEscapes[2], P::no_log_gap},
       "independent policies: root escapes in two steps (unshare mnt, exec); the namespace's "
       "policy is written after processes run"},
      {"rfc2018-root-to-init",
       {kEscapes[0], kEscapes[1], kEscapes[2], P::no_log_gap},
       "root is held to init's policy, but an unprivileged user escapes a host rule that "
       "targets its uid (unshare user mnt, exec)"},
      {"userns-hierarchical",
       {P::userns_join_no_ima_side_effect, P::no_log_gap},
       "every ancestor's policy is enforced, so nothing escapes; joining a user namespace "
       "changes the governing policies"},
      {"berger2023",
       {P::userns_join_no_ima_side_effect, P::no_log_gap},
       "every active ancestor is enforced; joining a user namespace changes the governing "
       "policies; the namespace's own log starts at activation"},
      {"newima-flag",
       {kEscapes[0], kEscapes[1], kEscapes[2]},
       "the policy is configured before the first process is born (no gap), but policies are "
       "independent"},
      {"securityfs-spawn",
       {kEscapes[0], kEscapes[1], kEscapes[2], P::no_log_gap},
       "host root's spawned namespace replaces the host's policy, and processes run before its "
       "policy is written"},
  }};
  return t;
}

}  // namespace

properties::PropertySet expected_violations(std::string_view preset) {
  for (const auto& e : table())
    if (e.preset == preset) return of(e.violated);
  return {};
}

std::string_view expectation_reason(std::string_view preset) {
  for (const auto& e : table())
    if (e.preset == preset) return e.reason;
  return {};
}

}  // namespace imans::search
