#include <memory>

#include "model/kernel/kernel.hpp"
#include "model/model.hpp"

namespace imans {

namespace {
constexpr std::int32_t kInitUserNsCount = 3;  // .ns.count = REFCOUNT_INIT(3)
constexpr std::int32_t kInitImaNsKref = 2;    // .kref = KREF_INIT(2)
constexpr std::int32_t kInitNsproxyCount = 1;  // .count = REFCOUNT_INIT(1)
constexpr std::int32_t kInitMntNsExtra = 1;   // mnt_init()'s get_mnt_ns for init_task
}  // namespace

std::int32_t static_bias(const Config& cfg, ObjRef o) {
  if (o.id != 0) return 0;
  switch (o.kind) {
    case ObjKind::user:
      return kInitUserNsCount;
    case ObjKind::ima:
      return kref_lifetime(cfg.design) ? kInitImaNsKref : 0;
    case ObjKind::nsproxy:
      return kInitNsproxyCount;
    case ObjKind::mnt:
      return kInitMntNsExtra;
    case ObjKind::cache:
      return 0;
  }
  return 0;
}

State boot(const Config& cfg, const World& world) {
  State s;
  StepResult sink;
  kernel::Kernel k{s, cfg, world, sink};
  const Design& d = cfg.design;

  UserNs init_user;
  init_user.count = kInitUserNsCount;
  s.users.push_back(init_user);

  ImaNs init_ima;
  init_ima.kref = cfg.has(Mutant::init_ima_ns_kref_1) ? 1 : kInitImaNsKref;
  if (!kref_lifetime(d)) init_ima.kref = 0;
  init_ima.user = kInitUserNs;
  init_ima.active = true;
  // ima_init_policy() puts the ima_policy= rules on the default list;
  // a custom policy loaded at boot replaces them (ima_update_policy()).
  init_ima.default_rules = world.host_policy.empty();
  init_ima.policy = std::make_shared<const Policy>(init_ima.default_rules ? world.builtin_policy
                                                                          : world.host_policy);
  init_ima.keyring = world.host_keys;
  s.imas.push_back(init_ima);
  if (d.binding == Binding::user || d.binding == Binding::user_lazy) s.users[0].ima = kInitImaNs;
  if (has_securityfs_instances(d)) {
    s.users[0].securityfs = true;
    // ima_init_key_queue(): keys are queued until the first policy load, with
    // a reference on init_user_ns.
    kernel::get_user_ns(k, kInitUserNs, "ima_init_key_queue");
    s.imas[0].keys_queued = true;
  }

  Nsproxy init_nsproxy;
  init_nsproxy.count = kInitNsproxyCount;
  s.nsproxies.push_back(init_nsproxy);

  const MntNsId mnt = kernel::create_mnt_ns(k);
  kernel::get_mnt_ns(k, mnt, "mnt_init");
  s.nsproxies[0].mnt = mnt;
  if (d.binding == Binding::spawn) {
    kernel::get_ima_ns(k, kInitImaNs, "ima_ns_spawn_init");
    s.mnts[0].ima = kInitImaNs;
  }
  if (d.binding == Binding::flag) {
    kernel::get_ima_ns(k, kInitImaNs, "init_nsproxy");
    kernel::get_ima_ns(k, kInitImaNs, "init_nsproxy");
    s.nsproxies[0].ima = kInitImaNs;
    s.nsproxies[0].ima_for_children = kInitImaNs;
  }

  Task t0;
  t0.cred.user = kInitUserNs;
  kernel::get_user_ns(k, kInitUserNs, "init_cred");
  kernel::get_nsproxy(k, kInitNsproxy, "init_task");
  t0.nsproxy = kInitNsproxy;
  s.tasks.push_back(t0);

  s.files.resize(world.files.size());
  return s;
}

}  // namespace imans
