#pragma once
// One IMA policy rule, as security/integrity/ima/ima_policy.c holds it after
// ima_parse_rule(): an action, the conditions that must all match, and the
// options that shape what the action does.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace imans::policy {

// Action bits as in ima.h. Each dont_X is X << 1; the matcher relies on it.
enum Action : std::uint16_t {
  kMeasure = 0x0001,
  kDontMeasure = 0x0002,
  kAppraise = 0x0004,
  kDontAppraise = 0x0008,
  kAudit = 0x0040,
  kDontAudit = 0x0080,
  kHash = 0x0100,
  kDontHash = 0x0200,
};
constexpr std::uint16_t kDoMask = kMeasure | kAppraise | kAudit | kHash;

// The hooks, in the kernel's enum order (ima.h); none means "no func=".
enum class Func : std::uint8_t {
  none,
  file_check,
  mmap_check,
  mmap_check_reqprot,
  bprm_check,
  creds_check,
  post_setattr,
  module_check,
  firmware_check,
  kexec_kernel_check,
  kexec_initramfs_check,
  policy_check,
  kexec_cmdline,
  key_check,
  critical_data,
  setxattr_check,
};

// MAY_* bits (include/linux/fs.h).
enum MayMask : std::uint8_t { kMayExec = 0x1, kMayWrite = 0x2, kMayRead = 0x4, kMayAppend = 0x8 };

// Which conditions and options a rule carries (the kernel's entry->flags,
// restricted to what is user-visible).
enum Flag : std::uint32_t {
  kFlagFunc = 1U << 0,
  kFlagMask = 1U << 1,       // mask=MAY_X: exact
  kFlagInMask = 1U << 2,     // mask=^MAY_X: any common bit
  kFlagFsmagic = 1U << 3,
  kFlagFsuuid = 1U << 4,
  kFlagFsname = 1U << 5,
  kFlagFsSubtype = 1U << 6,
  kFlagUid = 1U << 7,
  kFlagEuid = 1U << 8,
  kFlagGid = 1U << 9,
  kFlagEgid = 1U << 10,
  kFlagFowner = 1U << 11,
  kFlagFgroup = 1U << 12,
  kFlagPcr = 1U << 13,
  kFlagTemplate = 1U << 14,
  kFlagKeyrings = 1U << 15,
  kFlagLabel = 1U << 16,
  kFlagPermitDirectio = 1U << 17,
  kFlagDigsigRequired = 1U << 18,   // appraise_type=imasig (and sigv3)
  kFlagModsigAllowed = 1U << 19,    // appraise_type=imasig|modsig
  kFlagCheckBlacklist = 1U << 20,   // appraise_flag=check_blacklist
  kFlagAppraiseAlgos = 1U << 21,
  kFlagVerityRequired = 1U << 22,   // digest_type=verity
  kFlagSigv3Required = 1U << 23,    // appraise_type=sigv3
  kFlagLsm = 1U << 24,              // any subj_/obj_ condition
};

enum class IdOp : std::uint8_t { eq, lt, gt };

// A uid/gid-like condition. value is a kernel id once the rule is installed
// (translated in the writer's user namespace); as parsed it is the number
// written.
struct IdCond {
  IdOp op = IdOp::eq;
  std::uint32_t value = 0;
  friend bool operator==(const IdCond&, const IdCond&) = default;
};

// LSM conditions, in the kernel's order.
enum class LsmField : std::uint8_t { obj_user, obj_role, obj_type, subj_user, subj_role, subj_type };
constexpr std::size_t kLsmFields = 6;

struct Rule {
  std::uint16_t action = 0;  // exactly one Action bit
  std::uint32_t flags = 0;   // Flag bits
  Func func = Func::none;
  std::uint8_t mask = 0;     // MayMask bits (kFlagMask or kFlagInMask)
  std::uint32_t fsmagic = 0;
  std::array<std::uint8_t, 16> fsuuid{};
  std::string fsname;
  std::string fs_subtype;
  IdCond uid;     // uid= or euid= (they share the slot, as in the kernel)
  IdCond gid;     // gid= or egid=
  IdCond fowner;
  IdCond fgroup;
  std::uint8_t pcr = 10;
  std::string template_name;          // kFlagTemplate
  std::vector<std::string> keyrings;  // kFlagKeyrings
  std::vector<std::string> labels;    // kFlagLabel
  std::uint32_t appraise_algos = 0;   // bit i: enum hash_algo value i
  std::array<std::string, kLsmFields> lsm;  // empty: condition absent

  [[nodiscard]] bool has(Flag f) const { return (flags & f) != 0; }
  friend bool operator==(const Rule&, const Rule&) = default;
};

// The kernel's default measurement PCR (CONFIG_IMA_MEASURE_PCR_IDX).
constexpr std::uint8_t kDefaultPcr = 10;

}  // namespace imans::policy
