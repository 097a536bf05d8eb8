#include "render/pdf/content.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>

#include "core/utf8.h"

namespace jakpum::render {

namespace {

// std::round (halves away from zero), without the call into libm that the
// default x86-64 target makes of it: a page rounds several numbers a glyph.
inline double round_half_away(double v) {
  if (!(std::fabs(v) < 4503599627370496.0)) return v;  // 2^52 and up are whole (and NaN stays NaN)
  double whole = static_cast<double>(static_cast<std::int64_t>(v));  // toward zero
  const double rest = v - whole;                                      // exact
  if (rest >= 0.5) whole += 1;
  else if (rest <= -0.5) whole -= 1;
  return std::copysign(whole, v);  // -0.3 rounds to -0, as std::round has it
}

// Writes a number ending at `end` (room for 32 characters before it) and
// gives where it starts. Integer arithmetic: printf's float formatting was
// most of the cost of a page.
char* format_number(char* end, double v, int decimals) {
  static constexpr double scales[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  const double rounded = round_half_away(v * scales[decimals]);
  char* p = end;
  if (rounded == 0) {
    *--p = '0';
    return p;
  }
  // Nothing on a page comes near 10^18 units; beyond it (or NaN) the
  // number is held there rather than overflow.
  const double limit = 1e18;
  std::uint64_t magnitude = std::fabs(rounded) < limit ? static_cast<std::uint64_t>(std::fabs(rounded))
                                                       : static_cast<std::uint64_t>(limit);
  if (decimals > 0) {
    const auto unit = static_cast<std::uint64_t>(scales[decimals]);
    std::uint64_t fraction = magnitude % unit;
    magnitude /= unit;
    if (fraction != 0) {
      int n = decimals;
      while (fraction % 10 == 0) fraction /= 10, --n;  // no trailing zeros
      for (; n > 0; --n, fraction /= 10) *--p = static_cast<char>('0' + fraction % 10);
      *--p = '.';
    }
  }
  do *--p = static_cast<char>('0' + magnitude % 10);
  while ((magnitude /= 10) != 0);
  if (rounded < 0) *--p = '-';
  return p;
}

}  // namespace

void Content::append_number(std::string& out, double v, int decimals) {
  char buffer[32];
  char* end = buffer + sizeof buffer;
  const char* start = format_number(end, v, decimals);
  out.append(start, static_cast<std::size_t>(end - start));
}

std::string Content::number(double v, int decimals) {
  std::string s;
  append_number(s, v, decimals);
  return s;
}

namespace {

// The operands and operator that set a colour (PDF 1.7 §8.6.8): rg/RG for
// DeviceRGB, k/K for DeviceCMYK.
std::string color_operator(const Color& c, bool stroke) {
  if (c.space == Color::Space::cmyk)
    return Content::number(c.v[0]) + " " + Content::number(c.v[1]) + " " + Content::number(c.v[2]) + " " +
           Content::number(c.v[3]) + (stroke ? " K\n" : " k\n");
  return Content::number(c.v[0]) + " " + Content::number(c.v[1]) + " " + Content::number(c.v[2]) +
         (stroke ? " RG\n" : " rg\n");
}

// A colour as `model` takes it.
Color in_model(const Color& c, ColorModel model) {
  switch (model) {
    case ColorModel::rgb: return c.as_rgb();
    case ColorModel::cmyk: return c.as_cmyk();
    case ColorModel::as_given: break;
  }
  return c;
}

}  // namespace

void Content::fill(const Color& given) {
  const Color c = in_model(given, colors_);
  if (fill_ && *fill_ == c) return;
  fill_ = c;
  out_ += color_operator(c, false);
}

void Content::rule(const page::Rule& r) {
  if (in_text_) out_ += "ET\n", in_text_ = false;
  const Color color = in_model(r.color, colors_);
  if (!stroke_ || !(*stroke_ == color)) {
    stroke_ = color;
    out_ += color_operator(color, true);
  }
  if (line_width_ != r.thickness) {
    line_width_ = r.thickness;
    out_ += number(r.thickness) + " w\n";
  }
  out_ += number(r.x0) + " " + number(height_ - r.y0) + " m " + number(r.x1) + " " + number(height_ - r.y1) + " l S\n";
}

void Content::image(const std::string& name, const page::PlacedImage& im) {
  if (in_text_) out_ += "ET\n", in_text_ = false;
  out_ += "q " + number(im.width) + " 0 0 " + number(im.height) + " " + number(im.x) + " " +
          number(height_ - im.y - im.height) + " cm /" + name + " Do Q\n";
}

void Content::text(const page::TextRun& run, const EmbeddedFont& font) {
  if (run.glyphs.empty()) return;
  if (!in_text_) out_ += "BT\n", in_text_ = true;
  fill(run.color);
  if (font_ != font.resource || size_ != run.size) {
    font_ = font.resource, size_ = run.size;
    out_ += "/" + font_ + " " + number(size_) + " Tf\n";
  }
  const auto& glyphs = run.glyphs;
  auto& embedded = embedded_;
  embedded.resize(glyphs.size());
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    embedded[i] = font.glyph(glyphs[i].id);
    assert(embedded[i] && "a glyph the font set does not know");
  }
  // TJ numbers move the next glyph left by thousandths of the size; the one
  // after glyph i, to set glyph i + 1 where the page model put it. Gaps are
  // counted in hundredths of those units (a millionth of an em, far below
  // anything a printer resolves), so equal gaps compare equal.
  auto& gaps = gaps_;  // gaps[i]: the one after glyph i
  gaps.resize(glyphs.size() - 1);
  double widest_gap = 0, nearest = run.size;  // the most a glyph is drawn back, the least it moves on
  for (std::size_t i = 0; i + 1 < glyphs.size(); ++i) {
    double adjust = (glyphs[i].x + embedded[i]->width * run.size / 1000.0 - glyphs[i + 1].x) * 1000.0 / run.size;
    gaps[i] = round_half_away(adjust * 100.0) / 100.0;
    widest_gap = std::max(widest_gap, gaps[i]);
    nearest = std::min<double>(nearest, glyphs[i + 1].x - glyphs[i].x);
  }
  // A glyph that stands for other characters than its font's ToUnicode map
  // gives it (a straight quote set curly, a glyph two characters share) says
  // them in a marked-content span (PDF 1.7 §14.9.4), so the text read from
  // the page is what was written. So does a character drawn in several
  // glyphs (a syllable of old Hangul with its tone mark, which HarfBuzz
  // draws before it): the first glyph carries the text, and the span holds
  // the glyphs after it that carry none, which then add nothing of their
  // own. A view with no data (not an empty one) where the font's map says
  // it: a view is returned in registers, where an optional one would not
  // be, for every glyph of the book.
  auto own_text = [&](std::size_t i) -> std::string_view {
    if (glyphs[i].straight) return run.written_of(glyphs[i]);
    const std::string_view text = run.text_of(glyphs[i]);
    const std::string& mapped = embedded[i]->text;
    bool same = text.size() == mapped.size();  // a character or two: compared here, not by a call
    for (std::size_t k = 0; same && k < text.size(); ++k) same = text[k] == mapped[k];
    if (same) [[likely]]
      return run.split_clusters && !text.empty() && i + 1 < glyphs.size() && glyphs[i + 1].text_length == 0
                 ? text
                 : std::string_view();
    return text.empty() ? std::string_view("", 0) : text;  // with none: its cluster's begun in a span
  };
  // Whether glyph i + 1 is drawn back over glyph i: an opening bracket set
  // half an em wide (its blank half dropped) back over the word space before
  // it, to the word before; the glyph after a closing one over the half of
  // it the font's width still counts. A program that finds words by where
  // glyphs stand reads that as text overlapping, and loses the space or
  // breaks the line there; the glyphs so drawn go in one span whose text is
  // all of theirs. (Kerning draws a glyph back a little; a space drawn
  // narrower leaves a tenth of an em.)
  const bool any_drawn_over = widest_gap > 250 || nearest < run.size * 0.1;
  auto drawn_over = [&](std::size_t i) {
    if (!any_drawn_over || i + 1 >= glyphs.size() || glyphs[i + 1].y != glyphs[i].y) return false;
    return gaps[i] > 250 || (glyphs[i + 1].x - glyphs[i].x < run.size * 0.1 && run.text_of(glyphs[i]) == " ");
  };
  for (std::size_t start = 0; start < glyphs.size();) {
    // One TJ for each stretch of glyphs on one baseline (marks may sit off
    // it), and one for each glyph with its own text, with the glyphs of its
    // character after it, or with those drawn back over it.
    std::string_view actual;
    std::size_t end = start + 1;
    auto same_character = [&](std::size_t i) { return glyphs[i].y == glyphs[start].y && glyphs[i].text_length == 0; };
    if (drawn_over(start)) {
      while (end < glyphs.size() && (drawn_over(end - 1) || same_character(end))) ++end;
      drawn_over_text_.clear();
      for (std::size_t i = start; i < end; ++i) drawn_over_text_ += run.written_of(glyphs[i]);
      actual = drawn_over_text_;
    } else if ((actual = own_text(start)).data() != nullptr) {
      while (end < glyphs.size() && same_character(end)) ++end;
    } else {
      while (end < glyphs.size() && glyphs[end].y == glyphs[start].y && own_text(end).data() == nullptr &&
             !drawn_over(end))
        ++end;
    }
    const bool marked = actual.data() != nullptr;
    if (marked) {
      out_ += "/Span <</ActualText <FEFF";
      append_utf16_hex(out_, actual);
      out_ += ">>> BDC\n";
    }

    // Letter spacing (justification spreads it between the letters of a
    // line) goes into Tc, PDF 1.7 §9.3.2, which adds to every glyph's
    // advance: the TJ array then needs numbers only where a gap differs
    // (word spaces, kerning), which halves a justified line's operators.
    // Tc is the most common gap, the smallest on a tie.
    const auto first_gap = gaps.begin() + static_cast<std::ptrdiff_t>(start);
    const auto last_gap = gaps.begin() + static_cast<std::ptrdiff_t>(end - 1);
    double common = 0;
    if (end - start > 1) {
      auto& sorted = sorted_;
      sorted.assign(first_gap, last_gap);
      std::sort(sorted.begin(), sorted.end());
      std::size_t best = 0;
      for (std::size_t i = 0, j; i < sorted.size(); i = j) {
        for (j = i; j < sorted.size() && sorted[j] == sorted[i]; ++j) {}
        if (j - i > best) best = j - i, common = sorted[i];
      }
    }
    // Tc is in points, written with six decimals so forty glyphs drift
    // less than 0.0001 pt; the numbers left carry what rounding leaves.
    const double spacing = round_half_away(-common * run.size / 1000.0 * 1e6) / 1e6;
    if (spacing != char_spacing_) {
      char_spacing_ = spacing;
      append_number(out_, spacing, 6);
      out_ += " Tc\n";
    }
    const double spacing_units = -spacing * 1000.0 / run.size;  // what Tc moves, in TJ units
    // What is left of each gap after Tc. A word space would need a number on
    // both sides of its (inkless) glyph; the glyph moves instead, so the one
    // number after it places the next word where it belongs.
    auto& rest = rest_;
    const std::size_t count = end - start - 1;
    rest.assign(count, 0.0);
    for (std::size_t k = 0; k < count; ++k) rest[k] += first_gap[static_cast<std::ptrdiff_t>(k)] - spacing_units;
    for (std::size_t k = 0; k + 1 < count; ++k)
      if (run.text_of(glyphs[start + k + 1]) == " ") rest[k + 1] += rest[k], rest[k] = 0;

    out_ += "1 0 0 1 ";
    append_number(out_, run.x + glyphs[start].x);
    out_ += ' ';
    append_number(out_, height_ - (run.y + glyphs[start].y));
    out_ += " Tm\n[(";
    // The array is written into room kept from run to run, at most 40
    // bytes a glyph (a number, its separators, two escaped bytes).
    auto& tj = tj_;
    if (tj.size() < (end - start) * 40) tj.resize((end - start) * 40);
    char* p = tj.data();
    double behind = 0;  // what the numbers written so far leave out (under half a hundredth)
    for (std::size_t i = start; i < end; ++i) {
      if (i > start) {
        const double want = rest[i - start - 1] + behind;
        const double written = round_half_away(want * 100.0) / 100.0;
        behind = want - written;
        if (written != 0) {
          char number[32];
          char* number_end = number + sizeof number;
          const char* digits = format_number(number_end, written, 2);
          *p++ = ')', *p++ = ' ';
          p = std::copy(digits, static_cast<const char*>(number_end), p);
          *p++ = ' ', *p++ = '(';
        }
      }
      // Two bytes a code, as a literal string (PDF 1.7 §7.3.4.2): half the
      // bytes of hex. Parentheses and backslashes are escaped; so is a
      // carriage return, which a reader would take for a line end.
      const std::uint16_t code = embedded[i]->code;
      for (char byte : {static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)}) {
        if (byte == '(' || byte == ')' || byte == '\\') *p++ = '\\';
        if (byte == '\r') *p++ = '\\', *p++ = 'r';
        else *p++ = byte;
      }
    }
    out_.append(tj.data(), static_cast<std::size_t>(p - tj.data()));
    out_ += ")] TJ\n";
    if (marked) out_ += "EMC\n";
    start = end;
  }
}

std::string Content::finish() {
  if (in_text_) out_ += "ET\n", in_text_ = false;
  // libharu compresses every content stream, and an empty one would be a
  // Flate stream of no bytes, which Ghostscript refuses.
  if (out_.empty()) out_ = "q Q\n";
  return std::move(out_);
}

}  // namespace jakpum::render
