// The quality report: what the line breaker and the page builder did to each
// paragraph, in numbers (`jakpum --report FILE.json`), and a one-line summary.
#pragma once

#include <string>
#include <vector>

#include "linebreak/lines.h"
#include "page/model.h"

namespace jakpum::app {

struct LineFacts {
  double ratio = 0;                   // adjustment ratio
  linebreak::End ends = linebreak::End::word;
  bool justified = false;             // stretched or shrunk to the measure (not a last line, not ragged)
  bool overfull = false;
  bool prohibited_start = false;      // starts with a closing mark
  bool prohibited_end = false;        // ends with an opening mark
  bool runt = false;                  // a justified paragraph's last line, of several, holding a single word
  int page = 0;                       // page number, once paginated
};

struct BlockFacts {
  std::string document;
  std::string style;
  std::vector<LineFacts> lines;
  bool widow = false;   // its last line alone at the top of a page
  bool orphan = false;  // its first line alone at the foot of a page
};

struct Totals {
  int paragraphs = 0, lines = 0, justified = 0, overfull = 0, underfull = 0, emergency = 0, syllable_breaks = 0,
      prohibited_starts = 0, prohibited_ends = 0, widows = 0, orphans = 0, hyphens = 0, runts = 0;
  double sum_squared_ratios = 0;
};

// "1 page", "9 pages": a count and its noun, as a message says it.
std::string counted(long long n, const std::string& noun);

class Report {
 public:
  // One entry per block the page builder receives, in the same order.
  std::vector<BlockFacts> blocks;

  // Finds the page of every line, and widows and orphans, from the pages.
  void paginated(const page::PageModel& model);

  Totals totals() const;
  std::string json() const;
  std::string summary() const;
};

}  // namespace jakpum::app
