// ima_match_rules(): every condition of one rule against one access, in the
// kernel's order (section 2.1 of the policy notes).
#include "model/policy/match.hpp"

#include <algorithm>
#include <array>

namespace imans::policy {
namespace {

// uid_eq/uid_lt/uid_gt and friends: the access's id on the left.
bool holds(IdOp op, std::uint32_t actual, std::uint32_t wanted) {
  switch (op) {
    case IdOp::lt:
      return actual < wanted;
    case IdOp::gt:
      return actual > wanted;
    case IdOp::eq:
      break;
  }
  return actual == wanted;
}

// With CAP_SETUID (CAP_SETGID) the task could switch to its saved or real
// id at will, so the kernel lets any of the three satisfy euid= (egid=).
bool effective_id_holds(IdOp op, std::uint32_t wanted, bool widened, std::uint32_t effective,
                        std::uint32_t saved, std::uint32_t real) {
  if (!widened) return holds(op, effective, wanted);
  return holds(op, effective, wanted) || holds(op, saved, wanted) || holds(op, real, wanted);
}

// ima_match_rule_data(): keys and critical data are matched by uid (real
// only; gid= is accepted on these rules but never looked at) and by name.
bool rule_data_matches(const Rule& rule, const Subject& subject,
                       std::optional<std::string_view> func_data) {
  if (rule.has(kFlagUid) && !holds(rule.uid.op, subject.uid, rule.uid.value)) return false;
  const std::vector<std::string>* names = nullptr;
  switch (rule.func) {
    case Func::key_check:
      if (!rule.has(kFlagKeyrings)) return true;
      names = &rule.keyrings;
      break;
    case Func::critical_data:
      if (!rule.has(kFlagLabel)) return true;
      names = &rule.labels;
      break;
    default:
      return false;
  }
  if (!func_data) return false;
  return std::find(names->begin(), names->end(), *func_data) != names->end();
}

bool has_lsm_condition(const Rule& rule) {
  return std::any_of(rule.lsm.begin(), rule.lsm.end(), [](const auto& s) { return !s.empty(); });
}

}  // namespace

Match ima_match_rules(const Rule& rule, const Subject& subject, const Inode& inode, Func func,
                      std::uint8_t mask) {
  return ima_match_rules(rule, subject, inode, func, mask, std::nullopt);
}

Match ima_match_rules(const Rule& rule, const Subject& subject, const Inode& inode, Func func,
                      std::uint8_t mask, std::optional<std::string_view> func_data) {
  // POST_SETATTR asks "would any rule appraise this file?", so it ignores
  // the hook and the access mask.
  const bool any_hook = func == Func::post_setattr;
  if (rule.has(kFlagFunc) && rule.func != func && !any_hook) return Match::no;

  if (func == Func::key_check || func == Func::critical_data) {
    return rule.func == func && rule_data_matches(rule, subject, func_data) ? Match::yes
                                                                            : Match::no;
  }

  if (rule.has(kFlagMask) && rule.mask != mask && !any_hook) return Match::no;
  if (rule.has(kFlagInMask) && (rule.mask & mask) == 0 && !any_hook) return Match::no;
  if (rule.has(kFlagFsmagic) && rule.fsmagic != inode.fsmagic) return Match::no;
  if (rule.has(kFlagFsname) && rule.fsname != inode.fsname) return Match::no;
  if (rule.has(kFlagFsSubtype) &&
      (inode.fs_subtype.empty() || rule.fs_subtype != inode.fs_subtype)) {
    return Match::no;
  }
  if (rule.has(kFlagFsuuid) && rule.fsuuid != inode.fsuuid) return Match::no;

  if (rule.has(kFlagUid) && !holds(rule.uid.op, subject.uid, rule.uid.value)) return Match::no;
  if (rule.has(kFlagEuid) && !effective_id_holds(rule.uid.op, rule.uid.value, subject.cap_setuid,
                                                 subject.euid, subject.suid, subject.uid)) {
    return Match::no;
  }
  if (rule.has(kFlagGid) && !holds(rule.gid.op, subject.gid, rule.gid.value)) return Match::no;
  if (rule.has(kFlagEgid) && !effective_id_holds(rule.gid.op, rule.gid.value, subject.cap_setgid,
                                                 subject.egid, subject.sgid, subject.gid)) {
    return Match::no;
  }
  // Inode ids are already the mount's view (vfsuid/vfsgid) in the model.
  if (rule.has(kFlagFowner) && !holds(rule.fowner.op, inode.uid, rule.fowner.value)) {
    return Match::no;
  }
  if (rule.has(kFlagFgroup) && !holds(rule.fgroup.op, inode.gid, rule.fgroup.value)) {
    return Match::no;
  }

  // The LSM tests come last in the kernel; everything before them held, so
  // the answer now depends on labels the model does not track.
  if (has_lsm_condition(rule)) return Match::unmodelled;
  return Match::yes;
}

std::string_view fsname_for_magic(std::uint32_t fsmagic) {
  struct Known {
    std::uint32_t magic;
    std::string_view name;  // sb->s_type->name
  };
  static constexpr std::array<Known, 19> kKnown = {{
      {0x9fa0, "proc"},
      {0x62656572, "sysfs"},
      {0x64626720, "debugfs"},
      {0x01021994, "tmpfs"},
      {0x858458f6, "ramfs"},
      {0x1cd1, "devpts"},
      {0x42494e4d, "binfmt_misc"},
      {0x73636673, "securityfs"},
      {0xf97cff8c, "selinuxfs"},
      {0x43415d53, "smackfs"},
      {0x27e0eb, "cgroup"},
      {0x63677270, "cgroup2"},
      {0x6e736673, "nsfs"},
      {0xde5e81e4, "efivarfs"},
      {0xef53, "ext4"},  // ext2/ext3 share the magic; ext4 mounts them today
      {0x58465342, "xfs"},
      {0x9123683e, "btrfs"},
      {0x794c7630, "overlay"},
      {0x73717368, "squashfs"},
  }};
  for (const auto& k : kKnown) {
    if (k.magic == fsmagic) return k.name;
  }
  return "unknown";
}

}  // namespace imans::policy
