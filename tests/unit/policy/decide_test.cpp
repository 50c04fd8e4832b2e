// ima_match_policy(): first match per action class, the union of classes,
// and what travels with the deciding rules.
#include "model/policy/decide.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <vector>

#include "model/policy/builtin.hpp"
#include "tests/unit/policy/test_helpers.hpp"

using namespace imans::policy;

namespace {

constexpr std::uint16_t kAll = kMeasure | kAppraise | kAudit | kHash;

std::vector<Rule> rules(std::initializer_list<std::string_view> texts) {
  std::vector<Rule> out;
  for (const auto text : texts) out.push_back(test::must_parse(text));
  return out;
}

std::vector<Rule> builtin(std::string_view name) {
  const PolicyFile file = parse_policy(*builtin_policy_text(name));
  REQUIRE(file.errors.empty());
  std::vector<Rule> out;
  for (const auto& line : file.rules) out.push_back(line.rule);
  return out;
}

Inode on(std::uint32_t magic) {
  Inode inode;
  inode.fsmagic = magic;
  inode.fsname = fsname_for_magic(magic);
  return inode;
}

Subject user(std::uint32_t id) {
  Subject s;
  s.uid = s.euid = s.suid = id;
  s.gid = s.egid = s.sgid = id;
  return s;
}

}  // namespace

TEST_CASE("tcb: root's reads and everyone's execs are measured, pseudo filesystems not") {
  const auto tcb = builtin("tcb");
  const Decision read =
      ima_match_policy(tcb, user(0), on(0xef53), Func::file_check, kMayRead, kAll);
  CHECK(read.action == kMeasure);
  CHECK(read.pcr == kDefaultPcr);
  CHECK(read.template_name.empty());

  CHECK(ima_match_policy(tcb, user(0), on(0x01021994), Func::file_check, kMayRead, kAll).action ==
        0);
  CHECK(ima_match_policy(tcb, user(1000), on(0xef53), Func::file_check, kMayRead, kAll).action ==
        0);
  CHECK(ima_match_policy(tcb, user(1000), on(0xef53), Func::bprm_check, kMayExec, kAll).action ==
        kMeasure);
  CHECK(ima_match_policy(tcb, user(1000), on(0x9fa0), Func::bprm_check, kMayExec, kAll).action ==
        0);

  // A setuid program that can switch back to root counts as root (euid=0).
  Subject setuid = user(1000);
  setuid.suid = 0;
  setuid.cap_setuid = true;
  CHECK(ima_match_policy(tcb, setuid, on(0xef53), Func::file_check, kMayRead, kAll).action ==
        kMeasure);
}

TEST_CASE("ima_tcb: exact mask and real uid") {
  const auto original = builtin("ima_tcb");
  const auto rw = static_cast<std::uint8_t>(kMayRead | kMayWrite);
  CHECK(ima_match_policy(original, user(0), on(0xef53), Func::file_check, kMayRead, kAll).action ==
        kMeasure);
  CHECK(ima_match_policy(original, user(0), on(0xef53), Func::file_check, rw, kAll).action == 0);
  // tcb's any-bit mask measures the same read-write open.
  CHECK(ima_match_policy(builtin("tcb"), user(0), on(0xef53), Func::file_check, rw, kAll).action ==
        kMeasure);
}

TEST_CASE("appraise_tcb: root-owned files are appraised, except on pseudo filesystems") {
  const auto policy = builtin("appraise_tcb");
  const Decision root_file =
      ima_match_policy(policy, user(1000), on(0xef53), Func::file_check, kMayRead, kAll);
  CHECK(root_file.action == kAppraise);
  CHECK(root_file.flags == 0);
  CHECK(ima_match_policy(policy, user(1000), on(0x858458f6), Func::file_check, kMayRead, kAll)
            .action == 0);
  Inode users_file = on(0xef53);
  users_file.uid = 1000;
  CHECK(ima_match_policy(policy, user(0), users_file, Func::file_check, kMayRead, kAll).action ==
        0);
}

TEST_CASE("secure_boot: module signatures are required") {
  const Decision d = ima_match_policy(builtin("secure_boot"), user(0), on(0xef53),
                                      Func::module_check, kMayRead, kAll);
  CHECK(d.action == kAppraise);
  CHECK(d.flags == kFlagDigsigRequired);
}

TEST_CASE("the first matching rule of a class decides it") {
  const Inode tmp = on(0x01021994);
  const auto measure_first = rules({"measure func=FILE_CHECK", "dont_measure fsmagic=0x1021994"});
  CHECK(ima_match_policy(measure_first, user(0), tmp, Func::file_check, kMayRead, kAll).action ==
        kMeasure);
  const auto dont_first = rules({"dont_measure fsmagic=0x1021994", "measure func=FILE_CHECK"});
  CHECK(ima_match_policy(dont_first, user(0), tmp, Func::file_check, kMayRead, kAll).action == 0);
  // A rule that does not match leaves its class open.
  CHECK(
      ima_match_policy(dont_first, user(0), on(0xef53), Func::file_check, kMayRead, kAll).action ==
      kMeasure);
  const auto audits = rules({"dont_audit uid=0", "audit"});
  CHECK(ima_match_policy(audits, user(0), tmp, Func::file_check, kMayRead, kAll).action == 0);
  CHECK(ima_match_policy(audits, user(1), tmp, Func::file_check, kMayRead, kAll).action == kAudit);
}

TEST_CASE("the classes are decided independently and united") {
  const auto policy = rules({"dont_appraise fsmagic=0x1021994", "measure", "appraise fowner=0",
                             "audit func=BPRM_CHECK", "hash"});
  // The hash rule comes after the appraise rule, so it sets hash again.
  CHECK(ima_match_policy(policy, user(0), on(0xef53), Func::bprm_check, kMayExec, kAll).action ==
        (kMeasure | kAppraise | kAudit | kHash));
  CHECK(
      ima_match_policy(policy, user(0), on(0x01021994), Func::file_check, kMayRead, kAll).action ==
      (kMeasure | kHash));
  // Only the classes asked for are looked at (ima_must_appraise asks for
  // appraise and hash).
  CHECK(
      ima_match_policy(policy, user(0), on(0xef53), Func::bprm_check, kMayExec, kAppraise).action ==
      kAppraise);
  CHECK(ima_match_policy(policy, user(0), on(0x01021994), Func::file_check, kMayRead,
                         kAppraise | kHash)
            .action == kHash);
}

TEST_CASE("an appraise match clears hash, but a later hash rule sets it again") {
  const Inode file = on(0xef53);
  CHECK(
      ima_match_policy(rules({"hash", "appraise"}), user(0), file, Func::file_check, kMayRead, kAll)
          .action == kAppraise);
  CHECK(
      ima_match_policy(rules({"appraise", "hash"}), user(0), file, Func::file_check, kMayRead, kAll)
          .action == (kAppraise | kHash));
  CHECK(ima_match_policy(rules({"dont_hash", "appraise", "hash"}), user(0), file, Func::file_check,
                         kMayRead, kAll)
            .action == kAppraise);
}

TEST_CASE("pcr= and template= come from the first matching measure rule") {
  const auto policy = rules({"measure func=BPRM_CHECK pcr=11 template=ima-sig",
                             "measure func=FILE_CHECK", "measure pcr=12 template=ima-buf"});
  const Decision exec =
      ima_match_policy(policy, user(0), on(0xef53), Func::bprm_check, kMayExec, kAll);
  CHECK(exec.pcr == 11);
  CHECK(exec.template_name == "ima-sig");
  const Decision read =
      ima_match_policy(policy, user(0), on(0xef53), Func::file_check, kMayRead, kAll);
  CHECK(read.pcr == kDefaultPcr);
  CHECK(read.template_name.empty());
  const Decision module =
      ima_match_policy(policy, user(0), on(0xef53), Func::module_check, kMayRead, kAll);
  CHECK(module.pcr == 12);
  CHECK(module.template_name == "ima-buf");
}

TEST_CASE("option flags come from the deciding rules, dont_ rules included") {
  const auto policy = rules({"dont_appraise fowner=5 permit_directio",
                             "appraise func=BPRM_CHECK appraise_type=imasig appraise_algos=sha256",
                             "appraise appraise_type=imasig|modsig func=MODULE_CHECK",
                             "measure digest_type=verity"});
  Inode owned = on(0xef53);
  owned.uid = 5;
  const Decision skipped =
      ima_match_policy(policy, user(0), owned, Func::bprm_check, kMayExec, kAll);
  CHECK(skipped.action == kMeasure);
  CHECK(skipped.flags == (kFlagPermitDirectio | kFlagVerityRequired));
  CHECK(skipped.appraise_algos == 0);

  const Decision exec =
      ima_match_policy(policy, user(0), on(0xef53), Func::bprm_check, kMayExec, kAll);
  CHECK(exec.action == (kAppraise | kMeasure));
  CHECK(exec.flags == (kFlagDigsigRequired | kFlagVerityRequired));
  CHECK(exec.appraise_algos == (1U << 4));

  const Decision module =
      ima_match_policy(policy, user(0), on(0xef53), Func::module_check, kMayRead, kAppraise);
  CHECK(module.flags == (kFlagDigsigRequired | kFlagModsigAllowed));
}

TEST_CASE("an LSM rule that would decide stops the walk and is reported") {
  const auto policy = rules({"measure func=BPRM_CHECK subj_type=unconfined_t",
                             "dont_measure obj_type=var_log_t", "measure", "appraise"});
  const Decision exec =
      ima_match_policy(policy, user(0), on(0xef53), Func::bprm_check, kMayExec, kAll);
  CHECK(exec.unmodelled_rule == 0);
  CHECK(exec.action == 0);

  // The first rule's func does not match a read, so the second one decides.
  CHECK(ima_match_policy(policy, user(0), on(0xef53), Func::file_check, kMayRead, kAll)
            .unmodelled_rule == 1);

  // Once the class is decided, later LSM rules of that class do not matter.
  const auto decided = rules({"measure", "appraise", "measure subj_type=x"});
  const Decision d =
      ima_match_policy(decided, user(0), on(0xef53), Func::file_check, kMayRead, kAll);
  CHECK(d.unmodelled_rule == -1);
  CHECK(d.action == (kMeasure | kAppraise));

  // Classes that were already decided keep their result.
  const auto partial = rules({"appraise", "measure subj_user=u"});
  const Decision p =
      ima_match_policy(partial, user(0), on(0xef53), Func::file_check, kMayRead, kAll);
  CHECK(p.unmodelled_rule == 1);
  CHECK(p.action == kAppraise);
}

TEST_CASE("keys and critical data are decided by their own rules") {
  const auto policy = rules({"measure", "measure func=KEY_CHECK keyrings=.ima pcr=13",
                             "measure func=CRITICAL_DATA label=selinux"});
  const Decision ima_key =
      ima_match_policy(policy, user(0), Inode{}, Func::key_check, 0, kMeasure, ".ima");
  CHECK(ima_key.action == kMeasure);
  CHECK(ima_key.pcr == 13);
  CHECK(ima_match_policy(policy, user(0), Inode{}, Func::key_check, 0, kMeasure, ".platform")
            .action == 0);
  CHECK(ima_match_policy(policy, user(0), Inode{}, Func::critical_data, 0, kMeasure, "selinux")
            .action == kMeasure);
}
