#include "report/graphviz.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <vector>

extern char** environ;

namespace imans::report {

namespace {

struct Pipe {
  int fd[2] = {-1, -1};
  ~Pipe() {
    for (int f : fd)
      if (f >= 0) ::close(f);
  }
  void close_end(int i) {
    if (fd[i] >= 0) ::close(fd[i]);
    fd[i] = -1;
  }
};

}  // namespace

std::optional<std::string> render_svg(const std::string& dot_text, std::string& error) {
  Pipe in, out;
  if (::pipe(in.fd) != 0 || ::pipe(out.fd) != 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.fd[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
  posix_spawn_file_actions_addclose(&actions, in.fd[1]);
  posix_spawn_file_actions_addclose(&actions, out.fd[0]);
  char prog[] = "dot";
  char fmt[] = "-Tsvg";
  char* argv[] = {prog, fmt, nullptr};
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "dot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error = std::string("cannot run dot (Graphviz): ") + std::strerror(rc);
    return std::nullopt;
  }
  in.close_end(0);
  out.close_end(1);
  // The drawings are small: write everything, then read everything.
  const char* p = dot_text.data();
  std::size_t left = dot_text.size();
  while (left > 0) {
    const ssize_t n = ::write(in.fd[1], p, left);
    if (n <= 0) break;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  in.close_end(1);
  std::string svg;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(out.fd[0], buf, sizeof buf);
    if (n <= 0) break;
    svg.append(buf, static_cast<std::size_t>(n));
  }
  int wstatus = 0;
  ::waitpid(pid, &wstatus, 0);
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    error = "dot failed";
    return std::nullopt;
  }
  return svg;
}

}  // namespace imans::report
