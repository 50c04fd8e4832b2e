#include "model/mutant.hpp"

#include <array>

namespace imans {
namespace {

constexpr std::array<MutantInfo, 13> kMutants{{
    {Mutant::imans_install_put_before_get, "imans-install-put-before-get", "imans_install",
     "rfc2018",
     "setns to a mount namespace puts the old ima_ns before getting the target's, so joining a "
     "namespace whose only holder is its mount namespace frees it and then gets the freed object",
     "ordering of get/put in install paths (seed patch, imans_install)"},
    {Mutant::clone_ima_ns_no_parent_get, "clone-ima-ns-no-parent-get", "clone_ima_ns", "rfc2018",
     "the child stores its parent without get_ima_ns, so the parent can be freed under a live "
     "child and destroy_ima_ns later puts it again",
     "seed changelog: \"Fixed putting of imans->parent\""},
    {Mutant::mnt_ns_error_path_leaks_ima, "mnt-ns-error-path-leaks-ima", "copy_mnt_ns", "rfc2018",
     "when copy_tree fails after alloc_mnt_ns, the new mount namespace is unwound with the "
     "pre-patch sequence (ns_free_inum, kfree, dec_mnt_namespaces) that does not know about "
     "ima_ns, leaking the new IMA namespace",
     "error paths not updated for a new field (seed patch, alloc_mnt_ns)"},
    {Mutant::init_ima_ns_kref_1, "init-ima-ns-kref-1", "init_ima_ns", "rfc2018",
     "init_ima_ns is initialised with KREF_INIT(1) instead of 2, so its count is one short of "
     "its holders plus its static bias",
     "seed patch: init_ima_ns is KREF_INIT(2) on purpose"},
    {Mutant::free_mnt_ns_no_put, "free-mnt-ns-no-put", "free_mnt_ns", "rfc2018",
     "free_mnt_ns does not put its ima_ns, so every IMA namespace outlives its mount namespace",
     "seed patch: the put_ima_ns added to free_mnt_ns"},
    {Mutant::prototype_iterative_free, "prototype-iterative-free", "free_ima_ns", "rfc2018",
     "the 2016-17 prototype's loop destroys a namespace, puts its parent, then destroys the "
     "parent itself: a double free when the put was the last, a use-after-free when it was not",
     "YuqiongSun/ima-namespace kernel/ima_namespace.c (designs-in-detail c.1 item 8)"},
    {Mutant::key_queue_put_unheld_userns, "key-queue-put-unheld-userns", "ima_process_queued_keys",
     "berger2023",
     "the key-queue handler puts the namespace's user_ns although only init_ima_ns took a "
     "reference for it",
     "Brauner on Berger v5 04/16, 2021-12-09"},
    {Mutant::ns_init_leaks_status_cache, "ns-init-leaks-status-cache", "ima_init_namespace",
     "berger2023",
     "when a later step of namespace initialisation fails, the ns_status cache created first is "
     "not destroyed",
     "Semakin, \"ima: fix possible memory leak in cache allocating for namespace\", 2022-12-24"},
    {Mutant::walk_stops_at_first_active, "walk-stops-at-first-active", "process_measurement",
     "berger2023",
     "the hierarchical walk returns after the first active namespace instead of going on to "
     "init_ima_ns, so a container's empty policy is the last word",
     "Berger v15 14/26: the walk must visit every active ancestor"},
    {Mutant::destroy_ima_ns_double_put_parent, "destroy-ima-ns-double-put-parent",
     "destroy_ima_ns", "rfc2018",
     "destroy_ima_ns puts its parent twice, so enough short-lived children drive "
     "init_ima_ns's kref to zero and free it",
     "seed changelog: \"Fixed putting of imans->parent\""},
    {Mutant::mntns_install_skips_owner_check, "mntns-install-skips-owner-check", "mntns_install",
     "rfc2018",
     "setns to a mount namespace checks CAP_SYS_ADMIN only in the caller's user namespace, not "
     "over the target's owner, so container root can join the host's mount (and IMA) namespace",
     "fs/namespace.c mntns_install: both checks are needed"},
    {Mutant::audit_rule_gate_sys_admin, "audit-rule-gate-sys-admin", "ima_parse_add_rule",
     "berger2023",
     "audit rules in a non-init namespace are gated on CAP_SYS_ADMIN in that namespace (as in "
     "v11-v14) instead of global root with CAP_AUDIT_WRITE, so container root can flood the "
     "audit log",
     "Berger v15 26/26 may_set_audit_rule_in_ns"},
    {Mutant::imans_on_fork_reparents_to_self, "imans-on-fork-reparents-to-self", "imans_on_fork",
     "newima-flag",
     "on activation the namespace's parent is re-read from the child's nsproxy after it was "
     "switched, so the namespace becomes its own parent",
     "Struczynski RFC 18/30: fix-ups at activation time (re-homing the owner)"},
}};

constexpr MutantInfo kNone{Mutant::none, "none", "", "", "", ""};

}  // namespace

std::span<const MutantInfo> mutants() { return kMutants; }

const MutantInfo* find_mutant(std::string_view name) {
  for (const auto& m : kMutants)
    if (m.name == name) return &m;
  return nullptr;
}

const MutantInfo& mutant_info(Mutant m) {
  for (const auto& info : kMutants)
    if (info.mutant == m) return info;
  return kNone;
}

}  // namespace imans
