#pragma once
// A namespace's audit records (the `audit` action, ima_audit_measurement) as
// auditd writes them to audit.log:
//
//   type=INTEGRITY_RULE msg=audit(0.000:<serial>): file="<path>" hash="sha256:<hex>"
//
// The model has no clock, so the time is 0.000, and the serial is the record's
// place in the model's sequence (State::seq, shared with the measurement
// list). The kernel goes on with the task's ppid, pid, auid, uids, gids, tty,
// ses, comm and exe; the model's audit records keep no task, so those fields
// are left out. The path is the kernel's "untrusted string": quoted, unless it
// holds a quote, a blank, a control or a non-ASCII byte, in which case it is
// written unquoted as upper-case hex.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace imans::measurements {

std::string audit_line(std::uint32_t serial, std::string_view path,
                       std::span<const std::uint8_t> sha256);

// The kernel's audit_log_untrustedstring().
std::string untrusted_string(std::string_view s);

}  // namespace imans::measurements
