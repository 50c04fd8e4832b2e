// userns-join-no-ima-side-effect. Review concern: Berger, 2018-03-15: with IMA
// tied to the user namespace, "if you join that user namespace but your files
// don't have signatures, nothing will execute anymore. That's now a side
// effect of joining this user namespace". A setns to a user namespace must not
// change which policies govern the task's accesses.
#include <fmt/format.h>

#include "model/query.hpp"
#include "properties/checks.hpp"

namespace imans::properties {

namespace {
std::string chain_text(const std::vector<ImaNsId>& chain) {
  std::vector<std::string> names;
  for (ImaNsId ns : chain) names.push_back(to_string(ref(ns)));
  return names.empty() ? "none" : fmt::format("{}", fmt::join(names, " -> "));
}
}  // namespace

bool check_userns_join_no_ima_side_effect(const StepView& v, Findings& out) {
  if (v.step.verb != Verb::setns || v.step.ns_type != NsType::user || v.result.err != Errno::ok)
    return false;
  const auto before = governing_chain(v.before, v.cfg.design, v.before.at(v.step.task));
  const auto after = governing_chain(v.after, v.cfg.design, v.after.at(v.step.task));
  if (before != after)
    out.add(PropertyId::userns_join_no_ima_side_effect,
            fmt::format("joining a user namespace changed the policies that govern the task: {} "
                        "became {}",
                        chain_text(before), chain_text(after)));
  return true;
}

}  // namespace imans::properties
