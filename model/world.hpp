#pragma once
// What exists before the first step: the host policy, the files, the keys.
// The world never changes while a trace runs; the state refers to its files
// and keys by id.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/ids.hpp"
#include "model/policy/rule.hpp"

namespace imans {

struct FileDecl {
  std::string path;
  std::uint32_t uid = 0;  // kuid of the owner
  std::uint32_t gid = 0;  // kgid
  std::uint32_t fsmagic = 0xef53;
  std::array<std::uint8_t, 16> fsuuid{};
};

// A keyring is a set of keys; the model allows up to 64 keys per world.
constexpr std::size_t kMaxKeys = 64;
using KeySet = std::uint64_t;
inline KeySet key_bit(KeyId k) { return KeySet{1} << k.v; }

struct World {
  std::vector<FileDecl> files;
  std::vector<std::string> keys;
  KeySet host_keys = 0;                    // on init_ima_ns's keyring at boot
  // init_ima_ns's custom policy loaded at boot (quoted host-policy rules), and
  // the builtin rules chosen by ima_policy= (host-policy builtin=...). As in
  // ima_update_policy(), the first custom policy replaces the builtin rules:
  // boot starts from host_policy when it has any rule, else from
  // builtin_policy, which the first policy written to init_ima_ns replaces.
  std::vector<policy::Rule> host_policy;
  std::vector<policy::Rule> builtin_policy;

  [[nodiscard]] FileId find_file(std::string_view path) const;
  [[nodiscard]] KeyId find_key(std::string_view name) const;
};

}  // namespace imans
