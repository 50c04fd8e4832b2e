#pragma once
// A design for IMA namespacing is a point on four axes. The presets name the
// historical proposals; a reviewer can also compose a design no patch
// proposed (background.md, "Design axes and presets").
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/mutant.hpp"

namespace imans {

// What an IMA namespace hangs off, and what creates it.
enum class Binding : std::uint8_t {
  none,       // no IMA namespaces: init_ima_ns governs every task (mainline)
  mnt,        // one per mount namespace, created by CLONE_NEWNS (2018 RFC)
  user,       // one per user namespace, created with it by CLONE_NEWUSER
  user_lazy,  // one per user namespace, created at its first securityfs mount (Berger)
  flag,       // its own namespace type in nsproxy, CLONE_NEWIMA, for-children (Struczynski)
  spawn,      // a mount namespace registered by host root's securityfs write (HPE 2017)
};

// When a new IMA namespace starts acting.
enum class Activation : std::uint8_t {
  creation,     // at once
  write_once,   // when '1' is written to its ima/active file (once; EBUSY after)
  first_child,  // when the first process is born into it or joins it by setns
};

// Whose policies decide an access.
enum class Evaluation : std::uint8_t {
  independent,       // the task's current namespace only
  root_to_init,      // kuid 0: current and every ancestor; others: current only
  hierarchical,      // current and every ancestor to init
  active_ancestors,  // current and every active ancestor to init
};

// Which keyring a namespace appraises with.
enum class Keys : std::uint8_t {
  per_ns,   // its own, empty at creation
  inherit,  // its own, a copy of the parent's keys at creation
  host,     // init_ima_ns's, at every level
};

struct Design {
  std::string name;  // the preset's name, or the preset plus overrides
  Binding binding = Binding::mnt;
  Activation activation = Activation::creation;
  Evaluation evaluation = Evaluation::independent;
  Keys keys = Keys::per_ns;

  friend bool operator==(const Design& a, const Design& b) {
    return a.binding == b.binding && a.activation == b.activation &&
           a.evaluation == b.evaluation && a.keys == b.keys;
  }
};

// The design and, when replaying against a seeded bug, the mutant.
struct Config {
  Design design;
  Mutant mutant = Mutant::none;

  [[nodiscard]] bool has(Mutant m) const { return mutant == m; }
};

struct Preset {
  std::string_view name;
  Design design;
  std::string_view summary;    // the proposal it models
  std::string_view trade_off;  // one sentence for the report
};

std::span<const Preset> presets();
const Preset* find_preset(std::string_view name);

struct AxisInfo {
  std::string_view name;  // "binding"
  std::vector<std::string_view> values;
  std::string_view meaning;
};
std::vector<AxisInfo> axes();

// Sets one axis from "axis=value"; on failure the message lists what is known.
struct DesignError {
  std::string message;
};
std::variant<Design, DesignError> with_axis(Design design, std::string_view assignment);
// "rfc2018" or "rfc2018 evaluation=hierarchical ..."; words[0] is the preset.
std::variant<Design, DesignError> parse_design(std::span<const std::string> words);
// Rejects combinations that mean nothing (a for-children activation without an
// IMA clone flag, ...). Empty when the design is coherent.
std::string design_incoherence(const Design& d);

std::string_view to_string(Binding b);
std::string_view to_string(Activation a);
std::string_view to_string(Evaluation e);
std::string_view to_string(Keys k);
// "binding=mnt activation=creation evaluation=independent keys=per-ns"
std::string axes_string(const Design& d);

// What the binding implies beyond the four axes.
bool kref_lifetime(const Design& d);        // the namespace has its own kref
bool has_securityfs_instances(const Design& d);  // securityfs per user ns (Berger)
// The IMA files a task writes are those of the securityfs instance mounted in
// its mount namespace (Berger's, and mainline's one instance); elsewhere they
// act on the task's current IMA namespace directly.
bool securityfs_by_path(const Design& d);

}  // namespace imans
