#include "model/print.hpp"

#include <fmt/format.h>

#include "model/edges.hpp"
#include "model/model.hpp"

namespace imans {

std::string task_name(const std::vector<std::string>& names, TaskId t) {
  if (t.v < names.size() && !names[t.v].empty()) return names[t.v];
  return fmt::format("task#{}", t.v);
}

namespace {

std::string keys_text(const World& w, KeySet set) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < w.keys.size(); ++i)
    if (set & (KeySet{1} << i)) names.push_back(w.keys[i]);
  return fmt::format("{{{}}}", fmt::join(names, ","));
}

std::string life(Life l) { return l == Life::live ? "" : " FREED"; }

void print_user(std::string& out, const State& s, UserNsId id, int depth) {
  const UserNs& u = s.at(id);
  out += fmt::format("{:{}}user#{} count={} owner={} level={}{}{}{}\n", "", 2 * depth, id.v,
                     u.count, u.owner, u.level,
                     u.ima.some() ? fmt::format(" ima#{}", u.ima.v) : "",
                     u.securityfs ? " securityfs" : "", life(u.life));
  for (std::size_t i = 0; i < s.users.size(); ++i)
    if (s.users[i].parent == id)
      print_user(out, s, UserNsId{static_cast<std::uint16_t>(i)}, depth + 1);
}

void print_ima(std::string& out, const State& s, const Config& cfg, const World& w, ImaNsId id,
               int depth) {
  const ImaNs& n = s.at(id);
  const std::string kref = kref_lifetime(cfg.design) ? fmt::format(" kref={}", n.kref) : "";
  out += fmt::format("{:{}}ima#{}{} user#{} {} policy={} rule(s) keys={}{}{}\n", "", 2 * depth,
                     id.v, kref, n.user.v, n.active ? "active" : "inactive", n.policy->size(),
                     keys_text(w, n.keyring),
                     n.status_cache.some() ? fmt::format(" cache#{}", n.status_cache.v) : "",
                     life(n.life));
  for (std::size_t i = 0; i < s.imas.size(); ++i)
    if (s.imas[i].parent == id && i != id.v)
      print_ima(out, s, cfg, w, ImaNsId{static_cast<std::uint16_t>(i)}, depth + 1);
}

}  // namespace

std::string format_state(const State& s, const Config& cfg, const World& w,
                         const std::vector<std::string>& task_names) {
  std::string out;
  print_user(out, s, kInitUserNs, 0);
  for (std::size_t i = 0; i < s.mnts.size(); ++i) {
    const MntNs& m = s.mnts[i];
    out += fmt::format("mnt#{} count={} user#{}{}{}\n", i, m.count, m.user.v,
                       m.ima.some() ? fmt::format(" ima#{}", m.ima.v) : "", life(m.life));
  }
  print_ima(out, s, cfg, w, kInitImaNs, 0);
  for (std::size_t i = 1; i < s.imas.size(); ++i)
    if (s.imas[i].parent.none() || s.imas[i].parent.v == i)
      print_ima(out, s, cfg, w, ImaNsId{static_cast<std::uint16_t>(i)}, 0);
  for (std::size_t i = 0; i < s.nsproxies.size(); ++i) {
    const Nsproxy& p = s.nsproxies[i];
    std::string ima;
    if (p.ima.some()) ima = fmt::format(" ima#{} for_children=ima#{}", p.ima.v, p.ima_for_children.v);
    out += fmt::format("nsproxy#{} count={} mnt#{}{}{}\n", i, p.count, p.mnt.v, ima, life(p.life));
  }
  for (std::size_t i = 0; i < s.tasks.size(); ++i) {
    const Task& t = s.tasks[i];
    const TaskId id{static_cast<std::uint16_t>(i)};
    if (!t.alive) {
      out += fmt::format("{} exited\n", task_name(task_names, id));
      continue;
    }
    out += fmt::format("{} uid={} euid={} user#{} nsproxy#{} caps={}\n", task_name(task_names, id),
                       t.cred.uid, t.cred.euid, t.cred.user.v, t.nsproxy.v,
                       t.cred.effective == CapSet::full()    ? "full"
                       : t.cred.effective == CapSet::empty() ? "none"
                                                              : "some");
  }
  return out;
}

}  // namespace imans
