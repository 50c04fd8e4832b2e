#pragma once
// A v1 trace (shared/spec/trace-format.md) as plain data: the header, the world
// set-up, and the statements in order. Task names stay names here: a clone can
// fail, so which task a name denotes is only known while replaying.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/design.hpp"
#include "model/errno.hpp"
#include "model/ids.hpp"
#include "model/mutant.hpp"
#include "model/step.hpp"
#include "model/world.hpp"

namespace imans::traces {

struct Pos {
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based
};

// ima(t1), user#2, init, ...
struct NsRef {
  enum class Form : std::uint8_t { of_task, numbered, init };
  Form form = Form::init;
  ObjKind kind = ObjKind::ima;  // user, mnt or ima
  std::string task;             // of_task
  std::uint16_t number = 0;     // numbered
  Pos pos;
  friend bool operator==(const NsRef& a, const NsRef& b) {
    return a.form == b.form && a.kind == b.kind && a.task == b.task && a.number == b.number;
  }
};

enum class CmpOp : std::uint8_t { eq, ne, lt, le, gt, ge };

struct Expect {
  enum class Kind : std::uint8_t {
    measured,    // expect measured <ns> <path> <op> <n>
    audited,     // expect audited <ns> <path> <op> <n>
    refcount,    // expect refcount <ns> <op> <n>
    live,        // expect live <ns>
    freed,       // expect freed <ns>
    live_count,  // expect live-count ima|user|mnt <op> <n>
    holds,       // expect holds
    violated,    // expect violated <property-id>
  };
  Kind kind = Kind::holds;
  NsRef ns;
  FileId file;
  CmpOp op = CmpOp::eq;
  std::uint64_t n = 0;
  ObjKind count_kind = ObjKind::ima;
  std::string property;
  Pos pos;
  std::string comment;  // trailing '#' comment, without the '#'
  friend bool operator==(const Expect& a, const Expect& b) {
    return a.kind == b.kind && a.ns == b.ns && a.file == b.file && a.op == b.op && a.n == b.n &&
           a.count_kind == b.count_kind && a.property == b.property;
  }
};

// `<task> <verb> [<arg> ...] [=> <outcome>]`, or `inject enomem [skip=<n>]`
// (verb inject_enomem, no actor). step.task/target are filled in at replay.
struct StepLine {
  std::string actor;          // empty for inject
  Step step;
  std::string new_task;       // clone: the child's name
  std::string target;         // setns: the task whose namespace is joined
  std::vector<std::string> rule_texts;  // policy verbs: the rules as written
  std::optional<Errno> expected;
  Pos pos;
  std::string comment;
  friend bool operator==(const StepLine& a, const StepLine& b);
};

// A full-line comment between statements, kept so a written trace reads as
// the original did.
struct Comment {
  std::string text;
  Pos pos;
  friend bool operator==(const Comment& a, const Comment& b) { return a.text == b.text; }
};

using Statement = std::variant<StepLine, Expect, Comment>;

// One `host-policy` line: quoted rules or builtin=<name>.
struct HostPolicyLine {
  std::vector<std::string> rules;
  std::string builtin;  // non-empty for builtin=<name>
  Pos pos;
  friend bool operator==(const HostPolicyLine& a, const HostPolicyLine& b) {
    return a.rules == b.rules && a.builtin == b.builtin;
  }
};

// World lines in the order written, for writing the trace back.
struct WorldLine {
  enum class Kind : std::uint8_t { host_policy, file, key, host_key, comment };
  Kind kind = Kind::comment;
  std::size_t index = 0;  // into host_policy, world.files or world.keys
  std::string text;       // comment text
  Pos pos;
  // Trailing '#' comment on a host-policy/file/key line, without the '#'. Braced so that
  // aggregate initialisers written before it existed stay warning-free.
  std::string comment{};
  friend bool operator==(const WorldLine& a, const WorldLine& b) {
    return a.kind == b.kind && a.index == b.index && a.text == b.text && a.comment == b.comment;
  }
};

struct Trace {
  std::string file;                       // where it was read from, for messages
  std::vector<std::string> design_words;  // "rfc2018", "evaluation=hierarchical", ...
  Config config;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> header_comments;  // full-line comments before `design`/world
  std::vector<HostPolicyLine> host_policy;
  std::vector<WorldLine> world_lines;
  World world;  // files, keys, host keys and the parsed host policy
  std::vector<Statement> statements;
};

bool operator==(const Trace& a, const Trace& b);

}  // namespace imans::traces
