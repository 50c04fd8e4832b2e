// write_file_atomically: replaces the file whole, leaves nothing behind.
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "helpers.hpp"

using namespace imans::traces;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "imans-trace-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("write_file_atomically creates and replaces") {
  TempDir dir;
  auto file = dir.path / "out.trace";
  CHECK(write_file_atomically(file.string(), "one\n").empty());
  CHECK(slurp(file) == "one\n");
  CHECK(write_file_atomically(file.string(), "two\n").empty());
  CHECK(slurp(file) == "two\n");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path)) ++entries;
  CHECK(entries == 1);  // no temporary file left
}

TEST_CASE("write_file_atomically reports the path and the reason") {
  TempDir dir;
  auto missing = dir.path / "no" / "such" / "x.trace";
  auto err = write_file_atomically(missing.string(), "x");
  CHECK(err.find(missing.string()) != std::string::npos);
  CHECK(err.find("No such file or directory") != std::string::npos);

  // Renaming over a directory fails; the temporary file must not stay.
  std::filesystem::create_directory(dir.path / "d");
  err = write_file_atomically((dir.path / "d").string(), "x");
  CHECK_FALSE(err.empty());
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path)) ++entries;
  CHECK(entries == 1);
}
