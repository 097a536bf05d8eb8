// The page model: finished pages of positioned glyph runs and rules. This is
// all the PDF writer and the dump ever see, and what tests inspect.
// Coordinates are points from the page's top-left corner, y downwards.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/units.h"

namespace jakpum::page {

struct PlacedGlyph {
  std::uint32_t id = 0;  // glyph index in the run's font
  Pt x = 0;              // from the run's origin
  Pt y = 0;              // from the baseline, downwards
  std::string text;      // the characters this glyph sets first (empty for later glyphs of a cluster)
};

struct TextRun {
  std::uint32_t font = 0;  // index into PageModel::fonts
  Pt size = 0;
  Color color;
  Pt x = 0, y = 0;      // origin: start of the baseline
  std::string style;    // the layout style it was set in, e.g. "body", "h1", "footer"
  int block = -1;       // which block of the publication (-1 for running heads)
  std::vector<PlacedGlyph> glyphs;
};

struct Rule {
  Pt x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // centre line
  Pt thickness = 0;
  Color color;
};

// Where a page belongs: front matter (cover, contents), the body, back matter.
enum class Part { front, body, back };

struct Page {
  Pt width = 0, height = 0;
  int number = 0;     // 1-based, counting every page; odd numbers are right-hand (recto) pages
  std::string label;  // as printed and shown by readers: "iii", "7"
  Part part = Part::body;
  bool blank = false;
  std::vector<TextRun> runs;
  std::vector<Rule> rules;
};

struct FontFile {
  std::string path;
  int index = 0;     // face in a collection
  std::string name;  // PostScript name
};

struct OutlineEntry {
  int level = 1;  // 1 = document title, 2 = h1, 3 = h2, 4 = h3
  std::string title;
  std::size_t page = 0;  // index into pages
  Pt y = 0;
};

struct Info {
  std::string title, author, subject, lang, creator;
};

struct PageModel {
  Info info;
  std::vector<FontFile> fonts;
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
};

}  // namespace jakpum::page
