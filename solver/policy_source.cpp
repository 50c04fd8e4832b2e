#include "solver/policy_source.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/policy/builtin.hpp"
#include "model/policy/parse.hpp"

namespace imans::solver {

std::variant<NamedPolicy, std::string> load_policy(const std::string& spec) {
  constexpr std::string_view kBuiltin = "builtin:";
  std::string text;
  if (spec.rfind(kBuiltin, 0) == 0) {
    const std::string name = spec.substr(kBuiltin.size());
    const auto builtin = policy::builtin_policy_text(name);
    if (!builtin)
      return fmt::format("no built-in policy \"{}\"; known: {}", name,
                         fmt::join(policy::builtin_policy_names(), ", "));
    text = std::string(*builtin);
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(spec, ec)) return fmt::format("cannot read {}: it is a directory", spec);
    std::ifstream in(spec, std::ios::binary);
    if (!in) return fmt::format("cannot read {}: {}", spec, std::strerror(errno));
    std::ostringstream buf;
    buf << in.rdbuf();
    text = buf.str();
  }
  const policy::PolicyFile file = policy::parse_policy(text);
  if (!file.errors.empty()) {
    std::string out;
    for (const auto& e : file.errors)
      out += fmt::format("{}{}:{}:{}: error: {}", out.empty() ? "" : "\n", spec, e.line, e.column, e.message);
    return out;
  }
  NamedPolicy p{spec, {}};
  for (const auto& line : file.rules) p.rules.push_back(line.rule);
  return p;
}

}  // namespace imans::solver
