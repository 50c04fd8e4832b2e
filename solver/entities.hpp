#pragma once
// Symbolic and constant subjects, files and hooks, and reading them back.
#include <z3++.h>

#include <array>
#include <string>

#include "model/policy/match.hpp"
#include "model/state.hpp"
#include "model/step.hpp"
#include "solver/encoding.hpp"

namespace imans::solver {

SymSubject fresh_subject(z3::context& c, const std::string& name);
// The subjects a trace can make (reach.hpp): uid = euid = suid, every gid 0
// (no verb changes t0's), CAP_SETGID with CAP_SETUID. Built with shared terms
// rather than constrained, so equal ids are compared once.
SymSubject trace_subject(z3::context& c, const std::string& name);
SymSubject constant_subject(z3::context& c, const policy::Subject& s);
policy::Subject subject_from_model(const z3::model& m, const SymSubject& s);
// Ids a task can hold (below (uid_t)-1).
z3::expr subject_ids_valid(const SymSubject& s);

SymFile fresh_file(z3::context& c, const std::string& name);
SymFile constant_file(z3::context& c, const policy::Inode& inode, XattrKind xattr = XattrKind::none,
                      bool current = true);
policy::Inode inode_from_model(const z3::model& m, const SymFile& f);
z3::expr file_ids_valid(const SymFile& f);

SymHook constant_hook(z3::context& c, policy::Func func, std::uint8_t mask);

// The model's access verbs (model/access.hpp), as a 2-bit code, and the one or
// two hooks each runs.
enum VerbCode : unsigned { kVerbExec = 0, kVerbMmap = 1, kVerbRead = 2, kVerbWrite = 3 };
struct VerbHooks {
  std::array<SymHook, 2> hook;
  z3::expr has_second;  // exec and mmap run two hooks
};
VerbHooks verb_hooks(const z3::expr& verb);
Verb verb_of_code(std::uint64_t code);

}  // namespace imans::solver
