#include "traces/replay.hpp"

#include <fmt/format.h>

#include <map>

#include "model/kernel/kernel.hpp"
#include "model/model.hpp"
#include "model/print.hpp"
#include "model/query.hpp"
#include "traces/write.hpp"

namespace imans::traces {

namespace {

struct TaskSlot {
  TaskId id;            // none when the clone failed
  std::size_t line = 0;  // where it was cloned (or failed to be)
};

bool compare(std::uint64_t a, CmpOp op, std::uint64_t b) {
  switch (op) {
    case CmpOp::eq:
      return a == b;
    case CmpOp::ne:
      return a != b;
    case CmpOp::lt:
      return a < b;
    case CmpOp::le:
      return a <= b;
    case CmpOp::gt:
      return a > b;
    case CmpOp::ge:
      return a >= b;
  }
  return false;
}

class Runner {
public:
  Runner(const Trace& t, const ReplayOptions& o)
      : trace_(t), options_(o), state_(boot(t.config, t.world)), checker_(t.config, t.world) {
    slots_["t0"] = TaskSlot{kTask0, 0};
    result_.task_names.push_back("t0");
  }

  ReplayResult run() {
    for (auto& v : checker_.start(state_)) note_violation(v, Pos{}, state_);
    for (std::size_t i = 0; i < trace_.statements.size(); ++i) {
      const Statement& st = trace_.statements[i];
      if (std::holds_alternative<Comment>(st)) continue;
      const bool ok = std::holds_alternative<StepLine>(st)
                          ? run_step(i, std::get<StepLine>(st))
                          : run_expect(i, std::get<Expect>(st));
      if (!ok) break;
    }
    result_.violated = checker_.violated();
    result_.premises = checker_.premises();
    result_.final_state = std::move(state_);
    return std::move(result_);
  }

private:
  void fail(ReplayResult::Status status, Pos pos, std::string message) {
    result_.status = status;
    result_.failed_at = pos;
    result_.message = std::move(message);
  }

  void note_violation(const properties::Violation& v, Pos pos, const State& s) {
    for (const auto& f : result_.first_violations)
      if (f.violation.property == v.property) return;
    result_.first_violations.push_back(FirstViolation{v, pos, s});
  }

  // The task a name denotes now, or an error message.
  std::variant<TaskId, std::string> resolve(const std::string& name, bool must_be_alive) {
    auto it = slots_.find(name);
    if (it == slots_.end()) return fmt::format("task {} does not exist", name);
    if (it->second.id.none())
      return fmt::format("task {} does not exist: its clone at line {} failed", name,
                         it->second.line);
    if (must_be_alive && !state_.at(it->second.id).alive)
      return fmt::format("task {} has exited", name);
    return it->second.id;
  }

  bool run_step(std::size_t index, const StepLine& line) {
    Step step = line.step;
    if (step.verb != Verb::inject_enomem) {
      auto actor = resolve(line.actor, true);
      if (auto* err = std::get_if<std::string>(&actor)) {
        fail(ReplayResult::Status::error, line.pos, *err);
        return false;
      }
      step.task = std::get<TaskId>(actor);
      if (step.verb == Verb::setns) {
        auto target = resolve(line.target, false);
        if (auto* err = std::get_if<std::string>(&target)) {
          fail(ReplayResult::Status::error, line.pos, *err);
          return false;
        }
        step.target = std::get<TaskId>(target);
      }
    }
    const State before = state_;
    StepResult r = apply(state_, trace_.config, trace_.world, step);
    ++result_.steps_run;
    StepRecord rec;
    rec.statement = index;
    rec.pos = line.pos;
    StepLine shown = line;
    shown.expected = r.err;  // print what happened
    rec.text = write_statement(shown, trace_.world);
    rec.outcome = r.err;
    if (step.verb == Verb::clone) {
      slots_[line.new_task] = TaskSlot{r.new_task, line.pos.line};
      if (r.new_task.some()) {
        if (result_.task_names.size() <= r.new_task.v) result_.task_names.resize(r.new_task.v + 1);
        result_.task_names[r.new_task.v] = line.new_task;
      }
    }
    rec.violations = checker_.observe(before, step, r, state_);
    for (const auto& v : rec.violations) note_violation(v, line.pos, state_);
    if (options_.record_states)
      rec.state = format_state(state_, trace_.config, trace_.world, result_.task_names);
    if (!r.unmodelled.empty()) {
      rec.matched = false;
      result_.records.push_back(std::move(rec));
      fail(ReplayResult::Status::error, line.pos, r.unmodelled);
      return false;
    }
    if (line.expected && *line.expected != r.err) {
      rec.matched = false;
      result_.records.push_back(std::move(rec));
      fail(ReplayResult::Status::mismatch, line.pos,
           fmt::format("expected {}, got {}", errno_name(*line.expected), errno_name(r.err)));
      return false;
    }
    result_.records.push_back(std::move(rec));
    return true;
  }

  // The object a namespace reference denotes now, or an error message.
  std::variant<ObjRef, std::string> resolve(const NsRef& r) {
    switch (r.form) {
      case NsRef::Form::init:
        return ref(kInitImaNs);
      case NsRef::Form::numbered: {
        const ObjRef o{r.kind, r.number};
        if (r.number >= state_.count_of(r.kind))
          return fmt::format("{} was never created ({} {} namespace(s) so far)", to_string(o),
                             state_.count_of(r.kind), kind_name(r.kind));
        return o;
      }
      case NsRef::Form::of_task: {
        auto t = resolve(r.task, true);
        if (auto* err = std::get_if<std::string>(&t)) return *err;
        const Task& task = state_.at(std::get<TaskId>(t));
        switch (r.kind) {
          case ObjKind::user:
            return ref(task.cred.user);
          case ObjKind::mnt:
            return ref(state_.at(task.nsproxy).mnt);
          case ObjKind::ima: {
            const ImaNsId ns = governing_ns(state_, trace_.config.design, task);
            if (ns.none())
              return fmt::format("{} has no IMA namespace of its own in this design", r.task);
            return ref(ns);
          }
          default:
            return fmt::format("{} namespaces cannot be named by task", kind_name(r.kind));
        }
      }
    }
    return std::string("bad namespace reference");
  }

  std::string violated_list() const {
    std::vector<std::string> v;
    for (const auto& f : result_.first_violations)
      v.push_back(fmt::format("{} (line {}: {})", properties::property_name(f.violation.property),
                              f.pos.line, f.violation.message));
    return fmt::format("{}", fmt::join(v, "; "));
  }

  bool run_expect(std::size_t index, const Expect& e) {
    StepRecord rec;
    rec.statement = index;
    rec.pos = e.pos;
    rec.text = write_statement(e, trace_.world);
    rec.is_expect = true;
    auto done = [&](bool ok, std::string found) {
      rec.matched = ok;
      rec.note = found;
      result_.records.push_back(std::move(rec));
      if (!ok) fail(ReplayResult::Status::mismatch, e.pos, found);
      return ok;
    };
    auto with_ns = [&]() -> std::optional<ObjRef> {
      auto r = resolve(e.ns);
      if (auto* err = std::get_if<std::string>(&r)) {
        rec.matched = false;
        result_.records.push_back(rec);
        fail(ReplayResult::Status::error, e.ns.pos, *err);
        return std::nullopt;
      }
      return std::get<ObjRef>(r);
    };
    using K = Expect::Kind;
    switch (e.kind) {
      case K::measured:
      case K::audited: {
        auto o = with_ns();
        if (!o) return false;
        if (o->kind != ObjKind::ima) {
          fail(ReplayResult::Status::error, e.ns.pos,
               fmt::format("{} is not an IMA namespace", to_string(*o)));
          return false;
        }
        const ImaNsId ns{o->id};
        const std::size_t n = e.kind == K::measured ? measured_count(state_, ns, e.file)
                                                    : audited_count(state_, ns, e.file);
        return done(compare(n, e.op, e.n),
                    fmt::format("{} has {} {} for {}", to_string(*o), n,
                                e.kind == K::measured ? "measurement(s)" : "audit record(s)",
                                trace_.world.files[e.file.v].path));
      }
      case K::refcount: {
        auto o = with_ns();
        if (!o) return false;
        std::int64_t count = 0;
        switch (o->kind) {
          case ObjKind::user:
            count = state_.users[o->id].count;
            break;
          case ObjKind::mnt:
            count = state_.mnts[o->id].count;
            break;
          case ObjKind::ima:
            if (!kref_lifetime(trace_.config.design)) {
              fail(ReplayResult::Status::error, e.ns.pos,
                   "IMA namespaces of this design have no reference count: they live as long as "
                   "their user namespace");
              return false;
            }
            count = state_.imas[o->id].kref;
            break;
          default:
            break;
        }
        return done(count >= 0 && compare(static_cast<std::uint64_t>(count), e.op, e.n),
                    fmt::format("{} has count {}", to_string(*o), count));
      }
      case K::live:
      case K::freed: {
        auto o = with_ns();
        if (!o) return false;
        const bool live = state_.live(*o);
        return done(live == (e.kind == K::live),
                    fmt::format("{} is {}", to_string(*o), live ? "live" : "freed"));
      }
      case K::live_count: {
        const std::size_t n = state_.live_count(e.count_kind);
        return done(compare(n, e.op, e.n),
                    fmt::format("{} live {} namespace(s)", n, kind_name(e.count_kind)));
      }
      case K::holds:
        return done(checker_.holds(), checker_.holds() ? "every property holds"
                                                       : "violated: " + violated_list());
      case K::violated: {
        const auto id = properties::find_property(e.property);
        const bool v = id && checker_.violated().test(properties::index(*id));
        return done(v, v ? fmt::format("{} is violated", e.property)
                         : fmt::format("{} holds on the trace so far", e.property));
      }
    }
    return false;
  }

  const Trace& trace_;
  const ReplayOptions& options_;
  State state_;
  properties::Checker checker_;
  std::map<std::string, TaskSlot> slots_;
  ReplayResult result_;
};

}  // namespace

ReplayResult replay(const Trace& trace, const ReplayOptions& options) {
  return Runner(trace, options).run();
}

std::string describe_failure(const Trace& trace, const ReplayResult& r) {
  return fmt::format("{}:{}:{}: {}", trace.file, r.failed_at.line, r.failed_at.column, r.message);
}

}  // namespace imans::traces
