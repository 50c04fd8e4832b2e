#include "model/state.hpp"

#include <fmt/format.h>

namespace imans {

const char* kind_name(ObjKind k) {
  switch (k) {
    case ObjKind::user:
      return "user";
    case ObjKind::mnt:
      return "mnt";
    case ObjKind::ima:
      return "ima";
    case ObjKind::nsproxy:
      return "nsproxy";
    case ObjKind::cache:
      return "ns_status_cache";
  }
  return "?";
}

std::string to_string(ObjRef r) { return fmt::format("{}#{}", kind_name(r.kind), r.id); }

bool State::live(ObjRef r) const {
  switch (r.kind) {
    case ObjKind::user:
      return r.id < users.size() && users[r.id].life == Life::live;
    case ObjKind::mnt:
      return r.id < mnts.size() && mnts[r.id].life == Life::live;
    case ObjKind::ima:
      return r.id < imas.size() && imas[r.id].life == Life::live;
    case ObjKind::nsproxy:
      return r.id < nsproxies.size() && nsproxies[r.id].life == Life::live;
    case ObjKind::cache:
      return r.id < caches.size() && caches[r.id].life == Life::live;
  }
  return false;
}

std::size_t State::count_of(ObjKind k) const {
  switch (k) {
    case ObjKind::user:
      return users.size();
    case ObjKind::mnt:
      return mnts.size();
    case ObjKind::ima:
      return imas.size();
    case ObjKind::nsproxy:
      return nsproxies.size();
    case ObjKind::cache:
      return caches.size();
  }
  return 0;
}

std::size_t State::live_count(ObjKind k) const {
  std::size_t n = 0;
  for (std::size_t i = 0; i < count_of(k); ++i)
    if (live(ObjRef{k, static_cast<std::uint16_t>(i)})) ++n;
  return n;
}

namespace {
bool same_policy(const PolicyRef& a, const PolicyRef& b) { return a == b || *a == *b; }
}  // namespace

bool operator==(const UserNs& a, const UserNs& b) {
  return a.life == b.life && a.count == b.count && a.parent == b.parent && a.owner == b.owner &&
         a.group == b.group && a.level == b.level && a.ima == b.ima &&
         a.securityfs == b.securityfs;
}
bool operator==(const MntNs& a, const MntNs& b) {
  return a.life == b.life && a.count == b.count && a.user == b.user && a.ima == b.ima &&
         a.securityfs == b.securityfs;
}
bool operator==(const ImaNs& a, const ImaNs& b) {
  return a.life == b.life && a.kref == b.kref && a.parent == b.parent && a.user == b.user &&
         a.active == b.active && a.default_rules == b.default_rules && same_policy(a.policy, b.policy) && a.keyring == b.keyring &&
         a.status_cache == b.status_cache && a.keys_queued == b.keys_queued;
}
bool operator==(const Nsproxy& a, const Nsproxy& b) {
  return a.life == b.life && a.count == b.count && a.mnt == b.mnt && a.ima == b.ima &&
         a.ima_for_children == b.ima_for_children;
}
bool operator==(const StatusCache& a, const StatusCache& b) {
  return a.life == b.life && a.owner == b.owner;
}
bool operator==(const Cred& a, const Cred& b) {
  return a.uid == b.uid && a.euid == b.euid && a.suid == b.suid && a.gid == b.gid &&
         a.egid == b.egid && a.sgid == b.sgid && a.user == b.user && a.permitted == b.permitted &&
         a.effective == b.effective;
}
bool operator==(const Task& a, const Task& b) {
  return a.alive == b.alive && a.cred == b.cred && a.nsproxy == b.nsproxy &&
         a.fs_users == b.fs_users;
}
bool operator==(const FileState& a, const FileState& b) {
  return a.version == b.version && a.xattr == b.xattr;
}
bool operator==(const Measurement& a, const Measurement& b) {
  return a.ns == b.ns && a.file == b.file && a.version == b.version && a.pcr == b.pcr &&
         a.template_id == b.template_id && a.xattr == b.xattr && a.seq == b.seq;
}
bool operator==(const AuditRecord& a, const AuditRecord& b) {
  return a.ns == b.ns && a.file == b.file && a.version == b.version && a.func == b.func &&
         a.seq == b.seq;
}
bool operator==(const IintStatus& a, const IintStatus& b) {
  return a.ns == b.ns && a.file == b.file && a.measured_pcrs == b.measured_pcrs &&
         a.appraised == b.appraised && a.audited == b.audited;
}

bool operator==(const State& a, const State& b) {
  return a.users == b.users && a.mnts == b.mnts && a.imas == b.imas &&
         a.nsproxies == b.nsproxies && a.caches == b.caches && a.tasks == b.tasks &&
         a.files == b.files && a.log == b.log && a.audit == b.audit &&
         a.iints == b.iints && a.seq == b.seq && a.fail_alloc_after == b.fail_alloc_after;
}

}  // namespace imans
