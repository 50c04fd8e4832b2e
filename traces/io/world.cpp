// World lines: host-policy, file, key, host-key (before the first step).
#include <array>
#include <initializer_list>
#include <limits>

#include <fmt/format.h>

#include "model/policy/builtin.hpp"
#include "model/policy/parse.hpp"
#include "model/policy/values.hpp"
#include "traces/io/numbers.hpp"
#include "traces/io/parser.hpp"

namespace imans::traces::io {
namespace {

constexpr std::uint64_t kU32 = std::numeric_limits<std::uint32_t>::max();

// The line of the first world line of one of `kinds` about file or key
// `index`, for messages.
std::size_t declared_at(const Trace& trace, std::initializer_list<WorldLine::Kind> kinds,
                        std::size_t index) {
  for (const auto& w : trace.world_lines)
    for (auto k : kinds)
      if (w.kind == k && w.index == index) return w.pos.line;
  return 0;
}

std::string builtin_names() {
  std::string out;
  for (auto n : policy::builtin_policy_names()) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

Status parse_builtin(Args& args, HostPolicyLine& line, std::vector<policy::Rule>& rules) {
  const Token& tok = args.take();
  std::string name = tok.text.substr(std::string_view("builtin=").size());
  auto text = policy::builtin_policy_text(name);
  if (!text)
    return Failure{tok.column, fmt::format("unknown builtin policy \"{}\"; builtin policies: {}",
                                           name, builtin_names())};
  auto file = policy::parse_policy(*text);
  if (!file.errors.empty()) {
    const auto& e = file.errors.front();
    return Failure{tok.column, fmt::format("builtin policy {} does not parse: its line {}:{}: {}",
                                           name, e.line, e.column, e.message)};
  }
  if (auto f = args.end()) return f;  // builtin= stands alone on its line
  for (auto& l : file.rules) rules.push_back(std::move(l.rule));
  line.builtin = std::move(name);
  return std::nullopt;
}

Status parse_host_policy(Context& cx, Args& args, Pos pos) {
  if (args.empty()) return args.missing("rule");
  HostPolicyLine line;
  line.pos = pos;
  std::vector<policy::Rule> rules;
  if (const Token* first = args.peek(); !first->quoted && first->text.starts_with("builtin=")) {
    if (auto f = parse_builtin(args, line, rules)) return f;
  } else {
    while (!args.empty()) {
      const Token& tok = args.take();
      if (!tok.quoted)
        return args.at(tok, fmt::format("expected a quoted rule or builtin=<name>, got {}",
                                        tok.text));
      auto r = policy::parse_rule(tok.text);
      if (auto* e = std::get_if<policy::ParseError>(&r)) {
        // Point into the string at the byte the policy parser blames.
        std::size_t index = e->column > 0 ? e->column - 1 : 0;
        return Failure{tok.column_of(index), fmt::format("bad host-policy rule: {}", e->message)};
      }
      rules.push_back(std::move(std::get<policy::Rule>(r)));
      line.rules.push_back(tok.text);
    }
  }
  auto& world = cx.trace.world;
  auto& into = line.builtin.empty() ? world.host_policy : world.builtin_policy;
  into.insert(into.end(), rules.begin(), rules.end());
  cx.trace.world_lines.push_back(
      WorldLine{WorldLine::Kind::host_policy, cx.trace.host_policy.size(), {}, pos, {}});
  cx.trace.host_policy.push_back(std::move(line));
  return std::nullopt;
}

// fsuuid= is imans's: the spec's file line has no way to give one, but rules
// can match on it.
Status parse_file_option(Args& args, const Token& tok, FileDecl& decl,
                         std::array<bool, 4>& seen) {
  static constexpr std::array<std::string_view, 4> kOptions{"uid", "gid", "fsmagic", "fsuuid"};
  auto eq = tok.text.find('=');
  std::string_view key = std::string_view(tok.text).substr(0, eq);
  std::size_t which = kOptions.size();
  for (std::size_t i = 0; i < kOptions.size(); ++i)
    if (eq != std::string::npos && key == kOptions[i]) which = i;
  if (tok.quoted || which == kOptions.size())
    return args.at(tok, fmt::format("unknown file option {}", shown(tok)));
  if (seen[which]) return args.at(tok, fmt::format("{}= given twice", key));
  seen[which] = true;

  Token value = tok;
  value.text = tok.text.substr(eq + 1);
  value.column = tok.column + eq + 1;
  switch (which) {
    case 0:
    case 1: {
      auto v = parse_number(value.text, kU32);
      if (!v) return bad_number(value, which == 0 ? "uid=" : "gid=", kU32);
      (which == 0 ? decl.uid : decl.gid) = static_cast<std::uint32_t>(*v);
      return std::nullopt;
    }
    case 2: {
      auto v = parse_hex(value.text, kU32);
      if (!v)
        return Failure{value.column, fmt::format("bad fsmagic \"{}\"; expected a hex number (0x "
                                                 "optional) up to ffffffff",
                                                 value.text)};
      decl.fsmagic = static_cast<std::uint32_t>(*v);
      return std::nullopt;
    }
    default: {
      auto v = policy::parse_uuid(value.text);
      if (!v)
        return Failure{value.column, fmt::format("bad fsuuid \"{}\"; expected "
                                                 "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx in hex",
                                                 value.text)};
      decl.fsuuid = *v;
      return std::nullopt;
    }
  }
}

Status parse_file(Context& cx, Args& args, Pos pos) {
  if (args.empty()) return args.missing("file path");
  const Token& path = args.take();
  if (path.text.empty()) return args.at(path, "empty file path");
  auto& world = cx.trace.world;
  if (FileId id = world.find_file(path.text); id.some())
    return Failure{path.column, fmt::format("file {} is already declared at line {}",
                                     as_token(path.text), declared_at(cx.trace, {WorldLine::Kind::file}, id.v))};
  if (world.files.size() >= FileId::none_value)
    return args.at(path, fmt::format("too many files; a world has at most {}",
                                     FileId::none_value));
  FileDecl decl;
  decl.path = path.text;
  std::array<bool, 4> seen{};
  while (!args.empty())
    if (auto f = parse_file_option(args, args.take(), decl, seen)) return f;
  cx.trace.world_lines.push_back(WorldLine{WorldLine::Kind::file, world.files.size(), {}, pos, {}});
  world.files.push_back(std::move(decl));
  return std::nullopt;
}

Status parse_key(Context& cx, Args& args, Pos pos, bool host) {
  const Token* tok = nullptr;
  if (auto f = args.word("key name", tok)) return f;
  if (!is_name(tok->text))
    return args.at(*tok, fmt::format("bad key name \"{}\"; expected letters, digits, '_', '-' or "
                                     "'.'",
                                     tok->text));
  if (tok->text == "bad")
    return Failure{tok->column, "\"bad\" cannot name a key: `sign <path> bad` writes a bad signature"};
  if (auto f = args.end()) return f;

  auto& world = cx.trace.world;
  KeyId id = world.find_key(tok->text);
  if (id.some() && (!host || (world.host_keys & key_bit(id))))
    return Failure{tok->column, fmt::format("key {} is already {} at line {}", tok->text,
                                     host ? "a host key" : "declared",
                                     host ? declared_at(cx.trace, {WorldLine::Kind::host_key}, id.v)
                                          : declared_at(cx.trace, {WorldLine::Kind::key,
                                                                   WorldLine::Kind::host_key},
                                                        id.v))};
  if (id.none()) {
    if (world.keys.size() >= kMaxKeys)
      return args.at(*tok, fmt::format("too many keys; a world has at most {}", kMaxKeys));
    id = KeyId{static_cast<std::uint16_t>(world.keys.size())};
    world.keys.push_back(tok->text);
  }
  if (host) world.host_keys |= key_bit(id);
  auto kind = host ? WorldLine::Kind::host_key : WorldLine::Kind::key;
  cx.trace.world_lines.push_back(WorldLine{kind, id.v, {}, pos, {}});
  return std::nullopt;
}

}  // namespace

bool is_world_keyword(std::string_view word) {
  return word == "host-policy" || word == "file" || word == "key" || word == "host-key";
}

Status parse_world_line(Context& cx, const LexedLine& line) {
  const Token& keyword = line.tokens.front();
  Pos pos{cx.line, keyword.column};
  if (keyword.text == "host-policy") {
    Args args = args_after(line, 1, R"(host-policy "<rule>" ["<rule>" ...]` or `host-policy builtin=<name>)");
    return parse_host_policy(cx, args, pos);
  }
  if (keyword.text == "file") {
    Args args =
        args_after(line, 1, "file <path> [uid=<n>] [gid=<n>] [fsmagic=<hex>] [fsuuid=<uuid>]");
    return parse_file(cx, args, pos);
  }
  bool host = keyword.text == "host-key";
  Args args = args_after(line, 1, host ? "host-key <name>" : "key <name>");
  return parse_key(cx, args, pos, host);
}

}  // namespace imans::traces::io
