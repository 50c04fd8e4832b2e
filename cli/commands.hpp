#pragma once
// Each subcommand lives in its own file and registers itself here. A command
// reports its exit status through `status`: 0 success, 1 a finding (a
// violation, a mismatch, lint errors), 2 bad usage or bad input, 3 an internal
// error. Options live in heap storage owned by the command's callback.
#include <CLI/CLI.hpp>

namespace imans::cli {

struct Status {
  int code = 0;
};

void register_designs(CLI::App& app, Status& status);
void register_replay(CLI::App& app, Status& status);
void register_check(CLI::App& app, Status& status);
void register_policy(CLI::App& app, Status& status);
void register_prove(CLI::App& app, Status& status);
// `imans policy compare`, added to the `policy` command by register_policy.
void add_policy_compare(CLI::App& policy_cmd, Status& status);
void register_review(CLI::App& app, Status& status);

}  // namespace imans::cli
