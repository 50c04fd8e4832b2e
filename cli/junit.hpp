#pragma once
// A minimal JUnit XML writer: one test suite, one test case per property or
// mutant, failures carrying the counterexample trace.
#include <string>
#include <vector>

namespace imans::cli {

class JUnit {
public:
  explicit JUnit(std::string suite) : suite_(std::move(suite)) {}
  void add_pass(const std::string& name) { cases_.push_back({name, false, "", ""}); }
  void add_failure(const std::string& name, const std::string& message, const std::string& body) {
    cases_.push_back({name, true, message, body});
  }
  [[nodiscard]] std::string xml() const;

private:
  struct Case {
    std::string name;
    bool failed;
    std::string message;
    std::string body;
  };
  std::string suite_;
  std::vector<Case> cases_;
};

}  // namespace imans::cli
