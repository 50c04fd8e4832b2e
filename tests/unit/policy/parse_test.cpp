// parse_rule() and parse_policy(): what each token sets, where errors point,
// and what the kernel accepts that one might expect it to refuse.
#include <doctest/doctest.h>

#include <string>

#include "tests/unit/policy/test_helpers.hpp"

using namespace imans::policy;

TEST_CASE("every action token sets its Action bit") {
  CHECK(test::must_parse("measure").action == kMeasure);
  CHECK(test::must_parse("dont_measure").action == kDontMeasure);
  CHECK(test::must_parse("appraise").action == kAppraise);
  CHECK(test::must_parse("dont_appraise").action == kDontAppraise);
  CHECK(test::must_parse("audit").action == kAudit);
  CHECK(test::must_parse("dont_audit").action == kDontAudit);
  CHECK(test::must_parse("hash").action == kHash);
  CHECK(test::must_parse("dont_hash").action == kDontHash);
}

TEST_CASE("tokens are separated by runs of spaces and TABs") {
  const Rule rule = test::must_parse(" \t measure\t\tfunc=BPRM_CHECK   mask=MAY_EXEC \t");
  CHECK(rule.action == kMeasure);
  CHECK(rule.func == Func::bprm_check);
  CHECK(rule.flags == (kFlagFunc | kFlagMask));
  CHECK(rule.mask == kMayExec);
}

TEST_CASE("func= takes every hook name and the two old aliases") {
  const std::pair<const char*, Func> cases[] = {
      {"FILE_CHECK", Func::file_check},
      {"PATH_CHECK", Func::file_check},
      {"MMAP_CHECK", Func::mmap_check},
      {"FILE_MMAP", Func::mmap_check},
      {"MMAP_CHECK_REQPROT", Func::mmap_check_reqprot},
      {"BPRM_CHECK", Func::bprm_check},
      {"CREDS_CHECK", Func::creds_check},
      {"MODULE_CHECK", Func::module_check},
      {"FIRMWARE_CHECK", Func::firmware_check},
      {"KEXEC_KERNEL_CHECK", Func::kexec_kernel_check},
      {"KEXEC_INITRAMFS_CHECK", Func::kexec_initramfs_check},
      {"POLICY_CHECK", Func::policy_check},
      {"KEXEC_CMDLINE", Func::kexec_cmdline},
      {"KEY_CHECK", Func::key_check},
      {"CRITICAL_DATA", Func::critical_data},
  };
  for (const auto& c : cases) {
    INFO(c.first);
    CHECK(test::must_parse(std::string("measure func=") + c.first).func == c.second);
  }
  CHECK(test::must_parse("appraise func=SETXATTR_CHECK appraise_algos=sha256").func ==
        Func::setxattr_check);
}

TEST_CASE("mask= is exact, mask=^ is any-bit") {
  const Rule exact = test::must_parse("measure mask=MAY_APPEND");
  CHECK(exact.has(kFlagMask));
  CHECK_FALSE(exact.has(kFlagInMask));
  CHECK(exact.mask == kMayAppend);
  const Rule any = test::must_parse("measure mask=^MAY_WRITE");
  CHECK(any.has(kFlagInMask));
  CHECK_FALSE(any.has(kFlagMask));
  CHECK(any.mask == kMayWrite);
}

TEST_CASE("fsmagic= is hexadecimal with an optional 0x") {
  CHECK(test::must_parse("dont_measure fsmagic=0x9fa0").fsmagic == 0x9fa0);
  CHECK(test::must_parse("dont_measure fsmagic=9fa0").fsmagic == 0x9fa0);
  CHECK(test::must_parse("dont_measure fsmagic=0X01021994").fsmagic == 0x01021994);
  CHECK(test::must_parse("dont_measure fsmagic=ffffffff").fsmagic == 0xffffffffU);
  CHECK(test::must_parse("dont_measure fsmagic=0").has(kFlagFsmagic));
}

TEST_CASE("fsuuid= reads 16 bytes in text order, either case") {
  const Rule rule = test::must_parse("measure fsuuid=8BCBE394-4f13-4144-be8e-5aa9ea2ce2f6");
  const std::array<std::uint8_t, 16> expected = {0x8b, 0xcb, 0xe3, 0x94, 0x4f, 0x13, 0x41, 0x44,
                                                 0xbe, 0x8e, 0x5a, 0xa9, 0xea, 0x2c, 0xe2, 0xf6};
  CHECK(rule.fsuuid == expected);
}

TEST_CASE("id conditions keep their operator, and uid/euid share the uid slot") {
  const Rule rule = test::must_parse("measure euid>1000 egid<50 fowner=0 fgroup>4294967294");
  CHECK(rule.has(kFlagEuid));
  CHECK_FALSE(rule.has(kFlagUid));
  CHECK(rule.uid == IdCond{IdOp::gt, 1000});
  CHECK(rule.has(kFlagEgid));
  CHECK(rule.gid == IdCond{IdOp::lt, 50});
  CHECK(rule.fowner == IdCond{IdOp::eq, 0});
  CHECK(rule.fgroup == IdCond{IdOp::gt, 4294967294U});
  CHECK(test::must_parse("measure uid=4294967294").uid.value == 4294967294U);
}

TEST_CASE("what the kernel lets through twice: fsname= and pcr= (last wins)") {
  const Rule rule = test::must_parse("measure fsname=ext4 fsname=xfs pcr=11 pcr=12");
  CHECK(rule.fsname == "xfs");
  CHECK(rule.pcr == 12);
  // Repeated option tokens add up rather than clash.
  const Rule twice = test::must_parse(
      "appraise permit_directio permit_directio "
      "appraise_type=imasig appraise_type=imasig");
  CHECK(twice.flags == (kFlagPermitDirectio | kFlagDigsigRequired));
}

TEST_CASE("pcr= runs from 0 to 63") {
  CHECK(test::must_parse("measure pcr=0").pcr == 0);
  CHECK(test::must_parse("measure pcr=63").pcr == 63);
  CHECK(test::must_parse("measure pcr=-0").pcr == 0);  // kstrtoint takes it
  CHECK(test::must_parse("measure").pcr == kDefaultPcr);
}

TEST_CASE("template= takes names and format strings") {
  for (const char* name :
       {"ima", "ima-ng", "ima-sig", "ima-ngv2", "ima-sigv2", "ima-buf", "ima-modsig", "evm-sig"}) {
    INFO(name);
    CHECK(test::must_parse(std::string("measure template=") + name).template_name == name);
  }
  CHECK(test::must_parse("measure template=d-ng|n-ng").template_name == "ima-ng");
  CHECK(test::must_parse("measure template=d-ngv2|n-ng|sig|imode").template_name ==
        "d-ngv2|n-ng|sig|imode");
  CHECK(test::must_parse("measure template=sig").template_name == "sig");
}

TEST_CASE("signature options") {
  const Rule imasig = test::must_parse("appraise func=BPRM_CHECK appraise_type=imasig");
  CHECK(imasig.flags == (kFlagFunc | kFlagDigsigRequired));
  const Rule modsig = test::must_parse("appraise func=MODULE_CHECK appraise_type=imasig|modsig");
  CHECK(modsig.has(kFlagDigsigRequired));
  CHECK(modsig.has(kFlagModsigAllowed));
  for (const char* func : {"MODULE_CHECK", "KEXEC_KERNEL_CHECK", "KEXEC_INITRAMFS_CHECK"}) {
    INFO(func);
    test::must_parse(std::string("appraise func=") + func + " appraise_type=imasig|modsig");
  }
  // The combination, not the token order, is checked (see validate.cpp).
  for (const char* text : {"appraise func=BPRM_CHECK digest_type=verity appraise_type=sigv3",
                           "appraise func=BPRM_CHECK appraise_type=sigv3 digest_type=verity"}) {
    const Rule verity = test::must_parse(text);
    CHECK(verity.has(kFlagVerityRequired));
    CHECK(verity.has(kFlagSigv3Required));
    CHECK(verity.has(kFlagDigsigRequired));
  }
  // A measure rule may ask for the fs-verity digest without any signature.
  CHECK(test::must_parse("measure func=FILE_CHECK digest_type=verity template=ima-ngv2")
            .has(kFlagVerityRequired));
  CHECK(test::must_parse("appraise func=MODULE_CHECK appraise_type=imasig|modsig "
                         "appraise_flag=check_blacklist")
            .has(kFlagCheckBlacklist));
  CHECK(test::must_parse("appraise appraise_type=imasig appraise_flag=check_blacklist")
            .has(kFlagCheckBlacklist));
}

TEST_CASE("appraise_algos= sets one bit per enum hash_algo value") {
  const Rule rule = test::must_parse("appraise appraise_algos=sha1,sha256,sha3-512");
  CHECK(rule.appraise_algos == ((1U << 2) | (1U << 4) | (1U << 22)));
  CHECK(rule.has(kFlagAppraiseAlgos));
}

TEST_CASE("keyrings= and label= keep their items in order") {
  const Rule keys = test::must_parse("measure func=KEY_CHECK keyrings=.builtin_trusted_keys|.ima");
  CHECK(keys.keyrings == std::vector<std::string>{".builtin_trusted_keys", ".ima"});
  const Rule data = test::must_parse("measure func=CRITICAL_DATA label=selinux");
  CHECK(data.labels == std::vector<std::string>{"selinux"});
}

TEST_CASE("LSM conditions are stored and flagged") {
  const Rule rule = test::must_parse("dont_measure obj_type=var_log_t subj_role=system_r");
  CHECK(rule.has(kFlagLsm));
  CHECK(rule.lsm[static_cast<std::size_t>(LsmField::obj_type)] == "var_log_t");
  CHECK(rule.lsm[static_cast<std::size_t>(LsmField::subj_role)] == "system_r");
  CHECK(rule.lsm[static_cast<std::size_t>(LsmField::subj_user)].empty());
  // The kernel only refuses them with KEY_CHECK and CRITICAL_DATA.
  test::must_parse("appraise func=SETXATTR_CHECK appraise_algos=sha256 subj_type=setfiles_t");
  test::must_parse("measure func=KEXEC_CMDLINE subj_type=kexec_t");
}

TEST_CASE("newest-mainline tokens accepted: dont_audit and fs_subtype") {
  CHECK(test::must_parse("dont_audit fs_subtype=sshfs").fs_subtype == "sshfs");
  test::must_parse("measure func=KEXEC_CMDLINE fs_subtype=x");
}

TEST_CASE("KEY_CHECK and CRITICAL_DATA accept uid, gid and pcr") {
  test::must_parse("measure func=KEY_CHECK uid=0 gid=0 pcr=11 keyrings=.ima template=ima-buf");
  test::must_parse("measure func=CRITICAL_DATA uid>0 gid<100 pcr=12 label=kernel_info");
  test::must_parse("dont_measure func=CRITICAL_DATA uid>0 gid<100 label=kernel_info");
}

TEST_CASE("error columns point at the offending token") {
  CHECK(test::must_fail("measure func=FILE_CHECK bogus").column == 25);
  CHECK(test::must_fail("measure\tfunc=BPRM").column == 9);
  CHECK(test::must_fail("  measure appraise").column == 11);
  CHECK(test::must_fail("measure func=FILE_CHECK func=BPRM_CHECK").column == 25);
  CHECK(test::must_fail("measure uid=0 euid=0").column == 15);
  CHECK(test::must_fail("appraise func=FILE_CHECK pcr=3").column == 26);
  CHECK(test::must_fail("measure fowner=0 func=KEY_CHECK").column == 9);
  CHECK(test::must_fail("measure pcr=3 func=KEY_CHECK fowner=0").column == 30);
  CHECK(test::must_fail("func=FILE_CHECK").column == 1);       // no action: the rule's start
  CHECK(test::must_fail("audit func=KEY_CHECK").column == 7);  // the func decides
}

TEST_CASE("empty rules and stray bytes are refused") {
  CHECK(test::must_fail("").message.find("empty rule") != std::string::npos);
  CHECK(test::must_fail(" \t ").message.find("empty rule") != std::string::npos);
  CHECK(test::must_fail("measure\r").message.find("carriage return") != std::string::npos);
  CHECK(test::must_fail("measure\nappraise").column == 8);
  CHECK(test::must_fail(std::string_view("measure\0x", 9)).column == 8);
}

TEST_CASE("parse_policy skips comments and blank lines and reports every bad line") {
  const std::string text =
      "# a comment\n"
      "\n"
      "   \t\n"
      "measure func=BPRM_CHECK\n"
      "  # an indented comment\n"
      "measure func=BPRM\n"
      "\tappraise fowner=0  \n"
      "audit appraise\n"
      "dont_measure fsmagic=0x9fa0";
  const PolicyFile file = parse_policy(text);
  REQUIRE(file.rules.size() == 3);
  CHECK(file.rules[0].line == 4);
  CHECK(file.rules[0].text == "measure func=BPRM_CHECK");
  CHECK(file.rules[1].line == 7);
  CHECK(file.rules[1].text == "appraise fowner=0");
  CHECK(file.rules[2].line == 9);
  CHECK(file.rules[2].rule.action == kDontMeasure);
  REQUIRE(file.errors.size() == 2);
  CHECK(file.errors[0].line == 6);
  CHECK(file.errors[0].column == 9);
  CHECK(file.errors[0].message.find("unknown func \"BPRM\"") != std::string::npos);
  CHECK(file.errors[1].line == 8);
  CHECK(file.errors[1].column == 7);
}

TEST_CASE("parse_policy of an empty text") {
  CHECK(parse_policy("").rules.empty());
  CHECK(parse_policy("\n\n").errors.empty());
}
