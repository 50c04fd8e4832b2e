// The built-in rule lists are compiled in and all parse.
#include "model/policy/builtin.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "tests/unit/policy/test_helpers.hpp"

using namespace imans::policy;

TEST_CASE("builtin_policy_names lists every data/policies file, sorted") {
  const auto names = builtin_policy_names();
  CHECK(names.size() == 10);
  CHECK(std::is_sorted(names.begin(), names.end()));
  for (const char* expected : {"tcb", "ima_tcb", "appraise_tcb", "secure_boot", "critical_data",
                               "build_appraise", "arch_efi_secureboot", "arch_powerpc_secure",
                               "arch_powerpc_trusted", "arch_powerpc_secure_and_trusted"}) {
    INFO(expected);
    CHECK(std::find(names.begin(), names.end(), expected) != names.end());
  }
}

TEST_CASE("builtin_policy_text returns the file, or nothing") {
  const auto tcb = builtin_policy_text("tcb");
  REQUIRE(tcb.has_value());
  CHECK(tcb->find("measure func=POLICY_CHECK\n") != std::string_view::npos);
  CHECK_FALSE(builtin_policy_text("nope").has_value());
  CHECK_FALSE(builtin_policy_text("tcb.policy").has_value());
}

TEST_CASE("every built-in policy parses cleanly") {
  for (const auto name : builtin_policy_names()) {
    INFO(std::string(name));
    const PolicyFile file = parse_policy(*builtin_policy_text(name));
    CHECK(file.errors.empty());
  }
  CHECK(parse_policy(*builtin_policy_text("tcb")).rules.size() == 20);
  CHECK(parse_policy(*builtin_policy_text("appraise_tcb")).rules.size() == 15);
  CHECK(parse_policy(*builtin_policy_text("build_appraise")).rules.empty());
}
