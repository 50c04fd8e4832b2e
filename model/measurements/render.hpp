#pragma once
// The securityfs list files. The sha1 bank gives ascii_runtime_measurements
// and binary_runtime_measurements as every kernel shows them (the only files
// before v6.10, the _sha1 files after); the sha256 bank gives the v6.10+
// _sha256 files, whose records carry a 32-byte template digest.
#include <string>
#include <vector>

#include "model/measurements/entry.hpp"

namespace imans::measurements {

// u32 pcr || template digest || u32 name length || name || template data.
Bytes binary_record(const Entry& e, Bank b);
// "%2d <template digest> <template name>" then " <field>" for each field,
// empty fields included; d-ng as algo:hex, names as text, sig as hex.
std::string ascii_line(const Entry& e, Bank b);

std::string binary_list(const std::vector<Entry>& entries, Bank b);
std::string ascii_list(const std::vector<Entry>& entries, Bank b);

}  // namespace imans::measurements
