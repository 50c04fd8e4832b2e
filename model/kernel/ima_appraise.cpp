// security/integrity/ima/ima_appraise.c: writes to security.ima, and what a
// content change does to every namespace's cached results.
#include "model/kernel/kernel.hpp"

namespace imans::kernel {

// Setting security.* on a file of the host's filesystem needs CAP_SYS_ADMIN
// over the superblock's user namespace (init_user_ns). Berger's later tree
// also lets an active namespace's root sign files whose owner and group are
// mapped in it.
Errno ima_inode_setxattr(Kernel& k, TaskId id, FileId file, ImaXattr value) {
  const Task& task = k.s.at(id);
  const Cred& cred = task.cred;
  bool allowed = cap_capable(k.s, cred, kInitUserNs, Cap::sys_admin);
  if (!allowed && has_securityfs_instances(k.design())) {
    const UserNs& u = k.s.at(cred.user);
    const FileDecl& f = k.world.files[file.v];
    allowed = u.ima.some() && k.s.at(u.ima).active && from_kuid(k.s, cred.user, f.uid) &&
              from_kgid(k.s, cred.user, f.gid) && cap_capable(k.s, cred, cred.user, Cap::sys_admin);
  }
  if (!allowed) return Errno::perm;
  FileState& f = k.s.files[file.v];
  if (value.kind == XattrKind::hash || value.kind == XattrKind::sig) value.version = f.version;
  f.xattr = value;
  ++f.generation;  // IMA_CHANGE_XATTR: every namespace appraises again
  return Errno::ok;
}

// A write ends with the last writer's close: new content, and every
// namespace's cached measurement and appraisal results reset.
Errno ima_file_modify(Kernel& k, TaskId, FileId file) {
  FileState& f = k.s.files[file.v];
  ++f.version;
  ++f.generation;
  return Errno::ok;
}

}  // namespace imans::kernel
