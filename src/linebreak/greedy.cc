#include <cmath>

#include "linebreak/model.h"

namespace jakpum::linebreak {

using detail::Breakpoint;
using detail::LineSize;

std::vector<Line> break_greedy(const text::Paragraph& p, const shape::ShapedParagraph& shaped,
                               const Params& params) {
  const detail::Model model(p, shaped, params);
  const bool justify = params.align == style::Align::justify;
  const std::vector<Breakpoint> breakpoints = model.breakpoints(false);
  const std::vector<Breakpoint> emergency = model.breakpoints(true);
  std::vector<Line> lines;

  auto emit = [&](std::size_t from, const Breakpoint& b, const LineSize& s) {
    const bool last = b.kind == End::last || b.kind == End::forced;
    double r = model.ratio(s, model.measure(lines.size()), last);
    if (!justify && r > 0) r = 0;  // ragged lines keep their natural spaces
    lines.push_back(model.set(from, s, lines.size(), r, b.kind));
    return b.at;
  };

  std::size_t start = 0;
  std::size_t k = 0;  // first breakpoint after `start`
  while (start < model.glyph_count()) {
    const Pt measure = model.measure(lines.size());
    struct Choice {
      const Breakpoint* b = nullptr;
      LineSize s;
      double r = 0;
    } best, previous, syllable;
    while (breakpoints[k].at <= start) ++k;
    for (std::size_t j = k;; ++j) {
      const Breakpoint& b = breakpoints[j];
      LineSize s = model.size(start, b.at, b.kind);
      const bool last = b.kind == End::last || b.kind == End::forced;
      double r = model.ratio(s, measure, last);
      const bool fits = r >= (justify ? -1.0 : 0.0) - 1e-9;
      if (fits) {
        if (inside_word(b.kind)) {
          syllable = {&b, s, r};
        } else {
          previous = best;
          best = {&b, s, r};
          syllable = {};
        }
        if (last) {
          start = emit(start, b, s);
          break;
        }
        continue;
      }
      // The line is full. Keep the earlier word break when it needs less
      // adjustment; break inside a word only when the word break would be
      // looser than the tolerance allows (badness 100 r³, as total-fit).
      Choice chosen = best;
      if (best.b && previous.b && std::abs(previous.r) < std::abs(best.r)) chosen = previous;
      const double loosest = std::cbrt(params.tolerance / 100);
      if (syllable.b && (!chosen.b || (chosen.r > loosest && std::abs(syllable.r) < std::abs(chosen.r))))
        chosen = syllable;
      if (chosen.b) {
        start = emit(start, *chosen.b, chosen.s);
        break;
      }
      // Nothing fits: break inside the first word at its last hyphenation
      // point that leaves room for the hyphen, else at the last cluster
      // boundary that fits, or after one cluster at least.
      const Breakpoint *cut = nullptr, *hyphen = nullptr;
      LineSize cut_size, hyphen_size;
      for (const Breakpoint& e : emergency) {
        if (e.at <= start) continue;
        if (e.at > b.at) break;
        LineSize es = model.size(start, e.at, End::emergency);
        if (cut && model.ratio(es, measure, false) < -1) break;
        cut = &e, cut_size = es;
        if (e.kind != End::hyphen) continue;
        LineSize hs = model.size(start, e.at, End::hyphen);
        if (model.ratio(hs, measure, false) >= -1) hyphen = &e, hyphen_size = hs;
      }
      if (hyphen) {
        start = emit(start, *hyphen, hyphen_size);
        break;
      }
      Breakpoint at_cut = *cut;
      at_cut.kind = End::emergency;
      start = emit(start, at_cut, cut_size);
      break;
    }
  }
  return lines;
}

}  // namespace jakpum::linebreak
