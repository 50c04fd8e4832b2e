#pragma once
// Seeded bugs: each is a variant of one kernel code path of the model, named
// after the mistake. A property that never fails is suspect; every mutant must
// be killed by some property, and the killing trace must replay.
#include <cstdint>
#include <span>
#include <string_view>

namespace imans {

enum class Mutant : std::uint8_t {
  none,
  imans_install_put_before_get,
  clone_ima_ns_no_parent_get,
  mnt_ns_error_path_leaks_ima,
  init_ima_ns_kref_1,
  free_mnt_ns_no_put,
  prototype_iterative_free,
  key_queue_put_unheld_userns,
  ns_init_leaks_status_cache,
  walk_stops_at_first_active,
  destroy_ima_ns_double_put_parent,
  mntns_install_skips_owner_check,
  audit_rule_gate_sys_admin,
  imans_on_fork_reparents_to_self,
};

struct MutantInfo {
  Mutant mutant;
  std::string_view name;       // as written after `mutant` in a trace
  std::string_view function;   // the code path it changes
  std::string_view preset;     // the design it lives in
  std::string_view bug;        // what goes wrong, in a sentence
  std::string_view origin;     // where the kind of bug was seen
};

std::span<const MutantInfo> mutants();  // every mutant but none
const MutantInfo* find_mutant(std::string_view name);
const MutantInfo& mutant_info(Mutant m);

}  // namespace imans
