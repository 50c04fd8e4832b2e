#include "properties/catalog.hpp"

#include <array>

namespace imans::properties {

namespace {
const std::array<PropertyInfo, kPropertyCount>& table() {
  static const std::array<PropertyInfo, kPropertyCount> t{{
      {PropertyId::refcount_exact,
       "every counted reference (kref, user_ns count, nsproxy count) equals the pointers that "
       "hold it, plus the fixed bias a static object is born with",
       "the 2018 RFC's own changelog (\"Fixed putting of imans->parent\") and Brauner on Berger "
       "v5 04/16 (2021-12-09): \"The refcounting seems wrong?\""},
      {PropertyId::no_use_after_free, "no step reads, gets or puts a freed object",
       "the 2016-17 prototype's free loop (designs-in-detail c.1 item 8); Brauner on v4 16/16: "
       "\"Don't hold on to objects that can go away beneath you\""},
      {PropertyId::no_leak,
       "nothing is left alive that no task or initial object holds; once every task but t0 has "
       "exited, only the initial namespaces and what t0 holds remain",
       "Semakin, \"ima: fix possible memory leak in cache allocating for namespace\" "
       "(2022-12-24); the put_ima_ns the seed patch adds to free_mnt_ns"},
      {PropertyId::init_immortal, "init_ima_ns and the other initial namespaces are never freed",
       "the seed patch: init_ima_ns is KREF_INIT(2) and free_ima_ns has BUG_ON(ns == "
       "&init_ima_ns)"},
      {PropertyId::parent_outlives_child, "a live namespace's parent is live",
       "the seed patch's clone_ima_ns takes a reference on the parent so that the walk to "
       "init_ima_ns never reads freed memory"},
      {PropertyId::tree_acyclic, "the parent relation of each kind is a tree rooted at init",
       "Biederman, 2018-03-15: \"Mount namespaces are not hierarchical, user namespaces are\"; "
       "nested enforcement walks the parents up to init"},
      {PropertyId::no_appraisal_escape,
       "if init_ima_ns's policy, evaluated alone for this subject and file with the host's keys, "
       "would deny an access, the access is denied, whatever namespaces the task nested",
       "Biederman, 2018-03-15: \"We should never stop enforcing the parent's policy\"; Berger, "
       "same thread: root must not escape appraisal by spawning a namespace with a null policy"},
      {PropertyId::no_measurement_escape,
       "if init_ima_ns's policy would measure an access, init_ima_ns's list has an entry for that "
       "file at the content version accessed",
       "Berger, 2018-03-15: root's activities are always measured following init_ima_ns's "
       "policy; Zohar, 2020: the container must not decide what goes into the host's list"},
      {PropertyId::no_audit_escape,
       "if init_ima_ns's policy would audit an access, init_ima_ns has an audit record for that "
       "file at the content version accessed",
       "Berger, 2018-03-15: root's activities are always audited following init_ima_ns's policy"},
      {PropertyId::no_log_gap,
       "every access made inside a namespace after its creation that the namespace's first "
       "policy would measure is in the namespace's list",
       "Zohar, 2018-03-21: \"IMA-measurement and IMA-audit need to be enabled from the very "
       "beginning\"; Berger: \"IMA's log should not have a gap\""},
      {PropertyId::setns_authorized,
       "no task joins a namespace without the capabilities the design requires",
       "fs/namespace.c mntns_install: CAP_SYS_ADMIN over the target's owner and in one's own "
       "user namespace; Brauner on v5 13/16: the confused deputy"},
      {PropertyId::policy_write_authorized,
       "no task writes a namespace's policy (or an audit rule) without the capability the design "
       "requires",
       "Berger v15 26/26 may_set_audit_rule_in_ns; Stefan Berger on v10: audit rules give \"too "
       "much control to the user to flood the host audit log\""},
      {PropertyId::userns_join_no_ima_side_effect,
       "setns to a user namespace never changes which policies govern the task's accesses",
       "Berger, 2018-03-15: with IMA tied to the user namespace, \"if you join that user "
       "namespace but your files don't have signatures, nothing will execute anymore\""},
  }};
  return t;
}
}  // namespace

const PropertyInfo& property_info(PropertyId id) { return table()[static_cast<std::size_t>(id)]; }

}  // namespace imans::properties
