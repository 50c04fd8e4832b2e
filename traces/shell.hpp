#pragma once
// A trace as a commented shell script of the real commands a kernel tester
// would run on a kernel carrying the design's patches: util-linux's unshare
// and nsenter, securityfs writes, evmctl and keyctl. Each task is a process
// that holds its namespaces; its steps run inside them through nsenter.
// Where a verb has no real counterpart the script says so in a comment.
#include <string>

#include "traces/trace.hpp"

namespace imans::traces {

std::string to_shell(const Trace& trace);

}  // namespace imans::traces
