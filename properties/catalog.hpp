#pragma once
// What each property says and which review concern it answers, for reports.
#include <string_view>

#include "properties/ids.hpp"

namespace imans::properties {

struct PropertyInfo {
  PropertyId id;
  std::string_view statement;  // what must hold
  std::string_view concern;    // the review point it mechanises, with its source
};

const PropertyInfo& property_info(PropertyId id);

}  // namespace imans::properties
