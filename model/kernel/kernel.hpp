#pragma once
// The modelled kernel's code paths. Each function is named after the kernel
// function it mirrors and lives in a file named after the kernel's source file,
// so a reviewer can hold the model beside the patch. All of them work on one
// step's Kernel context; reference counts move only through the get/put calls
// declared here.
#include <cstdint>
#include <optional>

#include "model/design.hpp"
#include "model/errno.hpp"
#include "model/policy/decide.hpp"
#include "model/policy/rule.hpp"
#include "model/state.hpp"
#include "model/step.hpp"
#include "model/world.hpp"

namespace imans::kernel {

// One step's view of the kernel: the state it mutates, the design and mutant
// that shape its code paths, and what it reports.
struct Kernel {
  State& s;
  const Config& cfg;
  const World& world;
  StepResult& out;
  // A namespace's hash rule asked for security.ima to be rewritten when the
  // file is closed after a write (IMA_UPDATE_XATTR): done after the whole
  // access, and only if it was allowed.
  bool update_xattr_on_close = false;

  [[nodiscard]] const Design& design() const { return cfg.design; }
  [[nodiscard]] bool mutant(Mutant m) const { return cfg.mutant == m; }

  // kmalloc and friends: false when an injected ENOMEM fires here.
  bool alloc();
  void fault(FaultKind kind, ObjRef object, const char* where);
  // Records a use-after-free when the object is a tombstone; true when live.
  bool check_live(ObjRef object, const char* where);
};

// kernel/cred.c, kernel/capability.c, kernel/user_namespace.c (id maps)
std::optional<std::uint32_t> make_kuid(const State& s, UserNsId ns, std::uint32_t uid);
std::optional<std::uint32_t> from_kuid(const State& s, UserNsId ns, std::uint32_t kuid);
std::optional<std::uint32_t> make_kgid(const State& s, UserNsId ns, std::uint32_t gid);
std::optional<std::uint32_t> from_kgid(const State& s, UserNsId ns, std::uint32_t kgid);
bool cap_capable(const State& s, const Cred& cred, UserNsId target, Cap cap);
ErrOr<Cred> prepare_creds(Kernel& k, const Cred& old);
void put_cred(Kernel& k, const Cred& cred);
void commit_creds(Kernel& k, Task& task, const Cred& new_cred);
Errno sys_setuid(Kernel& k, TaskId task, std::uint32_t uid);

// kernel/user_namespace.c
Errno create_user_ns(Kernel& k, Cred& new_cred);
void get_user_ns(Kernel& k, UserNsId ns, const char* where);
void put_user_ns(Kernel& k, UserNsId ns, const char* where);
void free_user_ns(Kernel& k, UserNsId ns);
Errno userns_install(Kernel& k, const Task& task, Cred& new_cred, UserNsId target);

// fs/namespace.c
ErrOr<MntNsId> alloc_mnt_ns(Kernel& k, UserNsId user_ns, ImaNsId ima_ns);
ErrOr<MntNsId> copy_mnt_ns(Kernel& k, std::uint8_t flags, MntNsId old, UserNsId user_ns);
MntNsId create_mnt_ns(Kernel& k);
void get_mnt_ns(Kernel& k, MntNsId ns, const char* where);
void put_mnt_ns(Kernel& k, MntNsId ns, const char* where);
void free_mnt_ns(Kernel& k, MntNsId ns);
Errno mntns_install(Kernel& k, const Task& task, NsproxyId nsproxy, MntNsId target);
Errno sys_pivot_root(Kernel& k, TaskId task);

// security/integrity/ima/ima_ns.c and ima_init_ima_ns.c (the 2018 patch; kref lifetimes)
ErrOr<ImaNsId> create_ima_ns(Kernel& k);
ErrOr<ImaNsId> clone_ima_ns(Kernel& k, UserNsId user_ns, ImaNsId old_ns);
ErrOr<ImaNsId> copy_ima(Kernel& k, UserNsId user_ns, ImaNsId old_ns);
void get_ima_ns(Kernel& k, ImaNsId ns, const char* where);
void put_ima_ns(Kernel& k, ImaNsId ns, const char* where);
void free_ima_ns(Kernel& k, ImaNsId ns);
void destroy_ima_ns(Kernel& k, ImaNsId ns);
void imans_install(Kernel& k, NsproxyId nsproxy, MntNsId target);
// Sets a new namespace's policy, activity and keyring as the design says.
void ima_init_namespace(Kernel& k, ImaNsId ns);

// User-namespace bindings: userns-hierarchical (kref held by the user
// namespace) and Berger's series (lifetime of the user namespace).
Errno ima_userns_create(Kernel& k, UserNsId user_ns);  // from create_user_ns
ErrOr<ImaNsId> create_ima_ns_lazy(Kernel& k, UserNsId user_ns);  // securityfs fill_super
Errno ima_init_namespace_late(Kernel& k, ImaNsId ns);  // at activation (Berger)
void free_ima_ns_userns(Kernel& k, UserNsId user_ns);  // from free_user_ns
void ima_process_queued_keys(Kernel& k, ImaNsId ns);

// CLONE_NEWIMA with for-children semantics (Struczynski)
ErrOr<ImaNsId> copy_ima_ns(Kernel& k, std::uint8_t flags, UserNsId user_ns, ImaNsId old);
void imans_on_fork(Kernel& k, NsproxyId nsproxy, const Task& child);
Errno imans_install_flag(Kernel& k, const Task& task, NsproxyId nsproxy, ImaNsId target);
void imans_activate(Kernel& k, ImaNsId ns, const Cred& first);

// securityfs spawn (HPE 2017)
Errno ima_ns_spawn(Kernel& k, TaskId task);

// kernel/nsproxy.c
ErrOr<NsproxyId> create_new_namespaces(Kernel& k, std::uint8_t flags, const Task& task,
                                       UserNsId user_ns);
Errno copy_namespaces(Kernel& k, std::uint8_t flags, const Task& parent, Task& child);
void get_nsproxy(Kernel& k, NsproxyId ns, const char* where);
void put_nsproxy(Kernel& k, NsproxyId ns, const char* where);
void free_nsproxy(Kernel& k, NsproxyId ns);
void switch_task_namespaces(Kernel& k, Task& task, NsproxyId new_ns);

// kernel/fork.c, kernel/exit.c, the setns system call
ErrOr<TaskId> copy_process(Kernel& k, TaskId parent, std::uint8_t flags);
Errno ksys_unshare(Kernel& k, TaskId task, std::uint8_t flags);
Errno do_exit(Kernel& k, TaskId task);
Errno sys_setns(Kernel& k, TaskId task, TaskId target, NsType type);

// The namespace whose files a task's securityfs writes act on, and the one
// that governs its accesses first (none: the task's user namespace has no IMA
// namespace yet, in Berger's design).
ImaNsId current_ima_ns(const State& s, const Design& d, const Task& task);

// security/inode.c and security/integrity/ima/ima_fs.c: the securityfs files.
// The instance mounted at /sys/kernel/security in the task's mount namespace
// (the user namespace it belongs to; none after pivot-root).
UserNsId visible_securityfs(const State& s, const Task& task);
// generic_permission() on an instance's root-owned 0600 files, then Berger's
// securityfs_permission(): EACCES or ok.
Errno securityfs_file_permission(const State& s, const Design& d, const Cred& cred,
                                 UserNsId instance);
Errno securityfs_mount(Kernel& k, TaskId task);
Errno ima_write_active(Kernel& k, TaskId task);
Errno ima_write_policy(Kernel& k, TaskId task, const RuleTexts& rules);
Errno ima_write_policy_for_children(Kernel& k, TaskId task, const RuleTexts& rules);
Errno ima_keyload(Kernel& k, TaskId task, KeyId key);
// The namespace whose ima/policy file a task's `policy` write opens (none: no
// such file in its securityfs, Berger's design before mount-securityfs).
ImaNsId policy_file_ns(const State& s, const Design& d, const Task& task);
// The design's rules for writing a policy, as pure predicates (the paths add
// their errnos and, under mutants, their mistakes).
bool may_write_policy(const State& s, const Design& d, const Cred& cred, ImaNsId ns);
bool may_set_audit_rule_in_ns(const State& s, const Cred& cred, UserNsId ns);

// security/integrity/ima/ima_main.c, ima_appraise.c, ima_queue.c
Errno ima_bprm_check(Kernel& k, TaskId task, FileId file);
Errno ima_file_mmap(Kernel& k, TaskId task, FileId file);
Errno ima_file_check(Kernel& k, TaskId task, FileId file, std::uint8_t mask);
Errno process_measurement(Kernel& k, const Task& task, FileId file, policy::Func func,
                          std::uint8_t mask);
Errno ima_inode_setxattr(Kernel& k, TaskId task, FileId file, ImaXattr value);
Errno ima_file_modify(Kernel& k, TaskId task, FileId file);
// The done flags a namespace keeps for a file (made on first use), and what
// resets them.
IintStatus& iint_status(State& s, ImaNsId ns, FileId file);
void ima_reset_appraise_flags(State& s, FileId file);
void ima_reset_on_content_change(State& s, FileId file);
KeySet ima_keyring(const State& s, const Design& d, ImaNsId ns);
bool appraisal_passes(const State& s, const Design& d, ImaNsId ns, const FileState& f,
                      const policy::Decision& dec);
// The cache slot (IMA_*_APPRAISED) an appraisal of this hook lands in: the two
// mmap hooks share one, so the second reuses the first's result.
AppraiseKind appraise_slot(const Policy& rules, const policy::Subject& sub,
                           const policy::Inode& ino, policy::Func func, std::uint8_t mask);

// Subject and object as the policy matcher sees them.
policy::Subject subject_of(const State& s, const Cred& cred);
policy::Inode inode_of(const World& w, FileId file);

}  // namespace imans::kernel
