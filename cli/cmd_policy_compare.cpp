// imans policy compare A B: is policy A at least as strict as policy B for
// measurement, appraisal and audit? Decided by Z3 over every access; when not,
// one concrete access that tells them apart, checked with the model's own
// ima_match_policy.
#include <fmt/format.h>

#include <memory>

#include "cli/commands.hpp"
#include "model/policy/names.hpp"
#include "solver/compare.hpp"
#include "solver/policy_source.hpp"

namespace imans::cli {
namespace {

struct CompareArgs {
  std::string a, b;
  unsigned timeout_ms = 10000;
};

std::string mask_text(std::uint8_t mask) {
  std::vector<std::string_view> names;
  for (std::uint8_t bit : {policy::kMayExec, policy::kMayWrite, policy::kMayRead, policy::kMayAppend})
    if (mask & bit) names.push_back(policy::may_name(bit));
  return fmt::format("{}", fmt::join(names, "|"));
}

void print_distinction(const solver::Distinction& d) {
  const auto& s = d.subject;
  fmt::print("    subject: uid={} euid={} suid={} gid={} egid={} sgid={}, CAP_SETUID {}, "
             "CAP_SETGID {} in init_user_ns\n",
             s.uid, s.euid, s.suid, s.gid, s.egid, s.sgid, s.cap_setuid ? "held" : "not held",
             s.cap_setgid ? "held" : "not held");
  fmt::print("    file: owner={} group={} fsmagic=0x{:x} ({})\n", d.file.uid, d.file.gid,
             d.file.fsmagic, d.file.fsname);
  fmt::print("    hook: func={} mask={}\n", policy::func_name(d.func), mask_text(d.mask));
  fmt::print("    {}\n", d.confirmed ? "confirmed by the concrete evaluator (ima_match_policy)"
                                     : "NOT confirmed by the concrete evaluator: internal error");
}

int run_compare(const CompareArgs& a) {
  auto la = solver::load_policy(a.a);
  if (auto* e = std::get_if<std::string>(&la)) {
    fmt::print(stderr, "imans policy compare: A: {}\n", *e);
    return 2;
  }
  auto lb = solver::load_policy(a.b);
  if (auto* e = std::get_if<std::string>(&lb)) {
    fmt::print(stderr, "imans policy compare: B: {}\n", *e);
    return 2;
  }
  const auto& pa = std::get<solver::NamedPolicy>(la);
  const auto& pb = std::get<solver::NamedPolicy>(lb);
  fmt::print("imans policy compare: is A = {} ({} rules) at least as strict as B = {} ({} rules)?\n",
             pa.name, pa.rules.size(), pb.name, pb.rules.size());

  z3::context ctx;
  std::variant<std::vector<solver::AspectResult>, std::string> out;
  try {
    out = solver::compare_policies(ctx, pa.rules, pb.rules, a.timeout_ms);
  } catch (const z3::exception& e) {
    fmt::print(stderr, "imans policy compare: internal error from Z3: {}\n", e.msg());
    return 3;
  }
  if (auto* e = std::get_if<std::string>(&out)) {
    fmt::print(stderr, "imans policy compare: {}\n", *e);
    return 2;
  }
  bool weaker = false, undecided = false;
  for (const auto& r : std::get<std::vector<solver::AspectResult>>(out)) {
    const std::string_view name = solver::to_string(r.aspect);
    switch (r.answer) {
      case solver::Answer::unsat:
        fmt::print("  {}: A is at least as strict ({:.1f} ms)\n", name, r.ms);
        break;
      case solver::Answer::unknown:
        undecided = true;
        fmt::print("  {}: undecided ({}; {:.1f} ms)\n", name, r.note, r.ms);
        break;
      case solver::Answer::sat:
        weaker = true;
        fmt::print("  {}: A is NOT at least as strict ({:.1f} ms)\n", name, r.ms);
        if (r.distinction) {
          fmt::print("    {} for this access:\n", r.distinction->what);
          print_distinction(*r.distinction);
          if (!r.distinction->confirmed) undecided = true;
        }
        break;
    }
  }
  if (undecided) return 3;
  return weaker ? 1 : 0;
}

}  // namespace

void add_policy_compare(CLI::App& policy_cmd, Status& status) {
  auto a = std::make_shared<CompareArgs>();
  auto* cmd = policy_cmd.add_subcommand(
      "compare",
      "Is policy A at least as strict as policy B: for every access (subject, file, file or "
      "kernel-read hook), does A measure, audit and appraise (requiring a signature, refusing "
      "the digest algorithm) whatever B does? Exit 0 if so for all three, 1 if not (with an "
      "access that tells them apart), 2 on bad input, 3 if undecided.");
  cmd->add_option("A", a->a, "policy file, or builtin:NAME")->required();
  cmd->add_option("B", a->b, "policy file, or builtin:NAME")->required();
  cmd->add_option("--timeout", a->timeout_ms, "per query, in milliseconds (default 10000)");
  cmd->callback([a, &status] { status.code = run_compare(*a); });
}

}  // namespace imans::cli
