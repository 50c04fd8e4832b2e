#pragma once
// Random worlds for the search: a host policy drawn from the grammar and from
// the kernel's built-in lists, files owned by root and by an ordinary user,
// signing keys.
#include <memory>
#include <string>
#include <vector>

#include <rapidcheck.h>

#include "model/design.hpp"
#include "model/world.hpp"
#include "traces/trace.hpp"

namespace imans::search {

struct GeneratedWorld {
  std::string builtin;                 // a built-in list, or empty
  std::vector<std::string> host_rules;  // rules written on the host-policy line
  std::vector<FileDecl> files;
  std::vector<std::string> keys;
  KeySet host_keys = 0;
  // Built from the above once, shared by the copies RapidCheck makes.
  std::shared_ptr<const World> world;
};

rc::Gen<GeneratedWorld> gen_world(const Design& d);

// Completes `world` from the textual parts; rules that do not parse are left
// out (the pools only hold rules that parse).
void build_world(GeneratedWorld& g);

// The world as trace set-up lines.
void world_to_trace(const GeneratedWorld& g, traces::Trace& t);

// Rules for namespaces' own policies (what a container's root would write).
rc::Gen<std::string> gen_namespace_rule();
// Rules for the host's policy.
rc::Gen<std::string> gen_host_rule();

}  // namespace imans::search
