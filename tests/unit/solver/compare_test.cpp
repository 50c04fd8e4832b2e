// imans policy compare on the kernel's built-in lists and small custom ones,
// with the outcomes worked out by hand in the comments.
#include <doctest/doctest.h>

#include "model/policy/builtin.hpp"
#include "model/policy/parse.hpp"
#include "solver/compare.hpp"
#include "solver/policy_source.hpp"

using namespace imans;
using namespace imans::solver;

namespace {

std::vector<policy::Rule> builtin(const std::string& name) {
  auto r = load_policy("builtin:" + name);
  REQUIRE(std::holds_alternative<NamedPolicy>(r));
  return std::get<NamedPolicy>(r).rules;
}

std::vector<policy::Rule> rules(std::initializer_list<const char*> texts) {
  std::vector<policy::Rule> out;
  for (const char* t : texts) out.push_back(std::get<policy::Rule>(policy::parse_rule(t)));
  return out;
}

// measure, appraise, audit: is A at least as strict as B?
std::array<bool, 3> strict(z3::context& c, const std::vector<policy::Rule>& a,
                           const std::vector<policy::Rule>& b, std::string* appraise_reason = nullptr) {
  auto r = compare_policies(c, a, b, 10000);
  REQUIRE(std::holds_alternative<std::vector<AspectResult>>(r));
  std::array<bool, 3> out{};
  const auto& results = std::get<std::vector<AspectResult>>(r);
  REQUIRE(results.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    REQUIRE(results[i].answer != Answer::unknown);
    out[i] = results[i].answer == Answer::unsat;
    if (!out[i]) {
      REQUIRE(results[i].distinction);
      CHECK(results[i].distinction->confirmed);
      if (i == 1 && appraise_reason) *appraise_reason = results[i].distinction->what;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every built-in list is as strict as itself") {
  z3::context c;
  for (auto name : policy::builtin_policy_names()) {
    INFO(name);
    const auto p = builtin(std::string(name));
    CHECK(strict(c, p, p) == std::array<bool, 3>{true, true, true});
  }
}

TEST_CASE("tcb against ima_tcb") {
  z3::context c;
  // tcb keeps ima_tcb's exclusions and measures a superset: FILE_CHECK
  // mask=^MAY_READ (any open that reads) for uid=0 or euid=0 instead of
  // exact MAY_READ for uid=0, and POLICY_CHECK besides.
  CHECK(strict(c, builtin("tcb"), builtin("ima_tcb")) == std::array<bool, 3>{true, true, true});
  // The other way, an euid-0 read by a non-root uid (or a policy load) is
  // measured by tcb only.
  CHECK(strict(c, builtin("ima_tcb"), builtin("tcb")) == std::array<bool, 3>{false, true, true});
}

TEST_CASE("appraise_tcb against secure_boot") {
  z3::context c;
  // secure_boot requires signatures on modules, firmware, kexec images and
  // policies; appraise_tcb appraises only root-owned files, without requiring
  // a signature: not as strict.
  std::string reason;
  CHECK(strict(c, builtin("appraise_tcb"), builtin("secure_boot"), &reason) ==
        std::array<bool, 3>{true, false, true});
  CHECK_FALSE(reason.empty());
  // secure_boot never appraises what appraise_tcb does (a root-owned file on
  // exec): not as strict either.
  CHECK(strict(c, builtin("secure_boot"), builtin("appraise_tcb")) ==
        std::array<bool, 3>{true, false, true});
}

TEST_CASE("critical data is no file access") {
  z3::context c;
  CHECK(strict(c, builtin("tcb"), builtin("critical_data")) == std::array<bool, 3>{true, true, true});
  CHECK(strict(c, {}, builtin("critical_data")) == std::array<bool, 3>{true, true, true});
  CHECK(strict(c, {}, builtin("tcb"))[0] == false);
}

TEST_CASE("signatures and digest algorithms count as strictness") {
  z3::context c;
  std::string reason;
  const auto sig = rules({"appraise func=BPRM_CHECK appraise_type=imasig"});
  const auto hash = rules({"appraise func=BPRM_CHECK"});
  CHECK(strict(c, sig, hash) == std::array<bool, 3>{true, true, true});
  CHECK(strict(c, hash, sig, &reason) == std::array<bool, 3>{true, false, true});
  CHECK(reason.find("signature") != std::string::npos);
  const auto algos = rules({"appraise func=BPRM_CHECK appraise_algos=sha512"});
  CHECK(strict(c, algos, hash) == std::array<bool, 3>{true, true, true});
  CHECK(strict(c, hash, algos, &reason) == std::array<bool, 3>{true, false, true});
  CHECK(reason.find("appraise_algos") != std::string::npos);
}

TEST_CASE("an earlier dont_ rule makes a policy weaker") {
  z3::context c;
  const auto a = rules({"dont_measure fowner=1000", "measure func=BPRM_CHECK", "audit"});
  const auto b = rules({"measure func=BPRM_CHECK", "audit func=FILE_CHECK"});
  CHECK(strict(c, a, b) == std::array<bool, 3>{false, true, true});
  CHECK(strict(c, b, a) == std::array<bool, 3>{true, true, false});
}

TEST_CASE("rules the encoding cannot express are refused") {
  z3::context c;
  const auto lsm = rules({"dont_measure obj_type=var_log_t"});
  CHECK(std::holds_alternative<std::string>(compare_policies(c, lsm, {}, 1000)));
}

TEST_CASE("a distinction reads with the policies' names") {
  CHECK(solver::name_policies("B measures it, A does not", "tcb", "ima_tcb") ==
        "ima_tcb measures it, tcb does not");
  CHECK(solver::name_policies("both appraise it; B's appraise_algos refuse the sha256 digest, A's do not",
                              "x", "y") ==
        "both appraise it; y's appraise_algos refuse the sha256 digest, x's do not");
  // Capitals inside words are not sides.
  CHECK(solver::name_policies("BPRM_CHECK: B audits it, A does not", "a", "b") ==
        "BPRM_CHECK: b audits it, a does not");
}
