#pragma once
// ima_match_rules(): does one rule's every condition hold for this access?
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "model/policy/rule.hpp"

namespace imans::policy {

// The subject's credentials, as kernel ids (kuid/kgid).
struct Subject {
  std::uint32_t uid = 0, euid = 0, suid = 0;
  std::uint32_t gid = 0, egid = 0, sgid = 0;
  bool cap_setuid = false;  // has_capability_noaudit(CAP_SETUID): in init_user_ns
  bool cap_setgid = false;
};

// The file, as kernel ids; fsname and fs_subtype come from the superblock.
struct Inode {
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::uint32_t fsmagic = 0xef53;
  std::array<std::uint8_t, 16> fsuuid{};
  std::string_view fsname = "ext4";
  std::string_view fs_subtype = "";
};

// no/yes, or unmodelled when every modelled condition holds and the answer
// hinges on an LSM label the model does not have.
enum class Match : std::uint8_t { no, yes, unmodelled };

Match ima_match_rules(const Rule& rule, const Subject& subject, const Inode& inode, Func func,
                      std::uint8_t mask);
// The same, for KEY_CHECK and CRITICAL_DATA: func_data is the keyring name or
// the data label that keyrings= or label= must list (nullopt: the kernel's
// NULL func_data, which no list matches).
Match ima_match_rules(const Rule& rule, const Subject& subject, const Inode& inode, Func func,
                      std::uint8_t mask, std::optional<std::string_view> func_data);

// The superblock type name the kernel reports for a filesystem magic ("ext4",
// "tmpfs", "proc", ...; "unknown" when the model has no name for it).
std::string_view fsname_for_magic(std::uint32_t fsmagic);

}  // namespace imans::policy
