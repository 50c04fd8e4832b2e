// Dispatches a step to the system call it stands for.
#include "model/kernel/kernel.hpp"
#include "model/model.hpp"

namespace imans {

StepResult apply(State& s, const Config& cfg, const World& world, const Step& step) {
  StepResult out;
  kernel::Kernel k{s, cfg, world, out};
  if (step.verb == Verb::inject_enomem) {
    s.fail_alloc_after = static_cast<std::int32_t>(step.value);
    return out;
  }
  if (step.task.none() || step.task.v >= s.tasks.size() || !s.at(step.task).alive) {
    out.err = Errno::inval;
    out.unmodelled = "the acting task does not exist or has exited";
    return out;
  }
  const TaskId t = step.task;
  switch (step.verb) {
    case Verb::clone: {
      auto r = kernel::copy_process(k, t, step.flags);
      out.err = r.err();
      if (!r.is_err()) out.new_task = r.value();
      break;
    }
    case Verb::unshare:
      out.err = kernel::ksys_unshare(k, t, step.flags);
      break;
    case Verb::setns:
      out.err = kernel::sys_setns(k, t, step.target, step.ns_type);
      break;
    case Verb::setuid:
      out.err = kernel::sys_setuid(k, t, step.value);
      break;
    case Verb::mount_securityfs:
      out.err = kernel::securityfs_mount(k, t);
      break;
    case Verb::pivot_root:
      out.err = kernel::sys_pivot_root(k, t);
      break;
    case Verb::activate:
      out.err = kernel::ima_write_active(k, t);
      break;
    case Verb::spawn:
      out.err = cfg.design.binding == Binding::spawn ? kernel::ima_ns_spawn(k, t) : Errno::noent;
      break;
    case Verb::policy:
      out.err = kernel::ima_write_policy(k, t, *step.rules);
      break;
    case Verb::policy_for_children:
      out.err = kernel::ima_write_policy_for_children(k, t, *step.rules);
      break;
    case Verb::keyload:
      out.err = kernel::ima_keyload(k, t, step.key);
      break;
    case Verb::sign:
      out.err = kernel::ima_inode_setxattr(k, t, step.file, ImaXattr{XattrKind::sig, step.key, 0});
      break;
    case Verb::sign_bad:
      out.err = kernel::ima_inode_setxattr(k, t, step.file, ImaXattr{XattrKind::bad, {}, 0});
      break;
    case Verb::unsign:
      out.err = kernel::ima_inode_setxattr(k, t, step.file, ImaXattr{});
      break;
    case Verb::modify:
      out.err = kernel::ima_file_modify(k, t, step.file);
      break;
    case Verb::exec:
      out.err = kernel::ima_bprm_check(k, t, step.file);
      break;
    case Verb::mmap:
      out.err = kernel::ima_file_mmap(k, t, step.file);
      break;
    case Verb::open_read:
      out.err = kernel::ima_file_check(k, t, step.file, policy::kMayRead);
      break;
    case Verb::open_write:
      out.err = kernel::ima_file_check(k, t, step.file, policy::kMayWrite);
      break;
    case Verb::exit:
      out.err = kernel::do_exit(k, t);
      break;
    case Verb::inject_enomem:
      break;
  }
  return out;
}

}  // namespace imans
