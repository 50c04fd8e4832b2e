// Every construct read, written and read back; the writer's canonical form.
#include <limits>

#include "helpers.hpp"
#include "model/policy/builtin.hpp"

using namespace imans;
using namespace imans::traces;
using namespace imans::traces::test;

namespace {

// Every verb, every assertion, every world line, every header line.
constexpr std::string_view kEverything = R"(imans-trace 1
design berger2023 evaluation=hierarchical keys=host
seed 18446744073709551615
mutant walk-stops-at-first-active
# a container that signs and loads its own key
host-policy "appraise func=BPRM_CHECK appraise_type=imasig" "measure func=MMAP_CHECK mask=MAY_EXEC"
host-policy builtin=tcb
file /usr/bin/tool uid=0
file /home/u/app uid=1000 gid=1000 fsmagic=0x58465342
key k1
host-key hk
key k2
host-key k2
t0 clone t1 ima mnt user => ok
t1 mount-securityfs => ok
t1 activate
t1 policy "measure func=BPRM_CHECK" "audit func=FILE_CHECK uid>0"
t1 policy-for-children "measure func=BPRM_CHECK"
t1 keyload k1 => ok
t1 sign /usr/bin/tool k1
t1 sign /home/u/app bad => ok
t1 unsign /usr/bin/tool
t1 modify /home/u/app
t1 exec /usr/bin/tool => EACCES
t1 mmap /usr/bin/tool
t1 open /home/u/app read
t1 open /home/u/app write => ok
t0 clone t2
t2 setuid 1000 => ok
t2 unshare user mnt
t2 unshare
t0 setns t1 user => EPERM
t0 setns t1 mnt
t0 setns t2 ima
t0 spawn => EINVAL
inject enomem
inject enomem skip=3  # the fourth allocation fails
t0 clone t3 => ENOMEM
expect measured ima(t1) /usr/bin/tool >= 1
expect audited user(t1) /home/u/app == 0
expect refcount mnt(t0) != 0
expect refcount user#1 < 5
expect live mnt#0
expect freed ima#7
expect live init
expect live-count user > 1
expect live-count mnt <= 3
expect live-count ima == 2
expect holds
expect violated userns-join-no-ima-side-effect
t2 exit
t1 exit => ok
t0 clone t2 user
t0 clone t3
)";

}  // namespace

TEST_CASE("every construct parses into the right data") {
  auto t = parse_ok(kEverything);
  CHECK(t.design_words ==
        std::vector<std::string>{"berger2023", "evaluation=hierarchical", "keys=host"});
  CHECK(t.config.design.evaluation == Evaluation::hierarchical);
  CHECK(t.config.design.keys == Keys::host);
  CHECK(t.config.design.binding == Binding::user_lazy);
  CHECK(t.config.mutant == Mutant::walk_stops_at_first_active);
  CHECK(t.seed == std::numeric_limits<std::uint64_t>::max());

  REQUIRE(t.host_policy.size() == 2);
  CHECK(t.host_policy[0].rules.size() == 2);
  CHECK(t.host_policy[1].builtin == "tcb");
  auto tcb = policy::parse_policy(*policy::builtin_policy_text("tcb"));
  CHECK(t.world.host_policy.size() == 2);
  CHECK(t.world.builtin_policy.size() == tcb.rules.size());  // replaced by the custom rules at boot
  CHECK(t.world.files[1].uid == 1000);
  CHECK(t.world.files[1].gid == 1000);
  CHECK(t.world.files[1].fsmagic == 0x58465342);
  CHECK(t.world.keys == std::vector<std::string>{"k1", "hk", "k2"});
  CHECK(t.world.host_keys == (key_bit(KeyId{1}) | key_bit(KeyId{2})));
  REQUIRE(t.world_lines.size() == 8);
  CHECK(t.world_lines[6].kind == WorldLine::Kind::key);
  CHECK(t.world_lines[7].kind == WorldLine::Kind::host_key);
  CHECK(t.world_lines[7].index == 2);

  const auto& clone = step_at(t, 0);
  CHECK(clone.step.flags == (kNewUser | kNewNs | kNewIma));
  CHECK(clone.new_task == "t1");
  CHECK(step_at(t, 5).step.key == KeyId{0});
  CHECK(step_at(t, 6).step.verb == Verb::sign);
  CHECK(step_at(t, 6).step.key == KeyId{0});
  CHECK(step_at(t, 7).step.verb == Verb::sign_bad);
  CHECK(step_at(t, 7).step.key.none());
  CHECK(step_at(t, 12).step.verb == Verb::open_read);
  CHECK(step_at(t, 13).step.verb == Verb::open_write);
  CHECK(step_at(t, 15).step.value == 1000);
  CHECK(step_at(t, 17).step.flags == 0);
  const auto& setns = step_at(t, 18);
  CHECK(setns.step.verb == Verb::setns);
  CHECK(setns.target == "t1");
  CHECK(setns.step.ns_type == NsType::user);
  CHECK(step_at(t, 20).step.ns_type == NsType::ima);
  CHECK(step_at(t, 22).step.value == 0);
  CHECK(step_at(t, 23).step.value == 3);

  const auto& audited = expect_at(t, 26);
  CHECK(audited.kind == Expect::Kind::audited);
  CHECK(audited.ns.kind == ObjKind::user);
  CHECK(audited.file == FileId{1});
  CHECK(expect_at(t, 29).ns.form == NsRef::Form::numbered);
  CHECK(expect_at(t, 29).ns.kind == ObjKind::mnt);
  CHECK(expect_at(t, 32).count_kind == ObjKind::user);
  CHECK(expect_at(t, 32).op == CmpOp::gt);
  CHECK(expect_at(t, 36).property == "userns-join-no-ima-side-effect");
}

TEST_CASE("every construct round-trips, in canonical form") {
  auto t = parse_ok(kEverything);
  check_round_trip(t);
  std::string text = write_trace(t);
  // Flags in canonical order, defaults left out, fsmagic in hex.
  CHECK(text.find("t0 clone t1 user mnt ima => ok\n") != std::string::npos);
  CHECK(text.find("file /usr/bin/tool\n") != std::string::npos);
  CHECK(text.find("file /home/u/app uid=1000 gid=1000 fsmagic=0x58465342\n") != std::string::npos);
  CHECK(text.find("host-policy builtin=tcb\n") != std::string::npos);
  CHECK(text.find("t2 unshare\n") != std::string::npos);
  CHECK(text.find("inject enomem\ninject enomem skip=3  # the fourth allocation fails\n") !=
        std::string::npos);
  // Apart from the flag order and uid=0, the input is already canonical.
  std::string canonical(kEverything);
  canonical.replace(canonical.find("ima mnt user"), 12, "user mnt ima");
  canonical.replace(canonical.find("/usr/bin/tool uid=0"), 19, "/usr/bin/tool");
  CHECK(text == canonical);
}

TEST_CASE("task names: exit frees a name, a clone written to fail introduces none") {
  auto t = parse_ok(std::string(kHead) +
                    "t0 clone t1 user => EPERM\n"
                    "t0 clone t1\n"
                    "t1 exit\n"
                    "t0 clone t1 mnt\n"
                    "t1 unshare user\n"
                    "expect refcount ima(t1) == 1\n");
  CHECK(t.statements.size() == 6);
  check_round_trip(t);
}

TEST_CASE("write_statement writes one line") {
  auto t = parse_ok(std::string(kHead) + "file /bin/app\nkey k\n" +
                    "t0 sign /bin/app k => ok  # sign it\n"
                    "expect measured init /bin/app == 1\n");
  CHECK(write_statement(t.statements[0], t.world) == "t0 sign /bin/app k => ok  # sign it");
  CHECK(write_statement(t.statements[1], t.world) == "expect measured init /bin/app == 1");
  // Without the world, ids stand in for the names.
  CHECK(write_statement(t.statements[0]) == "t0 sign file#0 key#0 => ok  # sign it");
}

TEST_CASE("a trace built in memory is written with its world") {
  Trace t;
  t.design_words = {"rfc2018"};
  t.config.design = find_preset("rfc2018")->design;
  t.world.files.push_back(FileDecl{"/bin/app", 1000, 0, 0xef53, {}});
  t.world.keys = {"k1", "k2"};
  t.world.host_keys = key_bit(KeyId{1});
  auto rule = policy::parse_rule("measure func=BPRM_CHECK");
  REQUIRE(std::holds_alternative<policy::Rule>(rule));
  t.world.host_policy.push_back(std::get<policy::Rule>(rule));
  StepLine s;
  s.actor = "t0";
  s.step.verb = Verb::exec;
  s.step.file = FileId{0};
  s.expected = Errno::ok;
  t.statements.emplace_back(s);

  std::string text = write_trace(t);
  CHECK(text ==
        "imans-trace 1\n"
        "design rfc2018\n"
        "host-policy \"" + policy::format_rule(std::get<policy::Rule>(rule)) + "\"\n"
        "file /bin/app uid=1000\n"
        "key k1\n"
        "host-key k2\n"
        "t0 exec /bin/app => ok\n");
  auto back = parse_ok(text);
  CHECK(back.world.host_policy == t.world.host_policy);
  CHECK(back.world.host_keys == t.world.host_keys);
  CHECK(back.statements == t.statements);
}

TEST_CASE("operator== ignores positions and the file name, nothing else") {
  auto a = parse_ok(std::string(kHead) + "t0 exit\n");
  auto b = std::get<Trace>(parse_trace(std::string(kHead) + "\n\n   t0   exit\n", "other.trace"));
  CHECK(a == b);
  auto c = parse_ok(std::string(kHead) + "t0 exit  # bye\n");
  CHECK_FALSE(a == c);
  auto d = parse_ok(std::string(kHead) + "t0 exit => ok\n");
  CHECK_FALSE(a == d);
  auto e = parse_ok("imans-trace 1\ndesign rfc2018 evaluation=hierarchical\nt0 exit\n");
  CHECK_FALSE(a == e);
}
