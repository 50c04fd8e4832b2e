#pragma once
// The review in each of its forms. All are built from the same Review.
#include <string>

#include "report/review.hpp"

namespace imans::report {

std::string render_markdown(const Review& r);
std::string render_text(const Review& r);  // wrapped at 72 columns, for mail
std::string render_html(const Review& r);  // self-contained
std::string render_json(const Review& r);
std::string render_junit(const Review& r);

// Shared wording.
std::string cell_short(const Cell& c);       // "VIOLATED (2 steps)", "proved, every depth", ...
bool cell_matches(const Cell& c);            // agrees with background.md's verdict (or none given)
std::string headline(const Review& r);       // the paragraph that opens every form
std::vector<std::string> reproduce_commands(const Review& r);
std::string steps_text(std::size_t n);                       // "1 step", "3 steps"
std::string mutant_trace_file(const search::MutantVerdict& m);  // "traces/mutants/<name>.trace"

}  // namespace imans::report
