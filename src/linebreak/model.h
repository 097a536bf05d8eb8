// The paragraph as the line breakers see it: glyph widths as prefix sums,
// and the breakpoints with their penalties. Shared by greedy and total-fit,
// which differ only in which breakpoints they choose.
#pragma once

#include <cstdint>
#include <vector>

#include "linebreak/lines.h"

namespace jakpum::linebreak::detail {

constexpr double infinite_penalty = 10000;  // TeX: a penalty this high forbids a break

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
  LineSize size(std::size_t from, std::size_t to) const;
  Pt measure(std::size_t line_number) const {
    return params_.measure - (line_number == 0 ? params_.indent : 0);
  }
  // The adjustment ratio of a line (its last line does not stretch).
  double ratio(const LineSize& s, Pt measure, bool last) const;
  // Sets the line's glyphs at the ratio.
  Line set(std::size_t from, const LineSize& s, std::size_t line_number, double ratio, End ends) const;
  std::size_t glyph_count() const { return advance_.size(); }

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
};

}  // namespace jakpum::linebreak::detail
