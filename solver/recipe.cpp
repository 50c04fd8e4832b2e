// A witness as a v1 trace: the world (host policy, file, key), then the steps
// that build the chain in the design's own way, configure each level, set the
// subject's identity, and make the access. Each recipe keeps to what the model
// lets its actor do (see reach.hpp for the matching restrictions).
#include <fmt/format.h>

#include "model/policy/parse.hpp"
#include "traces/parse.hpp"
#include "solver/witness.hpp"

namespace imans::solver {
namespace {

constexpr std::string_view kPath = "/usr/bin/tool";
constexpr std::string_view kKey = "k";
constexpr std::string_view kHashRule = "hash func=FILE_CHECK mask=MAY_WRITE";

bool user_bound(const Design& d) {
  return d.binding == Binding::user || d.binding == Binding::user_lazy;
}

std::string quoted_rules(const std::vector<std::string>& rules) {
  std::string out;
  for (const auto& r : rules) out += fmt::format(" \"{}\"", r);
  return out;
}

// A rule as its writer types it. Written from a child user namespace, every id
// is the one the namespace maps: 0 inside (reach.hpp restricts the ids to
// exactly that).
std::string rule_text(policy::Rule r, bool from_child_userns) {
  if (from_child_userns) r.uid.value = r.gid.value = r.fowner.value = r.fgroup.value = 0;
  return policy::format_rule(r);
}

class Writer {
public:
  Writer(const Witness& w, bool claims) : w_(w), claims_(claims) {}

  std::string run() {
    header();
    world();
    const std::string subject = steps();
    access(subject);
    return out_;
  }

private:
  void line(const std::string& s) { out_ += s + "\n"; }
  void step(const std::string& task, const std::string& what, std::string_view note = {}) {
    line(note.empty() ? fmt::format("{} {} => ok", task, what)
                      : fmt::format("{} {} => ok  # {}", task, what, note));
  }
  std::string fresh() { return fmt::format("t{}", next_++); }

  void header() {
    line("imans-trace 1");
    line("design " + fmt::format("{}", fmt::join(design_words(w_.design), " ")));
    if (claims_)
      line(fmt::format("# imans prove witness: {} at depth {} ({} rule(s) in init_ima_ns)",
                       escape_name(w_.property), w_.depth, w_.host_rules.size()));
  }

  void world() {
    if (!w_.host_builtin.empty())
      line("host-policy builtin=" + w_.host_builtin);
    else
      for (const auto& r : w_.host_rules)
        line(fmt::format("host-policy \"{}\"", policy::format_rule(r)));
    std::string file = fmt::format("file {} uid={} gid={} fsmagic=0x{:x}", kPath, w_.file.uid,
                                   w_.file.gid, w_.file.fsmagic);
    if (w_.file.fsuuid != std::array<std::uint8_t, 16>{}) {
      const auto& b = w_.file.fsuuid;
      file += fmt::format(" fsuuid={:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-"
                          "{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
                          b[12], b[13], b[14], b[15]);
    }
    line(file);
    if (w_.xattr == XattrKind::sig) line(fmt::format("{} {}", w_.host_key ? "host-key" : "key", kKey));
  }

  // Returns the task that makes the access.
  std::string steps() {
    if (w_.xattr == XattrKind::sig) step("t0", fmt::format("sign {} {}", kPath, kKey));
    if (w_.xattr == XattrKind::bad) step("t0", fmt::format("sign {} bad", kPath));
    if (w_.xattr == XattrKind::hash) hash_helper();
    if (!w_.current && (w_.xattr == XattrKind::sig || w_.xattr == XattrKind::hash))
      step("t0", fmt::format("modify {}", kPath), "security.ima now covers an older version");
    // In user-bound designs the subject's kuid is fixed when its user
    // namespace is made: setuid first (it drops the capabilities, but
    // CLONE_NEWUSER needs none).
    if (user_bound(w_.design) && w_.subject.uid != 0)
      step("t0", fmt::format("setuid {}", w_.subject.uid));
    std::vector<std::string> task = build_chain();
    configure(task);
    const std::string subject = task.empty() ? "t0" : task.back();
    if (!user_bound(w_.design)) {
      if (w_.subject.uid != 0)
        step(subject, fmt::format("setuid {}", w_.subject.uid), "the subject");
      else if (!w_.subject.cap_setuid)
        step(subject, "unshare user", "kuid 0 without capabilities in init_user_ns");
    }
    return subject;
  }

  // security.ima holds a hash only after a hash rule acted on a write: a
  // helper does that in a namespace of its own (reach.hpp: hash_helper_quiet).
  void hash_helper() {
    line("# a helper namespace's hash rule writes security.ima on a write");
    const std::string open = fmt::format("open {} write", kPath);
    const bool once = w_.design.activation == Activation::write_once;
    switch (w_.design.binding) {
      case Binding::none:  // mainline has no namespace of its own to write it
        return;
      case Binding::mnt:
      case Binding::user:
        step("t0", w_.design.binding == Binding::mnt ? "clone helper mnt" : "clone helper user");
        if (once) step("helper", "activate");
        step("helper", fmt::format("policy \"{}\"", kHashRule));
        break;
      case Binding::user_lazy:
        step("t0", "clone helper user mnt");
        step("helper", "mount-securityfs");
        if (once) step("helper", "activate");
        step("helper", fmt::format("policy \"{}\"", kHashRule));
        break;
      case Binding::flag:
        step("t0", "clone helper0");
        step("helper0", "unshare ima");
        step("helper0", fmt::format("policy-for-children \"{}\"", kHashRule));
        step("helper0", "clone helper");
        break;
      case Binding::spawn:
        step("t0", "clone helper mnt");
        step("helper", "spawn");
        if (once) step("helper", "activate");
        step("helper", fmt::format("policy \"{}\"", kHashRule));
        break;
    }
    step("helper", open);
  }

  std::vector<std::string> level_rules(std::size_t i, bool from_child_userns) const {
    std::vector<std::string> out;
    for (const auto& r : w_.levels[i].rules) out.push_back(rule_text(r, from_child_userns));
    return out;
  }

  // One task per level, each made by the one above (tasks stay where they
  // are, so every level can still be configured after the chain exists).
  // Empty name: an inactive flag namespace no task was born into.
  std::vector<std::string> build_chain() {
    std::vector<std::string> task;
    std::string prev = "t0";
    for (std::size_t i = 0; i < w_.levels.size(); ++i) {
      const std::string name = fresh();
      switch (w_.design.binding) {
        case Binding::none:  // mainline: init_ima_ns is the only level
          break;
        case Binding::mnt:
          step(prev, fmt::format("clone {} mnt", name), "a new IMA namespace with the mount namespace");
          break;
        case Binding::user:
          step(prev, fmt::format("clone {} user", name), "a new IMA namespace with the user namespace");
          break;
        case Binding::user_lazy:
          step(prev, fmt::format("clone {} user mnt", name));
          step(name, "mount-securityfs", "creates the user namespace's IMA namespace");
          break;
        case Binding::spawn:
          step(prev, fmt::format("clone {} mnt", name));
          step(name, "spawn", "host root gives the mount namespace an IMA namespace");
          break;
        case Binding::flag:
          step(prev, "unshare ima", "prepares an IMA namespace for children");
          if (!w_.levels[i].active) {
            --next_;
            task.emplace_back();
            continue;  // never born into: the next `unshare ima` nests under it
          }
          if (!w_.levels[i].rules.empty())
            step(prev, "policy-for-children" + quoted_rules(level_rules(i, false)));
          step(prev, fmt::format("clone {}", name), "born into it, which activates it");
          break;
      }
      task.push_back(name);
      prev = name;
    }
    return task;
  }

  void configure(const std::vector<std::string>& task) {
    const bool child_userns = user_bound(w_.design);
    for (std::size_t i = 0; i < w_.levels.size(); ++i) {
      const WitnessLevel& l = w_.levels[i];
      if (task[i].empty() || !l.active) continue;  // inactive: never evaluated
      if (w_.design.activation == Activation::write_once) step(task[i], "activate");
      if (w_.design.binding != Binding::flag && !l.rules.empty())
        step(task[i], "policy" + quoted_rules(level_rules(i, child_userns)));
      const bool inherited = w_.design.keys == Keys::inherit && w_.host_key;
      if (w_.xattr == XattrKind::sig && l.key_in && w_.design.keys != Keys::host && !inherited)
        step(task[i], fmt::format("keyload {}", kKey));
    }
  }

  void access(const std::string& subject) {
    std::string verb;
    switch (w_.verb) {
      case Verb::exec:
        verb = fmt::format("exec {}", kPath);
        break;
      case Verb::mmap:
        verb = fmt::format("mmap {}", kPath);
        break;
      case Verb::open_read:
        verb = fmt::format("open {} read", kPath);
        break;
      default:
        verb = fmt::format("open {} write", kPath);
        break;
    }
    if (!claims_) {
      line(fmt::format("{} {}", subject, verb));
      return;
    }
    line(fmt::format("{} {} => {}  # violates {}", subject, verb, w_.denied ? "EACCES" : "ok",
                     escape_name(w_.property)));
    line(fmt::format("expect violated {}", escape_name(w_.property)));
    if (w_.property == Escape::measurement)
      line(fmt::format("expect measured init {} == 0", kPath));
    if (w_.property == Escape::audit) line(fmt::format("expect audited init {} == 0", kPath));
  }

  const Witness& w_;
  const bool claims_;  // the access's outcome and the violation are asserted
  std::string out_;
  int next_ = 1;
};

}  // namespace

std::vector<std::string> design_words(const Design& d) {
  std::vector<std::string> words;
  const std::string& s = d.name;
  for (std::size_t start = 0; start < s.size();) {
    auto end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) words.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::string witness_trace_text(const Witness& w) { return Writer(w, true).run(); }

std::string configuration_trace_text(const Witness& w) { return Writer(w, false).run(); }

std::variant<traces::Trace, std::string> witness_trace(const Witness& w) {
  auto parsed = traces::parse_trace(witness_trace_text(w), "(witness)");
  if (auto* e = std::get_if<traces::ParseError>(&parsed)) return e->to_string();
  return std::get<traces::Trace>(std::move(parsed));
}

}  // namespace imans::solver
