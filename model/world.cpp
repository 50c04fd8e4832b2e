#include "model/world.hpp"

namespace imans {

FileId World::find_file(std::string_view path) const {
  for (std::size_t i = 0; i < files.size(); ++i)
    if (files[i].path == path) return FileId{static_cast<std::uint16_t>(i)};
  return FileId{};
}

KeyId World::find_key(std::string_view name) const {
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == name) return KeyId{static_cast<std::uint16_t>(i)};
  return KeyId{};
}

}  // namespace imans
