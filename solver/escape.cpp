#include "solver/escape.hpp"

#include <array>

namespace imans::solver {
namespace {
constexpr std::array<Escape, 3> kAll{Escape::appraisal, Escape::measurement, Escape::audit};
}

std::span<const Escape> all_escapes() { return kAll; }

properties::PropertyId property_of(Escape e) {
  switch (e) {
    case Escape::appraisal:
      return properties::PropertyId::no_appraisal_escape;
    case Escape::measurement:
      return properties::PropertyId::no_measurement_escape;
    case Escape::audit:
      break;
  }
  return properties::PropertyId::no_audit_escape;
}

std::string_view escape_name(Escape e) { return properties::property_name(property_of(e)); }

std::optional<Escape> find_escape(std::string_view name) {
  for (Escape e : kAll)
    if (escape_name(e) == name) return e;
  return std::nullopt;
}

z3::expr design_denies(const WalkOutcome& w, const z3::expr& has_second) {
  return w.denies[0] || (has_second && w.denies[1]);
}

z3::expr escape_violated(Escape e, const WalkOutcome& w, const InitAlone& a,
                         const z3::expr& has_second) {
  const z3::expr second_ran = has_second && !w.denies[0];
  if (e == Escape::appraisal) {
    const z3::expr alone_denies = a.denies[0] || (has_second && a.denies[1]);
    return alone_denies && !design_denies(w, has_second);
  }
  const z3::expr* wanted = e == Escape::measurement ? a.measures : a.audits;
  const z3::expr alone = wanted[0] || (second_ran && !a.denies[0] && wanted[1]);
  const z3::expr recorded = w.init_evaluated && (wanted[0] || (second_ran && wanted[1]));
  return alone && !recorded;
}

z3::expr escape_premise(Escape e, const InitAlone& a, const z3::expr& has_second) {
  if (e == Escape::appraisal) return a.denies[0] || (has_second && a.denies[1]);
  const z3::expr* wanted = e == Escape::measurement ? a.measures : a.audits;
  return wanted[0] || (has_second && !a.denies[0] && wanted[1]);
}

}  // namespace imans::solver
