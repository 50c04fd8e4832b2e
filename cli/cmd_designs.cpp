// imans designs: the presets, the axes a design is composed from, and the
// seeded bugs.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "model/design.hpp"
#include "model/mutant.hpp"

namespace imans::cli {

namespace {

void print_text() {
  fmt::print("Presets (design <preset> [axis=value ...] in a trace):\n\n");
  for (const Preset& p : presets()) {
    fmt::print("  {}\n    {}\n    {}\n    trade-off: {}\n\n", p.name, axes_string(p.design),
               p.summary, p.trade_off);
  }
  fmt::print("Axes:\n\n");
  for (const AxisInfo& a : axes())
    fmt::print("  {}={}\n    {}\n\n", a.name, fmt::join(a.values, "|"), a.meaning);
  fmt::print("Seeded bugs (mutant <name> in a trace, imans check --mutants):\n\n");
  for (const MutantInfo& m : mutants())
    fmt::print("  {} ({}, in {})\n    {}\n    seen: {}\n\n", m.name, m.function, m.preset, m.bug,
               m.origin);
}

nlohmann::json as_json() {
  nlohmann::json j;
  for (const Preset& p : presets())
    j["presets"].push_back({{"name", p.name},
                            {"binding", to_string(p.design.binding)},
                            {"activation", to_string(p.design.activation)},
                            {"evaluation", to_string(p.design.evaluation)},
                            {"keys", to_string(p.design.keys)},
                            {"summary", p.summary},
                            {"trade_off", p.trade_off}});
  for (const AxisInfo& a : axes())
    j["axes"].push_back({{"name", a.name}, {"values", a.values}, {"meaning", a.meaning}});
  for (const MutantInfo& m : mutants())
    j["mutants"].push_back({{"name", m.name},
                            {"function", m.function},
                            {"preset", m.preset},
                            {"bug", m.bug},
                            {"origin", m.origin}});
  return j;
}

}  // namespace

void register_designs(CLI::App& app, Status& status) {
  auto* cmd = app.add_subcommand("designs", "List the design presets, the axes and the seeded bugs");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print as JSON");
  cmd->callback([&status, json] {
    if (*json)
      std::cout << as_json().dump(2) << "\n";
    else
      print_text();
    status.code = 0;
  });
}

}  // namespace imans::cli
