// imans: check IMA-namespace designs before any kernel code is merged.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <exception>

#include "cli/commands.hpp"
#include "imans_config.hpp"

int main(int argc, char** argv) {
  CLI::App app{"imans: model, search and prove IMA-namespace designs"};
  app.set_version_flag("--version", std::string("imans ") + IMANS_VERSION);
  app.require_subcommand(0, 1);

  imans::cli::Status status;
  imans::cli::register_review(app, status);
  imans::cli::register_replay(app, status);
  imans::cli::register_check(app, status);
  imans::cli::register_designs(app, status);
  imans::cli::register_policy(app, status);
  imans::cli::register_prove(app, status);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 returns 0 for --help and --version; every real parse error is
    // bad usage.
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "imans: internal error: {}\n", e.what());
    return 3;
  }
  if (app.get_subcommands().empty()) {
    fmt::print("{}", app.help());
    return 0;
  }
  return status.code;
}
