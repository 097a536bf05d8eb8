// Imposition: finished pages onto the sheets a press prints, by transforms
// only (nothing is laid out again): saddle-stitched booklets, n-up handouts,
// or single pages; with bleed, trim and crop marks.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostics.h"
#include "core/units.h"
#include "page/model.h"

namespace jakpum::impose {

enum class Method { none, booklet, two_up, four_up };

struct Params {
  Method method = Method::none;
  Pt sheet_width = 0, sheet_height = 0;  // the paper, before marks are added round it
  Pt bleed = 0;                          // printed past the trim, to be cut off
  bool crop_marks = false;
  Pt creep = 0;  // booklets: how far the innermost sheet's pages move towards the fold
};

// A rectangle in sheet coordinates (points from the top-left corner, y down).
struct Box {
  Pt x = 0, y = 0, width = 0, height = 0;
};

// A page on a sheet: page point (x, y) lands at (dx + x·scale, dy + y·scale).
struct Placement {
  std::size_t page = 0;  // index into the model's pages
  bool blank = false;    // a padding page: nothing drawn
  double scale = 1;
  Pt dx = 0, dy = 0;
};

struct Sheet {
  Pt width = 0, height = 0;  // the media
  std::vector<Placement> placements;
  std::vector<page::Rule> marks;
  Box trim, bleed;
};

struct Imposed {
  std::vector<Sheet> sheets;
  // Whether every sheet is just its page, as it is: the PDF then needs no forms.
  bool flat() const;
};

// Sheet sides of a saddle-stitched booklet of `pages` pages (padded to a
// multiple of 4): for each side, the left and right page numbers, 1-based, 0
// for a blank. Eight pages: 8|1, 2|7, 6|3, 4|5.
std::vector<std::pair<int, int>> booklet_order(int pages);

// Sheets of `n` pages each, in reading order, 1-based, 0 for a blank.
std::vector<std::vector<int>> nup_order(int pages, int n);

Result<Imposed> impose(const page::PageModel& model, const Params& params);

Result<Method> parse_method(const std::string& name);
const char* to_string(Method m);

}  // namespace jakpum::impose
