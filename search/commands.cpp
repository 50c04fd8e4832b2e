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
    std::uint8_t f = 0;
    if (*rc::gen::inRange(0, 2)) f |= kNewUser;
    if (*rc::gen::inRange(0, 2)) f |= kNewNs;
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

rc::Gen<Command> gen_command(const Design& d) {
  const auto weights = verb_weights(d);
  const auto flags = gen_flags(d);
  const bool flag_design = d.binding == Binding::flag;
  return rc::gen::exec([weights, flags, flag_design] {
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
        c.value = *rc::gen::element(1000U, 0U);
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
        c.value = static_cast<std::uint32_t>(*rc::gen::inRange(0, 4));
        break;
      default:
        c.file = static_cast<std::uint8_t>(*rc::gen::inRange(0, 3));
        break;
    }
    return c;
  });
}

rc::Gen<std::vector<Command>> gen_commands(const Design& d) {
  return rc::gen::container<std::vector<Command>>(gen_command(d));
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
  Step step;
  step.verb = c.verb;
  if (c.verb == Verb::inject_enomem) {
    step.value = c.value;
    return step;
  }
  step.task = pick(c.actor, s);
  step.flags = c.flags;
  step.ns_type = c.ns_type;
  step.value = c.value;
  step.rules = c.rules;
  if (!w.files.empty()) step.file = FileId{static_cast<std::uint16_t>(c.file % w.files.size())};
  if (!w.keys.empty()) step.key = KeyId{static_cast<std::uint16_t>(c.key % w.keys.size())};
  switch (c.verb) {
    case Verb::exit:
      if (step.task == kTask0) return std::nullopt;  // init does not exit
      break;
    case Verb::setns:
      step.target = pick(c.other, s);
      if (step.target == step.task) return std::nullopt;
      break;
    case Verb::sign:
    case Verb::keyload:
      if (w.keys.empty()) return std::nullopt;
      break;
    default:
      break;
  }
  if ((c.verb == Verb::exec || c.verb == Verb::mmap || c.verb == Verb::open_read ||
       c.verb == Verb::open_write || c.verb == Verb::modify || c.verb == Verb::sign ||
       c.verb == Verb::sign_bad || c.verb == Verb::unsign) &&
      w.files.empty())
    return std::nullopt;
  return step;
}

std::ostream& operator<<(std::ostream& os, const Command& c) {
  return os << "command(verb=" << static_cast<int>(c.verb) << ")";
}

}  // namespace imans::search
