// Equality of traces: what they say, not where it was written (positions and
// the file name are left out, so a trace equals its written-and-reread self).
#include "traces/trace.hpp"

namespace imans::traces {
namespace {

bool same_rules(const std::shared_ptr<const RuleTexts>& a, const std::shared_ptr<const RuleTexts>& b) {
  if (!a || !b) return !a && !b;
  if (a->size() != b->size()) return false;
  for (std::size_t i = 0; i < a->size(); ++i)
    if ((*a)[i].text != (*b)[i].text) return false;  // the parse follows from the text
  return true;
}

bool same_step(const Step& a, const Step& b) {
  return a.verb == b.verb && a.task == b.task && a.target == b.target && a.flags == b.flags &&
         a.ns_type == b.ns_type && a.value == b.value && a.file == b.file && a.key == b.key &&
         same_rules(a.rules, b.rules);
}

bool same_file(const FileDecl& a, const FileDecl& b) {
  return a.path == b.path && a.uid == b.uid && a.gid == b.gid && a.fsmagic == b.fsmagic &&
         a.fsuuid == b.fsuuid;
}

bool same_world(const World& a, const World& b) {
  if (a.files.size() != b.files.size()) return false;
  for (std::size_t i = 0; i < a.files.size(); ++i)
    if (!same_file(a.files[i], b.files[i])) return false;
  return a.keys == b.keys && a.host_keys == b.host_keys && a.host_policy == b.host_policy;
}

}  // namespace

bool operator==(const StepLine& a, const StepLine& b) {
  return a.actor == b.actor && same_step(a.step, b.step) && a.new_task == b.new_task &&
         a.target == b.target && a.rule_texts == b.rule_texts && a.expected == b.expected &&
         a.comment == b.comment;
}

bool operator==(const Trace& a, const Trace& b) {
  return a.design_words == b.design_words && a.config.design == b.config.design &&
         a.config.design.name == b.config.design.name && a.config.mutant == b.config.mutant &&
         a.seed == b.seed && a.header_comments == b.header_comments &&
         a.host_policy == b.host_policy && a.world_lines == b.world_lines &&
         same_world(a.world, b.world) && a.statements == b.statements;
}

}  // namespace imans::traces
