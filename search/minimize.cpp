#include "search/minimize.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "model/policy/builtin.hpp"
#include "model/policy/parse.hpp"
#include "traces/replay.hpp"

namespace imans::search {

namespace {

using traces::Expect;
using traces::Statement;
using traces::StepLine;
using traces::Trace;

// Replays with the stated outcomes cleared; on success, the trace with the
// outcomes the replay found and the violating step marked.
std::optional<Trace> still_fails(Trace t, properties::PropertyId p) {
  for (auto& s : t.statements)
    if (auto* st = std::get_if<StepLine>(&s)) {
      st->expected.reset();
      st->comment.clear();
    }
  const auto r = traces::replay(t);
  if (r.status != traces::ReplayResult::Status::ok || !r.violated.test(properties::index(p)))
    return std::nullopt;
  std::size_t violating_line = 0;
  std::string message;
  for (const auto& f : r.first_violations)
    if (f.violation.property == p) {
      violating_line = f.pos.line;
      message = f.violation.message;
    }
  for (auto& s : t.statements)
    if (auto* e = std::get_if<Expect>(&s); e && e->kind == Expect::Kind::violated) e->comment = message;
  for (const auto& rec : r.records) {
    if (rec.is_expect) continue;
    auto& st = std::get<StepLine>(t.statements[rec.statement]);
    if (st.step.verb != Verb::inject_enomem) st.expected = rec.outcome;
    if (rec.pos.line == violating_line)
      st.comment = fmt::format("violates {}", properties::property_name(p));
  }
  return t;
}

// Positions are what replay reports lines by; keep them distinct and ordered.
void renumber(Trace& t) {
  std::size_t line = 1;
  for (auto& s : t.statements)
    std::visit([&](auto& x) { x.pos.line = line++; }, s);
}

void prune_world(Trace& t) {
  std::set<std::uint16_t> files, keys;
  for (const auto& s : t.statements) {
    if (const auto* st = std::get_if<StepLine>(&s)) {
      if (st->step.file.some()) files.insert(st->step.file.v);
      const Verb v = st->step.verb;
      if (v == Verb::sign || v == Verb::keyload) keys.insert(st->step.key.v);
    } else if (const auto* e = std::get_if<Expect>(&s)) {
      if (e->kind == Expect::Kind::measured || e->kind == Expect::Kind::audited)
        files.insert(e->file.v);
    }
  }
  // Keys on the host keyring matter to appraisal even when no step names them.
  for (std::size_t k = 0; k < t.world.keys.size(); ++k)
    if (t.world.host_keys >> k & 1U) keys.insert(static_cast<std::uint16_t>(k));
  auto remap = [](const std::set<std::uint16_t>& kept) {
    std::vector<std::uint16_t> m(kept.empty() ? 0 : *kept.rbegin() + 1, 0xffff);
    std::uint16_t n = 0;
    for (auto k : kept) m[k] = n++;
    return m;
  };
  const auto fmap = remap(files);
  const auto kmap = remap(keys);
  World w = t.world;
  w.files.clear();
  w.keys.clear();
  w.host_keys = 0;
  for (auto f : files) w.files.push_back(t.world.files[f]);
  for (auto k : keys) {
    if (t.world.host_keys >> k & 1U) w.host_keys |= KeySet{1} << w.keys.size();
    w.keys.push_back(t.world.keys[k]);
  }
  std::vector<traces::WorldLine> lines;
  for (auto l : t.world_lines) {
    using K = traces::WorldLine::Kind;
    if (l.kind == K::file) {
      if (!files.count(static_cast<std::uint16_t>(l.index))) continue;
      l.index = fmap[l.index];
    } else if (l.kind == K::key || l.kind == K::host_key) {
      if (!keys.count(static_cast<std::uint16_t>(l.index))) continue;
      l.index = kmap[l.index];
    }
    lines.push_back(l);
  }
  for (auto& s : t.statements) {
    if (auto* st = std::get_if<StepLine>(&s)) {
      if (st->step.file.some()) st->step.file = FileId{fmap[st->step.file.v]};
      if (st->step.key.some() && st->step.key.v < kmap.size() && kmap[st->step.key.v] != 0xffff)
        st->step.key = KeyId{kmap[st->step.key.v]};
    } else if (auto* e = std::get_if<Expect>(&s)) {
      if (e->file.some()) e->file = FileId{fmap[e->file.v]};
    }
  }
  t.world = std::move(w);
  t.world_lines = std::move(lines);
}

// Rebuilds the compiled host policy from the trace's host-policy lines.
void rebuild_host_policy(Trace& t) {
  t.world.host_policy.clear();
  t.world.builtin_policy.clear();
  for (const auto& line : t.host_policy) {
    if (!line.builtin.empty()) {
      if (auto text = policy::builtin_policy_text(line.builtin))
        for (auto& r : policy::parse_policy(*text).rules) t.world.builtin_policy.push_back(r.rule);
      continue;
    }
    for (const auto& text : line.rules) {
      const auto parsed = policy::parse_rule(text);
      if (const auto* r = std::get_if<policy::Rule>(&parsed)) t.world.host_policy.push_back(*r);
    }
  }
}

// Drops host-policy lines, then single rules, that the failure does not need.
void shrink_host_policy(Trace& best, properties::PropertyId p) {
  for (std::size_t i = best.host_policy.size(); i-- > 0;) {
    Trace c = best;
    c.host_policy.erase(c.host_policy.begin() + static_cast<std::ptrdiff_t>(i));
    std::vector<traces::WorldLine> lines;
    for (auto l : c.world_lines) {
      if (l.kind == traces::WorldLine::Kind::host_policy) {
        if (l.index == i) continue;
        if (l.index > i) --l.index;
      }
      lines.push_back(l);
    }
    c.world_lines = std::move(lines);
    rebuild_host_policy(c);
    if (auto ok = still_fails(c, p)) best = std::move(*ok);
  }
  for (std::size_t i = 0; i < best.host_policy.size(); ++i) {
    for (std::size_t j = best.host_policy[i].rules.size(); j-- > 0 && best.host_policy[i].rules.size() > 1;) {
      Trace c = best;
      auto& rules = c.host_policy[i].rules;
      rules.erase(rules.begin() + static_cast<std::ptrdiff_t>(j));
      rebuild_host_policy(c);
      if (auto ok = still_fails(c, p)) best = std::move(*ok);
    }
  }
}

// Names tasks t1, t2, ... in the order their clones appear, so a trace that
// lost a clone while shrinking does not skip a number.
void rename_tasks(Trace& t) {
  std::map<std::string, std::string> names{{"t0", "t0"}};
  int next = 1;
  auto name = [&](const std::string& old) -> std::string {
    auto it = names.find(old);
    return it == names.end() ? old : it->second;
  };
  for (auto& s : t.statements) {
    if (auto* st = std::get_if<StepLine>(&s)) {
      st->actor = name(st->actor);
      st->target = name(st->target);
      if (st->step.verb == Verb::clone) {
        const std::string fresh = fmt::format("t{}", next++);
        names[st->new_task] = fresh;
        st->new_task = fresh;
      }
    } else if (auto* e = std::get_if<Expect>(&s)) {
      e->ns.task = name(e->ns.task);
    }
  }
}

// Renames task `from` to `to` in the statements from index `start` on.
void rename_task(Trace& t, std::size_t start, const std::string& from, const std::string& to) {
  for (std::size_t i = start; i < t.statements.size(); ++i) {
    if (auto* st = std::get_if<StepLine>(&t.statements[i])) {
      if (st->actor == from) st->actor = to;
      if (st->target == from) st->target = to;
    } else if (auto* e = std::get_if<Expect>(&t.statements[i])) {
      if (e->ns.task == from) e->ns.task = to;
    }
  }
}

// Step deletion cannot remove a clone whose child does the work: every later
// step of the child would name a task that no longer exists. So a clone is
// also tried folded into its parent: the parent does the child's steps
// itself, after unsharing the namespaces the clone would have made (or with
// no step at all). `t0 clone t1; t1 setuid 1000; t1 exec` becomes `t0 setuid
// 1000; t0 exec` when that still fails.
bool fold_clones(Trace& best, properties::PropertyId p) {
  for (std::size_t i = 0; i < best.statements.size(); ++i) {
    const auto* st = std::get_if<StepLine>(&best.statements[i]);
    if (st == nullptr || st->step.verb != Verb::clone) continue;
    const std::string parent = st->actor, child = st->new_task;
    std::vector<Trace> candidates;
    candidates.push_back(best);
    candidates.back().statements.erase(candidates.back().statements.begin() +
                                       static_cast<std::ptrdiff_t>(i));
    rename_task(candidates.back(), i, child, parent);
    if (st->step.flags != 0) {
      candidates.push_back(best);
      auto& un = std::get<StepLine>(candidates.back().statements[i]);
      un.step.verb = Verb::unshare;
      un.new_task.clear();
      rename_task(candidates.back(), i + 1, child, parent);
    }
    for (auto& c : candidates)
      if (auto ok = still_fails(std::move(c), p)) {
        best = std::move(*ok);
        return true;
      }
  }
  return false;
}

}  // namespace

Trace minimize_trace(const Trace& trace, properties::PropertyId property) {
  Trace best = trace;
  renumber(best);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = best.statements.size(); i-- > 0;) {
      if (!std::holds_alternative<StepLine>(best.statements[i])) continue;
      Trace candidate = best;
      candidate.statements.erase(candidate.statements.begin() + static_cast<std::ptrdiff_t>(i));
      if (auto ok = still_fails(candidate, property)) {
        best = std::move(*ok);
        changed = true;
      }
    }
    if (!changed) changed = fold_clones(best, property);
  }
  shrink_host_policy(best, property);
  rename_tasks(best);
  Trace pruned = best;
  prune_world(pruned);
  if (auto ok = still_fails(pruned, property)) best = std::move(*ok);
  return best;
}

}  // namespace imans::search
