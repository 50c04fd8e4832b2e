#include "solver/names.hpp"

#include <array>
#include <string>
#include <vector>

#include "model/policy/match.hpp"
#include "solver/encoding.hpp"

namespace imans::solver {
namespace {

constexpr std::array<std::uint32_t, 19> kKnown = {
    0x9fa0,     0x62656572, 0x64626720, 0x01021994, 0x858458f6, 0x1cd1,     0x42494e4d,
    0x73636673, 0xf97cff8c, 0x43415d53, 0x27e0eb,   0x63677270, 0x6e736673, 0xde5e81e4,
    0xef53,     0x58465342, 0x9123683e, 0x794c7630, 0x73717368,
};

// Distinct names in table order; index 0 is "unknown".
const std::vector<std::string_view>& names() {
  static const std::vector<std::string_view> table = [] {
    std::vector<std::string_view> out{"unknown"};
    for (std::uint32_t m : kKnown) {
      const std::string_view n = policy::fsname_for_magic(m);
      bool seen = false;
      for (auto x : out) seen = seen || x == n;
      if (!seen) out.push_back(n);
    }
    return out;
  }();
  return table;
}

}  // namespace

std::span<const std::uint32_t> known_magics() { return kKnown; }

unsigned fsname_index(std::string_view name) {
  const auto& t = names();
  for (unsigned i = 0; i < t.size(); ++i)
    if (t[i] == name) return i;
  return kNoSuchName;
}

z3::expr fsname_term(const z3::expr& fsmagic) {
  z3::context& c = fsmagic.ctx();
  z3::expr out = c.bv_val(0, kNameBits);
  for (std::uint32_t m : kKnown)
    out = z3::ite(fsmagic == c.bv_val(m, kMagicBits),
                  c.bv_val(fsname_index(policy::fsname_for_magic(m)), kNameBits), out);
  return out;
}

}  // namespace imans::solver
