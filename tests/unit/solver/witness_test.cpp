// Witnesses become traces that replay on the model and show the violation, in
// every binding's own way of nesting: random features (security.ima, keys,
// activity, the subject, the verb, container rules with id conditions) are
// forced onto violating configurations, and every satisfiable one must
// replay.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <functional>
#include <random>

#include "solver/prove.hpp"
#include "solver/reach.hpp"
#include "solver/witness_search.hpp"
#include "tests/unit/solver/helpers.hpp"

using namespace imans;
using namespace imans::solver;

namespace {

using Force = std::function<z3::expr(const Chain&)>;

// Returns false when nothing violates under the forced features.
bool realise(z3::context& c, const std::string& design, int depth, Escape e, const Force& force,
             std::string* trace = nullptr) {
  const Chain ch = test::chain(c, test::design(design), depth);
  z3::solver s = test::solver_for(c, ch);
  s.add(ch.violated(e));
  s.add(force(ch));
  if (s.check() != z3::sat) return false;
  PropertyReport r;
  r.property = e;
  find_witness(s, ch, e, r);
  INFO(design, " depth ", depth, " ", escape_name(e));
  CHECK_MESSAGE(r.witness_problem.empty(), r.witness_problem, "\n", r.trace_text);
  if (trace) *trace = r.trace_text;
  return true;
}

z3::expr xattr_is(const Chain& ch, unsigned code) {
  return ch.common.file.xattr == ch.common.verb.ctx().bv_val(code, kEnumBits);
}

// Some container rule of the innermost level is present and names ids.
z3::expr container_ids(const Chain& ch) {
  z3::context& c = ch.common.verb.ctx();
  z3::expr_vector any(c);
  for (const SymRule& r : ch.levels.back().policy)
    any.push_back(r.present && r.uid.kind != c.bv_val(kIdAbsent, kEnumBits) &&
                  r.fowner.kind != c.bv_val(kIdAbsent, kEnumBits));
  return z3::mk_or(any);
}

}  // namespace

TEST_CASE("named features replay in their designs") {
  z3::context c;
  auto uid = [&](const Chain& ch, unsigned v) { return ch.common.subject.uid == c.bv_val(v, kIdBits); };
  // A signature whose key only some levels hold; root without capabilities.
  CHECK(realise(c, "rfc2018", 3, Escape::appraisal, [&](const Chain& ch) {
    return xattr_is(ch, kXattrSig) && ch.common.file.current && !ch.common.host_key &&
           ch.levels[2].key_in && !ch.levels[1].key_in && uid(ch, 0) && !ch.common.subject.cap_setuid;
  }));
  // Inherited host keys.
  CHECK(realise(c, "rfc2018 keys=inherit", 2, Escape::measurement, [&](const Chain& ch) {
    return xattr_is(ch, kXattrSig) && ch.common.host_key;
  }));
  // A prepared flag namespace nobody was born into, between two active ones.
  CHECK(realise(c, "newima-flag", 3, Escape::appraisal, [&](const Chain& ch) {
    return !ch.levels[1].active && xattr_is(ch, kXattrSig) && ch.levels[2].key_in;
  }));
  // Container rules written from a child user namespace name its own ids.
  CHECK(realise(c, "userns-hierarchical evaluation=independent", 2, Escape::appraisal,
                [&](const Chain& ch) { return container_ids(ch) && uid(ch, 1000); }));
  // Berger's tree: an inactive level, and audit rules written by kuid 0.
  CHECK(realise(c, "berger2023 evaluation=independent", 3, Escape::audit, [&](const Chain& ch) {
    z3::expr_vector audit(c);
    for (const SymRule& r : ch.levels.back().policy)
      audit.push_back(r.present && r.cls == c.bv_val(static_cast<unsigned>(Cls::audit), kEnumBits));
    return !ch.levels[1].active && z3::mk_or(audit) && uid(ch, 0);
  }));
  // A stale signature in a spawned namespace, opened for write.
  CHECK(realise(c, "securityfs-spawn", 1, Escape::appraisal, [&](const Chain& ch) {
    return xattr_is(ch, kXattrSig) && !ch.common.file.current &&
           ch.common.verb == c.bv_val(kVerbWrite, kEnumBits);
  }));
  // A bad signature, mmap, a file on tmpfs owned by someone else.
  CHECK(realise(c, "rfc2018-root-to-init", 2, Escape::measurement, [&](const Chain& ch) {
    return xattr_is(ch, kXattrBad) && ch.common.verb == c.bv_val(kVerbMmap, kEnumBits) &&
           ch.common.file.fsmagic == c.bv_val(0x01021994, kMagicBits) &&
           ch.common.file.owner == c.bv_val(1000, kIdBits);
  }));
}

TEST_CASE("a hash in security.ima is written by a helper namespace") {
  z3::context c;
  for (const char* design : {"rfc2018", "newima-flag", "securityfs-spawn",
                             "userns-hierarchical evaluation=independent",
                             "berger2023 evaluation=independent", "rfc2018 activation=write-once"}) {
    std::string trace;
    CHECK_MESSAGE(realise(c, design, 1, Escape::appraisal,
                          [&](const Chain& ch) {
                            return xattr_is(ch, kXattrHash) && !ch.common.file.current;
                          },
                          &trace),
                  design);
    CHECK_MESSAGE(trace.find("helper") != std::string::npos, trace);
  }
}

TEST_CASE("random features replay in every design with violations") {
  z3::context c;
  std::mt19937_64 rng(0x5eedULL);
  auto coin = [&] { return (rng() & 1) != 0; };
  int realised = 0, tried = 0;
  const std::vector<std::string> designs{
      "rfc2018", "rfc2018-root-to-init", "newima-flag", "securityfs-spawn",
      "rfc2018 keys=inherit", "rfc2018 keys=host", "rfc2018 activation=write-once",
      "userns-hierarchical evaluation=independent", "userns-hierarchical evaluation=root-to-init keys=per-ns",
      "berger2023 evaluation=independent", "berger2023 evaluation=root-to-init", "newima-flag keys=inherit",
      "securityfs-spawn keys=host"};
  for (const auto& design : designs) {
    for (int round = 0; round < 12; ++round) {
      const int depth = 1 + static_cast<int>(rng() % 3);
      const Escape e = all_escapes()[rng() % 3];
      const unsigned xattr = static_cast<unsigned>(rng() % 4);
      const unsigned verb = static_cast<unsigned>(rng() % 4);
      const unsigned uids[] = {0, 1000, 4242};
      const unsigned uid = uids[rng() % 3];
      const bool cap = coin(), current = coin(), host_key = coin(), ids = coin();
      std::vector<bool> active, key_in;
      for (int i = 0; i < depth; ++i) {
        active.push_back(coin() || coin());
        key_in.push_back(coin());
      }
      ++tried;
      const bool made = realise(c, design, depth, e, [&](const Chain& ch) {
        z3::context& x = ch.common.verb.ctx();
        z3::expr f = ch.common.file.xattr == x.bv_val(xattr, kEnumBits) &&
                     ch.common.verb == x.bv_val(verb, kEnumBits) &&
                     ch.common.subject.uid == x.bv_val(uid, kIdBits) &&
                     ch.common.subject.cap_setuid == x.bool_val(cap) &&
                     ch.common.file.current == x.bool_val(current) &&
                     ch.common.host_key == x.bool_val(host_key);
        for (int i = 0; i < depth; ++i)
          f = f && ch.levels[i].active == x.bool_val(active[i]) &&
              ch.levels[i].key_in == x.bool_val(key_in[i]);
        if (ids) f = f && container_ids(ch);
        // A hash is only written by a helper whose write the host policy
        // leaves alone (reach.hpp); other hash configurations have no trace.
        if (xattr == kXattrHash)
          f = f && hash_helper_quiet(ch.common.design, ch.common.init.policy, ch.common.file,
                                     ch.common.subject);
        return f;
      });
      if (made) ++realised;
    }
  }
  MESSAGE(realised, " of ", tried, " random configurations violated and were realised");
  CHECK(realised > tried / 5);
}
