// format_rule() prints rules back in the kernel's read-back order, and every
// rule shipped in data/policies is already written that way.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "model/policy/builtin.hpp"
#include "model/policy/names.hpp"
#include "tests/unit/policy/test_helpers.hpp"

using namespace imans::policy;

namespace {

// The active rules of a policy file plus the rules it lists commented out
// ("#appraise ..."): all of them must be valid.
std::vector<std::string> rules_in(std::string_view text) {
  std::vector<std::string> rules;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!line.empty() && line.front() == '#') {
      line.remove_prefix(1);
      const std::string_view first = line.substr(0, line.find(' '));
      if (!parse_action(first)) continue;
    }
    if (!line.empty()) rules.emplace_back(line);
  }
  return rules;
}

}  // namespace

TEST_CASE("every rule in data/policies parses and prints back unchanged") {
  std::size_t checked = 0;
  for (const auto name : builtin_policy_names()) {
    const auto text = builtin_policy_text(name);
    REQUIRE(text.has_value());
    for (const auto& line : rules_in(*text)) {
      INFO(std::string(name) << ".policy: " << line);
      const Rule rule = test::must_parse(line);
      CHECK(format_rule(rule) == line);
      ++checked;
    }
  }
  CHECK(checked >= 60);
}

TEST_CASE("the data/policies files on disk are what is compiled in") {
  for (const auto name : builtin_policy_names()) {
    const auto on_disk = test::read_source_file("data/policies/" + std::string(name) + ".policy");
    CHECK(*builtin_policy_text(name) == on_disk);
  }
}

TEST_CASE("format_rule puts tokens in the kernel's order") {
  CHECK(format_rule(test::must_parse("permit_directio fowner>99 appraise func=BPRM_CHECK "
                                     "appraise_type=imasig fsuuid=8BCBE394-4F13-4144-BE8E-"
                                     "5AA9EA2CE2F6")) ==
        "appraise func=BPRM_CHECK fsuuid=8bcbe394-4f13-4144-be8e-5aa9ea2ce2f6 fowner>99 "
        "appraise_type=imasig permit_directio");
  CHECK(format_rule(test::must_parse("measure subj_type=init_t obj_user=system_u pcr=11 "
                                     "template=ima-sig euid<1000 fsmagic=0X01021994 "
                                     "fsname=tmpfs fs_subtype=sshfs mask=^MAY_WRITE "
                                     "func=FILE_CHECK gid=7")) ==
        "measure func=FILE_CHECK mask=^MAY_WRITE fsmagic=0x1021994 fsname=tmpfs "
        "fs_subtype=sshfs pcr=11 euid<1000 gid=7 obj_user=system_u subj_type=init_t "
        "template=ima-sig");
  CHECK(format_rule(test::must_parse("appraise appraise_algos=sha512,sha256,sha256 "
                                     "func=SETXATTR_CHECK")) ==
        "appraise func=SETXATTR_CHECK appraise_algos=sha256,sha512");
  CHECK(format_rule(test::must_parse("measure label=selinux|kernel_info func=CRITICAL_DATA "
                                     "uid=0")) ==
        "measure func=CRITICAL_DATA label=selinux|kernel_info uid=0");
  CHECK(format_rule(test::must_parse("dont_measure keyrings=.ima|.evm func=KEY_CHECK")) ==
        "dont_measure func=KEY_CHECK keyrings=.ima|.evm");
}

TEST_CASE("format_rule writes canonical spellings") {
  // Aliases, a format string naming a built-in template, leading zeros, '+'.
  CHECK(format_rule(test::must_parse("measure func=PATH_CHECK")) == "measure func=FILE_CHECK");
  CHECK(format_rule(test::must_parse("measure func=FILE_MMAP")) == "measure func=MMAP_CHECK");
  CHECK(format_rule(test::must_parse("measure template=d-ng|n-ng|sig")) ==
        "measure template=ima-sig");
  CHECK(format_rule(test::must_parse("measure template=d-ng|n-ng|buf|iuid")) ==
        "measure template=d-ng|n-ng|buf|iuid");
  CHECK(format_rule(test::must_parse("measure uid=+007 pcr=+8")) == "measure pcr=8 uid=7");
  CHECK(format_rule(test::must_parse("dont_measure fsmagic=+9FA0")) ==
        "dont_measure fsmagic=0x9fa0");
  // Ids above INT_MAX: the kernel would print them negative (%d).
  CHECK(format_rule(test::must_parse("measure uid>4294967294")) == "measure uid>4294967294");
}

TEST_CASE("signature options print as one appraise_type") {
  CHECK(format_rule(test::must_parse("appraise func=MODULE_CHECK appraise_type=imasig "
                                     "appraise_type=imasig|modsig")) ==
        "appraise func=MODULE_CHECK appraise_type=imasig|modsig");
  CHECK(format_rule(test::must_parse("appraise func=BPRM_CHECK digest_type=verity "
                                     "appraise_type=sigv3")) ==
        "appraise func=BPRM_CHECK appraise_type=sigv3 digest_type=verity");
  CHECK(format_rule(test::must_parse("appraise appraise_flag=check_blacklist "
                                     "func=KEXEC_KERNEL_CHECK appraise_type=imasig|modsig")) ==
        "appraise func=KEXEC_KERNEL_CHECK appraise_type=imasig|modsig "
        "appraise_flag=check_blacklist");
}

TEST_CASE("formatted rules parse back to the same rule") {
  for (const std::string_view text : {
           "measure func=FILE_CHECK mask=^MAY_READ euid=0",
           "appraise func=BPRM_CHECK appraise_type=sigv3 digest_type=verity",
           "measure func=KEXEC_CMDLINE fsname=ext4 fs_subtype=x pcr=0 template=ima-buf",
           "dont_appraise fsuuid=00000000-0000-0000-0000-000000000000 fgroup<5",
           "hash obj_role=r subj_user=u permit_directio",
           "dont_hash fowner=4294967294",
           "appraise func=SETXATTR_CHECK appraise_algos=md5,sha3-512 subj_type=t",
       }) {
    INFO(std::string(text));
    const Rule rule = test::must_parse(text);
    const std::string printed = format_rule(rule);
    CHECK(test::must_parse(printed) == rule);
  }
}
