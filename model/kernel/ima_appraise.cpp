// security/integrity/ima/ima_appraise.c: writes to security.ima, and what a
// content change does to every namespace's cached results.
#include <algorithm>

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
  ima_reset_appraise_flags(k.s, file);
  return Errno::ok;
}

// ima_reset_appraise_flags() (IMA_CHANGE_XATTR): returns at once unless the
// policy has an appraise rule (ima_policy_flag & IMA_APPRAISE); otherwise the
// next access measures, appraises and audits again. Per namespace here, by
// each namespace's own policy.
void ima_reset_appraise_flags(State& s, FileId file) {
  for (IintStatus& st : s.iints) {
    if (st.file != file) continue;
    const Policy& rules = *s.at(st.ns).policy;
    const bool appraises = std::any_of(rules.begin(), rules.end(), [](const policy::Rule& r) {
      return (r.action & policy::kAppraise) != 0;
    });
    if (appraises) st = IintStatus{st.ns, st.file};
  }
}

// ima_check_last_writer(): new content clears every done flag.
void ima_reset_on_content_change(State& s, FileId file) {
  for (IintStatus& st : s.iints)
    if (st.file == file) st = IintStatus{st.ns, st.file};
}

IintStatus& iint_status(State& s, ImaNsId ns, FileId file) {
  for (IintStatus& st : s.iints)
    if (st.ns == ns && st.file == file) return st;
  s.iints.push_back(IintStatus{ns, file});
  return s.iints.back();
}

// A write ends with the last writer's close: new content, and every
// namespace's cached measurement and appraisal results reset.
Errno ima_file_modify(Kernel& k, TaskId, FileId file) {
  ++k.s.files[file.v].version;
  ima_reset_on_content_change(k.s, file);
  return Errno::ok;
}

}  // namespace imans::kernel
