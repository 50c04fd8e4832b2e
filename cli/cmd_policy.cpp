// imans policy: work with IMA policy files in the kernel's syntax.
#include "cli/commands.hpp"

namespace imans::cli {

void register_policy(CLI::App& app, Status& status) {
  (void)app;
  (void)status;
}

}  // namespace imans::cli
