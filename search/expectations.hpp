#pragma once
// The verdicts background.md says a correct model must reach for each preset:
// which properties the design violates. The search and the proofs are
// compared against these; they are expectations to check, never results.
#include <string_view>

#include "properties/check.hpp"

namespace imans::search {

// The properties the preset is expected to violate; empty for an unknown name.
properties::PropertySet expected_violations(std::string_view preset);
// Why, in a sentence, for the report.
std::string_view expectation_reason(std::string_view preset);

}  // namespace imans::search
