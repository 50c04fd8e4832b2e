// ima_match_rules(): each condition on its own, as the kernel tests it.
#include "model/policy/match.hpp"

#include <doctest/doctest.h>

#include "tests/unit/policy/test_helpers.hpp"

using namespace imans::policy;

namespace {

Match matches(std::string_view rule, const Subject& subject, const Inode& inode, Func func,
              std::uint8_t mask) {
  return ima_match_rules(test::must_parse(rule), subject, inode, func, mask);
}

const Subject kRoot{};
const Inode kExt4File{};

Subject user(std::uint32_t id) {
  Subject s;
  s.uid = s.euid = s.suid = id;
  s.gid = s.egid = s.sgid = id;
  return s;
}

}  // namespace

TEST_CASE("func= must equal the hook, except for POST_SETATTR") {
  CHECK(matches("measure func=FILE_CHECK", kRoot, kExt4File, Func::file_check, kMayRead) ==
        Match::yes);
  CHECK(matches("measure func=FILE_CHECK", kRoot, kExt4File, Func::bprm_check, kMayExec) ==
        Match::no);
  CHECK(matches("measure", kRoot, kExt4File, Func::module_check, kMayRead) == Match::yes);
  // POST_SETATTR ignores the hook and the mask, not the other conditions.
  CHECK(matches("appraise func=BPRM_CHECK mask=MAY_EXEC", kRoot, kExt4File, Func::post_setattr,
                0) == Match::yes);
  CHECK(matches("appraise func=BPRM_CHECK fowner=5", kRoot, kExt4File, Func::post_setattr, 0) ==
        Match::no);
}

TEST_CASE("mask= is an exact match, mask=^ any common bit") {
  const auto rw = static_cast<std::uint8_t>(kMayRead | kMayWrite);
  CHECK(matches("measure mask=MAY_READ", kRoot, kExt4File, Func::file_check, kMayRead) ==
        Match::yes);
  CHECK(matches("measure mask=MAY_READ", kRoot, kExt4File, Func::file_check, rw) == Match::no);
  CHECK(matches("measure mask=^MAY_READ", kRoot, kExt4File, Func::file_check, rw) == Match::yes);
  CHECK(matches("measure mask=^MAY_READ", kRoot, kExt4File, Func::file_check, kMayWrite) ==
        Match::no);
}

TEST_CASE("filesystem conditions") {
  Inode tmpfs;
  tmpfs.fsmagic = 0x01021994;
  tmpfs.fsname = "tmpfs";
  CHECK(matches("dont_measure fsmagic=0x1021994", kRoot, tmpfs, Func::file_check, kMayRead) ==
        Match::yes);
  CHECK(matches("dont_measure fsmagic=0x1021994", kRoot, kExt4File, Func::file_check, kMayRead) ==
        Match::no);
  CHECK(matches("dont_measure fsname=tmpfs", kRoot, tmpfs, Func::file_check, kMayRead) ==
        Match::yes);
  CHECK(matches("dont_measure fsname=tmpfs", kRoot, kExt4File, Func::file_check, kMayRead) ==
        Match::no);

  Inode fuse;
  fuse.fsname = "fuse";
  CHECK(matches("audit fs_subtype=sshfs", kRoot, fuse, Func::file_check, kMayRead) == Match::no);
  fuse.fs_subtype = "sshfs";
  CHECK(matches("audit fs_subtype=sshfs", kRoot, fuse, Func::file_check, kMayRead) == Match::yes);
  fuse.fs_subtype = "gvfsd-fuse";
  CHECK(matches("audit fs_subtype=sshfs", kRoot, fuse, Func::file_check, kMayRead) == Match::no);

  Inode uuid_fs;
  uuid_fs.fsuuid = {0x8b, 0xcb, 0xe3, 0x94, 0x4f, 0x13, 0x41, 0x44,
                    0xbe, 0x8e, 0x5a, 0xa9, 0xea, 0x2c, 0xe2, 0xf6};
  const char* rule = "appraise fsuuid=8bcbe394-4f13-4144-be8e-5aa9ea2ce2f6";
  CHECK(matches(rule, kRoot, uuid_fs, Func::file_check, kMayRead) == Match::yes);
  CHECK(matches(rule, kRoot, kExt4File, Func::file_check, kMayRead) == Match::no);
}

TEST_CASE("uid= compares the real uid with = < >") {
  CHECK(matches("measure uid=1000", user(1000), kExt4File, Func::file_check, kMayRead) ==
        Match::yes);
  CHECK(matches("measure uid<1000", user(1000), kExt4File, Func::file_check, kMayRead) ==
        Match::no);
  CHECK(matches("measure uid<1000", user(999), kExt4File, Func::file_check, kMayRead) ==
        Match::yes);
  CHECK(matches("measure uid>1000", user(1001), kExt4File, Func::file_check, kMayRead) ==
        Match::yes);
  CHECK(matches("measure uid>1000", user(1000), kExt4File, Func::file_check, kMayRead) ==
        Match::no);
  Subject setuid_root = user(1000);
  setuid_root.euid = 0;
  CHECK(matches("measure uid=0", setuid_root, kExt4File, Func::file_check, kMayRead) == Match::no);
}

TEST_CASE("euid= widens to saved and real uid with CAP_SETUID") {
  Subject s = user(1000);
  s.suid = 0;
  CHECK(matches("measure euid=0", s, kExt4File, Func::file_check, kMayRead) == Match::no);
  s.cap_setuid = true;
  CHECK(matches("measure euid=0", s, kExt4File, Func::file_check, kMayRead) == Match::yes);
  s.suid = 1000;
  s.uid = 0;
  CHECK(matches("measure euid=0", s, kExt4File, Func::file_check, kMayRead) == Match::yes);
  s.uid = 1000;
  s.euid = 0;
  s.cap_setuid = false;
  CHECK(matches("measure euid=0", s, kExt4File, Func::file_check, kMayRead) == Match::yes);
  // CAP_SETGID does not widen euid=.
  Subject g = user(1000);
  g.suid = 0;
  g.cap_setgid = true;
  CHECK(matches("measure euid=0", g, kExt4File, Func::file_check, kMayRead) == Match::no);
}

TEST_CASE("gid= and egid= (widened by CAP_SETGID)") {
  Subject s = user(100);
  CHECK(matches("measure gid=100", s, kExt4File, Func::file_check, kMayRead) == Match::yes);
  CHECK(matches("measure gid>100", s, kExt4File, Func::file_check, kMayRead) == Match::no);
  s.sgid = 0;
  CHECK(matches("measure egid=0", s, kExt4File, Func::file_check, kMayRead) == Match::no);
  s.cap_setgid = true;
  CHECK(matches("measure egid=0", s, kExt4File, Func::file_check, kMayRead) == Match::yes);
  s.cap_setgid = false;
  s.cap_setuid = true;
  CHECK(matches("measure egid=0", s, kExt4File, Func::file_check, kMayRead) == Match::no);
}

TEST_CASE("fowner= and fgroup= look at the inode") {
  Inode owned;
  owned.uid = 1000;
  owned.gid = 50;
  CHECK(matches("appraise fowner=0", kRoot, owned, Func::file_check, kMayRead) == Match::no);
  CHECK(matches("appraise fowner>999", kRoot, owned, Func::file_check, kMayRead) == Match::yes);
  CHECK(matches("appraise fowner<1000", kRoot, owned, Func::file_check, kMayRead) == Match::no);
  CHECK(matches("appraise fgroup=50", kRoot, owned, Func::file_check, kMayRead) == Match::yes);
  CHECK(matches("appraise fgroup<50", kRoot, owned, Func::file_check, kMayRead) == Match::no);
  // The subject's ids play no part.
  CHECK(matches("appraise fowner=1000", user(0), owned, Func::file_check, kMayRead) == Match::yes);
}

TEST_CASE("LSM conditions make a match unmodelled only when all else holds") {
  CHECK(matches("measure func=FILE_CHECK subj_type=init_t", kRoot, kExt4File, Func::file_check,
                kMayRead) == Match::unmodelled);
  CHECK(matches("measure func=BPRM_CHECK subj_type=init_t", kRoot, kExt4File, Func::file_check,
                kMayRead) == Match::no);
  CHECK(matches("dont_measure obj_type=var_log_t fowner=5", kRoot, kExt4File, Func::file_check,
                kMayRead) == Match::no);
}

TEST_CASE("keys and critical data match by func, uid and name only") {
  const Rule any_key = test::must_parse("measure func=KEY_CHECK");
  CHECK(ima_match_rules(any_key, kRoot, kExt4File, Func::key_check, 0, ".ima") == Match::yes);
  CHECK(ima_match_rules(any_key, kRoot, kExt4File, Func::key_check, 0) == Match::yes);

  const Rule ima_keys = test::must_parse("measure func=KEY_CHECK keyrings=.ima|.evm uid=0 gid=5");
  CHECK(ima_match_rules(ima_keys, kRoot, kExt4File, Func::key_check, 0, ".evm") == Match::yes);
  CHECK(ima_match_rules(ima_keys, kRoot, kExt4File, Func::key_check, 0, ".builtin") == Match::no);
  CHECK(ima_match_rules(ima_keys, kRoot, kExt4File, Func::key_check, 0) == Match::no);
  CHECK(ima_match_rules(ima_keys, user(7), kExt4File, Func::key_check, 0, ".ima") == Match::no);
  // gid= is accepted on KEY_CHECK rules but never tested.
  Subject root_group7 = kRoot;
  root_group7.gid = 7;
  CHECK(ima_match_rules(ima_keys, root_group7, kExt4File, Func::key_check, 0, ".ima") ==
        Match::yes);

  // A rule without func= never matches keys or critical data.
  CHECK(matches("measure", kRoot, kExt4File, Func::key_check, 0) == Match::no);
  CHECK(matches("measure", kRoot, kExt4File, Func::critical_data, 0) == Match::no);

  const Rule selinux = test::must_parse("measure func=CRITICAL_DATA label=selinux");
  CHECK(ima_match_rules(selinux, kRoot, kExt4File, Func::critical_data, 0, "selinux") ==
        Match::yes);
  CHECK(ima_match_rules(selinux, kRoot, kExt4File, Func::critical_data, 0, "kernel_info") ==
        Match::no);
  CHECK(ima_match_rules(selinux, kRoot, kExt4File, Func::key_check, 0, "selinux") == Match::no);
}

TEST_CASE("fsname_for_magic knows the built-in policies' filesystems") {
  CHECK(fsname_for_magic(0x9fa0) == "proc");
  CHECK(fsname_for_magic(0x01021994) == "tmpfs");
  CHECK(fsname_for_magic(0x858458f6) == "ramfs");
  CHECK(fsname_for_magic(0x42494e4d) == "binfmt_misc");
  CHECK(fsname_for_magic(0xf97cff8c) == "selinuxfs");
  CHECK(fsname_for_magic(0x63677270) == "cgroup2");
  CHECK(fsname_for_magic(0xef53) == "ext4");
  CHECK(fsname_for_magic(0x58465342) == "xfs");
  CHECK(fsname_for_magic(0x9123683e) == "btrfs");
  CHECK(fsname_for_magic(0x794c7630) == "overlay");
  CHECK(fsname_for_magic(0x73717368) == "squashfs");
  CHECK(fsname_for_magic(0x12345678) == "unknown");
}
