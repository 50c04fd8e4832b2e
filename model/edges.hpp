#pragma once
// The pointers that hold objects, as typed edges. The counters are moved by
// the kernel code paths; these edges are read straight from the pointer fields,
// so a property can count them independently and compare.
#include <cstdint>
#include <functional>

#include "model/design.hpp"
#include "model/state.hpp"

namespace imans {

enum class EdgeKind : std::uint8_t {
  counted,   // the pointer owns one count of the target (get/put)
  lifetime,  // the target lives exactly as long as the holder (no counter)
  weak,      // a back pointer or a derived parent: holds nothing
};

struct Edge {
  bool from_task = false;
  TaskId task;        // when from_task
  ObjRef from;        // otherwise
  const char* field;  // "cred->user_ns", "mnt_ns->ima_ns", ...
  ObjRef to;
  EdgeKind kind = EdgeKind::counted;
};

// Every edge out of a live object or an alive task, in a fixed order.
void for_each_edge(const State& s, const Config& cfg, const std::function<void(const Edge&)>& fn);

// Objects that are never freed: init_user_ns, the initial mount namespace,
// init_ima_ns, the initial nsproxy.
bool is_initial(ObjRef o);

}  // namespace imans
