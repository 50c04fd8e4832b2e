// security/integrity/ima/ima_main.c: the hooks and process_measurement, with
// the design's walk over namespaces. Each level decides by its own policy,
// measures into its own list, appraises with its own keyring and audits into
// its own records (ima_queue.c, ima_appraise.c, ima_api.c).
#include <algorithm>

#include "model/kernel/kernel.hpp"
#include "model/policy/decide.hpp"

namespace imans::kernel {

namespace {
using policy::Func;

// The cache slot an appraise rule's func selects (get_subaction()); a rule
// without func= appraises at file level.
AppraiseKind appraise_kind(Func func, bool rule_has_func) {
  if (!rule_has_func) return AppraiseKind::file;
  switch (func) {
    case Func::mmap_check:
    case Func::mmap_check_reqprot:
      return AppraiseKind::mmap;
    case Func::bprm_check:
      return AppraiseKind::bprm;
    case Func::creds_check:
      return AppraiseKind::creds;
    case Func::file_check:
    case Func::post_setattr:
      return AppraiseKind::file;
    default:
      return AppraiseKind::read;
  }
}

// The first deciding appraise rule, to learn whether it named a func.
bool appraise_rule_has_func(const Policy& rules, const policy::Subject& sub,
                            const policy::Inode& ino, Func func, std::uint8_t mask) {
  for (const auto& r : rules) {
    if (!(r.action & (policy::kAppraise | policy::kDontAppraise))) continue;
    if (policy::ima_match_rules(r, sub, ino, func, mask) != policy::Match::yes) continue;
    return r.has(policy::kFlagFunc);
  }
  return true;
}

}  // namespace

AppraiseKind appraise_slot(const Policy& rules, const policy::Subject& sub,
                           const policy::Inode& ino, Func func, std::uint8_t mask) {
  return appraise_kind(func, appraise_rule_has_func(rules, sub, ino, func, mask));
}

// ima_appraise_measurement(): does security.ima vouch for the current content,
// for this namespace's keyring?
bool appraisal_passes(const State& s, const Design& d, ImaNsId ns, const FileState& f,
                      const policy::Decision& dec) {
  const ImaXattr& x = f.xattr;
  bool pass = false;
  switch (x.kind) {
    case XattrKind::none:  // NOLABEL
    case XattrKind::bad:   // invalid-signature
      pass = false;
      break;
    case XattrKind::hash:
      pass = !(dec.flags & policy::kFlagDigsigRequired) && x.version == f.version;
      break;
    case XattrKind::sig:
      pass = x.version == f.version && (ima_keyring(s, d, ns) & key_bit(x.key)) != 0;
      break;
  }
  // The model's digests are sha256 (enum hash_algo 4).
  constexpr std::uint32_t kSha256 = 1U << 4;
  if (dec.appraise_algos && !(dec.appraise_algos & kSha256)) pass = false;
  return pass;
}

namespace {

// ima_lookup_digest_entry(): an entry whose template data is already in the
// namespace's list is not added again (audit cause "hash_exists"). The
// template data is the digest and name (ima-ng, ima) and, for ima-sig, the
// signature too.
bool template_data_logged(const State& s, const Measurement& e) {
  return std::any_of(s.log.begin(), s.log.end(), [&](const Measurement& m) {
    return m.ns == e.ns && m.file == e.file && m.version == e.version && m.pcr == e.pcr &&
           m.template_id == e.template_id && (m.template_id != 1 || m.xattr == e.xattr);
  });
}

std::uint8_t template_id(std::string_view name) {
  if (name == "ima-sig") return 1;
  if (name == "ima") return 2;
  return 0;  // ima-ng, the Kconfig default
}

// One namespace's part of process_measurement (__process_measurement in
// Berger's series): the decision, then what the done flags still leave to do.
Errno process_ns_measurement(Kernel& k, ImaNsId ns, const Task& task, FileId file, Func func,
                             std::uint8_t mask) {
  const ImaNs& n = k.s.at(ns);
  const policy::Subject sub = subject_of(k.s, task.cred);
  const policy::Inode ino = inode_of(k.world, file);
  const policy::Decision dec = policy::ima_match_policy(
      *n.policy, sub, ino, func, mask,
      policy::kMeasure | policy::kAppraise | policy::kAudit | policy::kHash);
  if (dec.unmodelled_rule >= 0) {
    k.out.unmodelled = "a rule of ima#" + std::to_string(ns.v) +
                       " decides this access by an LSM label, which imans does not model";
    return Errno::ok;
  }
  if (!dec.action) return Errno::ok;
  const FileState& f = k.s.files[file.v];
  IintStatus& st = iint_status(k.s, ns, file);
  // Measure first: a file that then fails appraisal is still measured.
  const std::uint32_t pcr_bit = 1U << (dec.pcr & 31U);
  if ((dec.action & policy::kMeasure) && !(st.measured_pcrs & pcr_bit)) {
    st.measured_pcrs |= pcr_bit;
    const Measurement e{ns, file, f.version, dec.pcr, template_id(dec.template_name), f.xattr,
                        k.s.seq};
    if (!template_data_logged(k.s, e)) {
      k.s.log.push_back(e);
      ++k.s.seq;
    }
  }
  Errno rc = Errno::ok;
  if (dec.action & policy::kAppraise) {
    const std::uint8_t slot = appraise_bit(appraise_slot(*n.policy, sub, ino, func, mask));
    bool pass = (st.appraised & slot) != 0;  // ima_get_cache_status(): whoever passed it
    if (!pass) {
      pass = appraisal_passes(k.s, k.design(), ns, f, dec);
      if (pass) st.appraised |= slot;  // ima_cache_flags(): a failure is not cached
    }
    if (!pass) rc = Errno::acces;
    // A signed file may not be opened for write while it is appraised.
    if ((mask & policy::kMayWrite) && f.xattr.kind == XattrKind::sig) rc = Errno::acces;
  }
  if ((dec.action & policy::kAudit) && !st.audited) {
    st.audited = true;
    k.s.audit.push_back(AuditRecord{ns, file, f.version, func, k.s.seq++});
  }
  if ((dec.action & policy::kHash) && (mask & policy::kMayWrite)) k.update_xattr_on_close = true;
  return rc;
}

}  // namespace

// The walk. Namespaces that are not active yet do not act; of the rest, the
// design's evaluation decides how far up the walk goes. Every evaluated level
// measures and audits; a denial at any level denies, but the walk goes on
// (Berger v15 14/26).
Errno process_measurement(Kernel& k, const Task& task, FileId file, Func func,
                          std::uint8_t mask) {
  const Design& d = k.design();
  ++k.out.hooks_run;
  const bool whole_walk = d.evaluation == Evaluation::hierarchical ||
                          d.evaluation == Evaluation::active_ancestors ||
                          (d.evaluation == Evaluation::root_to_init && task.cred.uid == 0);
  Errno ret = Errno::ok;
  // Returns false when the walk ends here.
  auto visit = [&](ImaNsId ns) {
    if (!k.check_live(ref(ns), "process_measurement")) return true;  // KASAN reports, we skip
    if (!k.s.at(ns).active) return true;
    if (process_ns_measurement(k, ns, task, file, func, mask) == Errno::acces) ret = Errno::acces;
    return whole_walk && !k.mutant(Mutant::walk_stops_at_first_active);
  };
  if (d.binding == Binding::user_lazy) {
    // Berger: the namespaces hang off the user namespaces, found by walking
    // current_user_ns() up to init_user_ns.
    for (UserNsId u = task.cred.user; u.some(); u = k.s.at(u).parent) {
      const ImaNsId ns = k.s.at(u).ima;
      if (ns.some() && !visit(ns)) break;
    }
    return ret;
  }
  std::size_t guard = k.s.imas.size();  // a parent cycle (tree-acyclic reports it)
  for (ImaNsId ns = current_ima_ns(k.s, d, task); ns.some() && guard-- > 0;
       ns = k.s.at(ns).parent) {
    if (!visit(ns)) break;
  }
  return ret;
}

Errno ima_bprm_check(Kernel& k, TaskId id, FileId file) {
  const Task task = k.s.at(id);
  if (Errno e = process_measurement(k, task, file, Func::bprm_check, policy::kMayExec);
      e != Errno::ok)
    return e;
  return process_measurement(k, task, file, Func::creds_check, policy::kMayExec);
}

Errno ima_file_mmap(Kernel& k, TaskId id, FileId file) {
  const Task task = k.s.at(id);
  if (Errno e = process_measurement(k, task, file, Func::mmap_check_reqprot, policy::kMayExec);
      e != Errno::ok)
    return e;
  return process_measurement(k, task, file, Func::mmap_check, policy::kMayExec);
}

Errno ima_file_check(Kernel& k, TaskId id, FileId file, std::uint8_t mask) {
  const Task task = k.s.at(id);
  const Errno e = process_measurement(k, task, file, Func::file_check, mask);
  // ima_check_last_writer() -> ima_update_xattr(): the new hash is stored on
  // the last writer's close, never over a signature.
  FileState& f = k.s.files[file.v];
  if (e == Errno::ok && k.update_xattr_on_close && f.xattr.kind != XattrKind::sig)
    f.xattr = ImaXattr{XattrKind::hash, KeyId{}, f.version};
  return e;
}

}  // namespace imans::kernel
