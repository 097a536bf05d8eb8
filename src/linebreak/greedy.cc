#include <algorithm>
#include <cmath>

#include "linebreak/lines.h"

namespace jakpum::linebreak {
namespace {

using shape::Glyph;

struct Candidate {
  std::size_t at = 0;  // first glyph of the next line
  Pt width = 0, stretch = 0, shrink = 0;
  std::size_t content_end = 0;  // end of the line without trailing spaces
};

double ratio_for(const Candidate& c, Pt measure) {
  if (c.width < measure) return c.stretch > 0 ? (measure - c.width) / c.stretch : 0;
  if (c.width > measure) return c.shrink > 0 ? std::max(-1.0, (measure - c.width) / c.shrink) : 0;
  return 0;
}

}  // namespace

bool is_glue(const text::Paragraph& p, const Glyph& g) {
  char c = p.text[g.cluster];
  if (c == ' ' || c == '\t') return true;
  return p.text.compare(g.cluster, 2, "\xC2\xA0") == 0;  // no-break space: glue without a break
}

bool is_newline(const text::Paragraph& p, const Glyph& g) { return p.text[g.cluster] == '\n'; }

std::vector<Line> break_greedy(const text::Paragraph& p, const shape::ShapedParagraph& shaped,
                               const Params& params) {
  const auto& glyphs = shaped.glyphs;
  const std::size_t n = glyphs.size();
  const bool justify = params.align == style::Align::justify;
  std::vector<Line> lines;

  auto advance = [&](std::size_t i) { return is_newline(p, glyphs[i]) ? 0.0 : glyphs[i].advance; };
  auto starts_cluster = [&](std::size_t i) { return i == 0 || glyphs[i].cluster != glyphs[i - 1].cluster; };
  auto break_at = [&](std::size_t i) { return starts_cluster(i) ? p.breaks[glyphs[i].cluster] : text::Break::none; };

  auto emit = [&](const Candidate& c, std::size_t begin, bool last, bool forced, bool emergency) {
    Line line;
    line.begin = begin;
    line.end = c.content_end;
    line.natural = c.width;
    line.forced = forced;
    line.emergency = emergency;
    Pt measure = params.measure - (lines.empty() ? params.indent : 0);
    double ratio = ratio_for(c, measure);
    if ((last || forced || !justify) && ratio > 0) ratio = 0;  // only justified lines stretch
    if (!justify && c.width <= measure) ratio = 0;
    // A line too loose for its spaces first widens the gaps between its
    // characters (klreq §3.8: inter-character space after inter-word space).
    // A line without spaces can only be justified this way.
    std::size_t gaps = 0;
    const bool too_loose = ratio > 1 || (c.stretch == 0 && c.width < measure);
    if (justify && !last && !forced && too_loose && params.letter_stretch > 0)
      for (std::size_t i = c.content_end; i-- > begin + 1;)
        gaps += starts_cluster(i) && !is_glue(p, glyphs[i]) && !is_glue(p, glyphs[i - 1]);
    if (gaps > 0) {
      Pt deficit = measure - (c.width + c.stretch);
      line.letter_space = std::min(params.letter_stretch, deficit / static_cast<double>(gaps));
      ratio = c.stretch > 0 ? 1 + (deficit - line.letter_space * static_cast<double>(gaps)) / c.stretch : 0;
    }
    line.ratio = ratio;
    line.overfull = c.width - c.shrink > measure + 1e-6;
    line.width = c.width + (ratio > 0 ? ratio * c.stretch : ratio * c.shrink) +
                 line.letter_space * static_cast<double>(gaps);
    Pt pen = lines.empty() ? params.indent : 0;
    if (params.align == style::Align::center) pen += (measure - line.width) / 2;
    if (params.align == style::Align::right) pen += measure - line.width;
    line.x.reserve(line.end - line.begin);
    for (std::size_t i = line.begin; i < line.end; ++i) {
      if (i > line.begin && starts_cluster(i) && !is_glue(p, glyphs[i]) && !is_glue(p, glyphs[i - 1]))
        pen += line.letter_space;
      line.x.push_back(pen);
      Pt a = advance(i);
      if (is_glue(p, glyphs[i]))
        a += ratio > 0 ? ratio * a * params.space_stretch : ratio * a * params.space_shrink;
      pen += a;
    }
    lines.push_back(std::move(line));
  };

  // Breaks inside the first word when no word fits: at the last cluster
  // boundary that fits, but after one cluster at least.
  auto emergency_cut = [&](std::size_t begin, std::size_t limit, Pt measure) {
    Candidate cut{};
    std::size_t j = begin;
    while (j < limit) {
      std::size_t k = j + 1;
      while (k < limit && !starts_cluster(k)) ++k;
      Pt cluster = 0;
      for (std::size_t m = j; m < k; ++m) cluster += advance(m);
      if (j > begin && cut.width + cluster > measure) break;
      cut.width += cluster;
      j = k;
    }
    cut.at = cut.content_end = j;
    return cut;
  };

  std::size_t start = 0;
  while (start < n) {
    const Pt measure = params.measure - (lines.empty() ? params.indent : 0);
    Candidate running{};  // the line so far, without trailing glue
    running.content_end = start;
    Candidate best{}, previous{};
    bool have_best = false, have_previous = false;
    Pt width_all = 0, stretch_all = 0, shrink_all = 0;
    for (std::size_t i = start;; ++i) {
      const bool at_end = i == n;
      const text::Break b = at_end ? text::Break::mandatory : i > start ? break_at(i) : text::Break::none;
      if (b != text::Break::none) {
        Candidate c = running;
        c.at = i;
        if (c.width - (justify ? c.shrink : 0) <= measure + 1e-6) {
          if (have_best) previous = best, have_previous = true;
          best = c, have_best = true;
          if (b == text::Break::mandatory) {
            emit(c, start, at_end, !at_end, false);
            start = i;
            break;
          }
        } else if (have_best) {
          // Keep the earlier break when that line needs less adjustment.
          Candidate chosen = best;
          if (have_previous && std::abs(ratio_for(previous, measure)) < std::abs(ratio_for(best, measure)))
            chosen = previous;
          emit(chosen, start, false, false, false);
          start = chosen.at;
          break;
        } else {
          Candidate cut = emergency_cut(start, i, measure);
          emit(cut, start, false, false, true);
          start = cut.at;
          break;
        }
      }
      // Glue counts once a box follows it; trailing glue never counts.
      Pt a = advance(i);
      width_all += a;
      if (is_glue(p, glyphs[i])) {
        stretch_all += a * params.space_stretch;
        shrink_all += a * params.space_shrink;
      } else {
        running.width = width_all, running.stretch = stretch_all, running.shrink = shrink_all;
        running.content_end = i + 1;
      }
    }
  }
  return lines;
}

}  // namespace jakpum::linebreak
