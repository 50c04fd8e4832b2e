#pragma once
// The symbolic vocabulary of the policy semantics: rules, subjects, files and
// hooks as Z3 terms. A symbolic rule and a concrete one (a parsed rule fixed
// to constants) have the same shape, so one matcher serves proofs over any
// policy and evaluation of a given one.
//
// Widths: ids, fsmagic 32 bits (kuid_t, s_magic), func 4 bits (enum ima_hooks
// fits in 16 values), mask 4 bits (MAY_EXEC..MAY_APPEND), fsuuid 128 bits;
// small enumerations are 2-bit vectors. Comparisons of ids are unsigned, as
// uid_lt()/uid_gt() compare kuid_t values.
#include <z3++.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace imans::solver {

constexpr unsigned kIdBits = 32;
constexpr unsigned kFuncBits = 4;
constexpr unsigned kMaskBits = 4;
constexpr unsigned kMagicBits = 32;
constexpr unsigned kUuidBits = 128;
constexpr unsigned kEnumBits = 2;
constexpr unsigned kNameBits = 5;  // index into the fsname table (names.cpp)
// make_kuid() maps nothing onto (uid_t)-1; no rule, task or file holds it.
constexpr std::uint32_t kMaxId = 0xfffffffeU;

// Action classes (rule.cls). Each class is decided by its first matching
// rule, X or dont_X (rule.is_do tells which).
enum class Cls : unsigned { measure = 0, appraise = 1, audit = 2, hash = 3 };

// rule.*.kind values: which spelling of an id condition the rule carries.
enum IdKind : unsigned { kIdAbsent = 0, kIdPlain = 1, kIdEffective = 2 };
// rule.*.op values.
enum IdOpCode : unsigned { kOpEq = 0, kOpLt = 1, kOpGt = 2 };
// rule.mask_kind values.
enum MaskKind : unsigned { kMaskNone = 0, kMaskExact = 1, kMaskAny = 2 };
// file.xattr values: security.ima.
enum XattrCode : unsigned { kXattrNone = 0, kXattrHash = 1, kXattrSig = 2, kXattrBad = 3 };

// uid=/euid= (kind plain/effective), gid=/egid=, fowner= and fgroup= (plain only).
//
// A fresh rule does not carry its id as a 32-bit value but as `rel`, how the
// access's id compares with it (IdOpCode: '=', the access's id is '<' it, or
// '>' it); the condition then holds exactly when op == rel. Each rule's value
// is its own choice, so any relations are realised by some values (the id
// itself, one above, one below; rule_values_exist() keeps those in range),
// and no 32-bit comparison is left to bit-blast. This needs one id per
// condition: a subject whose uid, euid and suid are the same term (and gids),
// as trace_subject() makes.
struct SymIdCond {
  z3::expr kind;   // bv2 IdKind
  z3::expr op;     // bv2 IdOpCode
  z3::expr value;  // bv32, a kernel id (constant rules)
  std::optional<z3::expr> rel;  // bv2 IdOpCode (fresh rules)
};

struct SymRule {
  z3::expr present;      // bool: the rule is in the policy (a policy of up to R rules)
  z3::expr cls;          // bv2 Cls
  z3::expr is_do;        // bool: X rather than dont_X
  z3::expr has_func;     // bool
  z3::expr func;         // bv4, enum ima_hooks (policy::Func)
  z3::expr mask_kind;    // bv2 MaskKind
  z3::expr mask;         // bv4 MAY_* bits
  z3::expr has_fsmagic;  // bool
  z3::expr fsmagic;      // bv32 (constant rules)
  std::optional<z3::expr> fsmagic_same;  // bool (fresh rules): the value is the file's magic
  z3::expr has_fsname;   // bool
  z3::expr fsname;       // bv5, index into the fsname table
  z3::expr has_fsuuid;   // bool
  z3::expr fsuuid;       // bv128
  z3::expr never;        // bool: a condition the model's files never satisfy (fs_subtype=)
  SymIdCond uid, gid, fowner, fgroup;
  z3::expr imasig;       // bool: appraise_type=imasig/sigv3 (IMA_DIGSIG_REQUIRED)
  z3::expr algos_deny;   // bool: appraise_algos= without sha256, the model's only digest
};

// The task's credentials as kernel ids, and whether has_capability_noaudit()
// (CAP_SETUID/CAP_SETGID in init_user_ns) widens euid=/egid=.
struct SymSubject {
  z3::expr uid, euid, suid, gid, egid, sgid;  // bv32
  z3::expr cap_setuid, cap_setgid;            // bool
};

struct SymFile {
  z3::expr owner, group;  // bv32 kuid/kgid
  z3::expr fsmagic;       // bv32
  z3::expr fsuuid;        // bv128
  z3::expr name;          // bv5: fsname_for_magic(fsmagic), derived
  z3::expr xattr;         // bv2 XattrCode
  z3::expr current;       // bool: a hash/signature covers the current content version
};

struct SymHook {
  z3::expr func;  // bv4
  z3::expr mask;  // bv4
};

// ima_match_policy()'s answer for the classes imans judges, with the flags the
// deciding appraise rule brings.
struct SymDecision {
  z3::expr measure, appraise, audit;
  z3::expr digsig;         // the deciding appraise rule requires a signature
  z3::expr algos_deny;     // ... and refuses sha256
  z3::expr appraise_func;  // ... names a func= (which selects its cache slot)
};

using SymPolicy = std::vector<SymRule>;

}  // namespace imans::solver
