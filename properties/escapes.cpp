// no-appraisal-escape, no-measurement-escape, no-audit-escape.
//
// Review concern: Biederman, 2018-03-15, on the RFC this project's seed
// answers: "We should never stop enforcing the parent's policy. We should only
// add policy to enforce for the scope of a container." Berger, in the same
// thread: root must not escape appraisal by spawning an IMA namespace with a
// null policy (the v14/v15 cover letters call it requirement R2: "users,
// particularly root, should not be able to evade the host's IMA policy just by
// spawning new IMA namespaces"). Zohar, 2020: the container must not decide
// what goes into the host's measurement list.
//
// Each is judged against the reference run (reference.hpp): today's kernel
// over the same history. Not against init_ima_ns's policy evaluated alone: the
// kernel itself, with no namespace at all, lets a second subject through on a
// pass cached for a first, so a stateless definition would call behaviour an
// escape that no nesting caused.
//
// - no-appraisal-escape: every access the reference denies is denied in the
//   design too, whatever namespaces the task nested.
// - no-measurement-escape / no-audit-escape: every entry the reference adds to
//   init_ima_ns's measurement list / audit records is in the design's
//   init_ima_ns list / records too, right after the same step, as often. An
//   entry the reference adds at a hook the design never reached (the design
//   refused the access at an earlier hook) is not asked of the design: that
//   part of the access never happened there.
#include <algorithm>

#include <fmt/format.h>

#include "properties/checks.hpp"

namespace imans::properties {

namespace {

std::string what(const StepView& v) {
  return fmt::format("access of {} (version {})", v.world.files[v.step.file.v].path,
                     v.before.files[v.step.file.v].version);
}

bool same_entry(const Measurement& a, const Measurement& b) {
  return a.file == b.file && a.version == b.version && a.pcr == b.pcr &&
         a.template_id == b.template_id && (a.template_id != 1 || a.xattr == b.xattr);
}

bool same_record(const AuditRecord& a, const AuditRecord& b) {
  return a.file == b.file && a.version == b.version && a.func == b.func;
}

// The reference's entries at the hooks the design ran.
template <class T>
std::vector<T> asked(const std::vector<std::vector<T>>& by_hook, std::size_t design_hooks) {
  std::vector<T> out;
  for (std::size_t h = 0; h < by_hook.size() && h < design_hooks; ++h)
    out.insert(out.end(), by_hook[h].begin(), by_hook[h].end());
  return out;
}

}  // namespace

bool check_no_appraisal_escape(const StepView& v, Findings& out) {
  if (!v.ref || !v.ref->access || v.ref->err != Errno::acces) return false;
  if (v.result.err == Errno::ok)
    out.add(PropertyId::no_appraisal_escape,
            fmt::format("{} was allowed, but mainline, over the same history, denies it",
                        what(v)),
            {ref(kInitImaNs)});
  return true;
}

bool check_no_measurement_escape(const StepView& v, Findings& out) {
  if (!v.ref || !v.ref->access) return false;
  const auto want = asked(v.ref->measured, v.result.hooks_run);
  if (want.empty()) return false;
  for (const Measurement& e : want) {
    auto in = [&](const std::vector<Measurement>& log, ImaNsId ns) {
      return std::count_if(log.begin(), log.end(), [&](const Measurement& m) {
        return (ns.none() || m.ns == ns) && same_entry(m, e);
      });
    };
    if (in(v.after.log, kInitImaNs) < in(v.ref_log, ImaNsId{})) {
      out.add(PropertyId::no_measurement_escape,
              fmt::format("mainline, over the same history, measures this {} into "
                          "init_ima_ns's list, but the design's list has no such entry",
                          what(v)),
              {ref(kInitImaNs)});
      break;
    }
  }
  return true;
}

bool check_no_audit_escape(const StepView& v, Findings& out) {
  if (!v.ref || !v.ref->access) return false;
  const auto want = asked(v.ref->audited, v.result.hooks_run);
  if (want.empty()) return false;
  for (const AuditRecord& e : want) {
    auto in = [&](const std::vector<AuditRecord>& records, ImaNsId ns) {
      return std::count_if(records.begin(), records.end(), [&](const AuditRecord& a) {
        return (ns.none() || a.ns == ns) && same_record(a, e);
      });
    };
    if (in(v.after.audit, kInitImaNs) < in(v.ref_audit, ImaNsId{})) {
      out.add(PropertyId::no_audit_escape,
              fmt::format("mainline, over the same history, audits this {} in init_ima_ns, "
                          "but the design has no such record for it",
                          what(v)),
              {ref(kInitImaNs)});
      break;
    }
  }
  return true;
}

}  // namespace imans::properties
