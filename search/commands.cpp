#include "search/commands.hpp"

#include <ostream>

namespace imans::search {

namespace {

rc::Gen<TaskSel> gen_task() {
  return rc::gen::exec([] {
    TaskSel t;
    // The newest task is where nesting happens; bias towards it.
    t.how = static_cast<std::uint8_t>(*rc::gen::weightedElement<int>({{5, 0}, {3, 1}, {2, 2}}));
    t.n = static_cast<std::uint8_t>(*rc::gen::inRange(0, 8));
    return t;
  });
}

rc::Gen<std::uint8_t> gen_flags(const Design& d) {
  const bool ima = d.binding == Binding::flag;
  return rc::gen::exec([ima] {
    // A container is a new user and mount namespace together: the likeliest.
    std::uint8_t f = static_cast<std::uint8_t>(*rc::gen::weightedElement<int>(
        {{1, 0}, {2, kNewUser}, {2, kNewNs}, {4, kNewUser | kNewNs}}));
    if (ima && *rc::gen::inRange(0, 2)) f |= kNewIma;
    return f;
  });
}

rc::Gen<std::shared_ptr<const RuleTexts>> gen_rules() {
  return rc::gen::map(
      rc::gen::container<std::vector<std::string>>(
          static_cast<std::size_t>(1), gen_namespace_rule()),
      [](const std::vector<std::string>& texts) { return make_rule_texts(texts); });
}

// How often each verb is drawn, shaped by what the design can do.
std::vector<std::pair<std::size_t, Verb>> verb_weights(const Design& d) {
  const bool lazy = has_securityfs_instances(d);
  const bool once = d.activation == Activation::write_once;
  const bool flag = d.binding == Binding::flag;
  const bool spawn = d.binding == Binding::spawn;
  return {
      {12, Verb::clone},          {10, Verb::unshare},
      {6, Verb::setns},           {5, Verb::setuid},
      {lazy ? 5u : 1u, Verb::mount_securityfs},
      {1, Verb::pivot_root},  // containers do it in their recipe (run_container)
      {once ? 5u : 1u, Verb::activate},
      {spawn ? 4u : 1u, Verb::spawn},
      {8, Verb::policy},          {flag ? 5u : 1u, Verb::policy_for_children},
      {3, Verb::keyload},         {3, Verb::sign},
      {1, Verb::sign_bad},        {1, Verb::unsign},
      {2, Verb::modify},          {12, Verb::exec},
      {3, Verb::mmap},            {3, Verb::open_read},
      {2, Verb::open_write},      {6, Verb::exit},
      {2, Verb::inject_enomem},
  };
}

}  // namespace

rc::Gen<Command> gen_command(const Design& d, std::uint32_t swarm, bool containers) {
  auto weights = verb_weights(d);
  // Swarm testing (Groce et al., ISSTA 2012): each case leaves some verbs out
  // entirely, so that long runs of the others, which the rare bugs need, are
  // drawn far more often than from one fixed mix.
  bool any = false;
  for (auto& [weight, verb] : weights) {
    if (!(swarm >> static_cast<unsigned>(verb) & 1U)) weight = 0;
    any = any || weight > 0;
  }
  if (!any) weights = verb_weights(d);
  const auto flags = gen_flags(d);
  const bool flag_design = d.binding == Binding::flag;
  return rc::gen::exec([weights, flags, flag_design, containers] {
    Command c;
    std::size_t total = 0;
    for (const auto& [weight, verb] : weights) total += weight;
    std::size_t roll = static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, total));
    for (const auto& [weight, verb] : weights) {
      if (roll < weight) {
        c.verb = verb;
        break;
      }
      roll -= weight;
    }
    c.actor = *gen_task();
    if (containers && c.verb == Verb::clone && *rc::gen::inRange(0, 3) == 0) {
      c.container = true;
      c.unprivileged = *rc::gen::inRange(0, 2) == 0;
      c.activate = *rc::gen::inRange(0, 3) != 0;
      c.flags = static_cast<std::uint8_t>(kNewUser | kNewNs | (flag_design ? kNewIma : 0));
      return c;
    }
    if (c.verb != Verb::inject_enomem && *rc::gen::inRange(0, 8) == 0) {
      c.fault = true;
      c.fault_skip = static_cast<std::uint8_t>(*rc::gen::inRange(0, 8));
    }
    switch (c.verb) {
      case Verb::clone:
      case Verb::unshare:
        c.flags = *flags;
        break;
      case Verb::setns:
        c.other = *gen_task();
        c.ns_type = flag_design ? *rc::gen::element(NsType::user, NsType::mnt, NsType::ima)
                                : *rc::gen::element(NsType::user, NsType::mnt);
        break;
      case Verb::setuid:
        c.value = *rc::gen::weightedElement<std::uint32_t>({{3, 1000U}, {1, 0U}});
        break;
      case Verb::policy:
      case Verb::policy_for_children:
        c.rules = *gen_rules();
        break;
      case Verb::keyload:
        c.key = static_cast<std::uint8_t>(*rc::gen::inRange(0, 2));
        break;
      case Verb::sign:
        c.key = static_cast<std::uint8_t>(*rc::gen::inRange(0, 2));
        c.file = static_cast<std::uint8_t>(*rc::gen::inRange(0, 3));
        break;
      case Verb::inject_enomem:
        // Up to ten allocations in: clone with new user and mount namespaces
        // makes seven.
        c.value = static_cast<std::uint32_t>(
            *rc::gen::weightedElement<int>({{4, 0}, {4, 1}, {3, 2}, {2, 3}, {1, 4}, {1, 5},
                                            {1, 6}, {1, 7}, {1, 8}, {1, 9}}));
        break;
      default:
        c.file = static_cast<std::uint8_t>(*rc::gen::inRange(0, 3));
        break;
    }
    return c;
  });
}

// RapidCheck scales integer ranges by the test's size; the size should decide
// how long a trace is, not which verbs or flags it can draw.
rc::Gen<std::vector<Command>> gen_commands(const Design& d, int max_steps, bool containers,
                                           std::uint32_t verbs) {
  return rc::gen::mapcat(
      verbs ? rc::gen::just(verbs)
            : rc::gen::resize(rc::kNominalSize, rc::gen::arbitrary<std::uint32_t>()),
      [d, max_steps, containers](std::uint32_t swarm) {
        // Lengths grow with the test's size and reach max_steps halfway
        // through a chunk: short cases first, for the quick shallow bugs.
        return rc::gen::withSize([d, max_steps, swarm, containers](int size) {
          const int bound = std::min(max_steps, 1 + size * max_steps * 2 / rc::kNominalSize);
          return rc::gen::resize(
              bound, rc::gen::container<std::vector<Command>>(
                         rc::gen::resize(rc::kNominalSize, gen_command(d, swarm, containers))));
        });
      });
}

namespace {
TaskId pick(const TaskSel& sel, const State& s) {
  std::vector<TaskId> live;
  for (std::size_t i = 0; i < s.tasks.size(); ++i)
    if (s.tasks[i].alive) live.push_back(TaskId{static_cast<std::uint16_t>(i)});
  switch (sel.how) {
    case 0:
      return live.back();
    case 1:
      return live[sel.n % live.size()];
    default:
      return kTask0;
  }
}
}  // namespace

std::optional<Step> interpret(const Command& c, const State& s, const World& w) {
  // Only the arguments the verb takes are set, as a trace's reader sets them.
  Step step;
  step.verb = c.verb;
  if (c.verb == Verb::inject_enomem) {
    step.value = c.value;
    return step;
  }
  step.task = pick(c.actor, s);
  auto need_file = [&] {
    if (w.files.empty()) return false;
    step.file = FileId{static_cast<std::uint16_t>(c.file % w.files.size())};
    return true;
  };
  auto need_key = [&] {
    if (w.keys.empty()) return false;
    step.key = KeyId{static_cast<std::uint16_t>(c.key % w.keys.size())};
    return true;
  };
  switch (c.verb) {
    case Verb::clone:
    case Verb::unshare:
      step.flags = c.flags;
      break;
    case Verb::setns:
      step.ns_type = c.ns_type;
      step.target = pick(c.other, s);
      if (step.target == step.task) return std::nullopt;
      break;
    case Verb::setuid:
      step.value = c.value;
      break;
    case Verb::policy:
    case Verb::policy_for_children:
      step.rules = c.rules;
      break;
    case Verb::keyload:
      if (!need_key()) return std::nullopt;
      break;
    case Verb::sign:
      if (!need_key() || !need_file()) return std::nullopt;
      break;
    case Verb::sign_bad:
    case Verb::unsign:
    case Verb::modify:
    case Verb::exec:
    case Verb::mmap:
    case Verb::open_read:
    case Verb::open_write:
      if (!need_file()) return std::nullopt;
      break;
    case Verb::exit:
      if (step.task == kTask0) return std::nullopt;  // init does not exit
      break;
    default:
      break;
  }
  return step;
}

void run_container(const Command& c, TaskId actor, const Design& d,
                   const std::function<const StepResult*(const Step&)>& run) {
  Step clone;
  clone.verb = Verb::clone;
  clone.task = actor;
  const StepResult* r = run(clone);
  if (!r || r->err != Errno::ok) return;
  const TaskId child = r->new_task;
  auto step = [&](Verb v, std::uint8_t flags = 0, std::uint32_t value = 0) {
    Step s;
    s.verb = v;
    s.task = child;
    s.flags = flags;
    s.value = value;
    const StepResult* res = run(s);
    return res && res->err == Errno::ok;
  };
  if (c.unprivileged && !step(Verb::setuid, 0, 1000)) return;
  // Host root gives a plain mount namespace its own policy in the spawn design.
  const bool spawned = d.binding == Binding::spawn && !c.unprivileged;
  if (!step(Verb::unshare, spawned ? std::uint8_t{kNewNs} : c.flags)) return;
  if (has_securityfs_instances(d)) {
    // As runc does: a root file system of its own, then its own securityfs.
    if (!step(Verb::pivot_root)) return;
    if (!step(Verb::mount_securityfs)) return;
    if (c.activate && !step(Verb::activate)) return;
  }
  if (spawned) step(Verb::spawn);
}

std::ostream& operator<<(std::ostream& os, const Command& c) {
  return os << "command(verb=" << static_cast<int>(c.verb) << ")";
}

}  // namespace imans::search
