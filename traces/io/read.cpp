// Reading a trace file, and how a parse error is printed.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include <fmt/format.h>

#include "traces/parse.hpp"

namespace imans::traces {
namespace {

ParseError unreadable(const std::string& path, int err) {
  return ParseError{path, Pos{0, 0},
                    fmt::format("cannot read {}: {}", path,
                                std::error_code(err, std::generic_category()).message())};
}

}  // namespace

std::string ParseError::to_string() const {
  return fmt::format("{}:{}:{}: error: {}", file, pos.line, pos.column, message);
}

std::variant<Trace, ParseError> read_trace(const std::string& path) {
  // POSIX read rather than iostreams: a directory or an I/O error must be
  // reported with its errno, not read as an empty trace.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return unreadable(path, errno);
  std::string text;
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return unreadable(path, err);
    }
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return parse_trace(text, path);
}

}  // namespace imans::traces
