// The canonical text of a trace: what parse_trace reads back to an equal Trace.
#include "traces/write.hpp"

#include <fmt/format.h>

#include "model/policy/parse.hpp"
#include "traces/io/lex.hpp"

namespace imans::traces {
namespace {

using io::as_token;
using io::quoted;

std::string_view kind_word(ObjKind k) {
  switch (k) {
    case ObjKind::user:
      return "user";
    case ObjKind::mnt:
      return "mnt";
    default:
      return "ima";
  }
}

// Without a world, ids cannot become names; `file#2` says which one it was.
std::string file_token(const World* world, FileId id) {
  if (world && id.v < world->files.size()) return as_token(world->files[id.v].path);
  return fmt::format("file#{}", id.v);
}

std::string key_token(const World* world, KeyId id) {
  if (world && id.v < world->keys.size()) return world->keys[id.v];
  return fmt::format("key#{}", id.v);
}

// A comment must stay on its line.
std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '\n') c = ' ';
  return out;
}

std::string full_line_comment(std::string_view text) {
  return text.empty() ? "#" : "# " + one_line(text);
}

std::string trailing_comment(std::string_view text) {
  return text.empty() ? "" : "  # " + one_line(text);
}

std::string ns_ref(const NsRef& r) {
  switch (r.form) {
    case NsRef::Form::of_task:
      return fmt::format("{}({})", kind_word(r.kind), r.task);
    case NsRef::Form::numbered:
      return fmt::format("{}#{}", kind_word(r.kind), r.number);
    case NsRef::Form::init:
      break;
  }
  return "init";
}

std::string_view op_word(CmpOp op) {
  switch (op) {
    case CmpOp::eq:
      return "==";
    case CmpOp::ne:
      return "!=";
    case CmpOp::lt:
      return "<";
    case CmpOp::le:
      return "<=";
    case CmpOp::gt:
      return ">";
    case CmpOp::ge:
      return ">=";
  }
  return "==";
}

std::string flag_words(std::uint8_t flags) {
  std::string out;
  if (flags & kNewUser) out += " user";
  if (flags & kNewNs) out += " mnt";
  if (flags & kNewIma) out += " ima";
  return out;
}

std::string rule_words(const StepLine& s) {
  std::string out;
  if (!s.rule_texts.empty() || !s.step.rules) {
    for (const auto& t : s.rule_texts) out += " " + quoted(t);
  } else {
    for (const auto& r : *s.step.rules) out += " " + quoted(r.text);
  }
  return out;
}

std::string step_line(const StepLine& s, const World* world) {
  const Step& st = s.step;
  if (st.verb == Verb::inject_enomem) {
    std::string out = st.value ? fmt::format("inject enomem skip={}", st.value) : "inject enomem";
    return out + trailing_comment(s.comment);
  }
  std::string out = s.actor;
  auto file = [&] { return file_token(world, st.file); };
  switch (st.verb) {
    case Verb::clone:
      out += " clone " + s.new_task + flag_words(st.flags);
      break;
    case Verb::unshare:
      out += " unshare" + flag_words(st.flags);
      break;
    case Verb::setns:
      out += fmt::format(" setns {} {}", s.target, to_string(st.ns_type));
      break;
    case Verb::setuid:
      out += fmt::format(" setuid {}", st.value);
      break;
    case Verb::mount_securityfs:
      out += " mount-securityfs";
      break;
    case Verb::pivot_root:
      out += " pivot-root";
      break;
    case Verb::activate:
      out += " activate";
      break;
    case Verb::spawn:
      out += " spawn";
      break;
    case Verb::policy:
      out += " policy" + rule_words(s);
      break;
    case Verb::policy_for_children:
      out += " policy-for-children" + rule_words(s);
      break;
    case Verb::keyload:
      out += " keyload " + key_token(world, st.key);
      break;
    case Verb::sign:
      out += " sign " + file() + " " + key_token(world, st.key);
      break;
    case Verb::sign_bad:
      out += " sign " + file() + " bad";
      break;
    case Verb::unsign:
      out += " unsign " + file();
      break;
    case Verb::modify:
      out += " modify " + file();
      break;
    case Verb::exec:
      out += " exec " + file();
      break;
    case Verb::mmap:
      out += " mmap " + file();
      break;
    case Verb::open_read:
      out += " open " + file() + " read";
      break;
    case Verb::open_write:
      out += " open " + file() + " write";
      break;
    case Verb::exit:
      out += " exit";
      break;
    case Verb::inject_enomem:
      break;
  }
  if (s.expected) out += fmt::format(" => {}", errno_name(*s.expected));
  return out + trailing_comment(s.comment);
}

std::string expect_line(const Expect& e, const World* world) {
  std::string cmp = fmt::format("{} {}", op_word(e.op), e.n);
  std::string out = "expect ";
  switch (e.kind) {
    case Expect::Kind::measured:
      out += fmt::format("measured {} {} {}", ns_ref(e.ns), file_token(world, e.file), cmp);
      break;
    case Expect::Kind::audited:
      out += fmt::format("audited {} {} {}", ns_ref(e.ns), file_token(world, e.file), cmp);
      break;
    case Expect::Kind::refcount:
      out += fmt::format("refcount {} {}", ns_ref(e.ns), cmp);
      break;
    case Expect::Kind::live:
      out += "live " + ns_ref(e.ns);
      break;
    case Expect::Kind::freed:
      out += "freed " + ns_ref(e.ns);
      break;
    case Expect::Kind::live_count:
      out += fmt::format("live-count {} {}", kind_word(e.count_kind), cmp);
      break;
    case Expect::Kind::holds:
      out += "holds";
      break;
    case Expect::Kind::violated:
      out += "violated " + e.property;
      break;
  }
  return out + trailing_comment(e.comment);
}

std::string statement_line(const Statement& st, const World* world) {
  if (const auto* s = std::get_if<StepLine>(&st)) return step_line(*s, world);
  if (const auto* e = std::get_if<Expect>(&st)) return expect_line(*e, world);
  return full_line_comment(std::get<Comment>(st).text);
}

std::string host_policy_line(const HostPolicyLine& hp) {
  if (!hp.builtin.empty()) return "host-policy builtin=" + hp.builtin;
  std::string out = "host-policy";
  for (const auto& r : hp.rules) out += " " + quoted(r);
  return out;
}

std::string file_line(const FileDecl& f) {
  std::string out = "file " + as_token(f.path);
  if (f.uid != 0) out += fmt::format(" uid={}", f.uid);
  if (f.gid != 0) out += fmt::format(" gid={}", f.gid);
  if (f.fsmagic != FileDecl{}.fsmagic) out += fmt::format(" fsmagic=0x{:x}", f.fsmagic);
  if (f.fsuuid != FileDecl{}.fsuuid) {
    const auto& u = f.fsuuid;
    out += fmt::format(" fsuuid={:02x}-{:02x}-{:02x}-{:02x}-{:02x}",
                       fmt::join(u.begin(), u.begin() + 4, ""),
                       fmt::join(u.begin() + 4, u.begin() + 6, ""),
                       fmt::join(u.begin() + 6, u.begin() + 8, ""),
                       fmt::join(u.begin() + 8, u.begin() + 10, ""),
                       fmt::join(u.begin() + 10, u.end(), ""));
  }
  return out;
}

std::string world_line(const Trace& t, const WorldLine& w) {
  std::string out;
  switch (w.kind) {
    case WorldLine::Kind::host_policy:
      if (w.index < t.host_policy.size()) out = host_policy_line(t.host_policy[w.index]);
      break;
    case WorldLine::Kind::file:
      if (w.index < t.world.files.size()) out = file_line(t.world.files[w.index]);
      break;
    case WorldLine::Kind::key:
      out = "key " + key_token(&t.world, KeyId{static_cast<std::uint16_t>(w.index)});
      break;
    case WorldLine::Kind::host_key:
      out = "host-key " + key_token(&t.world, KeyId{static_cast<std::uint16_t>(w.index)});
      break;
    case WorldLine::Kind::comment:
      return full_line_comment(w.text);
  }
  return out + trailing_comment(w.comment);
}

// A trace built in memory (a shrunk counterexample, a witness) may carry only
// the world; its lines are derived from it.
std::string derived_world(const Trace& t) {
  std::string out;
  for (const auto& hp : t.host_policy) out += host_policy_line(hp) + "\n";
  if (t.host_policy.empty() && !t.world.host_policy.empty()) {
    out += "host-policy";
    for (const auto& r : t.world.host_policy) out += " " + quoted(policy::format_rule(r));
    out += "\n";
  }
  for (const auto& f : t.world.files) out += file_line(f) + "\n";
  for (std::size_t i = 0; i < t.world.keys.size(); ++i) {
    bool host = t.world.host_keys & key_bit(KeyId{static_cast<std::uint16_t>(i)});
    out += (host ? "host-key " : "key ") + t.world.keys[i] + "\n";
  }
  return out;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace

std::string write_statement(const Statement& statement, const World& world) {
  return statement_line(statement, &world);
}

std::string write_statement(const Statement& statement) {
  return statement_line(statement, nullptr);
}

std::string write_trace(const Trace& t) {
  std::string out = "imans-trace 1\n";
  out += "design " + (t.design_words.empty() ? t.config.design.name : join(t.design_words)) + "\n";
  if (t.seed) out += fmt::format("seed {}\n", *t.seed);
  if (t.config.mutant != Mutant::none)
    out += fmt::format("mutant {}\n", mutant_info(t.config.mutant).name);
  for (const auto& c : t.header_comments) out += full_line_comment(c) + "\n";
  if (t.world_lines.empty())
    out += derived_world(t);
  else
    for (const auto& w : t.world_lines) out += world_line(t, w) + "\n";
  for (const auto& st : t.statements) out += statement_line(st, &t.world) + "\n";
  return out;
}

}  // namespace imans::traces
