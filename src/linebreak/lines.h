// Breaking a shaped paragraph into lines and justifying them. Widths only: no
// font is opened here. TeX's words: boxes (glyphs), glue (spaces, with stretch
// and shrink), penalties (at breaks), badness and demerits.
//
// A line's stretch is the stretch of its spaces plus that of the gaps between
// its characters (klreq §3.8: inter-character spacing may take part in
// justification); one adjustment ratio scales both.
#pragma once

#include <cstddef>
#include <vector>

#include "core/units.h"
#include "shape/shape.h"
#include "style/values.h"
#include "text/paragraph.h"

namespace jakpum::linebreak {

enum class Method { total_fit, greedy };

struct Params {
  Pt measure = 0;          // line width
  Pt indent = 0;           // first line; negative hangs into the left margin
  style::Align align = style::Align::justify;
  Method method = Method::total_fit;
  double space_stretch = 0.5;  // fraction of a space's width it may grow
  double space_shrink = 0.2;   // ... and shrink
  Pt letter_stretch = 0;       // how much a gap between two characters may grow
  Pt letter_shrink = 0;        // ... and shrink
  bool hanging_punctuation = false;  // a full stop, comma or hyphen ending a line hangs into the margin
  Pt script_spacing = 0;             // added where Hangul meets a Latin letter or digit with no space
  // Knuth & Plass 1981: tolerance (highest badness of a line, 100 |r|³),
  // line penalty, and demerits.
  double tolerance = 200;
  double line_penalty = 10;
  double syllable_penalty = 100;      // a break inside a word (word-break: auto)
  double hyphen_penalty = 50;         // a break inside a Latin word, with a hyphen (TeX's \hyphenpenalty)
  // Two such breaks (or hyphens) in a row, or a hyphen before the last line
  // (TeX's \doublehyphendemerits, \finalhyphendemerits).
  double syllable_demerits = 3000;
  double fitness_demerits = 10000;    // lines of far-apart tightness in a row (TeX's \adjdemerits)
  // A paragraph's last line holding a single word (a runt), when a word
  // could be taken back or another carried down at less cost.
  double runt_demerits = 0;
  int looseness = 0;                  // lines more (or fewer) than the best, when possible
  // Stretch every line is reckoned to have beyond its own when no way
  // through keeps within the tolerance (TeX's \emergencystretch): without
  // it, any line too loose costs the same, and one takes all the slack.
  Pt emergency_stretch = 0;
};

enum class End { word, syllable, forced, emergency, last, hyphen };

// Whether a line ending so ends inside a word: between syllables, or with a
// hyphen (not a last resort's cut).
constexpr bool inside_word(End e) { return e == End::syllable || e == End::hyphen; }

struct Line {
  std::size_t begin = 0, end = 0;  // glyphs [begin, end) of the paragraph, trailing spaces excluded
  std::vector<Pt> x;               // pen position of each glyph from the measure's left edge
  Pt natural = 0;                  // width before justification
  Pt width = 0;                    // width as set (a hanging mark not counted)
  double ratio = 0;                // > 0 stretched, < 0 shrunk, in units of total stretch/shrink
  Pt letter_space = 0;             // added between characters
  End ends = End::word;            // how the line ends
  Pt hyphen_x = 0;                 // ending with a hyphen: where it is set
  bool overfull = false;           // wider than the measure even at full shrink
  bool hangs = false;              // its last mark hangs into the margin
  bool runt = false;               // the paragraph's last line, of more than one, holding a single word
  double demerits = 0;             // total-fit: what this line added to the paragraph's demerits
  bool emergency() const { return ends == End::emergency; }
  bool forced() const { return ends == End::forced; }
};

// Breaks by the method the params name; ragged and centred text (nothing to
// justify) is always filled greedily.
std::vector<Line> break_lines(const text::Paragraph& paragraph, const shape::ShapedParagraph& shaped,
                              const Params& params);

// Greedy (first-fit) breaking: each line takes as much as fits at full shrink,
// then keeps the earlier break if that line needs less adjustment.
std::vector<Line> break_greedy(const text::Paragraph& paragraph, const shape::ShapedParagraph& shaped,
                               const Params& params);

// Total-fit breaking (Knuth & Plass 1981): the breaks that minimise the sum of
// the lines' demerits, found over active breakpoints (§§ 829–890 of TeX: The
// Program). Falls back to a pass with emergency breaks inside words.
std::vector<Line> break_total_fit(const text::Paragraph& paragraph, const shape::ShapedParagraph& shaped,
                                  const Params& params);

// Whether a glyph sets a space (glue) or a forced line break (nothing).
bool is_glue(const text::Paragraph& paragraph, const shape::Glyph& glyph);
bool is_newline(const text::Paragraph& paragraph, const shape::Glyph& glyph);

}  // namespace jakpum::linebreak
