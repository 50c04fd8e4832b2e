// imans policy: work with IMA policy files in the kernel's syntax.
//
//   imans policy lint FILE...            check files as the kernel would parse them
//   imans policy lint builtin:tcb        ... or a built-in list (also --builtin tcb)
//
// Each subcommand of `policy` registers itself in register_policy() below.
#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "model/policy/builtin.hpp"
#include "model/policy/parse.hpp"

namespace imans::cli {
namespace {

constexpr std::string_view kBuiltinPrefix = "builtin:";

struct LintOptions {
  std::vector<std::string> files;
  std::vector<std::string> builtins;
};

// A policy to lint: its name as shown in diagnostics, and its text, or why
// there is none.
struct PolicySource {
  std::string name;
  std::optional<std::string> text;
  std::string problem;
};

PolicySource load_builtin(std::string_view name) {
  PolicySource source{fmt::format("{}{}", kBuiltinPrefix, name), std::nullopt, ""};
  if (const auto text = policy::builtin_policy_text(name)) {
    source.text = std::string(*text);
  } else {
    source.problem = fmt::format("no built-in policy \"{}\"; known: {}", name,
                                 fmt::join(policy::builtin_policy_names(), ", "));
  }
  return source;
}

PolicySource load_file(const std::string& path) {
  if (path.rfind(kBuiltinPrefix, 0) == 0) return load_builtin(path.substr(kBuiltinPrefix.size()));
  PolicySource source{path, std::nullopt, ""};
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    source.problem = fmt::format("cannot read {}: it is a directory", path);
    return source;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    source.problem = fmt::format("cannot read {}: {}", path, std::strerror(errno));
    return source;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    source.problem = fmt::format("cannot read {}: {}", path, std::strerror(errno));
    return source;
  }
  source.text = text.str();
  return source;
}

// Rules per action class: X and dont_X count together, as they compete for
// the same decision.
std::string summary(const std::string& name, const policy::PolicyFile& file) {
  std::array<std::size_t, 4> count{};  // measure, appraise, audit, hash
  for (const auto& line : file.rules) {
    const std::uint16_t action = line.rule.action;
    if ((action & (policy::kMeasure | policy::kDontMeasure)) != 0) ++count[0];
    if ((action & (policy::kAppraise | policy::kDontAppraise)) != 0) ++count[1];
    if ((action & (policy::kAudit | policy::kDontAudit)) != 0) ++count[2];
    if ((action & (policy::kHash | policy::kDontHash)) != 0) ++count[3];
  }
  return fmt::format("{}: {} rules (measure {}, appraise {}, audit {}, hash {})", name,
                     file.rules.size(), count[0], count[1], count[2], count[3]);
}

// 0 clean, 1 rule errors, 2 unreadable input.
int lint_source(const PolicySource& source) {
  if (!source.text) {
    fmt::print(stderr, "imans policy lint: {}\n", source.problem);
    return 2;
  }
  const policy::PolicyFile file = policy::parse_policy(*source.text);
  for (const auto& error : file.errors) {
    fmt::print("{}:{}:{}: error: {}\n", source.name, error.line, error.column, error.message);
  }
  if (!file.errors.empty()) return 1;
  fmt::print("{}\n", summary(source.name, file));
  return 0;
}

void run_lint(const LintOptions& options, Status& status) {
  if (options.files.empty() && options.builtins.empty()) {
    fmt::print(stderr, "imans policy lint: give at least one FILE or --builtin NAME\n");
    status.code = 2;
    return;
  }
  int worst = 0;
  for (const auto& name : options.builtins)
    worst = std::max(worst, lint_source(load_builtin(name)));
  for (const auto& path : options.files) worst = std::max(worst, lint_source(load_file(path)));
  status.code = worst;
}

void register_lint(CLI::App& policy, Status& status) {
  auto options = std::make_shared<LintOptions>();
  auto* lint = policy.add_subcommand(
      "lint",
      "Check policy files as the kernel parses them: print FILE:LINE:COL: error: MESSAGE for "
      "every rule it would refuse (exit 1), or a rule count per file when clean (exit 0). "
      "Exit 2 if a file cannot be read.");
  lint->add_option("files", options->files,
                   "policy files; builtin:NAME names a built-in list (e.g. builtin:tcb)");
  lint->add_option("--builtin", options->builtins,
                   "lint a built-in rule list (tcb, appraise_tcb, secure_boot, ...); repeatable")
      ->allow_extra_args(false);
  lint->callback([options, &status] { run_lint(*options, status); });
}

}  // namespace

void register_policy(CLI::App& app, Status& status) {
  auto* policy = app.add_subcommand("policy", "Work with IMA policy files in the kernel's syntax");
  policy->require_subcommand(1);
  register_lint(*policy, status);
  add_policy_compare(*policy, status);
}

}  // namespace imans::cli
