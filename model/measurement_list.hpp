#pragma once
// One IMA namespace's measurement list as the kernel would show it in that
// namespace's securityfs, with the PCR values a TPM would hold after it and
// the namespace's audit records.
//
// The list is a boot_aggregate entry (PCR 10, ima-ng, sha256 over PCRs 0-9 of
// a TPM whose PCRs are all zero), then the namespace's Measurement entries in
// seq order. Each namespace's list is replayed on a virtual TPM of its own
// that starts with every PCR zero, so that each list verifies on its own.
// Where the design keeps one global list and tags entries with their
// namespace (binding flag), a namespace's view is its own entries: the other
// namespaces' entries are filtered out, as a reader of that namespace's
// securityfs would see them.
//
// File contents and signatures are synthetic (measurements/content.hpp). The
// model has no open-writers or ToMToU events, so no entry is a violation.
#include <array>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "model/measurements/entry.hpp"
#include "model/measurements/pcrs.hpp"
#include "model/state.hpp"
#include "model/world.hpp"

namespace imans {

struct MeasurementList {
  ImaNsId ns;
  std::vector<measurements::Entry> entries;  // boot_aggregate first
  // PCR 10 after each entry, by measurements::Bank.
  std::vector<std::array<measurements::Bytes, 2>> pcr10_after;
  measurements::Pcrs pcrs;         // after the last entry
  std::vector<std::string> audit;  // audit.log lines, in seq order
};

// An error message when libcrypto fails.
std::variant<MeasurementList, std::string> measurement_list(const State& s, const World& w,
                                                            ImaNsId ns);

// The files of a namespace's directory, by name, in the order to write them:
// the four securityfs lists, pcrs-sha1.txt, pcrs-sha256.txt and audit.log.
std::vector<std::pair<std::string, std::string>> measurement_files(const MeasurementList& l);

}  // namespace imans
