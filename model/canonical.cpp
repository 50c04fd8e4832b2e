#include "model/canonical.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace imans {

namespace {

// FNV-1a over explicitly sized integers: the same on every machine.
class Hasher {
public:
  void add(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h_ ^= (v >> (8 * i)) & 0xff;
      h_ *= 0x100000001b3ULL;
    }
  }
  [[nodiscard]] std::uint64_t value() const { return h_; }

private:
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

constexpr std::uint32_t kUnmapped = 0xffffffff;

void add_rule(Hasher& h, const policy::Rule& r) {
  h.add(r.action);
  h.add(r.flags);
  h.add(static_cast<std::uint64_t>(r.func));
  h.add(r.mask);
  h.add(r.fsmagic);
  for (const policy::IdCond* c : {&r.uid, &r.gid, &r.fowner, &r.fgroup}) {
    h.add(static_cast<std::uint64_t>(c->op));
    h.add(c->value);
  }
  h.add(r.pcr);
  h.add(r.appraise_algos);
}

struct Renumbering {
  std::array<std::vector<std::uint32_t>, 5> map;  // by ObjKind
  std::array<std::uint32_t, 5> next{};

  std::uint32_t of(ObjRef r) const {
    const auto& m = map[static_cast<std::size_t>(r.kind)];
    return r.id < m.size() ? m[r.id] : kUnmapped;
  }
  bool reach(ObjRef r) {
    auto& m = map[static_cast<std::size_t>(r.kind)];
    if (r.id >= m.size() || m[r.id] != kUnmapped) return false;
    m[r.id] = next[static_cast<std::size_t>(r.kind)]++;
    return true;
  }
};

class Walk {
public:
  Walk(const State& s, Renumbering& n) : s_(s), n_(n) {}

  void user(UserNsId id) {
    if (id.none() || s_.at(id).life != Life::live || !n_.reach(ref(id))) return;
    user(s_.at(id).parent);
    ima(s_.at(id).ima);
  }
  void mnt(MntNsId id) {
    if (id.none() || s_.at(id).life != Life::live || !n_.reach(ref(id))) return;
    user(s_.at(id).user);
    ima(s_.at(id).ima);
  }
  void ima(ImaNsId id) {
    if (id.none() || s_.at(id).life != Life::live || !n_.reach(ref(id))) return;
    ima(s_.at(id).parent);
    user(s_.at(id).user);
    const CacheId c = s_.at(id).status_cache;
    if (c.some() && s_.at(c).life == Life::live) n_.reach(ref(c));
  }
  void nsproxy(NsproxyId id) {
    if (id.none() || s_.at(id).life != Life::live || !n_.reach(ref(id))) return;
    mnt(s_.at(id).mnt);
    ima(s_.at(id).ima);
    ima(s_.at(id).ima_for_children);
  }

private:
  const State& s_;
  Renumbering& n_;
};

}  // namespace

std::uint64_t canonical_hash(const State& s, const Config& cfg) {
  Renumbering n;
  for (std::size_t k = 0; k < 5; ++k)
    n.map[k].assign(s.count_of(static_cast<ObjKind>(k)), kUnmapped);
  Walk walk(s, n);
  walk.user(kInitUserNs);
  walk.mnt(kInitMntNs);
  walk.ima(kInitImaNs);
  walk.nsproxy(kInitNsproxy);
  for (const Task& t : s.tasks) {
    if (!t.alive) continue;
    walk.user(t.cred.user);
    walk.nsproxy(t.nsproxy);
  }
  // Leaked objects are still part of the state: number them last, by id.
  for (std::size_t k = 0; k < 5; ++k)
    for (std::size_t i = 0; i < s.count_of(static_cast<ObjKind>(k)); ++i) {
      const ObjRef r{static_cast<ObjKind>(k), static_cast<std::uint16_t>(i)};
      if (s.live(r)) n.reach(r);
    }

  Hasher h;
  h.add(static_cast<std::uint64_t>(cfg.design.binding));
  auto id = [&](ObjRef r) -> std::uint64_t {
    return r.id == 0xffff ? kUnmapped : n.of(r);
  };
  // Objects in canonical order.
  for (std::size_t k = 0; k < 5; ++k) {
    const auto kind = static_cast<ObjKind>(k);
    std::vector<std::uint16_t> order(n.next[k]);
    for (std::size_t i = 0; i < n.map[k].size(); ++i)
      if (n.map[k][i] != kUnmapped) order[n.map[k][i]] = static_cast<std::uint16_t>(i);
    h.add(0xA0 + k);
    for (std::uint16_t i : order) {
      switch (kind) {
        case ObjKind::user: {
          const UserNs& u = s.users[i];
          h.add(static_cast<std::uint64_t>(u.count));
          h.add(id(ref(u.parent)));
          h.add(u.owner);
          h.add(u.group);
          h.add(id(ref(u.ima)));
          h.add(u.securityfs);
          break;
        }
        case ObjKind::mnt: {
          const MntNs& m = s.mnts[i];
          h.add(static_cast<std::uint64_t>(m.count));
          h.add(id(ref(m.user)));
          h.add(id(ref(m.ima)));
          h.add(id(ref(m.securityfs)));
          break;
        }
        case ObjKind::ima: {
          const ImaNs& m = s.imas[i];
          h.add(static_cast<std::uint64_t>(m.kref));
          h.add(id(ref(m.parent)));
          h.add(id(ref(m.user)));
          h.add(m.active);
          h.add(m.default_rules);
          h.add(m.policy->size());
          for (const policy::Rule& r : *m.policy) add_rule(h, r);
          h.add(m.keyring);
          h.add(m.keys_queued);
          break;
        }
        case ObjKind::nsproxy: {
          const Nsproxy& p = s.nsproxies[i];
          h.add(static_cast<std::uint64_t>(p.count));
          h.add(id(ref(p.mnt)));
          h.add(id(ref(p.ima)));
          h.add(id(ref(p.ima_for_children)));
          break;
        }
        case ObjKind::cache:
          h.add(id(ref(s.caches[i].owner)));
          break;
      }
    }
  }
  h.add(0xB0);
  for (const Task& t : s.tasks) {
    if (!t.alive) continue;
    h.add(t.cred.uid);
    h.add(t.cred.euid);
    h.add(t.cred.suid);
    h.add(t.cred.gid);
    h.add(id(ref(t.cred.user)));
    h.add(t.cred.effective.bits);
    h.add(t.cred.permitted.bits);
    h.add(id(ref(t.nsproxy)));
  }
  h.add(0xC0);
  for (const FileState& f : s.files) {
    h.add(f.version);
    h.add(static_cast<std::uint64_t>(f.xattr.kind));
    h.add(f.xattr.key.v);
    h.add(f.xattr.version);
  }
  // The done flags of live namespaces, in canonical order.
  h.add(0xC8);
  std::vector<std::array<std::uint64_t, 5>> iints;
  for (const IintStatus& st : s.iints)
    if (s.live(ref(st.ns)) && (st.measured_pcrs || st.appraised || st.audited))
      iints.push_back({id(ref(st.ns)), st.file.v, st.measured_pcrs, st.appraised, st.audited});
  std::sort(iints.begin(), iints.end());
  for (const auto& row : iints)
    for (std::uint64_t v : row) h.add(v);
  // Lists of live namespaces only; the sequence numbers are history.
  h.add(0xD0);
  for (const Measurement& m : s.log)
    if (s.live(ref(m.ns))) {
      h.add(id(ref(m.ns)));
      h.add(m.file.v);
      h.add(m.version);
      h.add(m.pcr);
    }
  h.add(0xE0);
  for (const AuditRecord& a : s.audit)
    if (s.live(ref(a.ns))) {
      h.add(id(ref(a.ns)));
      h.add(a.file.v);
      h.add(a.version);
    }
  h.add(static_cast<std::uint64_t>(s.fail_alloc_after + 1));
  return h.value();
}

}  // namespace imans
