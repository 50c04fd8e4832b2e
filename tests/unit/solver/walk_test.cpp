// The design encoding against the model itself: random reachable
// configurations (a chain built the design's way, policies, keys, activity, a
// subject, a signed or unsigned file, an access) are replayed on the model as
// traces, and the encoding, fixed to the same configuration, must say the same
// about the three escape properties and about the access's outcome. Seeded and
// deterministic.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "model/policy/decide.hpp"
#include "solver/rule.hpp"
#include "solver/witness.hpp"
#include "tests/unit/solver/helpers.hpp"
#include "tests/unit/solver/random_rules.hpp"
#include "traces/parse.hpp"
#include "traces/replay.hpp"

using namespace imans;
using namespace imans::solver;
using imans::solver::test::Gen;

namespace {

constexpr int kRules = 3;

bool user_bound(const Design& d) {
  return d.binding == Binding::user || d.binding == Binding::user_lazy;
}

// A helper's write that sets a hash must leave init_ima_ns untouched.
bool helper_quiet(const std::vector<policy::Rule>& host, const Design& d, const policy::Inode& f) {
  policy::Subject root;
  root.cap_setuid = root.cap_setgid = !user_bound(d);
  const auto dec = policy::ima_match_policy(host, root, f, policy::Func::file_check,
                                            policy::kMayWrite,
                                            policy::kMeasure | policy::kAppraise | policy::kAudit);
  return (dec.action & (policy::kMeasure | policy::kAppraise | policy::kAudit)) == 0;
}

// A configuration the design can reach, as a Witness (property and outcome unset).
Witness random_configuration(Gen& g, const Design& d, int depth) {
  Witness w;
  w.design = d;
  w.depth = depth;
  static const std::vector<std::uint32_t> uids{0, 1000, 4242};
  w.subject.uid = w.subject.euid = w.subject.suid = g.pick(uids);
  w.subject.cap_setuid = w.subject.cap_setgid =
      !user_bound(d) && w.subject.uid == 0 && g.coin();
  static const std::vector<std::uint32_t> owners{0, 1000, 4242, 65534};
  static const std::vector<std::uint32_t> magics{0xef53, 0x9fa0, 0x01021994, 0x58465342};
  w.file.uid = g.pick(owners);
  w.file.gid = g.pick(owners);
  w.file.fsmagic = g.pick(magics);
  w.file.fsname = policy::fsname_for_magic(w.file.fsmagic);
  w.verb = static_cast<Verb>(static_cast<int>(Verb::exec) + g.below(4));
  w.current = g.coin();
  w.host_key = g.coin();
  w.host_rules = g.policy_rules(true, kRules, 0, true);
  static const std::vector<XattrKind> kinds{XattrKind::none, XattrKind::sig, XattrKind::bad,
                                            XattrKind::hash};
  w.xattr = g.pick(kinds);
  if (w.xattr == XattrKind::hash && !helper_quiet(w.host_rules, d, w.file)) w.xattr = XattrKind::sig;
  for (int i = 0; i < depth; ++i) {
    WitnessLevel l;
    const bool innermost = i + 1 == depth;
    l.active = d.activation == Activation::creation ||
               (d.activation == Activation::first_child && innermost) || g.coin(70);
    l.key_in = d.keys == Keys::host ? w.host_key
               : d.keys == Keys::inherit && w.host_key ? true
                                                       : g.coin();
    for (policy::Rule r : g.policy_rules(true, kRules, 0, true)) {
      if (user_bound(d)) {
        // Written from the level's user namespace: it names only its own ids.
        r.uid.value = r.fowner.value = w.subject.uid;
        r.gid.value = r.fgroup.value = 0;
        if (d.binding == Binding::user_lazy && w.subject.uid != 0 &&
            (r.action & (policy::kAudit | policy::kDontAudit)))
          continue;
      }
      l.rules.push_back(r);
    }
    w.levels.push_back(std::move(l));
  }
  return w;
}

unsigned xattr_code(XattrKind k) {
  switch (k) {
    case XattrKind::hash:
      return kXattrHash;
    case XattrKind::sig:
      return kXattrSig;
    case XattrKind::bad:
      return kXattrBad;
    case XattrKind::none:
      break;
  }
  return kXattrNone;
}

unsigned verb_code(Verb v) {
  switch (v) {
    case Verb::exec:
      return kVerbExec;
    case Verb::mmap:
      return kVerbMmap;
    case Verb::open_read:
      return kVerbRead;
    default:
      return kVerbWrite;
  }
}

// Fixes the chain's unknowns to the configuration.
void pin(z3::solver& s, const Chain& ch, const Witness& w) {
  z3::context& c = s.ctx();
  const Common& k = ch.common;
  s.add(k.subject.uid == c.bv_val(w.subject.uid, kIdBits));
  s.add(k.subject.cap_setuid == c.bool_val(w.subject.cap_setuid));
  s.add(k.file.owner == c.bv_val(w.file.uid, kIdBits));
  s.add(k.file.group == c.bv_val(w.file.gid, kIdBits));
  s.add(k.file.fsmagic == c.bv_val(w.file.fsmagic, kMagicBits));
  s.add(k.file.fsuuid == c.bv_val(0, kUuidBits));
  s.add(k.file.xattr == c.bv_val(xattr_code(w.xattr), kEnumBits));
  s.add(k.file.current == c.bool_val(w.current));
  s.add(k.verb == c.bv_val(verb_code(w.verb), kEnumBits));
  s.add(k.host_key == c.bool_val(w.host_key));
  auto rules = [&](const SymPolicy& sym, const std::vector<policy::Rule>& concrete) {
    z3::expr_vector from(c), to(c);
    for (std::size_t i = 0; i < sym.size(); ++i) {
      if (i < concrete.size()) {
        REQUIRE(bind_rule(sym[i], concrete[i], w.subject, w.file, from, to));
      } else {
        s.add(!sym[i].present);
      }
    }
    for (unsigned i = 0; i < from.size(); ++i) s.add(from[i] == to[i]);
  };
  rules(k.init.policy, w.host_rules);
  for (std::size_t i = 0; i < ch.levels.size(); ++i) {
    s.add(ch.levels[i].active == c.bool_val(w.levels[i].active));
    s.add(ch.levels[i].key_in == c.bool_val(w.levels[i].key_in));
    rules(ch.levels[i].policy, w.levels[i].rules);
  }
}

}  // namespace

TEST_CASE("the encoding judges random configurations as the model's replay does") {
  z3::context c;
  Gen g(0x3a1cULL);
  const std::vector<std::string> designs{
      "rfc2018", "rfc2018-root-to-init", "userns-hierarchical", "berger2023", "newima-flag",
      "securityfs-spawn", "rfc2018 keys=inherit", "rfc2018 activation=write-once",
      "userns-hierarchical evaluation=independent", "berger2023 evaluation=root-to-init keys=host",
      "newima-flag evaluation=hierarchical keys=inherit"};
  int compared = 0, violations = 0;
  for (const auto& text : designs) {
    const Design d = test::design(text);
    for (int round = 0; round < 40; ++round) {
      const int depth = d.binding == Binding::spawn ? 1 : 1 + g.below(3);
      const Witness w = random_configuration(g, d, depth);
      const std::string trace_text = configuration_trace_text(w);
      INFO(text, "\n", trace_text);

      const Chain ch = test::chain(c, d, depth, kRules);
      z3::solver s = test::solver_for(c, ch);
      pin(s, ch, w);
      REQUIRE_MESSAGE(s.check() == z3::sat, "the encoding rejects a reachable configuration");
      const z3::model m = s.get_model();

      auto parsed = traces::parse_trace(trace_text, "(random)");
      REQUIRE(std::holds_alternative<traces::Trace>(parsed));
      const traces::ReplayResult r = traces::replay(std::get<traces::Trace>(parsed));
      REQUIRE_MESSAGE(r.status == traces::ReplayResult::Status::ok, r.message);
      REQUIRE(!r.records.empty());
      const traces::StepRecord& access = r.records.back();

      CHECK(m.eval(ch.denied(), true).is_true() == (access.outcome == Errno::acces));
      for (Escape e : all_escapes()) {
        const bool model_says = r.violated.test(properties::index(property_of(e)));
        CHECK_MESSAGE(m.eval(ch.violated(e), true).is_true() == model_says, escape_name(e));
        violations += model_says ? 1 : 0;
      }
      ++compared;
    }
  }
  MESSAGE(compared, " configurations compared, ", violations, " escape violations among them");
  CHECK(violations > 0);
}
