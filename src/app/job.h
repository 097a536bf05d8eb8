// One run of the typesetter from files to files: read the inputs, load the
// layout, typeset, and write the PDF (and the report) atomically. The
// `jakpum` command runs one job; `jakpum batch` runs many, side by side.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/timings.h"

namespace jakpum::app {

struct JobSpec {
  std::vector<std::string> inputs;
  std::string layout;  // name or path; empty: the manifest's, else the default
  std::string output;  // empty: beside the first input, with .pdf (unless only dumping)
  std::string report;  // where to write the quality report (JSON), if anywhere
  bool dump_pages = false;
  std::string impose;  // overrides the layout's [print] impose when set
  bool pdfa = false;
  bool pdfx = false;   // PDF/X-1a, whatever the layout says
  bool libharu_fonts = false;
  unsigned threads = 1;  // threads for this one document
  std::optional<long long> source_date_epoch;  // the documents' date (SOURCE_DATE_EPOCH)
};

struct JobOutcome {
  std::string output;  // the PDF written ("" when only dumping)
  std::size_t pages = 0;
  std::string layout;   // its name
  std::string summary;  // the quality report's one-line summary
  std::string dump;     // the page model as text, when asked
  Timings timings;
};

// Runs a job; warnings go to `warnings` as they are found, even when the job
// then fails. A failed job leaves no output and does not touch an old one.
Result<JobOutcome> run_job(const JobSpec& spec, Diagnostics& warnings);

// The PDF a job writes when it names none: the input with .pdf.
std::string default_output(const std::string& input);

}  // namespace jakpum::app
