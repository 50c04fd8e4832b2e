#include "model/design.hpp"

#include <array>

#include <fmt/format.h>

namespace imans {
namespace {

const std::array<Preset, 7>& preset_table() {
  static const std::array<Preset, 7> table{{
    {"mainline",
     {"mainline", Binding::none, Activation::creation, Evaluation::independent, Keys::host},
     "the kernel as it is today, without IMA namespaces: init_ima_ns governs every task, and "
     "the escape properties' reference run",
     "nothing escapes the host policy and nothing changes on joining a namespace, but a "
     "container has no policy, log or keys of its own"},
    {"rfc2018",
     {"rfc2018", Binding::mnt, Activation::creation, Evaluation::independent, Keys::per_ns},
     "2018 RFC v2 \"ima: extend clone() with IMA namespace support\": an IMA namespace per mount "
     "namespace, created by CLONE_NEWNS, each with its own independent policy",
     "a log and policy per container from the first instruction, but anyone who can create a "
     "mount namespace walks out of the host's policy"},
    {"rfc2018-root-to-init",
     {"rfc2018-root-to-init", Binding::mnt, Activation::creation, Evaluation::root_to_init,
      Keys::per_ns},
     "Berger's answer in the 2018 thread: as rfc2018, but root's accesses are also evaluated "
     "against every namespace up to init_ima_ns",
     "keeps root inside the host policy, but every other user still escapes a host rule aimed at "
     "them through an unprivileged user namespace"},
    {"userns-hierarchical",
     {"userns-hierarchical", Binding::user, Activation::creation, Evaluation::hierarchical,
      Keys::inherit},
     "Biederman's and Bottomley's suggestion: bind IMA to the user namespace, enforce every "
     "ancestor's policy, populate the child's keyring from the parent's",
     "nothing escapes the host policy, but joining a user namespace silently changes which "
     "policies govern the joiner"},
    {"berger2023",
     {"berger2023", Binding::user_lazy, Activation::write_once, Evaluation::active_ancestors,
      Keys::per_ns},
     "Berger's v15 series and its later tree: a namespace per user namespace, created at the "
     "first securityfs mount, activated once through ima/active, evaluated with every active "
     "ancestor",
     "host policy always enforced and setup free of early binding, but the namespace's own log "
     "starts only at activation and joining a user namespace changes the governing policies"},
    {"newima-flag",
     {"newima-flag", Binding::flag, Activation::first_child, Evaluation::independent,
      Keys::per_ns},
     "Struczynski 2020: CLONE_NEWIMA with time-namespace semantics; the namespace is configured "
     "for children and activates when the first child is born into it",
     "the policy is in place before the first process runs (no log gap), but policies are "
     "independent, so whoever may create the namespace leaves the host's policy behind"},
    {"securityfs-spawn",
     {"securityfs-spawn", Binding::spawn, Activation::creation, Evaluation::independent,
      Keys::per_ns},
     "HPE 2017: host root writes a mount namespace's id to securityfs to give it its own policy",
     "only host root creates namespaces, but processes run unmeasured by the namespace until "
     "its policy is written, and the spawned policy replaces the host's"},
  }};
  return table;
}

template <class E, std::size_t N>
struct AxisTable {
  std::string_view axis;
  std::array<std::pair<E, std::string_view>, N> values;
  std::string_view meaning;
};

constexpr AxisTable<Binding, 6> kBinding{
    "binding",
    {{{Binding::none, "none"},
      {Binding::mnt, "mnt"},
      {Binding::user, "user"},
      {Binding::user_lazy, "user-lazy"},
      {Binding::flag, "flag"},
      {Binding::spawn, "spawn"}}},
    "what an IMA namespace hangs off and what creates it: nothing (mainline: no IMA namespaces), a mount namespace (CLONE_NEWNS), a user "
    "namespace (CLONE_NEWUSER, or lazily at its first securityfs mount), its own clone flag with "
    "for-children semantics, or host root's spawn write"};
constexpr AxisTable<Activation, 3> kActivation{
    "activation",
    {{{Activation::creation, "creation"},
      {Activation::write_once, "write-once"},
      {Activation::first_child, "first-child"}}},
    "when a new namespace starts acting: at creation, at a one-shot write of ima/active, or when "
    "the first process is born into it"};
constexpr AxisTable<Evaluation, 4> kEvaluation{
    "evaluation",
    {{{Evaluation::independent, "independent"},
      {Evaluation::root_to_init, "root-to-init"},
      {Evaluation::hierarchical, "hierarchical"},
      {Evaluation::active_ancestors, "active-ancestors"}}},
    "whose policies decide an access: the current namespace alone, every ancestor for kuid 0 "
    "only, every ancestor, or every active ancestor"};
constexpr AxisTable<Keys, 3> kKeys{"keys",
                                   {{{Keys::per_ns, "per-ns"},
                                     {Keys::inherit, "inherit"},
                                     {Keys::host, "host"}}},
                                   "the keyring each namespace appraises with: its own, its own "
                                   "seeded with the parent's keys, or init_ima_ns's"};

template <class Table>
std::vector<std::string_view> names_of(const Table& t) {
  std::vector<std::string_view> out;
  for (const auto& [v, n] : t.values) out.push_back(n);
  return out;
}

template <class E, class Table>
std::string_view name_in(const Table& t, E e) {
  for (const auto& [v, n] : t.values)
    if (v == e) return n;
  return "?";
}

template <class E, class Table>
bool set_from(const Table& t, std::string_view value, E& out) {
  for (const auto& [v, n] : t.values)
    if (n == value) {
      out = v;
      return true;
    }
  return false;
}

}  // namespace

std::span<const Preset> presets() { return preset_table(); }

const Preset* find_preset(std::string_view name) {
  for (const auto& p : preset_table())
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<AxisInfo> axes() {
  return {{kBinding.axis, names_of(kBinding), kBinding.meaning},
          {kActivation.axis, names_of(kActivation), kActivation.meaning},
          {kEvaluation.axis, names_of(kEvaluation), kEvaluation.meaning},
          {kKeys.axis, names_of(kKeys), kKeys.meaning}};
}

std::string_view to_string(Binding b) { return name_in(kBinding, b); }
std::string_view to_string(Activation a) { return name_in(kActivation, a); }
std::string_view to_string(Evaluation e) { return name_in(kEvaluation, e); }
std::string_view to_string(Keys k) { return name_in(kKeys, k); }

std::string axes_string(const Design& d) {
  return fmt::format("binding={} activation={} evaluation={} keys={}", to_string(d.binding),
                     to_string(d.activation), to_string(d.evaluation), to_string(d.keys));
}

std::variant<Design, DesignError> with_axis(Design design, std::string_view assignment) {
  auto eq = assignment.find('=');
  if (eq == std::string_view::npos)
    return DesignError{fmt::format("expected <axis>=<value>, got \"{}\"; axes: binding, "
                                   "activation, evaluation, keys",
                                   assignment)};
  auto axis = assignment.substr(0, eq);
  auto value = assignment.substr(eq + 1);
  auto fail = [&](const auto& table) {
    return DesignError{fmt::format("unknown {} \"{}\"; expected one of {}", table.axis, value,
                                   fmt::join(names_of(table), ", "))};
  };
  bool ok = true;
  std::variant<Design, DesignError> err = DesignError{};
  if (axis == kBinding.axis) {
    ok = set_from(kBinding, value, design.binding);
    if (!ok) err = fail(kBinding);
  } else if (axis == kActivation.axis) {
    ok = set_from(kActivation, value, design.activation);
    if (!ok) err = fail(kActivation);
  } else if (axis == kEvaluation.axis) {
    ok = set_from(kEvaluation, value, design.evaluation);
    if (!ok) err = fail(kEvaluation);
  } else if (axis == kKeys.axis) {
    ok = set_from(kKeys, value, design.keys);
    if (!ok) err = fail(kKeys);
  } else {
    return DesignError{fmt::format("unknown axis \"{}\"; axes: binding, activation, evaluation, "
                                   "keys",
                                   axis)};
  }
  if (!ok) return err;
  design.name += fmt::format(" {}", assignment);
  return design;
}

std::variant<Design, DesignError> parse_design(std::span<const std::string> words) {
  if (words.empty()) return DesignError{"expected a design preset"};
  const Preset* p = find_preset(words[0]);
  if (!p) {
    std::vector<std::string_view> names;
    for (const auto& q : preset_table()) names.push_back(q.name);
    return DesignError{fmt::format("unknown design \"{}\"; presets: {}", words[0],
                                   fmt::join(names, ", "))};
  }
  Design d = p->design;
  for (std::size_t i = 1; i < words.size(); ++i) {
    auto r = with_axis(d, words[i]);
    if (auto* e = std::get_if<DesignError>(&r)) return *e;
    d = std::get<Design>(r);
  }
  if (auto why = design_incoherence(d); !why.empty()) return DesignError{why};
  return d;
}

std::string design_incoherence(const Design& d) {
  if ((d.binding == Binding::flag) != (d.activation == Activation::first_child))
    return "activation=first-child and binding=flag go together: only a namespace prepared "
           "for children (CLONE_NEWIMA) can activate when its first child is born";
  return {};
}

bool kref_lifetime(const Design& d) {
  return d.binding != Binding::user_lazy && d.binding != Binding::none;
}
bool has_securityfs_instances(const Design& d) { return d.binding == Binding::user_lazy; }
bool securityfs_by_path(const Design& d) {
  return d.binding == Binding::user_lazy || d.binding == Binding::none;
}

}  // namespace imans
