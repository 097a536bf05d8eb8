// The paragraph as the line breakers see it: glyph widths as prefix sums,
// and the breakpoints with their penalties. Shared by greedy and total-fit,
// which differ only in which breakpoints they choose.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "linebreak/lines.h"

namespace jakpum::linebreak::detail {

constexpr double infinite_penalty = 10000;  // TeX: a penalty this high forbids a break
constexpr double emergency_penalty = infinite_penalty / 2;  // a break anywhere inside a word, as a last resort

struct Breakpoint {
  std::size_t at = 0;   // first glyph of the next line (n at the end)
  double penalty = 0;   // -infinite_penalty forces the break
  End kind = End::word;
};

// Width, stretch and shrink of the line from one breakpoint to another.
struct LineSize {
  Pt width = 0, stretch = 0, shrink = 0;
  std::size_t content_end = 0;  // the line's end without trailing spaces
  std::size_t gaps = 0;         // gaps between characters that may widen
  bool hangs = false;
};

class Model {
 public:
  Model(const text::Paragraph& p, const shape::ShapedParagraph& s, const Params& params);

  // Breakpoints in order; `emergency` adds one at every cluster boundary.
  std::vector<Breakpoint> breakpoints(bool emergency) const;
  // (All inline: a paragraph's breaker asks for them a hundred times a line.)
  LineSize size(std::size_t from, std::size_t to, End kind) const { return size(from, end_of(to, kind)); }
  // Where lines ending at a breakpoint end, worked out once for all the
  // lines that end there: trailing spaces dropped, a hyphen added.
  struct LineEnd {
    std::size_t to = 0, end = 0;
    Pt hyphen = 0;  // the width of the hyphen ending the line
  };
  LineEnd end_of(std::size_t to, End kind) const {
    std::size_t end = to;
    while (end > 0 && glue(end - 1)) --end;
    return {to, end, kind == End::hyphen && end > 0 ? s_.hyphens[s_.glyphs[end - 1].run].advance : 0};
  }
  LineSize size(std::size_t from, const LineEnd& e) const {
    LineSize s;
    const std::size_t end = std::max(e.end, from);
    s.content_end = end;
    // A hyphen hangs past the measure as a full stop does (where marks hang).
    s.width = width_sum_[end] - width_sum_[from] + (params_.hanging_punctuation ? 0 : e.hyphen);
    s.hangs = params_.hanging_punctuation && e.hyphen > 0;
    s.gaps = end > from + 1 ? gap_sum_[end] - gap_sum_[from + 1] : 0;
    s.stretch = stretch_sum_[end] - stretch_sum_[from] + params_.letter_stretch * static_cast<double>(s.gaps);
    s.shrink = shrink_sum_[end] - shrink_sum_[from] + params_.letter_shrink * static_cast<double>(s.gaps);
    if (end > from && hangable_[end - 1]) {
      s.width -= advance_[end - 1];
      s.hangs = true;
    }
    return s;
  }
  Pt measure(std::size_t line_number) const {
    return params_.measure - (line_number == 0 ? params_.indent : 0);
  }
  // The adjustment ratio of a line (its last line does not stretch).
  double ratio(const LineSize& s, Pt measure, bool last) const {
    constexpr double infinity = std::numeric_limits<double>::infinity();
    if (s.width > measure) return s.shrink > 0 ? (measure - s.width) / s.shrink : -infinity;
    if (last || s.width == measure) return 0;  // the last line's fill glue takes the rest
    return s.stretch > 0 ? (measure - s.width) / s.stretch : infinity;
  }
  // Sets the line's glyphs at the ratio.
  Line set(std::size_t from, const LineSize& s, std::size_t line_number, double ratio, End ends) const;
  std::size_t glyph_count() const { return advance_.size(); }
  // Whether the paragraph's last line, starting at glyph `from`, holds a
  // single word (or part of one): a runt. Not the first line, nor one the
  // text itself starts with a forced break.
  bool runt(std::size_t from, std::size_t line_number) const { return line_number > 0 && from >= last_word_; }

 private:
  bool glue(std::size_t i) const { return glue_[i] != 0; }
  bool gap_before(std::size_t i) const { return gap_[i] != 0; }
  const text::Paragraph& p_;
  const shape::ShapedParagraph& s_;
  const Params& params_;
  std::vector<Pt> advance_;
  std::vector<std::uint8_t> glue_, gap_, hangable_, cluster_start_;
  std::vector<Pt> width_sum_, stretch_sum_, shrink_sum_;  // before glyph i
  std::vector<std::uint32_t> gap_sum_;
  // Where the last word starts: the last break between words (none after a
  // forced break, which the text asked for).
  std::size_t last_word_ = 0;
};

}  // namespace jakpum::linebreak::detail
