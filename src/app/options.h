// The command line of `jakpum`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"

namespace jakpum::app {

struct Options {
  std::vector<std::string> inputs;
  std::string layout;  // name or path; empty = the manifest's, else the default
  std::string output;  // empty = beside the first input, with .pdf
  std::string dump;    // "pages" prints the page model
  std::string report;  // where to write the quality report (JSON)
  bool help = false, version = false, settings = false, quiet = false;
  bool libharu_fonts = false;  // --font-embedding libharu, to compare file sizes
  std::string impose;          // overrides the layout's [print] impose
  bool pdfa = false;
  bool pdfx = false;
  bool timings = false;  // print the time each stage took
  unsigned threads = 0;  // 0: one a core
};

// Usage errors are diagnostics without a file.
Result<Options> parse_options(const std::vector<std::string>& args);

// The value of a thread count option (`--threads`, `--jobs`): 1 to 256.
Result<unsigned> parse_thread_count(const std::string& value, const std::string& option);

std::string usage();

// The date SOURCE_DATE_EPOCH gives documents, when it is set and not empty:
// whole seconds since 1970 as `date +%s` prints them, up to the end of the
// year 9999 (a PDF date has four digits for its year). Anything else is an
// error, as the reproducible-builds specification asks, not a date in 1970.
Result<std::optional<long long>> source_date_epoch(const char* value);

// The default layout, and where layouts named without a path are found.
constexpr const char* default_layout = "booklet-a5";
std::vector<std::string> layout_folders(const std::string& input_folder);

}  // namespace jakpum::app
