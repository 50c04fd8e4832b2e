#pragma once
// A parse failure inside one line, as a value; the driver adds file and line.
#include <cstddef>
#include <optional>
#include <string>

namespace imans::traces::io {

struct Failure {
  std::size_t column = 1;
  std::string message;
};
// Empty when all went well.
using Status = std::optional<Failure>;

}  // namespace imans::traces::io
