// Step lines: `<task> <verb> [<arg> ...] [=> <outcome>]` and `inject enomem`.
#include <array>
#include <limits>

#include <fmt/format.h>

#include "traces/io/numbers.hpp"
#include "traces/io/parser.hpp"

namespace imans::traces::io {
namespace {

constexpr std::uint64_t kU32 = std::numeric_limits<std::uint32_t>::max();

struct VerbWord {
  std::string_view word;
  Verb verb;
  std::string_view usage;
};

// open and sign stand for two verbs each; the argument picks one.
constexpr std::array<VerbWord, 18> kVerbs{{
    {"clone", Verb::clone, "clone <new> [user] [mnt] [ima]"},
    {"unshare", Verb::unshare, "unshare [user] [mnt] [ima]"},
    {"setns", Verb::setns, "setns <task> user|mnt|ima"},
    {"setuid", Verb::setuid, "setuid <uid>"},
    {"mount-securityfs", Verb::mount_securityfs, "mount-securityfs"},
    {"pivot-root", Verb::pivot_root, "pivot-root"},
    {"activate", Verb::activate, "activate"},
    {"spawn", Verb::spawn, "spawn"},
    {"policy", Verb::policy, R"(policy "<rule>" ["<rule>" ...])"},
    {"policy-for-children", Verb::policy_for_children,
     R"(policy-for-children "<rule>" ["<rule>" ...])"},
    {"keyload", Verb::keyload, "keyload <key>"},
    {"sign", Verb::sign, "sign <path> <key>` or `sign <path> bad"},
    {"unsign", Verb::unsign, "unsign <path>"},
    {"modify", Verb::modify, "modify <path>"},
    {"exec", Verb::exec, "exec <path>"},
    {"mmap", Verb::mmap, "mmap <path>"},
    {"open", Verb::open_read, "open <path> read|write"},
    {"exit", Verb::exit, "exit"},
}};

std::string verb_list() {
  std::string out;
  for (const auto& v : kVerbs) {
    if (!out.empty()) out += ", ";
    out += v.word;
  }
  return out;
}

Status ns_flags(Args& args, std::string_view verb, std::uint8_t& out) {
  while (!args.empty()) {
    const Token* tok = nullptr;
    if (auto f = args.word("namespace flag", tok)) return f;
    std::uint8_t bit = 0;
    if (tok->text == "user")
      bit = kNewUser;
    else if (tok->text == "mnt")
      bit = kNewNs;
    else if (tok->text == "ima")
      bit = kNewIma;
    else
      return args.at(*tok, fmt::format("unknown namespace flag \"{}\" for {}; expected user, mnt "
                                       "or ima",
                                       tok->text, verb));
    if (out & bit) return args.at(*tok, fmt::format("flag {} given twice", tok->text));
    out |= bit;
  }
  return std::nullopt;
}

Status rules(Args& args, StepLine& out) {
  if (args.empty()) return args.missing("quoted rule");
  while (!args.empty()) {
    const Token& tok = args.take();
    if (!tok.quoted)
      return args.at(tok, fmt::format("expected a quoted rule, got the bare word {}", tok.text));
    out.rule_texts.push_back(tok.text);
  }
  // A rule the policy parser rejects is no trace error: writing it is a
  // system call that returns EINVAL when replayed.
  out.step.rules = make_rule_texts(out.rule_texts);
  return std::nullopt;
}

Status ns_type(Args& args, NsType& out) {
  const Token* tok = nullptr;
  if (auto f = args.word("namespace type", tok)) return f;
  if (tok->text == "user")
    out = NsType::user;
  else if (tok->text == "mnt")
    out = NsType::mnt;
  else if (tok->text == "ima")
    out = NsType::ima;
  else
    return args.at(*tok, fmt::format("bad namespace type \"{}\" for setns; expected user, mnt or "
                                     "ima",
                                     tok->text));
  return std::nullopt;
}

Status verb_args(Context& cx, Args& args, std::string_view verb, StepLine& out) {
  Step& s = out.step;
  switch (s.verb) {
    case Verb::clone: {
      const Token* name = nullptr;
      if (auto f = args.word("new task name", name)) return f;
      if (auto f = cx.tasks.check_new_name(name->text, name->column)) return f;
      out.new_task = name->text;
      return ns_flags(args, verb, s.flags);
    }
    case Verb::unshare:
      return ns_flags(args, verb, s.flags);
    case Verb::setns:
      if (auto f = task_arg(cx, args, "task whose namespace is joined", out.target)) return f;
      return ns_type(args, s.ns_type);
    case Verb::setuid: {
      std::uint64_t uid = 0;
      if (auto f = args.number("uid", kU32, uid)) return f;
      s.value = static_cast<std::uint32_t>(uid);
      return std::nullopt;
    }
    case Verb::policy:
    case Verb::policy_for_children:
      return rules(args, out);
    case Verb::keyload:
      return key_arg(cx, args, s.key);
    case Verb::sign:
      if (auto f = file_arg(cx, args, s.file)) return f;
      if (const Token* t = args.peek(); t && t->is_word("bad")) {
        args.take();
        s.verb = Verb::sign_bad;
        return std::nullopt;
      }
      return key_arg(cx, args, s.key);
    case Verb::unsign:
    case Verb::modify:
    case Verb::exec:
    case Verb::mmap:
      return file_arg(cx, args, s.file);
    case Verb::open_read: {
      if (auto f = file_arg(cx, args, s.file)) return f;
      const Token* mode = nullptr;
      if (auto f = args.word("access mode (read or write)", mode)) return f;
      if (mode->text == "write")
        s.verb = Verb::open_write;
      else if (mode->text != "read")
        return args.at(*mode, fmt::format("bad access mode \"{}\" for open; expected read or "
                                          "write",
                                          mode->text));
      return std::nullopt;
    }
    default:
      return std::nullopt;  // no arguments
  }
}

Status outcome(const LexedLine& line, std::size_t arrow, StepLine& out) {
  const auto& toks = line.tokens;
  if (arrow + 1 >= toks.size())
    return Failure{line.end_column, fmt::format("missing outcome after =>; expected one of {}",
                                                errno_names())};
  const Token& tok = toks[arrow + 1];
  auto e = tok.quoted ? std::nullopt : parse_errno(tok.text);
  if (!e)
    return Failure{tok.column, fmt::format("unknown outcome {}; expected one of {}",
                                           shown(tok), errno_names())};
  if (arrow + 2 < toks.size())
    return Failure{toks[arrow + 2].column,
                   fmt::format("unexpected {} after the outcome", shown(toks[arrow + 2]))};
  out.expected = *e;
  return std::nullopt;
}

}  // namespace

Status parse_step(Context& cx, const LexedLine& line, StepLine& out) {
  const auto& toks = line.tokens;
  const Token& actor = toks[0];
  if (auto f = cx.tasks.check_exists(actor.text, actor.column)) return f;
  out.actor = actor.text;

  std::size_t arrow = toks.size();
  for (std::size_t i = 1; i < toks.size() && arrow == toks.size(); ++i) {
    if (toks[i].quoted) continue;
    if (toks[i].text == "=>")
      arrow = i;
    else if (toks[i].text.starts_with("=>"))
      return Failure{toks[i].column, "expected a space after =>; write `=> <outcome>`"};
  }
  std::size_t args_end = arrow < toks.size() ? toks[arrow].column : line.end_column;

  if (arrow < 2)
    return Failure{args_end, fmt::format("missing verb after {}; expected one of {}", actor.text,
                                         verb_list())};
  const Token& verb = toks[1];
  const VerbWord* vw = nullptr;
  for (const auto& v : kVerbs)
    if (verb.is_word(v.word)) vw = &v;
  if (!vw)
    return Failure{verb.column, fmt::format("unknown verb {}; expected one of {}",
                                            shown(verb), verb_list())};
  out.step.verb = vw->verb;

  Args args{std::span(toks).subspan(2, arrow - 2), args_end, std::string(vw->usage)};
  if (auto f = verb_args(cx, args, vw->word, out)) return f;
  if (auto f = args.end()) return f;
  if (arrow < toks.size())
    if (auto f = outcome(line, arrow, out)) return f;

  if (out.step.verb == Verb::clone) {
    bool fails = out.expected && *out.expected != Errno::ok;
    if (fails)
      cx.tasks.never_born(out.new_task, cx.line);
    else
      cx.tasks.born(out.new_task, cx.line);
  } else if (out.step.verb == Verb::exit) {
    cx.tasks.exited(out.actor, cx.line);
  }
  return std::nullopt;
}

Status parse_inject(const LexedLine& line, StepLine& out) {
  Args args = args_after(line, 1, "inject enomem [skip=<n>]");
  for (const auto& tok : line.tokens)
    if (tok.is_word("=>"))
      return args.at(tok, "inject has no outcome: it makes a later allocation fail");
  const Token* fault = nullptr;
  if (auto f = args.word("fault", fault)) return f;
  if (fault->text != "enomem")
    return args.at(*fault, fmt::format("unknown fault \"{}\"; expected enomem", fault->text));
  out.step.verb = Verb::inject_enomem;
  if (!args.empty()) {
    const Token& opt = args.take();
    if (opt.quoted || !opt.text.starts_with("skip="))
      return args.at(opt, fmt::format("unknown inject option {}", shown(opt)));
    Token value = opt;
    value.text = opt.text.substr(5);
    value.column = opt.column + 5;
    auto n = parse_number(value.text, kU32);
    if (!n) return bad_number(value, "skip=", kU32);
    out.step.value = static_cast<std::uint32_t>(*n);
  }
  return args.end();
}

}  // namespace imans::traces::io
