#pragma once
// The model's input alphabet: one step is one system call (or one injected
// fault), as a trace writes it: `<task> <verb> [<arg> ...]`.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/errno.hpp"
#include "model/ids.hpp"
#include "model/policy/parse.hpp"

namespace imans {

enum class Verb : std::uint8_t {
  clone,
  unshare,
  setns,
  setuid,
  mount_securityfs,
  pivot_root,
  activate,
  spawn,
  policy,
  policy_for_children,
  keyload,
  sign,
  sign_bad,
  unsign,
  modify,
  exec,
  mmap,
  open_read,
  open_write,
  exit,
  inject_enomem,
};

// clone/unshare flags as the trace writes them.
enum NsFlag : std::uint8_t { kNewUser = 1, kNewNs = 2, kNewIma = 4 };
enum class NsType : std::uint8_t { user, mnt, ima };

std::string_view to_string(NsType t);

// A rule as written in a `policy` step, parsed once when the step is made.
// A rule the parser rejects is kept: writing it returns EINVAL, as the kernel's
// policy write does.
struct RuleText {
  std::string text;
  std::variant<policy::Rule, policy::ParseError> parsed;
};
using RuleTexts = std::vector<RuleText>;
std::shared_ptr<const RuleTexts> make_rule_texts(const std::vector<std::string>& texts);

struct Step {
  Verb verb = Verb::exit;
  TaskId task;                // the caller; none for inject_enomem
  TaskId target;              // setns: the task whose namespace is joined
  std::uint8_t flags = 0;     // clone, unshare: NsFlag bits
  NsType ns_type = NsType::mnt;
  std::uint32_t value = 0;    // setuid: the uid; inject_enomem: allocations that succeed first
  FileId file;
  KeyId key;
  std::shared_ptr<const RuleTexts> rules;  // policy, policy_for_children
};

// What went wrong inside the modelled kernel while a step ran: what KASAN,
// refcount_t's saturation warnings and BUG_ON would report.
enum class FaultKind : std::uint8_t {
  use_after_free,  // a get, put or read of a freed object
  underflow,       // a put that took a counter below zero
  bug,             // a BUG_ON the kernel code asserts
};

struct Fault {
  FaultKind kind = FaultKind::use_after_free;
  ObjRef object;
  const char* where = "";  // the kernel function
};

struct StepResult {
  Errno err = Errno::ok;
  TaskId new_task;           // clone: the child
  std::vector<Fault> faults;
  std::string unmodelled;    // non-empty: the step needed something the model lacks
  std::uint8_t hooks_run = 0;  // access steps: how many IMA hooks ran (exec runs two)
};

}  // namespace imans
