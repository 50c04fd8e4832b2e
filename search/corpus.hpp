#pragma once
// The corpus: traces kept because they show something (the conformance traces,
// counterexamples worth keeping). `imans check` replays the ones for its design
// before searching, as Hypothesis replays its example database: a property a
// corpus trace already violates needs no search.
#include <string>
#include <vector>

#include "model/design.hpp"
#include "search/search.hpp"
#include "traces/trace.hpp"

namespace imans::search {

struct CorpusEntry {
  std::string path;
  traces::Trace trace;
};

struct CorpusLoad {
  std::vector<CorpusEntry> entries;
  std::vector<std::string> errors;  // "file:line:col: error: ..." for traces that do not parse
};

// Every *.trace file directly in each directory (missing directories are skipped).
CorpusLoad load_corpus(const std::vector<std::string>& dirs);

struct CorpusReplay {
  std::vector<Counterexample> known;     // a violated target, with the corpus trace
  std::vector<std::string> stale;        // traces of this design that no longer replay green
  int replayed = 0;
};

// Replays the entries whose design and mutant are `cfg`'s.
CorpusReplay replay_corpus(const std::vector<CorpusEntry>& corpus, const Config& cfg,
                           properties::PropertySet targets);

// Saves a counterexample into `dir` (created if needed) as
// <design>-<property>.trace, atomically; returns the path, or an error message
// in `error`. An identical file already there is left alone.
std::string save_counterexample(const std::string& dir, const Counterexample& cx,
                                std::string& error);

// The file-name form of a design: "rfc2018", "rfc2018+evaluation=hierarchical".
std::string design_slug(const Config& cfg);

}  // namespace imans::search
