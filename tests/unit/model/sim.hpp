#pragma once
// A small driver for model unit tests: boots a design, runs steps, and keeps
// every property's verdict, without going through the trace format.
#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/policy/parse.hpp"
#include "properties/check.hpp"

namespace imans::test {

inline World world_with(std::vector<std::string> host_rules, std::vector<FileDecl> files = {},
                        std::vector<std::string> keys = {}, KeySet host_keys = 0) {
  World w;
  for (const auto& r : host_rules) {
    auto parsed = policy::parse_rule(r);
    if (auto* rule = std::get_if<policy::Rule>(&parsed)) w.host_policy.push_back(*rule);
  }
  w.files = std::move(files);
  w.keys = std::move(keys);
  w.host_keys = host_keys;
  return w;
}

inline FileDecl file(std::string path, std::uint32_t uid = 0, std::uint32_t fsmagic = 0xef53) {
  return FileDecl{std::move(path), uid, uid, fsmagic, {}};
}

class Sim {
public:
  explicit Sim(const std::string& preset, Mutant mutant = Mutant::none, World world = {})
      : cfg_{find_preset(preset)->design, mutant},
        world_(std::move(world)),
        state_(boot(cfg_, world_)),
        checker_(cfg_, world_) {
    for (auto& v : checker_.start(state_)) violations_.push_back(v);
  }

  Errno run(Step step) {
    const State before = state_;
    last_ = apply(state_, cfg_, world_, step);
    for (auto& v : checker_.observe(before, step, last_, state_)) violations_.push_back(v);
    return last_.err;
  }

  Errno clone(TaskId t, std::uint8_t flags = 0, TaskId* child = nullptr) {
    Step s;
    s.verb = Verb::clone;
    s.task = t;
    s.flags = flags;
    const Errno e = run(s);
    if (child) *child = last_.new_task;
    return e;
  }
  Errno unshare(TaskId t, std::uint8_t flags) { return run(make(Verb::unshare, t, flags)); }
  Errno setns(TaskId t, TaskId target, NsType type) {
    Step s = make(Verb::setns, t);
    s.target = target;
    s.ns_type = type;
    return run(s);
  }
  Errno setuid(TaskId t, std::uint32_t uid) {
    Step s = make(Verb::setuid, t);
    s.value = uid;
    return run(s);
  }
  Errno policy(TaskId t, std::vector<std::string> rules, Verb verb = Verb::policy) {
    Step s = make(verb, t);
    s.rules = make_rule_texts(rules);
    return run(s);
  }
  Errno access(TaskId t, Verb verb, std::uint16_t file = 0) {
    Step s = make(verb, t);
    s.file = FileId{file};
    return run(s);
  }
  Errno exec(TaskId t, std::uint16_t file = 0) { return access(t, Verb::exec, file); }
  Errno verb(TaskId t, Verb v) { return run(make(v, t)); }
  Errno sign(TaskId t, std::uint16_t file, std::uint16_t key) {
    Step s = make(Verb::sign, t);
    s.file = FileId{file};
    s.key = KeyId{key};
    return run(s);
  }
  Errno keyload(TaskId t, std::uint16_t key) {
    Step s = make(Verb::keyload, t);
    s.key = KeyId{key};
    return run(s);
  }
  Errno exit(TaskId t) { return run(make(Verb::exit, t)); }
  void inject_enomem(std::uint32_t skip = 0) {
    Step s;
    s.verb = Verb::inject_enomem;
    s.value = skip;
    run(s);
  }

  const State& state() const { return state_; }
  const StepResult& last() const { return last_; }
  const Config& config() const { return cfg_; }
  bool violated(properties::PropertyId id) const {
    return checker_.violated().test(properties::index(id));
  }
  bool holds() const { return checker_.holds(); }
  // The properties every design must keep: the reference-counting ones.
  bool lifetimes_hold() const {
    using P = properties::PropertyId;
    for (P p : {P::refcount_exact, P::no_use_after_free, P::no_leak, P::init_immortal,
                P::parent_outlives_child, P::tree_acyclic})
      if (violated(p)) return false;
    return true;
  }
  std::string violations() const {
    std::string out;
    for (const auto& v : violations_)
      out += std::string(properties::property_name(v.property)) + ": " + v.message + "\n";
    return out;
  }

private:
  static Step make(Verb v, TaskId t, std::uint8_t flags = 0) {
    Step s;
    s.verb = v;
    s.task = t;
    s.flags = flags;
    return s;
  }

  Config cfg_;
  World world_;
  State state_;
  properties::Checker checker_;
  StepResult last_;
  std::vector<properties::Violation> violations_;
};

constexpr TaskId t0 = kTask0;

}  // namespace imans::test
