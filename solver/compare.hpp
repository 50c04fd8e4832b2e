#pragma once
// Is policy A at least as strict as policy B? For every access (any subject,
// any file, any file hook with the masks its callers pass), whatever B
// measures A measures, whatever B audits A audits, and whatever B's appraisal
// refuses A's refuses: A appraises, requires a signature when B does, and
// refuses the digest algorithm when B does. When not, a concrete access that
// tells them apart, confirmed with the concrete evaluator.
#include <z3++.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/policy/match.hpp"
#include "model/policy/rule.hpp"
#include "solver/encoding.hpp"
#include "solver/prove.hpp"

namespace imans::solver {

enum class Aspect { measure, appraise, audit };
std::string_view to_string(Aspect a);

struct Distinction {
  std::string what;  // "B measures it, A does not", ...
  policy::Subject subject;
  policy::Inode file;
  policy::Func func = policy::Func::none;
  std::uint8_t mask = 0;
  bool confirmed = false;  // policy::ima_match_policy gives the same difference
};

struct AspectResult {
  Aspect aspect = Aspect::measure;
  Answer answer = Answer::unknown;  // unsat: A is at least as strict
  double ms = 0;
  std::optional<Distinction> distinction;
  std::string note;
};

// The hooks compared: the file hooks (FILE_CHECK with any non-empty open mask;
// MMAP_CHECK, MMAP_CHECK_REQPROT, BPRM_CHECK, CREDS_CHECK with MAY_EXEC) and
// the kernel-read hooks (MODULE_CHECK, FIRMWARE_CHECK, KEXEC_KERNEL_CHECK,
// KEXEC_INITRAMFS_CHECK, POLICY_CHECK with MAY_READ). Buffer measurements
// (KEXEC_CMDLINE, KEY_CHECK, CRITICAL_DATA) have no file and are left out.
z3::expr compare_hook_domain(const SymHook& h);

// `what` with the words A and B (and A's, B's) replaced by the policies' names,
// for a reader who sees the names rather than the letters.
std::string name_policies(std::string_view what, std::string_view a, std::string_view b);

// An error when either policy uses what the encoding does not model.
std::variant<std::vector<AspectResult>, std::string> compare_policies(
    z3::context& c, const std::vector<policy::Rule>& a, const std::vector<policy::Rule>& b,
    unsigned timeout_ms);

}  // namespace imans::solver
