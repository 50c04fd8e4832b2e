#pragma once
// Writing a trace in the v1 format: what parse_trace reads back to an equal
// Trace. Used for shrunk counterexamples, solver witnesses and the corpus.
#include <string>

#include "traces/trace.hpp"

namespace imans::traces {

std::string write_trace(const Trace& trace);
// One statement as a line (without newline), e.g. `t1 unshare user mnt => ok`.
// Files and keys are ids in a statement; with the trace's world they are
// written as their paths and names (parseable), without it as file#<n> and
// key#<n> (for display only).
std::string write_statement(const Statement& statement, const World& world);
std::string write_statement(const Statement& statement);

// Writes `text` to `path` atomically: a temporary file in the same directory,
// then rename. Returns an error message, empty on success.
std::string write_file_atomically(const std::string& path, const std::string& text);

}  // namespace imans::traces
