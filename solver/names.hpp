#pragma once
// The superblock names the model derives from a filesystem magic
// (policy::fsname_for_magic), as a term over the file's fsmagic, so that
// fsname= conditions are encoded exactly as the concrete matcher sees them.
#include <z3++.h>

#include <cstdint>
#include <span>
#include <string_view>

namespace imans::solver {

// The magics fsname_for_magic() knows a name for (every other magic is
// "unknown"). A unit test checks each against the model's table.
std::span<const std::uint32_t> known_magics();

// The fsname index a rule's fsname= compares with: 0 is "unknown", known
// names follow; a name no magic produces gets kNoSuchName, which no file has.
constexpr unsigned kNoSuchName = 31;
unsigned fsname_index(std::string_view name);

// fsname_for_magic(fsmagic) as an index term.
z3::expr fsname_term(const z3::expr& fsmagic);

}  // namespace imans::solver
