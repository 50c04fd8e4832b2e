// Replacing a file so that a reader sees the old text or the new, never half.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "traces/write.hpp"

namespace imans::traces {
namespace {

std::string failure(std::string_view what, const std::string& path, int err) {
  return fmt::format("cannot {} {}: {}", what, path,
                     std::error_code(err, std::generic_category()).message());
}

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::string write_file_atomically(const std::string& path, const std::string& text) {
  if (path.empty()) return "cannot write a file with an empty name";
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  // rename() is atomic only within one file system, hence the same directory.
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto tmp = dir / fmt::format(".{}.tmp.{}.{}", target.filename().string(), ::getpid(),
                                 counter.fetch_add(1));
    // 0666 and O_EXCL: the umask decides the mode, as for any new file, and
    // another writer's temporary file is never reused.
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      return failure("write", path, errno);
    }
    if (!write_all(fd, text)) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return failure("write", path, err);
    }
    if (::close(fd) != 0) {
      int err = errno;
      ::unlink(tmp.c_str());
      return failure("write", path, err);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      int err = errno;
      ::unlink(tmp.c_str());
      return failure("replace", path, err);
    }
    return "";
  }
  return failure("write", path, EEXIST);
}

}  // namespace imans::traces
