#pragma once
// The modelled kernel's state: every namespace, nsproxy, task and file, as
// plain values. A freed object stays as a tombstone (life == freed) so that a
// later get, put or read of it is caught, and so that ids are never reused.
// Pointers that hold a reference are the id fields below; model/edges.hpp says
// which of them are counted in which design.
#include <cstdint>
#include <memory>
#include <vector>

#include "model/caps.hpp"
#include "model/ids.hpp"
#include "model/policy/rule.hpp"
#include "model/world.hpp"

namespace imans {

enum class Life : std::uint8_t { live, freed };

using Policy = std::vector<policy::Rule>;
using PolicyRef = std::shared_ptr<const Policy>;

struct UserNs {
  Life life = Life::live;
  std::int32_t count = 1;     // ns.count
  UserNsId parent;            // holds a reference
  std::uint32_t owner = 0;    // kuid that uid 0 inside maps to (the creator's euid)
  std::uint32_t group = 0;    // kgid that gid 0 inside maps to
  std::uint8_t level = 0;
  ImaNsId ima;                // binding user / user-lazy: user_ns->ima_ns
  bool securityfs = false;    // user-lazy: a securityfs instance is mounted for it
};

struct MntNs {
  Life life = Life::live;
  std::int32_t count = 1;
  UserNsId user;              // owning user namespace, holds a reference
  ImaNsId ima;                // binding mnt / spawn: mnt_ns->ima_ns
  // The securityfs instance mounted at /sys/kernel/security, named by the
  // user namespace it belongs to (sb->s_user_ns); none after pivot-root. It
  // holds no count of its own: the instance's user namespace is always this
  // mount namespace's owner or an ancestor of it, which the owner reference
  // already keeps alive.
  UserNsId securityfs;
};

struct ImaNs {
  Life life = Life::live;
  std::int32_t kref = 1;      // unused where the lifetime is the user namespace's
  ImaNsId parent;
  UserNsId user;              // owning user namespace
  bool active = true;
  PolicyRef policy;           // never null
  bool default_rules = false;  // init_ima_ns: still the builtin list (no custom policy yet)
  KeySet keyring = 0;         // the keys on the keyring it appraises with
  CacheId status_cache;       // user-lazy: the ns_status cache made at initialisation
  bool keys_queued = false;   // user-lazy init_ima_ns: the key queue holds a user_ns ref
};

struct Nsproxy {
  Life life = Life::live;
  std::int32_t count = 1;
  MntNsId mnt;
  ImaNsId ima;                // binding flag
  ImaNsId ima_for_children;   // binding flag
};

// Per-namespace caches (the ns_status kmem_cache of Berger's series).
struct StatusCache {
  Life life = Life::live;
  ImaNsId owner;
};

struct Cred {
  std::uint32_t uid = 0, euid = 0, suid = 0;
  std::uint32_t gid = 0, egid = 0, sgid = 0;
  UserNsId user;              // holds a reference
  CapSet permitted = CapSet::full();
  CapSet effective = CapSet::full();
};

struct Task {
  bool alive = true;
  Cred cred;
  NsproxyId nsproxy;          // holds a reference
  std::uint8_t fs_users = 1;  // fs_struct users; setns to a mount namespace wants 1
};

enum class XattrKind : std::uint8_t { none, hash, sig, bad };

// security.ima: a hash or a signature is over one content version.
struct ImaXattr {
  XattrKind kind = XattrKind::none;
  KeyId key;                  // sig: the signing key
  std::uint32_t version = 0;  // hash, sig: the content version it covers
  friend bool operator==(const ImaXattr&, const ImaXattr&) = default;
};

struct FileState {
  std::uint32_t version = 1;  // content version; modify increments it
  ImaXattr xattr;
};

// One entry of a namespace's measurement list (ima-ng unless the rule said
// otherwise). seq orders entries across namespaces: with one global list
// (binding flag) the list is all entries in seq order, tagged by namespace.
struct Measurement {
  ImaNsId ns;
  FileId file;
  std::uint32_t version = 0;
  std::uint8_t pcr = policy::kDefaultPcr;
  std::uint8_t template_id = 0;  // 0 ima-ng, 1 ima-sig, 2 ima
  ImaXattr xattr;                // security.ima when measured, for ima-sig
  std::uint32_t seq = 0;
};

struct AuditRecord {
  ImaNsId ns;
  FileId file;
  std::uint32_t version = 0;
  policy::Func func = policy::Func::none;
  std::uint32_t seq = 0;
};

// The appraisal cache slots (IMA_FILE_APPRAISED, IMA_MMAP_APPRAISED, ...).
enum class AppraiseKind : std::uint8_t { file, mmap, bprm, creds, read };
constexpr std::uint8_t appraise_bit(AppraiseKind k) {
  return static_cast<std::uint8_t>(1U << static_cast<unsigned>(k));
}

// What a namespace remembers about a file between accesses: the iint's done
// flags (per namespace: Berger's ns_status). They are shared by every subject:
// a pass cached for root lets any later subject through on that slot, as the
// kernel does. Only a pass is cached (ima_cache_flags() runs on
// INTEGRITY_PASS alone); a content change clears everything, and a
// security.ima write clears everything in a namespace whose policy has an
// appraise rule (ima_reset_appraise_flags()).
struct IintStatus {
  ImaNsId ns;
  FileId file;
  std::uint32_t measured_pcrs = 0;  // IMA_MEASURED, per PCR
  std::uint8_t appraised = 0;       // IMA_*_APPRAISED, by appraise_bit()
  bool audited = false;             // IMA_AUDITED
};

struct State {
  std::vector<UserNs> users;
  std::vector<MntNs> mnts;
  std::vector<ImaNs> imas;
  std::vector<Nsproxy> nsproxies;
  std::vector<StatusCache> caches;
  std::vector<Task> tasks;
  std::vector<FileState> files;
  std::vector<Measurement> log;
  std::vector<AuditRecord> audit;
  std::vector<IintStatus> iints;
  std::uint32_t seq = 0;
  // inject enomem: how many allocations still succeed before one fails; -1 none.
  std::int32_t fail_alloc_after = -1;

  [[nodiscard]] const UserNs& at(UserNsId i) const { return users[i.v]; }
  [[nodiscard]] const MntNs& at(MntNsId i) const { return mnts[i.v]; }
  [[nodiscard]] const ImaNs& at(ImaNsId i) const { return imas[i.v]; }
  [[nodiscard]] const Nsproxy& at(NsproxyId i) const { return nsproxies[i.v]; }
  [[nodiscard]] const StatusCache& at(CacheId i) const { return caches[i.v]; }
  [[nodiscard]] const Task& at(TaskId i) const { return tasks[i.v]; }
  UserNs& at(UserNsId i) { return users[i.v]; }
  MntNs& at(MntNsId i) { return mnts[i.v]; }
  ImaNs& at(ImaNsId i) { return imas[i.v]; }
  Nsproxy& at(NsproxyId i) { return nsproxies[i.v]; }
  StatusCache& at(CacheId i) { return caches[i.v]; }
  Task& at(TaskId i) { return tasks[i.v]; }

  [[nodiscard]] bool live(ObjRef r) const;
  [[nodiscard]] std::size_t count_of(ObjKind k) const;  // objects ever created
  [[nodiscard]] std::size_t live_count(ObjKind k) const;
};

bool operator==(const State& a, const State& b);

// The initial ids.
constexpr UserNsId kInitUserNs{0};
constexpr MntNsId kInitMntNs{0};
constexpr ImaNsId kInitImaNs{0};
constexpr NsproxyId kInitNsproxy{0};
constexpr TaskId kTask0{0};

}  // namespace imans
