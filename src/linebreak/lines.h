// Breaking a shaped paragraph into lines and justifying them. Widths only: no
// font is opened here. TeX's words: boxes (glyphs), glue (spaces, with
// stretch and shrink), and the adjustment ratio of a line.
#pragma once

#include <cstddef>
#include <vector>

#include "core/units.h"
#include "shape/shape.h"
#include "style/values.h"
#include "text/paragraph.h"

namespace jakpum::linebreak {

struct Params {
  Pt measure = 0;          // line width
  Pt indent = 0;           // first line; negative hangs into the left margin
  style::Align align = style::Align::justify;
  double space_stretch = 0.5;  // fraction of a space's width it may grow
  double space_shrink = 0.2;   // ... and shrink
  // When spaces have grown all they may, each gap between two characters
  // may widen by up to this much before spaces grow further (klreq §3.8).
  Pt letter_stretch = 0;
};

struct Line {
  std::size_t begin = 0, end = 0;  // glyphs [begin, end) of the paragraph, trailing spaces excluded
  std::vector<Pt> x;               // pen position of each glyph from the measure's left edge
  Pt natural = 0;                  // width before justification
  Pt width = 0;                    // width as set
  double ratio = 0;                // > 0 stretched, < 0 shrunk, in units of total stretch/shrink
  Pt letter_space = 0;             // added between characters of a line too loose for its spaces
  bool forced = false;             // ends at a mandatory break
  bool emergency = false;          // broken inside a word because no word fitted
  bool overfull = false;           // wider than the measure even at full shrink
};

// Greedy (first-fit) breaking: each line takes as much as fits at full shrink,
// then keeps the earlier break if that line needs less adjustment. The last
// line and lines ending at a forced break are set flush left (or per alignment).
std::vector<Line> break_greedy(const text::Paragraph& paragraph, const shape::ShapedParagraph& shaped,
                               const Params& params);

// Whether a glyph sets a space (glue) or a forced line break (nothing).
bool is_glue(const text::Paragraph& paragraph, const shape::Glyph& glyph);
bool is_newline(const text::Paragraph& paragraph, const shape::Glyph& glyph);

}  // namespace jakpum::linebreak
