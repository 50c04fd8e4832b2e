// kernel/cred.c, kernel/capability.c (cap_capable), kernel/sys.c (setuid),
// security/commoncap.c (cap_emulate_setxuid) and the id maps of
// kernel/user_namespace.c.
#include "model/kernel/kernel.hpp"

namespace imans::kernel {

// A child user namespace maps exactly uid 0 to its owner and gid 0 to its group
// (unshare --map-root-user); the initial one maps everything to itself.
std::optional<std::uint32_t> make_kuid(const State& s, UserNsId ns, std::uint32_t uid) {
  if (ns == kInitUserNs) return uid;
  if (uid == 0) return s.at(ns).owner;
  return std::nullopt;
}

std::optional<std::uint32_t> from_kuid(const State& s, UserNsId ns, std::uint32_t kuid) {
  if (ns == kInitUserNs) return kuid;
  if (kuid == s.at(ns).owner) return 0U;
  return std::nullopt;
}

std::optional<std::uint32_t> make_kgid(const State& s, UserNsId ns, std::uint32_t gid) {
  if (ns == kInitUserNs) return gid;
  if (gid == 0) return s.at(ns).group;
  return std::nullopt;
}

std::optional<std::uint32_t> from_kgid(const State& s, UserNsId ns, std::uint32_t kgid) {
  if (ns == kInitUserNs) return kgid;
  if (kgid == s.at(ns).group) return 0U;
  return std::nullopt;
}

// The owner of a child user namespace, acting from its parent, has every
// capability in it; otherwise the caller needs the capability in its own
// namespace, which must be the target or an ancestor of it.
bool cap_capable(const State& s, const Cred& cred, UserNsId target, Cap cap) {
  UserNsId ns = target;
  for (;;) {
    if (ns == cred.user) return cred.effective.has(cap);
    const UserNs& u = s.at(ns);
    if (u.level <= s.at(cred.user).level) return false;
    if (u.parent == cred.user && u.owner == cred.euid) return true;
    ns = u.parent;
    if (ns.none()) return false;
  }
}

ErrOr<Cred> prepare_creds(Kernel& k, const Cred& old) {
  if (!k.alloc()) return Errno::nomem;
  Cred c = old;
  get_user_ns(k, c.user, "prepare_creds");
  return c;
}

void put_cred(Kernel& k, const Cred& cred) { put_user_ns(k, cred.user, "put_cred"); }

void commit_creds(Kernel& k, Task& task, const Cred& new_cred) {
  Cred old = task.cred;
  task.cred = new_cred;
  put_cred(k, old);
}

namespace {
// security/commoncap.c: dropping every root id drops the capabilities; the
// effective set follows the effective uid.
void cap_emulate_setxuid(const State& s, Cred& c, const Cred& old) {
  const auto root = make_kuid(s, old.user, 0);
  auto is_root = [&](std::uint32_t id) { return root && id == *root; };
  if ((is_root(old.uid) || is_root(old.euid) || is_root(old.suid)) &&
      !is_root(c.uid) && !is_root(c.euid) && !is_root(c.suid)) {
    c.permitted = CapSet::empty();
    c.effective = CapSet::empty();
  }
  if (is_root(old.euid) && !is_root(c.euid)) c.effective = CapSet::empty();
  if (!is_root(old.euid) && is_root(c.euid)) c.effective = c.permitted;
}
}  // namespace

Errno sys_setuid(Kernel& k, TaskId id, std::uint32_t uid) {
  Task& task = k.s.at(id);
  const Cred& old = task.cred;
  auto kuid = make_kuid(k.s, old.user, uid);
  if (!kuid) return Errno::inval;
  auto r = prepare_creds(k, old);
  if (r.is_err()) return r.err();
  Cred c = r.value();
  if (cap_capable(k.s, old, old.user, Cap::setuid)) {
    c.uid = c.euid = c.suid = *kuid;
  } else if (*kuid == old.uid || *kuid == old.suid) {
    c.euid = *kuid;
  } else {
    put_cred(k, c);
    return Errno::perm;
  }
  cap_emulate_setxuid(k.s, c, old);
  commit_creds(k, task, c);
  return Errno::ok;
}

policy::Subject subject_of(const State& s, const Cred& cred) {
  policy::Subject sub;
  sub.uid = cred.uid;
  sub.euid = cred.euid;
  sub.suid = cred.suid;
  sub.gid = cred.gid;
  sub.egid = cred.egid;
  sub.sgid = cred.sgid;
  // has_capability_noaudit() asks about init_user_ns.
  sub.cap_setuid = cap_capable(s, cred, kInitUserNs, Cap::setuid);
  sub.cap_setgid = cap_capable(s, cred, kInitUserNs, Cap::setgid);
  return sub;
}

policy::Inode inode_of(const World& w, FileId file) {
  const FileDecl& f = w.files[file.v];
  policy::Inode ino;
  ino.uid = f.uid;
  ino.gid = f.gid;
  ino.fsmagic = f.fsmagic;
  ino.fsuuid = f.fsuuid;
  ino.fsname = policy::fsname_for_magic(f.fsmagic);
  return ino;
}

}  // namespace imans::kernel
