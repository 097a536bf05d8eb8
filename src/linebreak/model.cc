#include "linebreak/model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string_view>
#include <tuple>
#include <utility>

namespace jakpum::linebreak {

namespace {

// The byte at `at`, or 0 past the end (a paragraph's text holds no NUL).
unsigned char byte_at(const std::string& text, std::size_t at) {
  return at < text.size() ? static_cast<unsigned char>(text[at]) : 0;
}

}  // namespace

bool is_glue(const text::Paragraph& p, const shape::Glyph& g) {
  const unsigned char c = byte_at(p.text, g.cluster);
  if (c == ' ' || c == '\t') return true;
  return c == 0xC2 && byte_at(p.text, g.cluster + 1) == 0xA0;  // no-break space: glue without a break
}

bool is_newline(const text::Paragraph& p, const shape::Glyph& g) { return p.text[g.cluster] == '\n'; }

namespace detail {
namespace {

// Hangul next to a Latin letter or a digit, with no space between (klreq §3.6).
bool hangul_at(const text::Paragraph& p, std::size_t at) {
  auto b = static_cast<unsigned char>(p.text[at]);
  if (b != 0xEA && b != 0xEB && b != 0xEC && b != 0xED && b != 0xE1 && b != 0xE3) return false;
  // U+AC00–U+D7A3 (EA B0 80 – ED 9E A3), jamo U+1100– (E1 84–87), compatibility jamo U+3131– (E3 84–86)
  auto b1 = static_cast<unsigned char>(p.text[at + 1]);
  if (b == 0xE1) return b1 >= 0x84 && b1 <= 0x87;
  if (b == 0xE3) return b1 >= 0x84 && b1 <= 0x86;
  if (b == 0xEA) return b1 >= 0xB0;
  if (b == 0xED) return b1 <= 0x9E;
  return true;
}
bool ascii_at(const text::Paragraph& p, std::size_t at) { return static_cast<unsigned char>(p.text[at]) < 0x80; }
bool alnum_at(const text::Paragraph& p, std::size_t at) {
  char c = p.text[at];
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Whether a cut between two ASCII characters (at bytes `before` and `at`)
// of an address or a path falls at one of its seams, where The Chicago
// Manual of Style (§14.18) breaks one: after a colon or a double slash;
// before a single slash, a tilde, a full stop, a comma, a hyphen, an
// underscore, a question mark, a number sign or a percent sign (so that
// %EC stays whole); before or after an equals sign or an ampersand.
// A cut with nothing but marks after it in the address (before its closing
// full stop) is none.
bool address_seam(const std::string& text, std::size_t before, std::size_t at, std::size_t token_end) {
  std::size_t next = at;
  while (next < token_end && !std::isalnum(static_cast<unsigned char>(text[next]))) ++next;
  if (next == token_end) return false;
  const char a = text[before], b = text[at];
  if (a == ':' || (a == '/' && before > 0 && text[before - 1] == '/')) return b != '/';
  if (a == '=' || a == '&' || b == '=' || b == '&') return true;
  if (b == '/') return a != '/' && a != ':' && (at + 1 >= text.size() || text[at + 1] != '/');
  return b == '~' || b == '.' || b == ',' || b == '-' || b == '_' || b == '?' || b == '#' || b == '%';
}

// Marks that may hang past the line's end: full stops and commas (klreq §3.8.2):
// . , and U+3001, U+3002 (E3 80 81/82), U+FF0C, U+FF0E (EF BC 8C/8E).
bool hangable(const text::Paragraph& p, std::size_t cluster) {
  const unsigned char c = byte_at(p.text, cluster);
  if (c == '.' || c == ',') return true;
  const unsigned char c1 = byte_at(p.text, cluster + 1), c2 = byte_at(p.text, cluster + 2);
  if (c == 0xE3) return c1 == 0x80 && (c2 == 0x81 || c2 == 0x82);
  if (c == 0xEF) return c1 == 0xBC && (c2 == 0x8C || c2 == 0x8E);
  return false;
}

}  // namespace

Model::Model(const text::Paragraph& p, const shape::ShapedParagraph& s, const Params& params)
    : p_(p), s_(s), params_(params) {
  const auto& glyphs = s.glyphs;
  const std::size_t n = glyphs.size();
  advance_.resize(n);
  glue_.resize(n);
  gap_.resize(n);
  hangable_.resize(n);
  cluster_start_.resize(n);
  width_sum_.assign(n + 1, 0);
  stretch_sum_.assign(n + 1, 0);
  shrink_sum_.assign(n + 1, 0);
  gap_sum_.assign(n + 1, 0);
  // Whether glyph i is raised or lowered: a note's number, a superscript, a
  // subscript (only paragraphs with such a style have any).
  const bool any_raised = std::any_of(p.styles.begin(), p.styles.end(), [](const auto& st) { return st.rise != 0; });
  auto raised = [&](std::size_t i) { return any_raised && p.styles[p.runs[glyphs[i].run].style].rise != 0; };
  for (std::size_t i = 0; i < n; ++i) {
    const bool newline = is_newline(p, glyphs[i]);
    cluster_start_[i] = i == 0 || glyphs[i].cluster != glyphs[i - 1].cluster;
    advance_[i] = newline ? 0 : glyphs[i].advance;
    // Space between scripts goes on the last glyph of the cluster before the change.
    if (params.script_spacing != 0 && i + 1 < n && glyphs[i + 1].cluster != glyphs[i].cluster) {
      std::size_t here = glyphs[i].cluster, next = glyphs[i + 1].cluster;
      if (!raised(i) && !raised(i + 1) &&
          ((hangul_at(p, here) && alnum_at(p, next)) || (alnum_at(p, here) && hangul_at(p, next))))
        advance_[i] += params.script_spacing;
    }
    glue_[i] = is_glue(p, glyphs[i]);
    // Letter spacing widens gaps next to Hangul (and other CJK), never inside
    // a Latin word or number, whose letters are drawn to sit at their fit.
    // Nor before or inside raised or lowered text (a note's number, a
    // superscript), which sits against what it follows.
    const bool latin_pair = i > 0 && ascii_at(p, glyphs[i].cluster) && ascii_at(p, glyphs[i - 1].cluster);
    gap_[i] = i > 0 && cluster_start_[i] && !glue_[i] && !glue_[i - 1] && !newline && !is_newline(p, glyphs[i - 1]) &&
              !latin_pair && !raised(i);
    hangable_[i] = params.hanging_punctuation && cluster_start_[i] && hangable(p, glyphs[i].cluster);
    width_sum_[i + 1] = width_sum_[i] + advance_[i];
    stretch_sum_[i + 1] = stretch_sum_[i] + (glue_[i] ? advance_[i] * params.space_stretch : 0);
    shrink_sum_[i + 1] = shrink_sum_[i] + (glue_[i] ? advance_[i] * params.space_shrink : 0);
    gap_sum_[i + 1] = gap_sum_[i] + gap_[i];
  }
  // The last break between words, or a forced one, looked for from the end.
  for (std::size_t i = n; i-- > 1;) {
    if (!cluster_start_[i]) continue;
    const text::Break b = p.breaks[glyphs[i].cluster];
    if (b == text::Break::allowed) {
      last_word_ = i;
      break;
    }
    if (b == text::Break::mandatory) {
      last_word_ = std::numeric_limits<std::size_t>::max();
      break;
    }
  }
}

std::vector<Breakpoint> Model::breakpoints(bool emergency) const {
  std::vector<Breakpoint> out;
  const auto& glyphs = s_.glyphs;
  // Where the stretch of text between two breaks that holds glyph i ends,
  // and whether it is wider than the narrowest line.
  const Pt narrowest = std::min(measure(0), measure(1));
  std::size_t stretch_from = 0, stretch_to = 0;
  bool too_wide = false;
  // The run of ASCII around glyph i (up to a byte) and whether it is an
  // address; whether the stretch is a piece of one, between its seams.
  std::size_t token_to = 0;
  bool address = false, stretch_in_address = false;
  auto seam_at = [&](std::size_t i) {
    return cluster_start_[i] && ascii_at(p_, glyphs[i - 1].cluster) && ascii_at(p_, glyphs[i].cluster) &&
           address_seam(p_.text, glyphs[i - 1].cluster, glyphs[i].cluster, token_to);
  };
  auto breaks_at = [&](std::size_t i) { return cluster_start_[i] && p_.breaks[glyphs[i].cluster] != text::Break::none; };
  for (std::size_t i = 1; i < glyphs.size(); ++i) {
    if (!cluster_start_[i]) continue;
    switch (p_.breaks[glyphs[i].cluster]) {
      case text::Break::allowed: out.push_back({i, 0, End::word}); break;
      case text::Break::syllable: out.push_back({i, params_.syllable_penalty, End::syllable}); break;
      case text::Break::mandatory: out.push_back({i, -infinite_penalty, End::forced}); break;
      case text::Break::hyphen:  // ragged lines have room for a word, unless it is wider than a line
        if (params_.align == style::Align::justify || emergency)
          out.push_back({i, params_.hyphen_penalty, End::hyphen});
        break;
      case text::Break::none: {
        // An address or a path is broken at its seams, at the penalty of a
        // break between syllables (it is a cut inside a word too), rather
        // than leave a line loose or its letters spread apart.
        const bool ascii = ascii_at(p_, glyphs[i].cluster) && ascii_at(p_, glyphs[i - 1].cluster) && !glue_[i] &&
                           !glue_[i - 1];  // Hangul, most of a Korean text, answers at the first
        if (ascii && glyphs[i].cluster >= token_to)
          std::tie(token_to, address) = text::ascii_token(p_.text, glyphs[i].cluster);
        const bool in_address = ascii && address;
        if (in_address && seam_at(i)) {
          out.push_back({i, params_.syllable_penalty, End::syllable});
          break;
        }
        // Inside a word, as a last resort: for a word too long for any line,
        // or where every other way leaves a line looser than this costs.
        // Never, where the text between two breaks (in an address, between
        // two seams) fits on a line, inside a Latin word or a number (cut
        // without a hyphen it reads as two words, which a loose line does
        // not), nor before a closing mark or after an opening one (klreq
        // §3.1.7).
        if (!emergency || glue_[i] || glue_[i - 1]) break;
        if (ascii || text::is_closing_mark(text::char_at(p_.text, glyphs[i].cluster)) ||
            text::is_opening_mark(text::char_at(p_.text, glyphs[i - 1].cluster))) {
          auto ends_stretch = [&](std::size_t k) { return breaks_at(k) || (in_address && seam_at(k)); };
          if (i >= stretch_to || in_address != stretch_in_address) {
            stretch_from = i;
            while (stretch_from > 0 && !ends_stretch(stretch_from)) --stretch_from;
            stretch_to = i + 1;
            while (stretch_to < glyphs.size() && !ends_stretch(stretch_to)) ++stretch_to;
            too_wide = size(stretch_from, stretch_to, End::word).width > narrowest;
            stretch_in_address = in_address;
          }
          if (!too_wide) break;
        }
        out.push_back({i, emergency_penalty, End::emergency});
        break;
      }
    }
  }
  out.push_back({glyphs.size(), -infinite_penalty, End::last});
  return out;
}

Line Model::set(std::size_t from, const LineSize& s, std::size_t line_number, double ratio, End ends) const {
  Line line;
  line.begin = from;
  line.end = s.content_end;
  line.natural = s.width;
  line.ends = ends;
  line.hangs = s.hangs;
  line.runt = ends == End::last && runt(from, line_number);
  const Pt measure = this->measure(line_number);
  line.overfull = s.width - s.shrink > measure + 1e-6;
  if (!std::isfinite(ratio)) ratio = ratio > 0 ? 0 : -1;
  // A line holding an address has little to stretch (the spaces and
  // letters of the words around it, none inside the address): stretched no
  // further than spaces may be, its slack is left at its end, as a line of
  // code's is, rather than spread its few gaps wide.
  if (ratio > 1) {
    std::size_t token_end = 0;
    for (std::size_t i = line.begin; i < line.end; ++i) {
      const std::size_t at = s_.glyphs[i].cluster;
      if (at < token_end || glue_[i] || !ascii_at(p_, at)) continue;
      bool address = false;
      std::tie(token_end, address) = text::ascii_token(p_.text, at);
      if (address) {
        ratio = 1;
        break;
      }
    }
  }
  line.ratio = ratio;
  line.letter_space = ratio > 0 ? ratio * params_.letter_stretch : ratio * params_.letter_shrink;
  line.width = s.width + (ratio > 0 ? ratio * s.stretch : ratio * s.shrink);
  // Stretched past what it may take, a line's gaps between characters widen
  // as far as they may and no further: the spaces take the rest. Syllables
  // spread apart (브 레 이 버 먼 의) read as letter-spaced words; wider word
  // spaces keep the words whole. A line without spaces spreads its gaps.
  double space_ratio = ratio;
  const Pt letters = params_.letter_stretch * static_cast<double>(s.gaps);
  if (ratio > 1 && s.stretch - letters > 1e-9) {
    space_ratio = (ratio * s.stretch - letters) / (s.stretch - letters);
    line.letter_space = params_.letter_stretch;
  }
  Pt pen = line_number == 0 ? params_.indent : 0;
  if (params_.align == style::Align::center) pen += (measure - line.width) / 2;
  if (params_.align == style::Align::right) pen += measure - line.width;
  line.x.reserve(line.end - line.begin);
  for (std::size_t i = line.begin; i < line.end; ++i) {
    if (i > line.begin && gap_before(i)) pen += line.letter_space;
    line.x.push_back(pen);
    Pt a = advance_[i];
    if (glue(i)) a += ratio > 0 ? space_ratio * a * params_.space_stretch : ratio * a * params_.space_shrink;
    pen += a;
  }
  if (ends == End::hyphen) line.hyphen_x = pen;
  return line;
}

}  // namespace detail

std::vector<Line> break_lines(const text::Paragraph& paragraph, const shape::ShapedParagraph& shaped,
                              const Params& params) {
  if (params.method == Method::total_fit && params.align == style::Align::justify)
    return break_total_fit(paragraph, shaped, params);
  return break_greedy(paragraph, shaped, params);
}

}  // namespace jakpum::linebreak
