#pragma once
// Random rules from the policy grammar (as text, through the parser), random
// subjects, files and hooks: the inputs of the differential tests. Seeded, so
// every run draws the same.
#include <fmt/format.h>

#include <random>
#include <string>
#include <vector>

#include "model/policy/match.hpp"
#include "model/policy/parse.hpp"
#include "model/state.hpp"
#include "solver/names.hpp"

namespace imans::solver::test {

class Gen {
public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}

  int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool coin(int percent = 50) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))]; }

  std::uint32_t id() {
    static const std::vector<std::uint32_t> pool{0, 1, 2, 999, 1000, 1001, 65534, 4294967294U};
    return coin(90) ? pick(pool) : static_cast<std::uint32_t>(rng_());
  }
  std::uint32_t magic() {
    if (coin(10)) return static_cast<std::uint32_t>(rng_());
    const auto known = known_magics();
    return known[static_cast<std::size_t>(below(static_cast<int>(known.size())))];
  }

  // A rule as text from the grammar; the parser decides whether it is valid.
  std::string rule_text(bool fresh_grammar, bool file_hooks_only = false) {
    static const std::vector<std::string> actions{"measure", "dont_measure", "appraise",
                                                  "dont_appraise", "audit", "dont_audit",
                                                  "hash", "dont_hash"};
    static const std::vector<std::string> funcs{
        "FILE_CHECK", "MMAP_CHECK", "MMAP_CHECK_REQPROT", "BPRM_CHECK", "CREDS_CHECK",
        "MODULE_CHECK", "FIRMWARE_CHECK", "KEXEC_KERNEL_CHECK", "KEXEC_INITRAMFS_CHECK",
        "POLICY_CHECK", "KEY_CHECK", "CRITICAL_DATA", "PATH_CHECK", "FILE_MMAP"};
    static const std::vector<std::string> mays{"MAY_EXEC", "MAY_WRITE", "MAY_READ", "MAY_APPEND"};
    static const std::vector<std::string> ops{"=", "<", ">"};
    static const std::vector<std::string> names{"ext4", "tmpfs", "proc", "xfs", "unknown", "nfs"};
    const std::string action = pick(actions);
    std::string t = action;
    if (coin(70)) t += " func=" + (file_hooks_only ? funcs[static_cast<std::size_t>(below(5))] : pick(funcs));
    if (coin(40)) t += fmt::format(" mask={}{}", coin() ? "^" : "", pick(mays));
    if (coin(35)) t += fmt::format(" fsmagic=0x{:x}", magic());
    if (!fresh_grammar && coin(10)) t += " fsname=" + pick(names);
    if (!fresh_grammar && coin(8))
      t += coin() ? " fsuuid=00000000-0000-0000-0000-000000000000"
                  : " fsuuid=6f2d6a1c-0000-4000-8000-0000000000aa";
    if (!fresh_grammar && coin(4)) t += " fs_subtype=sshfs";
    if (coin(40)) t += fmt::format(" {}{}{}", coin() ? "uid" : "euid", pick(ops), id());
    if (coin(25)) t += fmt::format(" {}{}{}", coin() ? "gid" : "egid", pick(ops), id());
    if (coin(35)) t += fmt::format(" fowner{}{}", pick(ops), id());
    if (coin(20)) t += fmt::format(" fgroup{}{}", pick(ops), id());
    if (action == "appraise" && coin(40)) t += " appraise_type=imasig";
    if (action == "appraise" && coin(20)) t += coin() ? " appraise_algos=sha256,sha512" : " appraise_algos=sha1";
    if (action == "measure" && coin(10)) t += " pcr=11";
    return t;
  }

  std::vector<policy::Rule> policy_rules(bool fresh_grammar, int most = 6, int least = 1,
                                         bool file_hooks_only = false) {
    std::vector<policy::Rule> out;
    const int n = least + below(most - least + 1);
    while (static_cast<int>(out.size()) < n) {
      auto r = policy::parse_rule(rule_text(fresh_grammar, file_hooks_only));
      if (auto* rule = std::get_if<policy::Rule>(&r)) out.push_back(*rule);
    }
    return out;
  }

  policy::Subject subject(bool one_id) {
    policy::Subject s;
    s.uid = id();
    s.euid = one_id || coin() ? s.uid : id();
    s.suid = one_id || coin() ? s.uid : id();
    s.gid = id();
    s.egid = one_id || coin() ? s.gid : id();
    s.sgid = one_id || coin() ? s.gid : id();
    s.cap_setuid = coin();
    s.cap_setgid = coin();
    return s;
  }

  policy::Inode inode() {
    policy::Inode f;
    f.uid = id();
    f.gid = id();
    f.fsmagic = magic();
    f.fsname = policy::fsname_for_magic(f.fsmagic);
    if (coin(30)) f.fsuuid = {0x6f, 0x2d, 0x6a, 0x1c, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 0xaa};
    return f;
  }

  // A hook from the ones the encoding covers, with a mask its callers pass.
  std::pair<policy::Func, std::uint8_t> hook() {
    using policy::Func;
    static const std::vector<Func> exec{Func::mmap_check, Func::mmap_check_reqprot,
                                        Func::bprm_check, Func::creds_check};
    static const std::vector<Func> reads{Func::module_check, Func::firmware_check,
                                         Func::kexec_kernel_check, Func::kexec_initramfs_check,
                                         Func::policy_check};
    switch (below(3)) {
      case 0:
        return {pick(exec), policy::kMayExec};
      case 1:
        return {pick(reads), policy::kMayRead};
      default:
        return {Func::file_check, static_cast<std::uint8_t>(1 + below(15))};
    }
  }

  XattrKind xattr() { return static_cast<XattrKind>(below(4)); }

private:
  std::mt19937_64 rng_;
};

}  // namespace imans::solver::test
