#pragma once
// Writing the report directory: built in a temporary directory beside the
// target and renamed into place, so a reader never sees half a report.
#include <string>

#include "report/review.hpp"

namespace imans::report {

// index.html, report.md, report.txt, results.json, junit.xml, traces/,
// graphs/. Returns an error message, empty on success.
std::string write_review(const Review& review, const std::string& dir);

}  // namespace imans::report
