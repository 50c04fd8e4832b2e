// The whole matrix: each preset's search finds exactly the violations
// background.md expects, rfc2018's appraisal escape takes two steps, and every
// seeded bug is killed by a trace that replays.
#include <doctest/doctest.h>

#include <string>

#include "properties/ids.hpp"
#include "search/expectations.hpp"
#include "search/mutants.hpp"
#include "search/search.hpp"

using namespace imans;
using properties::PropertyId;

namespace {

constexpr std::uint64_t kSeed = 20261128;

std::string names(properties::PropertySet s) {
  std::string out;
  for (auto id : properties::all_properties())
    if (s.test(properties::index(id))) out += std::string(properties::property_name(id)) + " ";
  return out.empty() ? "(none)" : out;
}

}  // namespace

TEST_CASE("each preset violates exactly the properties background.md expects") {
  for (const Preset& p : presets()) {
    search::SearchOptions o;
    o.config = Config{p.design, Mutant::none};
    o.seed = kSeed;
    o.runs = 6000;
    o.collect_states = false;
    const auto r = search::search(o);
    properties::PropertySet found;
    for (const auto& cx : r.found) found.set(properties::index(cx.property));
    const auto expected = search::expected_violations(p.name);
    INFO("design " << p.name << ": found " << names(found) << "; expected " << names(expected)
                   << "; reproduce: imans check --design " << p.name << " --seed " << kSeed
                   << " --runs 6000 --no-corpus");
    CHECK(found == expected);
    CHECK(r.internal_error.empty());
  }
}

TEST_CASE("rfc2018: root escapes the host's appraisal policy in two steps") {
  search::SearchOptions o;
  o.config = Config{find_preset("rfc2018")->design, Mutant::none};
  o.targets = properties::PropertySet{}.set(properties::index(PropertyId::no_appraisal_escape));
  o.seed = kSeed;
  o.runs = 2000;
  const auto r = search::search(o);
  REQUIRE(r.found.size() == 1);
  INFO("reproduce: imans check --design rfc2018 --property no-appraisal-escape --seed " << kSeed
       << " --runs 2000");
  CHECK(r.found[0].steps == 2);
}

TEST_CASE("every seeded bug is killed, and its trace replays") {
  search::MatrixOptions o;
  o.seed = kSeed;
  o.runs = 4000;
  for (const auto& v : search::mutant_matrix(o)) {
    INFO("mutant " << v.info->name << " (reproduce: imans check --mutants --mutant "
                   << v.info->name << " --seed " << kSeed << " --runs 4000): "
                   << v.replay_message);
    CHECK(v.killed);
    CHECK(v.replays);
  }
}
