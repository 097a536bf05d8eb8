#include "app/typeset.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <tuple>

#include "core/parallel.h"
#include "core/utf8.h"
#include "doc/read.h"
#include "image/image.h"
#include "linebreak/lines.h"
#include "text/hyphenate.h"

namespace jakpum::app {
namespace {

constexpr unsigned link_style = 4;
constexpr unsigned code_style = 8;
constexpr unsigned raised_style = 16;
constexpr unsigned lowered_style = 32;

// A note's number and a superscript are set smaller and raised, a subscript
// smaller and lowered: sizes and heights (in ems of the text around them) as
// OpenType fonts give their superscript and subscript figures.
constexpr double script_size = 0.65, superscript_rise = 0.38, subscript_drop = 0.14;

// Which of text_styles' styles a span is set in.
unsigned span_style(const doc::Span& span) {
  return (span.flags & (doc::emphasis | doc::strong)) | (span.link.empty() ? 0u : link_style) |
         ((span.flags & doc::code) ? code_style : 0u) |
         ((span.flags & (doc::note | doc::superscript)) ? raised_style : 0u) |
         ((span.flags & doc::subscript) && !(span.flags & (doc::note | doc::superscript)) ? lowered_style : 0u);
}

// How many of text_styles' styles a paragraph using `flags` needs: those
// below the highest it uses.
unsigned styles_needed(unsigned flags) {
  return (flags & lowered_style)  ? 2 * lowered_style
         : (flags & raised_style) ? 2 * raised_style
         : (flags & code_style)   ? 2 * code_style
         : (flags & link_style)   ? code_style
                                  : link_style;
}

// Which styles that load fonts or sizes of their own spans need: inline
// code's, a note's number's or a superscript's, a subscript's.
unsigned special_styles(const std::vector<doc::Span>& spans) {
  unsigned out = 0;
  for (const doc::Span& s : spans) out |= span_style(s) & (code_style | raised_style | lowered_style);
  return out;
}

// The text style for a style's plain text, each kind of emphasis, each again
// as a link's text, and, when `special` asks for them, each of those again as
// inline code, and all again raised (a note's number, a superscript) and
// lowered (a subscript): index emphasis | strong << 1 | link << 2 | code << 3
// | raised << 4 | lowered << 5. Inline code's are made only for text
// that has some, as they load a font of their own. Kept in the context, which
// outlives every paragraph set with it.
Result<const std::vector<text::TextStyle>*> text_styles(const std::string& style_name, const style::Layout& layout,
                                                        Context& ctx, unsigned special) {
  auto known = ctx.text_styles.find({&layout, style_name, special});
  if (known != ctx.text_styles.end()) return &known->second;
  const style::Style& st = layout.style(style_name);
  const bool code = special & code_style;
  const unsigned count = styles_needed(special | link_style);
  std::vector<text::TextStyle> out;
  for (unsigned flags = 0; flags < count; ++flags) {
    if (flags & (raised_style | lowered_style)) {
      out.push_back(out[flags & ~(raised_style | lowered_style)]);
      out.back().size *= script_size;
      out.back().rise = ((flags & raised_style) ? superscript_rise : -subscript_drop) * st.size;
      continue;
    }
    // What the layout changes nothing for is the style without it, and
    // code's where there is none (never used) the same.
    if ((flags & link_style) && layout.link.changes_nothing()) {
      out.push_back(out[flags & ~link_style]);
      continue;
    }
    if ((flags & code_style) && (!code || layout.code.changes_nothing())) {
      out.push_back(out[flags & ~code_style]);
      out.back().smart_quotes = out.back().smart_dashes = out.back().hyphenate = false;
      out.back().half_width_brackets = false;
      continue;
    }
    std::string family = st.font;
    style::Weight weight = st.weight;
    Color color = st.color;
    for (const style::InlineStyle* in : {(flags & doc::emphasis) ? &layout.emphasis : nullptr,
                                         (flags & doc::strong) ? &layout.strong : nullptr,
                                         (flags & link_style) ? &layout.link : nullptr,
                                         (flags & code_style) ? &layout.code : nullptr}) {
      if (!in) continue;
      if (!in->font.empty()) family = in->font;
      if (in->set_weight) weight = in->weight;
      if (in->set_color) color = in->color;
    }
    auto chain = font::chain_for(ctx.fonts, layout, family, weight);
    if (!chain) return chain.error();
    // Code keeps its quotes, hyphens and full-width brackets, as it is written.
    const bool prose = !(flags & code_style) && style_name != "code-block";
    out.push_back({std::move(*chain), st.size, color, st.word_break, prose && layout.text.smart_quotes,
                   prose && layout.text.smart_dashes, prose && layout.text.hyphenate,
                   prose && layout.text.half_width_brackets});
  }
  return &ctx.text_styles.emplace(std::make_tuple(&layout, style_name, special), std::move(out)).first->second;
}

// Each level of nesting indents by the style's left margin, but never past
// half the measure: deeper quotes and lists are set at the deepest level that
// leaves room to read.
Pt nesting_indent(const style::Style& st, int block_level, Pt measure) {
  const Pt step = st.margin_left.resolve(st.size);
  int level = std::max(block_level, 1);
  if (step > 0) level = std::min(level, std::max(1, static_cast<int>(measure / 2 / step)));
  return step * level;
}

// The characters a glyph sets: from its cluster to the next cluster.
std::string_view cluster_text(const text::Paragraph& p, const shape::ShapedParagraph& s, std::size_t i) {
  if (i > 0 && s.glyphs[i - 1].cluster == s.glyphs[i].cluster) return {};
  std::size_t begin = s.glyphs[i].cluster;
  std::size_t end = p.runs[s.glyphs[i].run].end;
  for (std::size_t j = i + 1; j < s.glyphs.size(); ++j)
    if (s.glyphs[j].cluster != begin) {
      end = std::min<std::size_t>(end, s.glyphs[j].cluster);
      break;
    }
  return std::string_view(p.text).substr(begin, end - begin);
}

// Adds a glyph to the link area it belongs to, if it sets linked text: from
// the ascender to the descender of the line's face, over its advance. `open`
// is the link of the glyph before, whose area a glyph of the same link widens.
void add_to_link(page::SetLine& line, const text::Paragraph& p, const shape::Glyph& g, Pt x, Pt asc, Pt desc,
                 const text::Link*& open) {
  auto link = std::upper_bound(p.links.begin(), p.links.end(), std::size_t{g.cluster},
                               [](std::size_t at, const text::Link& l) { return at < l.end; });
  if (link == p.links.end() || g.cluster < link->begin) {
    open = nullptr;
    return;
  }
  if (open == &*link) {
    page::LinkArea& area = line.links.back();
    const Pt left = std::min(area.x, x);
    area.width = std::max(area.x + area.width, x + g.advance) - left;
    area.x = left;
    return;
  }
  open = &*link;
  page::LinkArea area{x, -asc, g.advance, asc + desc, std::string(link->address), page::LinkArea::no_page, 0, {}};
  if (area.address.starts_with('#')) area.anchor = area.address.substr(1), area.address.clear();  // see fill()
  line.links.push_back(std::move(area));
}

enum class Lined { struck, under, marked };

// Draws a line through a glyph of struck text (under one of underlined
// text, behind one of highlighted text): a rule through the middle of its
// face's letters (below them; over their height, in the highlight's
// colour), over its advance, which the glyph before it widens when it is
// lined in the same face, size and colour. `open` says whether the line's
// last rule of the kind is the glyph before's (`ranges`: the paragraph's
// stretches of the kind; `rules`: the line's rules of the kind).
void add_to_line_rule(std::vector<page::Rule>& rules, const std::vector<std::pair<std::size_t, std::size_t>>& ranges,
                      Lined kind, const shape::Glyph& g, Pt x, const font::FaceInfo& face, const text::TextStyle& ts,
                      const Color& highlight, std::optional<std::size_t>& open) {
  auto lined = std::upper_bound(ranges.begin(), ranges.end(), std::size_t{g.cluster},
                                [](std::size_t at, const auto& range) { return at < range.second; });
  if (lined == ranges.end() || g.cluster < lined->first) {
    open.reset();
    return;
  }
  // A highlight covers the letters from their face's ascender to its
  // descender, as a marker pen drawn along them does.
  const Pt y = kind == Lined::marked  ? (face.descender - face.ascender) / 2 * ts.size
               : kind == Lined::under ? -face.underline_position * ts.size
                                      : -face.strike_position * ts.size;
  const Pt thickness = kind == Lined::marked  ? (face.ascender + face.descender) * ts.size
                       : kind == Lined::under ? face.underline_size * ts.size
                                              : face.strike_size * ts.size;
  const Color& color = kind == Lined::marked ? highlight : ts.color;
  if (open) {
    page::Rule& r = rules[*open];
    if (r.y0 == y && r.thickness == thickness && r.color == color) {
      r.x1 = std::max(r.x1, x + g.advance);
      return;
    }
  }
  open = rules.size();
  rules.push_back({x, y, x + g.advance, y, thickness, color});
}

// A straight quote set curly: the glyph sets the curly one, the author wrote
// the straight one.
[[gnu::noinline]] void add_shown_quote(page::TextRun& r, const shape::Glyph& g, Pt x, Pt y) {
  char utf8[4];
  std::size_t n = 0;
  U8_APPEND_UNSAFE(utf8, n, g.shown);
  r.add_glyph(g.id, x, y, std::string_view(utf8, n), true);
}

page::SetLine to_set_line(const text::Paragraph& p, const shape::ShapedParagraph& s, const linebreak::Line& line,
                          const style::Style& st, const std::string& style_name, Pt left, const font::Library& fonts,
                          const Color& highlight) {
  page::SetLine out;
  // The line's place on the baseline grid comes from the style's own face,
  // whatever face its first character happens to be in (a Latin family's, a
  // fallback's).
  const font::FaceInfo& face = fonts.info(p.runs.empty() ? 0 : p.styles[p.runs.front().style].chain.faces.front());
  const Pt leading = st.leading_pt();
  const Pt asc = face.ascender * st.size, desc = face.descender * st.size;
  out.height = leading;
  out.ascent = (leading - (asc + desc)) / 2 + asc;  // half-leading above the ascender (CSS inline box)
  out.left = left;
  out.width = line.width;
  const text::Link* open_link = nullptr;
  std::optional<std::size_t> open_strike, open_underline, open_mark;  // the rules the next glyph may widen
  std::vector<page::Rule> marks;  // highlights, drawn first, behind the line's text and its other rules
  for (std::size_t i = line.begin; i < line.end; ++i) {
    const shape::Glyph& g = s.glyphs[i];
    if (linebreak::is_newline(p, g)) continue;  // a forced break sets nothing
    const text::Run& run = p.runs[g.run];
    const text::TextStyle& ts = p.styles[run.style];
    Pt x = line.x[i - line.begin];
    const Pt size = ts.size_in(run.face);
    std::string_view text = cluster_text(p, s, i);
    if (out.runs.empty() || out.runs.back().font != run.face || out.runs.back().size != size ||
        !(out.runs.back().color == ts.color)) {
      // An opening bracket set half width (shape/shape.cc) is drawn back
      // over the space before it; starting a run of its own (in bold, say),
      // it takes the space's character along, in its own span, where a
      // program reading words by where glyphs stand finds it (the writer
      // keeps a space and a glyph drawn over it together within a run).
      if (g.x_offset < -0.1 * size && i > line.begin && !out.runs.empty() && out.runs.back().glyphs.size() > 1 &&
          !text.empty()) {
        page::TextRun& before = out.runs.back();
        const page::PlacedGlyph& space = before.glyphs.back();
        if (before.text_of(space) == " " && s.glyphs[i - 1].cluster + 1 == g.cluster) {
          before.text.resize(space.text_begin);
          before.glyphs.pop_back();
          text = std::string_view(p.text).substr(g.cluster - 1, text.size() + 1);
        }
      }
      page::TextRun r;
      r.font = run.face, r.size = size, r.color = ts.color, r.x = x, r.style = style_name;
      r.glyphs.reserve(line.end - i);  // most lines are one run
      r.text.reserve(std::max(s.glyphs[line.end - 1].cluster, s.glyphs[i].cluster) - s.glyphs[i].cluster + 4);
      out.runs.push_back(std::move(r));
    }
    page::TextRun& r = out.runs.back();
    if (g.shown) [[unlikely]]
      add_shown_quote(r, g, x - r.x + g.x_offset, -g.y_offset - ts.rise);
    else
      r.add_glyph(g.id, x - r.x + g.x_offset, -g.y_offset - ts.rise, text);
    if (!p.links.empty()) add_to_link(out, p, g, x, asc, desc, open_link);
    if (!p.struck.empty())
      add_to_line_rule(out.rules, p.struck, Lined::struck, g, x, fonts.info(run.face), ts, highlight, open_strike);
    // An underline keeps one height under a word of Hangul and Latin, and a
    // highlight one band behind it: its style's own face's, whatever face
    // sets each letter.
    if (!p.underlined.empty())
      add_to_line_rule(out.rules, p.underlined, Lined::under, g, x, fonts.info(ts.chain.faces.front()), ts, highlight,
                       open_underline);
    if (!p.marked.empty())
      add_to_line_rule(marks, p.marked, Lined::marked, g, x, fonts.info(ts.chain.faces.front()), ts, highlight,
                       open_mark);
  }
  // A word cut with a hyphen (page/model.h: PlacedGlyph::hyphen). A word
  // struck, underlined or linked is so to its hyphen.
  if (line.ends == linebreak::End::hyphen && !out.runs.empty()) {
    const shape::Glyph& g = s.glyphs[line.end - 1];
    const shape::ShapedParagraph::Hyphen& h = s.hyphens[g.run];
    page::TextRun& r = out.runs.back();
    r.add_hyphen(h.id, line.hyphen_x - r.x, -g.y_offset - p.styles[p.runs[g.run].style].rise);
    const Pt end = line.hyphen_x + h.advance;
    for (const auto& open : {open_strike, open_underline})
      if (open) out.rules[*open].x1 = std::max(out.rules[*open].x1, end);
    if (open_mark) marks[*open_mark].x1 = std::max(marks[*open_mark].x1, end);
    if (open_link) out.links.back().width = std::max(out.links.back().width, end - out.links.back().x);
  }
  if (!marks.empty()) out.rules.insert(out.rules.begin(), marks.begin(), marks.end());
  return out;
}

}  // namespace

Result<SetBlock> set_text_block(const std::vector<doc::Span>& spans, const std::string& style_name,
                                const style::Layout& layout, Context& ctx, const std::string& path, Pt measure,
                                int block_level, const std::string& marker, std::optional<style::Align> align,
                                std::vector<text::MissingChar>* missing) {
  auto timer = [&](double Timings::*field) { return Stopwatch(ctx.timings ? &(ctx.timings->*field) : nullptr); };
  const style::Style& st = layout.style(style_name);
  std::optional<Result<const std::vector<text::TextStyle>*>> styles;
  {
    auto t = timer(&Timings::setup);
    styles = text_styles(style_name, layout, ctx, special_styles(spans));
  }
  if (!*styles) return styles->error();
  std::vector<text::StyledSpan> styled;
  styled.reserve(spans.size());
  unsigned used_flags = 0;
  for (const auto& span : spans) {
    const unsigned flags = span_style(span);
    styled.push_back({span.text, flags, span.pos, span.link, (span.flags & doc::strike) != 0,
                      (span.flags & doc::underline) != 0, (span.flags & doc::mark) != 0});
    used_flags |= flags;
  }
  // The paragraph holds the styles it may use: a link's only where it has
  // links, inline code's only where it has code.
  const std::vector<text::TextStyle>& all = ***styles;
  std::vector<text::TextStyle> used(all.begin(), all.begin() + styles_needed(used_flags));
  std::optional<Result<text::Paragraph>> para;
  {
    auto t = timer(&Timings::text);
    std::vector<text::MissingChar> own;
    para = text::prepare(styled, std::move(used), ctx.fonts, ctx.breaker, path, missing ? missing : &own);
    ctx.missing.insert(ctx.missing.end(), own.begin(), own.end());
  }
  if (!*para) return (*para).error();
  shape::ShapedParagraph shaped;
  {
    auto t = timer(&Timings::shape);
    shaped = ctx.shaper.shape(**para);
  }

  const Pt left = nesting_indent(st, block_level, measure);
  linebreak::Params params;
  params.measure = measure - left - st.margin_right.resolve(st.size);
  params.align = align.value_or(st.align);
  // A first-line indent is the style's own alignment's: centred or set
  // right by the text's asking, a line stands where that puts it.
  const bool own_ends = params.align != style::Align::center && params.align != style::Align::right;
  params.indent = align && !own_ends ? 0 : st.indent.resolve(st.size);
  params.space_stretch = layout.text.space_stretch;
  params.space_shrink = layout.text.space_shrink;
  params.letter_stretch = layout.text.letter_stretch * st.size;
  params.letter_shrink = layout.text.letter_shrink * st.size;
  params.script_spacing = layout.text.script_spacing * st.size;
  // Marks hang to keep a justified edge straight to the eye; a centred or
  // ragged line has no such edge, and a table's cell no margin to hang in.
  params.hanging_punctuation = layout.text.hanging_punctuation && params.align == style::Align::justify;
  params.method = st.greedy ? linebreak::Method::greedy : linebreak::Method::total_fit;
  params.tolerance = layout.text.tolerance;
  params.line_penalty = layout.text.line_penalty;
  params.syllable_penalty = layout.text.syllable_penalty;
  params.syllable_demerits = layout.text.syllable_demerits;
  params.fitness_demerits = layout.text.fitness_demerits;
  params.runt_demerits = layout.text.runt_demerits;
  params.looseness = layout.text.looseness;
  params.emergency_stretch = layout.text.emergency_stretch * st.size;
  params.hyphen_penalty = layout.text.hyphen_penalty;
  std::vector<linebreak::Line> lines;
  {
    auto t = timer(&Timings::lines);
    lines = linebreak::break_lines(**para, shaped, params);
    // Its Latin words are hyphenated only where the paragraph cannot be set
    // without a line cut where no break was, or, justified, one looser than
    // `hyphenate-ratio`: loading the patterns costs more than the rest of a
    // short run (text/hyphenate.h). Ragged lines have room for any word
    // narrower than they are.
    const bool justified = params.align == style::Align::justify;
    auto needs_hyphens = [&](const linebreak::Line& l) {
      return l.emergency() || l.overfull ||
             (justified && l.ends != linebreak::End::last && l.ends != linebreak::End::forced &&
              l.ratio > layout.text.hyphenate_ratio);
    };
    if (layout.text.hyphenate && std::any_of(lines.begin(), lines.end(), needs_hyphens)) {
      bool missing_patterns = false;
      if (text::hyphenate(**para, layout.text.hyphenation_patterns, &missing_patterns) > 0) {
        ctx.shaper.add_hyphens(**para, shaped);
        lines = linebreak::break_lines(**para, shaped, params);
      }
      ctx.hyphen_patterns_missing |= missing_patterns;
    }
  }

  SetBlock block;
  std::vector<page::SetLine>& out = block.lines;
  for (const auto& line : lines) {
    out.push_back(to_set_line(**para, shaped, line, st, style_name, left, ctx.fonts, layout.text.highlight));
    LineFacts facts;
    facts.ratio = line.ratio;
    facts.ends = line.ends;
    facts.justified = params.align == style::Align::justify && line.ends != linebreak::End::last &&
                      line.ends != linebreak::End::forced;
    facts.overfull = line.overfull;
    facts.runt = line.runt && params.align == style::Align::justify;
    if (line.end > line.begin) {
      std::size_t first = shaped.glyphs[line.begin].cluster, last = shaped.glyphs[line.end - 1].cluster;
      facts.prohibited_start = line.begin > 0 && text::is_closing_mark(text::char_at((**para).text, first));
      facts.prohibited_end =
          line.ends != linebreak::End::last && text::is_opening_mark(text::char_at((**para).text, last));
    }
    block.facts.push_back(facts);
  }

  if (!marker.empty() && !out.empty()) {
    // The marker hangs left of the first line, half an em from the text.
    auto set_marker =
        set_text_block(doc::plain_text(marker), style_name, layout, ctx, path, measure, 0, "", style::Align::left);
    if (!set_marker) return set_marker.error();
    if (!set_marker->lines.empty()) {
      page::SetLine& m = set_marker->lines.front();
      Pt shift = params.indent - st.size * 0.5 - m.width - (m.runs.empty() ? 0 : m.runs.front().x);
      for (auto run : m.runs) {
        run.x += shift;
        out.front().runs.insert(out.front().runs.begin(), std::move(run));
      }
    }
  }
  return block;
}

namespace {

// Blocks of the front and back matter carry ids of their own, below every
// document block's, so the report (which counts document blocks) skips them.
constexpr int front_matter_blocks = -1000000;

std::string joined(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// Text of front or back matter as spans to set: `lead` (the program's own
// words, with no place in a source), then `items` joined by ", ", each
// placed where `at` says its source writes it, so that an error about one
// of its characters points there.
std::vector<doc::Span> placed(const std::vector<std::string>& items, const std::vector<Position>& at,
                              std::string lead = {}) {
  std::vector<doc::Span> out;
  if (!lead.empty()) out.push_back({std::move(lead), doc::plain, {}, {}});
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back({", ", doc::plain, {}, {}});
    out.push_back({items[i], doc::plain, i < at.size() ? at[i] : Position{}, {}});
  }
  return out;
}
std::vector<doc::Span> placed(const std::string& text, Position at, std::string lead = {}) {
  return placed(std::vector<std::string>{text}, {at}, std::move(lead));
}

// The text a running head's template gives itself, without what its
// placeholders stand for, each piece placed where it is written (`at` is
// where the template's text starts; the layout loader saw every `{` closed).
std::vector<doc::Span> own_text(std::string_view templ, Position at) {
  std::vector<doc::Span> out;
  for (std::size_t from = 0; from < templ.size();) {
    const std::size_t open = std::min(templ.find('{', from), templ.size());
    if (open > from)
      out.push_back({std::string(templ.substr(from, open - from)),
                     doc::plain,
                     at.line > 0 ? advanced(at, templ.substr(0, from)) : Position{},
                     {}});
    from = open < templ.size() ? std::min(templ.find('}', open), templ.size() - 1) + 1 : open;
  }
  return out;
}

// Sets a publication: its documents, then, once their pages are known, the
// cover and the table of contents before them and the colophon after.
class Typesetter {
 public:
  Typesetter(const doc::Publication& pub, const style::Layout& layout, Context& ctx, Report* report)
      : pub_(pub), layout_(layout), ctx_(ctx), report_(report) {}

  Result<page::PageModel> run() {
    page::PageModel model;
    const doc::Document* first = pub_.documents.empty() ? nullptr : &pub_.documents.front();
    model.info.title = !pub_.title.empty() ? pub_.title : first ? doc::fallback_title(*first) : "";
    model.info.author = joined(!pub_.authors.empty() || !first ? pub_.authors : first->meta.authors);
    model.info.subject = pub_.subtitle;
    model.info.lang = first ? first->meta.lang : "ko";
    model.info.creator = std::string("jakpum ") + JAKPUM_VERSION;

    // The documents are composed into boxes first, their paragraphs listed
    // as they come; the paragraphs are then set side by side, and their
    // lines go into the boxes in the same order.
    std::vector<page::DocumentBoxes> documents;
    int next_block = 0;
    for (const auto& document : pub_.documents) {
      auto boxes = compose(document, documents.size(), next_block);
      if (!boxes) return boxes.error();
      documents.push_back(std::move(*boxes));
      next_block += static_cast<int>(documents.back().blocks.size());
    }
    if (Status s = set_paragraphs(); !s) return s.error();
    if (Status s = fill(documents); !s) return s.error();
    for (page::DocumentBoxes& d : documents) settle_notes(d);
    page::Paginated body;
    {
      Stopwatch t(ctx_.timings ? &ctx_.timings->paginate : nullptr);
      body = page::paginate(std::move(documents), layout_);  // the pages take the lines
    }
    page::label_pages(body);

    page::Paginated book;
    std::vector<page::DocumentBoxes> front;
    // A cover or contents with nothing to show is left out, with a word,
    // rather than printed blank.
    auto left_out = [&](const std::string& part, const std::string& why, const std::string& hint) {
      if (ctx_.warnings) ctx_.warnings->add(warning(pub_.path, {}, "the " + part + " is left out: " + why, hint));
    };
    if (pub_.cover) {
      auto cover = this->cover();
      if (!cover) return cover.error();
      if (!cover->blocks.empty())
        front.push_back(std::move(*cover));
      else
        left_out("cover", "the manifest gives no title, subtitle or author",
                 "give the manifest a `title`, or set `cover = false`");
    }
    if (pub_.contents) {
      const bool listed = std::any_of(body.outline.begin(), body.outline.end(), [&](const page::OutlineEntry& e) {
        return e.level >= 1 && e.level <= layout_.contents.depth;
      });
      if (listed) {
        auto contents = table_of_contents(body);
        if (!contents) return contents.error();
        front.push_back(std::move(*contents));
      } else {
        left_out("table of contents", "no document has a title to list",
                 "give each document a title, with a lone `#` heading or `title` in its front matter, or set "
                 "`contents = false`");
      }
    }
    if (!front.empty()) {
      book = page::paginate(std::move(front), layout_);
      // The body opens on a right-hand page: the front matter fills whole leaves.
      if (layout_.page.facing && book.pages.size() % 2 == 1) page::add_blank(book, layout_, page::Part::front);
    }
    // The contents lead to body pages, which now follow the front matter.
    const std::size_t front_pages = book.pages.size();
    for (page::Page& p : book.pages)
      for (page::LinkArea& link : p.links)
        if (link.page != page::LinkArea::no_page) link.page += front_pages;
    page::append(book, std::move(body));
    if (pub_.colophon) {
      auto colophon = this->colophon(model, book.pages);
      if (!colophon) return colophon.error();
      page::append(book, page::paginate({std::move(*colophon)}, layout_));
    }
    page::label_pages(book);
    resolve_heading_links(book);

    if (Status s = check_running_heads(); !s) return s.error();
    std::optional<Diagnostic> failed;
    // A running head repeats from page to page (a title, a section); each
    // text is set once.
    std::map<std::tuple<std::string, std::string, Pt>, page::SetLine> heads;
    page::SetText set_running_head = [&](const std::string& text, const std::string& style, Pt width) {
      auto known = heads.find({text, style, width});
      if (known != heads.end()) return known->second;
      auto set = [&](const std::string& t) {
        return set_text_block(doc::plain_text(t), style, layout_, ctx_, layout_.path, width, 0, "", style::Align::left);
      };
      auto lines = set(text);
      // Longer than the measure: cut, at the last word that leaves room
      // for an ellipsis (at a character where the text has no space), as
      // a typesetter shortens a running head.
      if (lines && lines->lines.size() > 1) {
        std::vector<std::size_t> cuts;  // prefix lengths, shortest first
        for (std::size_t i = 1; i < text.size(); ++i)
          if (text[i] == ' ' && text[i - 1] != ' ') cuts.push_back(i);
        if (cuts.empty())
          for (std::size_t i = 1; i < text.size(); ++i)
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cuts.push_back(i);
        // The longest that still sets on one line, found by halving. With
        // no ellipsis in the head's fonts, the first line as it was set.
        std::size_t low = 0, high = cuts.size();
        std::optional<decltype(lines)> best;
        while (low < high) {
          const std::size_t mid = (low + high) / 2;
          auto shorter = set(text.substr(0, cuts[mid]) + "\u2026");
          if (!shorter) break;
          if (shorter->lines.size() <= 1)
            best.emplace(std::move(shorter)), low = mid + 1;
          else
            high = mid;
        }
        if (best) lines = std::move(*best);
      }
      if (!lines) {
        if (!failed) failed = lines.error();
        return page::SetLine{};
      }
      page::SetLine line = lines->lines.empty() ? page::SetLine{} : std::move(lines->lines.front());
      heads.emplace(std::make_tuple(text, style, width), line);
      return line;
    };
    page::place_running_heads(book, layout_, model.info.title, set_running_head);
    if (failed) return *failed;
    if (ctx_.hyphen_patterns_missing && ctx_.warnings)
      ctx_.warnings->add(
          warning(layout_.path, {},
                  "no hyphenation patterns at " + layout_.text.hyphenation_patterns +
                      ": Latin words are not hyphenated, and lines that needed it are left loose",
                  "install Debian's hyphen-en-us, or name other patterns in [text] hyphenation-patterns"));

    model.pages = std::move(book.pages);
    model.outline = std::move(book.outline);
    model.images = std::move(images_);
    // A face deferred and never needed sets nothing, and is not opened for it.
    for (font::FaceId f = 0; f < ctx_.fonts.size(); ++f)
      if (ctx_.fonts.is_open(f))
        model.fonts.push_back({ctx_.fonts.info(f).path, ctx_.fonts.info(f).index, ctx_.fonts.info(f).postscript_name,
                               ctx_.fonts.info(f).outlines == font::Outlines::cff});
      else
        model.fonts.push_back({});
    if (report_) report_->paginated(model);
    return model;
  }

 private:
  // A paragraph of a document to set, as `compose` lists it, and where its
  // lines and what the line breaker did with them go.
  struct Job {
    const std::vector<doc::Span>* spans;  // the document's, or kept_
    std::string style;
    int level;
    std::string marker;
    std::string path;
    std::size_t document, box;  // the box in `documents` its lines go to
    std::size_t report_block;   // the report's block its facts go to
    Pt outer_left = 0;          // code in a quote or list: that one's indent, left of its own
    std::optional<style::Align> align;  // HTML around it asks for this alignment
  };

  // Every paragraph `compose` listed is set, side by side on ctx_.threads
  // threads. Fonts are opened first, in paragraph order, and further threads
  // read the same faces, so face ids (and so the page model) never depend on
  // the threads.
  Status set_paragraphs() {
    const std::vector<Job>& jobs = jobs_;
    std::vector<const std::vector<text::TextStyle>*> job_styles(jobs.size());
    {
      Stopwatch t(ctx_.timings ? &ctx_.timings->setup : nullptr);
      for (std::size_t i = 0; i < jobs.size(); ++i) {
        auto styles = text_styles(jobs[i].style, layout_, ctx_, special_styles(*jobs[i].spans));
        if (!styles) return styles.error();
        job_styles[i] = *styles;
      }
    }
    // A further thread makes break rules of its own and shapes every word
    // afresh in a cache of its own: measured on the essays, it pays for that
    // from about 20 KB of text on (both essays twice, 28 KB: 26.7 -> 25.1 ms;
    // three times: 27.0 -> 26.1 ms). The essays once (14 KB) stay on one
    // thread, leaving the helper to read outlines (below) and its heap small.
    std::size_t text_bytes = 0;
    for (const Job& job : jobs)
      for (const auto& span : *job.spans) text_bytes += span.text.size();
    constexpr std::size_t text_per_thread = 20 * 1024;
    const unsigned threads =
        static_cast<unsigned>(std::min<std::size_t>(std::max(1u, ctx_.threads), text_bytes / text_per_thread + 1));
    if (threads > 1) helpers_work();
    // Each further thread makes its context as it starts, beside the work
    // of the first, borrowing its faces (every face is loaded by now, so
    // ctx_.fonts stays as is).
    std::vector<std::unique_ptr<Context>> helpers(threads - 1);
    std::vector<Timings> helper_timings(threads);

    set_.assign(jobs.size(), error("", {}, "internal error: a paragraph left unset"));
    std::vector<std::vector<text::MissingChar>> missing(jobs.size());
    auto set_all = [&] {
      parallel_for_workers(jobs.size(), threads, [&](std::size_t i, unsigned worker) {
        if (worker > 0 && !helpers[worker - 1]) {
          Stopwatch time(ctx_.timings ? &helper_timings[worker].setup : nullptr);
          helpers[worker - 1] = std::make_unique<Context>(ctx_.fonts);
          helpers[worker - 1]->timings = ctx_.timings ? &helper_timings[worker] : nullptr;
        }
        Context& ctx = worker == 0 ? ctx_ : *helpers[worker - 1];
        const Job& job = jobs[i];
        set_[i] = set_text_block(*job.spans, job.style, layout_, ctx, job.path, layout_.text_width() - job.outer_left,
                                 job.level, job.marker, job.align, &missing[i]);
        if (set_[i])
          for (page::SetLine& line : set_[i]->lines) line.left += job.outer_left;
      });
    };
    // Set on one thread, the paragraphs leave a helper idle until the PDF's
    // fonts are subset. Meanwhile it reads the outlines of the text's
    // characters in the face most of them are set in, the face whose subset
    // is then the longest task, and would wait on those reads (1 to 2 ms
    // for the essays' 500 glyphs of Nanum Myeongjo).
    if (threads > 1) {
      set_all();
    } else {
      with_aside(ctx_.threads, set_all, [&](const std::atomic<bool>& done) {
        auto [face, chars] = body_characters(jobs, job_styles, ctx_.fonts.size());
        if (!chars.empty()) font::read_outlines(ctx_.fonts.hb_face(face), chars, done);
      });
    }
    // Characters no font has are reported all at once, wherever they are.
    std::vector<text::MissingChar> all_missing;
    for (auto& m : missing) all_missing.insert(all_missing.end(), m.begin(), m.end());
    if (!all_missing.empty()) {
      ctx_.missing.insert(ctx_.missing.end(), all_missing.begin(), all_missing.end());
      return text::missing_characters(all_missing);
    }
    if (ctx_.timings)
      for (const Timings& t : helper_timings) ctx_.timings->add(t);
    for (const auto& helper : helpers)
      if (helper) ctx_.hyphen_patterns_missing |= helper->hyphen_patterns_missing;
    return ok();
  }

  // The face most of the paragraphs' characters are set in (the first of
  // their style's chain), and those of its characters beyond ASCII (whose
  // few glyphs lie together), each once, in order.
  static std::pair<font::FaceId, std::vector<char32_t>> body_characters(
      const std::vector<Job>& jobs, const std::vector<const std::vector<text::TextStyle>*>& styles,
      std::size_t face_count) {
    std::vector<std::vector<char32_t>> chars(face_count);
    for (std::size_t i = 0; i < jobs.size(); ++i)
      for (const doc::Span& span : *jobs[i].spans) {
        const font::Chain& chain = (*styles[i])[span_style(span)].chain;
        if (chain.faces.empty()) continue;
        std::vector<char32_t>& into = chars[chain.faces.front()];
        for (std::int32_t k = 0, n = static_cast<std::int32_t>(span.text.size()); k < n;) {
          UChar32 c;
          U8_NEXT(span.text.data(), k, n, c);
          if (c >= 0x80) into.push_back(static_cast<char32_t>(c));
        }
      }
    for (auto& c : chars) {
      std::sort(c.begin(), c.end());
      c.erase(std::unique(c.begin(), c.end()), c.end());
    }
    auto most =
        std::max_element(chars.begin(), chars.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
    if (most == chars.end()) return {0, {}};
    return {static_cast<font::FaceId>(most - chars.begin()), std::move(*most)};
  }

  // A link to a heading of its own document names it within that document:
  // now within the publication (the `document`th), as links to other
  // documents already do ("N#name").
  static void name_links_in(std::vector<page::SetLine>& lines, std::size_t document) {
    for (page::SetLine& line : lines)
      for (page::LinkArea& link : line.links)
        if (!link.anchor.empty() && link.anchor.find('#') == std::string::npos)
          link.anchor = std::to_string(document) + "#" + link.anchor;
  }

  // The set paragraphs into their boxes, in order: the first that could not
  // be set is the error.
  Status fill(std::vector<page::DocumentBoxes>& documents) {
    for (std::size_t i = 0; i < jobs_.size(); ++i) {
      const Job& job = jobs_[i];
      Result<SetBlock>& set = set_[i];
      if (!set) return set.error();
      name_links_in(set->lines, job.document);
      page::BlockBox& box = documents[job.document].blocks[job.box];
      std::vector<page::SetLine>& lines = box.lines;
      if (lines.empty()) lines = std::move(set->lines);
      else
        lines.insert(lines.end(), std::make_move_iterator(set->lines.begin()), std::make_move_iterator(set->lines.end()));
      if (job.style == "figure") fit_figure(box);
      if (report_) {
        std::vector<LineFacts>& facts = report_->blocks[job.report_block].lines;
        facts.insert(facts.end(), set->facts.begin(), set->facts.end());
      }
    }
    jobs_.clear();
    set_.clear();
    kept_.clear();
    return ok();
  }

  // Each note goes to the foot of the page where the text first refers to
  // it: the line that does lists its blocks. A note the text refers to only
  // from another note, or one taller than half the text block, stays at the
  // end of the document.
  void notes_to_foot(page::DocumentBoxes& d) const {
    std::map<std::string, std::vector<std::uint32_t>> notes;  // a note's blocks, by its anchor
    std::string note;
    for (std::size_t k = 0; k < d.blocks.size(); ++k) {
      const page::BlockBox& b = d.blocks[k];
      if (!b.in_note) {
        note.clear();
        continue;
      }
      if (b.style == "note" && !b.outline_anchor.empty()) note = b.outline_anchor;  // a note's first paragraph
      if (!note.empty()) notes[note].push_back(static_cast<std::uint32_t>(k));
    }
    // A note taller than half the text block would crowd out the text that
    // refers to it: it stays at the end, as does one that would take a
    // line's notes together past that (so a line's notes always fit below
    // it on a page of their own).
    auto height = [&](const std::vector<std::uint32_t>& blocks) {
      Pt h = 0;
      for (std::uint32_t k : blocks)
        for (const page::SetLine& line : d.blocks[k].lines) h += line.height;
      return h;
    };
    const Pt most = layout_.text_height() / 2;
    std::erase_if(notes, [&](const auto& note) { return height(note.second) > most; });
    if (notes.empty()) return;
    for (page::BlockBox& b : d.blocks) {
      if (b.in_note) continue;
      for (page::SetLine& line : b.lines) {
        Pt taken = 0;
        for (const page::LinkArea& link : line.links) {
          auto it = notes.find(link.anchor);
          if (it == notes.end()) continue;
          const Pt h = height(it->second);
          if (taken + h > most) continue;
          taken += h;
          for (std::uint32_t k : it->second) d.blocks[k].at_foot = true;
          line.notes.insert(line.notes.end(), it->second.begin(), it->second.end());
          notes.erase(it);
        }
      }
    }
  }

  // Sends the notes to the foot of their pages, where the layout sets them
  // there; those left at the end open with their style's space and rule
  // above them, and between them there is the space after each alone.
  void settle_notes(page::DocumentBoxes& d) const {
    if (layout_.page.notes_at_foot) notes_to_foot(d);
    bool after_note = false;
    for (page::BlockBox& b : d.blocks) {
      if (b.at_foot) continue;
      if (b.style == "note" && after_note) b.rule_above = 0, b.space_before = 0;
      after_note = b.in_note;
    }
  }

  // A block of text in a style, as the page builder takes it, with its lines.
  Result<page::BlockBox> block(const std::vector<doc::Span>& spans, const std::string& style_name, int level,
                               const std::string& marker, const std::string& path) {
    auto set = set_text_block(spans, style_name, layout_, ctx_, path, layout_.text_width(), level, marker);
    if (!set) return set.error();
    page::BlockBox b = box(style_name, level);
    b.lines = std::move(set->lines);
    return b;
  }

  // A block in a style, as the page builder takes it, without its lines.
  page::BlockBox box(const std::string& style_name, int level) {
    const style::Style& st = layout_.style(style_name);
    page::BlockBox b;
    b.style = style_name;
    b.space_before = st.space_before.resolve(st.size);
    b.space_after = st.space_after.resolve(st.size);
    b.rule_above = st.rule_above;
    b.rule_below = st.rule_below;
    b.rule_gap = st.rule_gap.resolve(st.size);
    b.rule_color = st.color;
    b.rule_left = nesting_indent(st, level, layout_.text_width());
    b.rule_right = st.margin_right.resolve(st.size);
    b.keep_with_next = st.keep_with_next;
    b.unbreakable = style_name == "pullquote" || style_name == "title" || style_name == "figure";
    b.floats = style_name == "pullquote" || style_name == "figure";  // they move on rather than leave a hole
    return b;
  }

  // The alignment HTML around a block asks for, if any.
  static std::optional<style::Align> html_align(doc::Align a) {
    switch (a) {
      case doc::Align::none: return std::nullopt;
      case doc::Align::left: return style::Align::left;
      case doc::Align::center: return style::Align::center;
      case doc::Align::right: return style::Align::right;
      case doc::Align::justify: return style::Align::justify;
    }
    return std::nullopt;
  }

  // A document's boxes, each paragraph listed in jobs_ to be set. `index`
  // is the document's among the publication's.
  Result<page::DocumentBoxes> compose(const doc::Document& document, std::size_t index, int first_block) {
    page::DocumentBoxes boxes;
    boxes.title = doc::fallback_title(document);
    boxes.first_block = first_block;
    bool in_note = false;  // the block being composed is a note's
    auto add = [&](const std::vector<doc::Span>& spans, const std::string& style_name, int level,
                   const std::string& marker, Pt outer_left = 0) {
      jobs_.push_back({&spans, style_name, level, marker, document.path, index, boxes.blocks.size(),
                       report_ ? report_->blocks.size() : 0, outer_left, std::nullopt});
      boxes.blocks.push_back(box(style_name, level));
      boxes.blocks.back().in_note = in_note;
      boxes.blocks.back().rule_left += outer_left;
      if (report_) report_->blocks.push_back({document.path, style_name, {}});
    };
    // Text made here is kept until the paragraphs are set.
    auto kept = [&](std::vector<doc::Span> spans) -> const std::vector<doc::Span>& {
      return kept_.emplace_back(std::move(spans));
    };
    const doc::Meta& meta = document.meta;
    if (!meta.title.empty()) {
      add(meta.title_spans.empty() ? kept(placed(meta.title, meta.at.title)) : meta.title_spans, "title", 0, "");
      boxes.blocks.back().outline_level = 1;
      boxes.blocks.back().outline_title = meta.title;
      boxes.blocks.back().outline_anchor = std::to_string(index) + "#" + meta.anchor;
    }
    if (!meta.subtitle.empty()) add(kept(placed(meta.subtitle, meta.at.subtitle)), "subtitle", 0, "");
    if (!meta.authors.empty()) add(kept(placed(meta.authors, meta.at.authors)), "author", 0, "");
    if (!boxes.blocks.empty()) boxes.blocks.back().space_after += layout_.page.opening_space;

    for (std::size_t i = 0; i < document.blocks.size(); ++i) {
      const doc::Block& block = document.blocks[i];
      in_note = block.in_note;
      if (block.kind == doc::BlockKind::section_break) {
        // The writer's ornament, or for Markdown's thematic break the
        // layout's mark, set on a line of its own; a mark of "" leaves a
        // line's space (which, as any space, a page's top drops).
        // In a quote or a list, it is centred on that one's text.
        if (!block.spans.empty()) {
          add(block.spans, "section-break", 0, "", outer_indent(block));
        } else if (const std::string& mark = layout_.text.section_break; !mark.empty()) {
          const style::Origin at = layout_.origin("text.section-break");
          add(kept(placed(mark, at.text)), "section-break", 0, "", outer_indent(block));
          jobs_.back().path = at.path;  // a character no font has is the layout's to mend
        } else {
          page::BlockBox b;
          b.style = "section-break";
          b.space_before = layout_.style("body").leading_pt();
          b.in_note = in_note;
          boxes.blocks.push_back(std::move(b));
          if (report_) report_->blocks.push_back({document.path, "section-break", {}});
        }
        continue;
      }
      if (block.kind == doc::BlockKind::table) {
        auto rows = table_rows(block, document);
        if (!rows) return rows.error();
        // Rows after the first go on the table; its header rows are the ones
        // repeated on the pages it goes on to.
        const std::size_t first = boxes.blocks.size();
        std::size_t headers = 0;
        while (headers < block.rows.size() && block.rows[headers].header) ++headers;
        for (std::size_t r = 1; r < rows->size(); ++r) {
          (*rows)[r].continues_table = true;
          (*rows)[r].header_begin = first;
          (*rows)[r].header_end = first + headers;
        }
        for (page::BlockBox& row : *rows) {
          name_links_in(row.lines, index);
          row.in_note = in_note;
          if (report_) report_->blocks.push_back({document.path, row.style, {}});
          boxes.blocks.push_back(std::move(row));
        }
        continue;
      }
      if (block.kind == doc::BlockKind::figure) {
        auto image = figure_image(block, document);
        if (!image) return image.error();
        if (block.spans.empty()) {
          boxes.blocks.push_back(box("figure", 0));
          boxes.blocks.back().in_note = in_note;
          if (report_) report_->blocks.push_back({document.path, "figure", {}});
        } else {
          add(block.spans, "figure", 0, "");  // the caption, set below the image
        }
        boxes.blocks.back().lines.push_back(std::move(*image));
        continue;
      }
      std::size_t before = boxes.blocks.size();
      if (block.kind == doc::BlockKind::code) {
        // Code starts where the text of the quote or list it is in does, and
        // is indented from there as code is.
        add(block.spans, style::style_name_for(block), 0, "", outer_indent(block));
      } else {
        add(block.spans, style::style_name_for(block), block.level, block.marker, outer_indent(block));
        jobs_.back().align = html_align(block.align);
      }
      page::BlockBox& b = boxes.blocks.back();
      if (block.kind == doc::BlockKind::heading) {
        b.outline_level = std::clamp(block.level, 1, 3) + 1;
        b.outline_title = block.text();
        b.outline_anchor = std::to_string(index) + "#" + block.anchor;
        b.starts_section = block.level == 1;
      }
      // A note's rule is a third of the measure long, as a footnote's (see
      // settle_notes).
      if (block.kind == doc::BlockKind::note) {
        b.rule_left = 0, b.rule_right = layout_.text_width() * 2 / 3;
        if (!block.anchor.empty())
          b.outline_anchor = std::to_string(index) + "#" + block.anchor;  // where its references lead
      }
      // A pull quote of several paragraphs is one box between its rules:
      // this paragraph's lines go on in the box before.
      if (block.kind == doc::BlockKind::pullquote && block.continues && before > 0 && i > 0 &&
          document.blocks[i - 1].kind == doc::BlockKind::pullquote) {
        Job& job = jobs_.back();
        job.box = before - 1;
        boxes.blocks.pop_back();
        if (report_) {
          job.report_block = report_->blocks.size() - 2;
          report_->blocks.pop_back();
        }
      }
    }
    in_note = false;
    if (!meta.source.empty()) add(kept(placed(meta.source, meta.at.source)), "credit", 0, "");
    if (!meta.copyright.empty())
      add(meta.copyright_spans.empty() ? kept(placed(meta.copyright, meta.at.copyright)) : meta.copyright_spans,
          "credit", 0, "");
    return boxes;
  }

  page::DocumentBoxes front_matter(std::string title) {
    page::DocumentBoxes d;
    d.title = std::move(title);
    d.part = page::Part::front;
    d.first_block = front_matter_blocks;
    return d;
  }

  // Adds a block of front or back matter, unless it has no text. Text the
  // manifest or the layout gives (`path`) must be set whole: a character no
  // font has is an error pointing into it. A line of the program's own (a
  // font's name in the colophon, path "") that cannot be set is left out.
  Status add_plain(page::DocumentBoxes& d, std::vector<doc::Span> spans, const std::string& style,
                   const std::string& path) {
    if (std::all_of(spans.begin(), spans.end(), [](const doc::Span& s) { return s.text.empty(); })) return ok();
    auto b = block(spans, style, 0, "", path.empty() ? pub_.path : path);
    if (b) d.blocks.push_back(std::move(*b));
    return b || path.empty() ? ok() : Status(b.error());
  }

  Result<page::DocumentBoxes> cover() {
    page::DocumentBoxes d = front_matter(pub_.title);
    d.running_heads = false;
    d.sink = layout_.page.cover_sink;
    std::vector<std::pair<std::vector<doc::Span>, const char*>> lines = {
        {placed(pub_.title, pub_.at.title), "cover-title"},
        {placed(pub_.subtitle, pub_.at.subtitle), "cover-subtitle"},
        {placed(pub_.authors, pub_.at.authors), "cover-author"}};
    if (!pub_.editors.empty()) {
      lines.push_back({placed(pub_.editors, pub_.at.editors), "cover-author"});
      lines.back().first.push_back({" 엮음", doc::plain, {}, {}});
    }
    for (auto& [spans, style] : lines)
      if (Status s = add_plain(d, std::move(spans), style, pub_.path); !s) return s.error();
    return d;
  }

  // How far the quotes and lists a block is in move it right, beyond the
  // indent its own style gives its level: a list in a quote starts where the
  // quote's text does, a quote in a list where the item's text does, and
  // code or a table in either where that one's text does.
  Pt outer_indent(const doc::Block& block) const {
    auto step = [&](const char* name) {
      const style::Style& st = layout_.style(name);
      return st.margin_left.resolve(st.size);
    };
    const Pt quotes = step("blockquote") * block.quotes, lists = step("list") * block.lists;
    // In a note, it starts where the note's text does.
    Pt outer = block.in_note && block.kind != doc::BlockKind::note ? step("note") : 0;
    if (block.kind == doc::BlockKind::list_item)
      outer += quotes;
    else if (block.kind == doc::BlockKind::blockquote)
      outer += lists;
    else if (block.kind == doc::BlockKind::code || block.kind == doc::BlockKind::table ||
             block.kind == doc::BlockKind::section_break)
      outer += quotes + lists;
    return std::min(outer, layout_.text_width() / 2);  // however deep: half the measure left for text
  }

  // A table, a box a row: each column as wide as its widest cell where the
  // text block has room for all, else columns that fit their share keep
  // their width and the others share the rest by their widths, their cells
  // breaking into lines. A column's cells are aligned as the table says.
  // Rules above and below the table, and under its header rows. In a quote
  // or list, the table starts where its text does.
  Result<std::vector<page::BlockBox>> table_rows(const doc::Block& table, const doc::Document& document) {
    const style::Style& body = layout_.style("table");
    std::size_t columns = 0;
    for (const auto& row : table.rows) columns = std::max(columns, row.cells.size());
    const Pt left = outer_indent(table);
    // Between columns, a character's width; less when so many columns would
    // leave a column less than a character, so the table keeps to the measure.
    const Pt gap = columns < 2 ? body.size
                               : std::clamp((layout_.text_width() - left - static_cast<Pt>(columns) * body.size) /
                                                static_cast<Pt>(columns - 1),
                                            Pt{0}, body.size);
    const Pt room = layout_.text_width() - left - gap * static_cast<Pt>(columns > 0 ? columns - 1 : 0);
    auto set_cell = [&](const doc::Row& row, const doc::Cell& cell, Pt width) {
      const style::Align align = cell.align == doc::Cell::Align::center  ? style::Align::center
                                 : cell.align == doc::Cell::Align::right ? style::Align::right
                                                                         : style::Align::left;
      return set_text_block(cell.spans, row.header ? "table-header" : "table", layout_, ctx_, document.path, width, 0,
                            "", align);
    };
    // Each column's width with every cell on one line.
    std::vector<Pt> natural(columns, 0);
    for (const auto& row : table.rows)
      for (std::size_t c = 0; c < row.cells.size(); ++c) {
        auto set = set_cell(row, row.cells[c], 1e6);
        if (!set) return set.error();
        for (const auto& line : set->lines) natural[c] = std::max(natural[c], line.width);
      }
    std::vector<Pt> width = natural;
    Pt total = 0;
    for (Pt w : natural) total += w;
    if (total > room) {
      std::vector<bool> kept(columns, false);
      Pt left = room, shared = total;
      for (std::size_t open = columns; open > 0;) {
        const Pt fair = left / static_cast<Pt>(open);
        bool changed = false;
        for (std::size_t c = 0; c < columns; ++c)
          if (!kept[c] && natural[c] <= fair) kept[c] = true, left -= natural[c], shared -= natural[c], --open, changed = true;
        if (!changed) break;
      }
      for (std::size_t c = 0; c < columns; ++c)
        if (!kept[c]) width[c] = shared > 0 ? left * natural[c] / shared : left;
    }
    Pt table_width = gap * static_cast<Pt>(columns > 0 ? columns - 1 : 0);
    for (Pt w : width) table_width += w;
    // A column squeezed under two characters breaks its cells' words
    // between every letter or two: set, but said.
    Pt narrowest = std::numeric_limits<Pt>::infinity();
    for (std::size_t c = 0; c < columns; ++c)
      if (width[c] < natural[c] - 0.01) narrowest = std::min(narrowest, width[c]);
    if (narrowest < 2 * body.size && ctx_.warnings) {
      char numbers[64];
      std::snprintf(numbers, sizeof numbers, "%zu columns leaves its narrowest %.1f mm", columns,
                    pt_to_mm(std::max<Pt>(0, narrowest)));
      ctx_.warnings->add(
          warning(document.path, table.pos,
                  std::string("a table of ") + numbers + ", under two characters: its cells break inside their words",
                  "fewer or shorter columns, or a layout with a wider measure"));
    }

    std::vector<page::BlockBox> out;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const doc::Row& row = table.rows[r];
      const std::string style_name = row.header ? "table-header" : "table";
      const style::Style& st = layout_.style(style_name);
      // Each cell set in its column, then the cells' lines side by side.
      std::vector<page::SetLine> lines;
      Pt x = 0;
      for (std::size_t c = 0; c < row.cells.size(); ++c) {
        auto set = set_cell(row, row.cells[c], width[c]);
        if (!set) return set.error();
        for (std::size_t k = 0; k < set->lines.size(); ++k) {
          if (lines.size() <= k) {
            lines.emplace_back();
            lines.back().height = st.leading_pt();
            lines.back().ascent = set->lines[k].ascent;
            lines.back().left = left;
            lines.back().width = table_width;
          }
          page::SetLine& into = lines[k];
          page::SetLine& from = set->lines[k];
          into.height = std::max(into.height, from.height);
          into.ascent = std::max(into.ascent, from.ascent);
          for (page::TextRun& run : from.runs) {
            run.x += x + from.left;
            into.runs.push_back(std::move(run));
          }
          for (page::LinkArea& link : from.links) {
            link.x += x + from.left;
            into.links.push_back(std::move(link));
          }
          for (page::Rule& rule : from.rules) {
            rule.x0 += x + from.left, rule.x1 += x + from.left;
            into.rules.push_back(rule);
          }
        }
        x += width[c] + gap;
      }
      if (lines.empty())
        lines.push_back({st.leading_pt(), st.leading_pt() * 0.8, left, table_width, {}, {}, {}, {}, {}});
      page::BlockBox b = box(style_name, 0);
      b.lines = std::move(lines);
      b.unbreakable = true;
      b.space_before = r == 0 ? body.space_before.resolve(body.size) : body.size * 0.3;
      b.space_after = r + 1 == table.rows.size() ? body.space_after.resolve(body.size) : 0;
      b.rule_above = r == 0 ? body.rule_above : 0;
      const bool last_header = row.header && (r + 1 == table.rows.size() || !table.rows[r + 1].header);
      b.rule_below = r + 1 == table.rows.size() ? body.rule_below : last_header ? st.rule_below : 0;
      b.rule_gap = body.rule_gap.resolve(body.size);
      b.rule_color = body.color;
      b.rule_left = left;
      b.rule_right = layout_.text_width() - left - table_width;
      b.keep_with_next = row.header;
      out.push_back(std::move(b));
    }
    return out;
  }

  // A figure's image as a line of its own: as large as it is at the
  // resolution the file records (96 dpi, a screen's, when it records none),
  // but no wider than the text block, nor higher than it leaves for two lines
  // of caption; centred. An image printed coarser than 150 dpi is warned of.
  Result<page::SetLine> figure_image(const doc::Block& block, const doc::Document& document) {
    namespace fs = std::filesystem;
    const fs::path file = fs::path(block.image).is_absolute() ? fs::path(block.image)
                                                              : fs::path(document.path).parent_path() / block.image;
    // Each file is read once (a JPEG through, to find damage), however
    // often it is shown.
    const std::string path = file.lexically_normal().string();
    auto known = std::find_if(images_.begin(), images_.end(), [&](const page::ImageFile& f) { return f.path == path; });
    if (known == images_.end()) {
      auto read = image::read_info(file.string());
      if (!read)
        return error(document.path, block.pos, "cannot use image `" + block.image + "`: " + read.error().message,
                     read.error().hint);
      known = images_.insert(images_.end(), {path, read->format == image::Format::jpeg, read->width, read->height,
                                             read->cmyk, read->grey, block.image, document.path, block.pos});
      image_infos_.push_back(*read);
    }
    const std::size_t index = static_cast<std::size_t>(known - images_.begin());
    const image::Info* info = &image_infos_[index];
    const style::Style& st = layout_.style("figure");
    const double dpi_x = info->dpi_x > 0 ? info->dpi_x : 96, dpi_y = info->dpi_y > 0 ? info->dpi_y : dpi_x;
    Pt width = info->width / dpi_x * 72, height = info->height / dpi_y * 72;
    const Pt gap = block.spans.empty() ? 0 : st.leading_pt() / 2;
    const Pt room = layout_.text_height() - st.space_before.resolve(st.size) - st.space_after.resolve(st.size) -
                    gap - (block.spans.empty() ? 0 : 2 * st.leading_pt());
    const double scale = std::min({1.0, layout_.text_width() / width, std::max(room, layout_.text_height() / 4) / height});
    width *= scale, height *= scale;
    if (const double dpi = info->width / (width / 72); dpi < 150 && ctx_.warnings) {
      char numbers[96];
      std::snprintf(numbers, sizeof numbers, " prints at %.0f dpi (%d px across %.0f mm)", dpi, info->width,
                    pt_to_mm(width));
      ctx_.warnings->add(warning(document.path, block.pos,
                                 "image `" + block.image + "`" + numbers + "; print wants 300, 150 at least"));
    }
    page::SetLine line;
    line.height = height + gap;
    line.ascent = height;
    line.left = (layout_.text_width() - width) / 2;
    line.width = width;
    line.images.push_back({static_cast<std::uint32_t>(index), 0, -height, width, height});
    return line;
  }

  // A figure whose caption came out longer than figure_image left room for
  // has its image made smaller, so image and caption still share a page.
  void fit_figure(page::BlockBox& b) const {
    if (b.lines.empty() || b.lines.front().images.size() != 1) return;
    Pt height = b.space_before + b.space_after + (b.rule_above > 0 ? b.rule_above + b.rule_gap : 0) +
                (b.rule_below > 0 ? b.rule_below + b.rule_gap : 0);
    for (const page::SetLine& line : b.lines) height += line.height;
    page::SetLine& line = b.lines.front();
    page::PlacedImage& image = line.images.front();
    const Pt excess = height - layout_.text_height();
    // No smaller than figure_image makes any: a caption of most of a page is the author's to shorten.
    if (excess <= 0 || image.height - excess < std::min<Pt>(image.height, layout_.text_height() / 4)) return;
    const double scale = (image.height - excess) / image.height;
    const Pt gap = line.height - image.height;
    image.width *= scale, image.height *= scale;
    image.y = -image.height;
    line.height = image.height + gap;
    line.ascent = image.height;
    line.width = image.width;
    line.left = (layout_.text_width() - image.width) / 2;
  }

  // Points each link to a heading (or a note) at its page and place; the
  // Markdown reader let through only links to ones there are. The places of
  // notes, which are in the outline for that alone, then leave it.
  static void resolve_heading_links(page::Paginated& book) {
    std::map<std::string_view, const page::OutlineEntry*> headings;
    for (const auto& e : book.outline)
      if (!e.anchor.empty()) headings.emplace(e.anchor, &e);
    for (page::Page& p : book.pages)
      std::erase_if(p.links, [&](page::LinkArea& link) {
        if (link.anchor.empty()) return false;
        auto to = headings.find(link.anchor);
        if (to == headings.end()) return true;
        link.page = to->second->page, link.page_y = to->second->y;
        link.anchor.clear();
        return false;
      });
    std::erase_if(book.outline, [](const page::OutlineEntry& e) { return e.level < 1; });
  }

  // A character no font has in the text a running head's template gives
  // itself is an error at its place in the layout (one in what a placeholder
  // stands for is found where that text is set first).
  Status check_running_heads() {
    for (const bool footer : {false, true}) {
      const style::RunningHead& head = footer ? layout_.footer : layout_.header;
      for (const bool recto : {true, false}) {
        if (!recto && !layout_.page.facing) continue;  // every page is a right-hand one
        const style::HeadSlots& slots = recto ? head.recto : head.verso;
        for (const auto& [slot, templ] :
             {std::pair{"inner", &slots.inner}, std::pair{"center", &slots.center}, std::pair{"outer", &slots.outer}}) {
          const std::string key = std::string(footer ? "footer" : "header") + (recto ? ".recto." : ".verso.") + slot;
          const style::Origin at = layout_.origin(key);
          std::vector<doc::Span> text = own_text(*templ, at.text);
          if (text.empty()) continue;
          auto set = set_text_block(text, footer ? "footer" : "header", layout_, ctx_, at.path, layout_.text_width(), 0,
                                    "", style::Align::left);
          if (!set) return set.error();
        }
      }
    }
    return ok();
  }

  // One entry of the contents: its title, a leader, and its page number flush
  // right, each of its lines a link to where it points.
  Result<page::BlockBox> contents_entry(const page::OutlineEntry& to, const std::string& label,
                                        const std::string& style) {
    const std::string& text = to.title;
    const style::Style& st = layout_.style(style);
    const Pt measure = layout_.text_width();
    auto number = set_text_block(doc::plain_text(label), style, layout_, ctx_, pub_.path, measure, 0, "",
                                 style::Align::left);
    if (!number) return number.error();
    const Pt gap = st.size * 0.6;
    const Pt number_width = number->lines.empty() ? 0 : number->lines.front().width;
    const Pt margin_right = st.margin_right.resolve(st.size);
    auto entry = set_text_block(doc::plain_text(text), style, layout_, ctx_, pub_.path,
                                measure - number_width - 2 * gap, 0, "", style::Align::left);
    if (!entry) return entry.error();
    page::BlockBox b;
    b.style = style;
    b.lines = std::move(entry->lines);
    b.space_before = st.space_before.resolve(st.size);
    b.space_after = st.space_after.resolve(st.size);
    b.keep_with_next = st.keep_with_next;
    const Pt number_x = measure - margin_right - number_width;  // from the text block's left edge
    for (page::SetLine& line : b.lines) {
      const bool numbered = &line == &b.lines.back() && !number->lines.empty();
      const Pt right = numbered ? number_x + number_width : line.left + line.width;
      line.links.push_back({0, -line.ascent, right - line.left, line.height, "", to.page, to.y, {}});
    }
    if (b.lines.empty() || number->lines.empty()) return b;
    page::SetLine& last = b.lines.back();
    for (page::TextRun run : number->lines.front().runs) {
      run.x += number_x - last.left;  // run x counts from its line's left edge
      last.runs.push_back(std::move(run));
    }
    if (!layout_.contents.leader.empty()) {
      const style::Origin at = layout_.origin("contents.leader");
      auto leader = set_text_block(placed(layout_.contents.leader, at.text), style, layout_, ctx_, at.path, measure, 0,
                                   "", style::Align::left);
      if (!leader) return leader.error();
      if (!leader->lines.empty() && leader->lines.front().width > 0 && leader->lines.front().runs.size() == 1) {
        // Leaders stand on one grid down the page, as TeX's \leaders do: one
        // run of the leader's glyphs from the entry's end to the number.
        const page::SetLine& dot = leader->lines.front();
        const page::TextRun& glyphs = dot.runs.front();
        const Pt pitch = std::max(dot.width, st.size * 0.5);
        const Pt from = last.left + last.width + gap, to = number_x - gap;
        page::TextRun run = glyphs;
        run.glyphs.clear();
        run.text.clear();
        run.x = std::ceil(from / pitch) * pitch - last.left;
        for (Pt x = run.x; last.left + x + dot.width <= to; x += pitch)
          for (const page::PlacedGlyph& g : glyphs.glyphs) run.add_glyph(g.id, g.x + x - run.x, g.y, glyphs.text_of(g));
        if (!run.glyphs.empty()) last.runs.push_back(std::move(run));
      }
    }
    return b;
  }

  Result<page::DocumentBoxes> table_of_contents(const page::Paginated& body) {
    page::DocumentBoxes d = front_matter(layout_.contents.title);
    const style::Origin at = layout_.origin("contents.title");
    if (Status s = add_plain(d, placed(layout_.contents.title, at.text), "contents-title", at.path); !s)
      return s.error();
    if (!d.blocks.empty()) {
      d.blocks.back().outline_level = 1;
      d.blocks.back().outline_title = layout_.contents.title;
    }
    for (const auto& e : body.outline) {
      if (e.level < 1 || e.level > layout_.contents.depth) continue;
      auto entry = contents_entry(e, body.pages[e.page].label, e.level == 1 ? "contents" : "contents-section");
      if (!entry) return entry.error();
      d.blocks.push_back(std::move(*entry));
    }
    return d;
  }

  Result<page::DocumentBoxes> colophon(const page::PageModel& model, const std::vector<page::Page>& pages) {
    page::DocumentBoxes d;
    d.title = pub_.title;
    d.part = page::Part::back;
    d.first_block = front_matter_blocks / 2;
    d.opens_recto = false;
    d.running_heads = false;
    d.to_foot = true;
    // The fonts the styles draw on; an optional family's only where it
    // sets text (it may have been opened only to find a character it lacks).
    std::vector<bool> sets_text(ctx_.fonts.size(), false);
    for (const page::Page& p : pages)
      for (const page::TextRun& run : p.runs)
        if (run.font < sets_text.size()) sets_text[run.font] = true;
    std::vector<std::string> fonts;
    for (font::FaceId f = 0; f < ctx_.fonts.size(); ++f) {
      if (ctx_.fonts.deferred(f) && !sets_text[f]) continue;
      const font::FaceInfo& info = ctx_.fonts.info(f);
      std::string name = info.family_name + (info.style_name.empty() || info.style_name == "Regular" ? "" : " " + info.style_name);
      if (std::find(fonts.begin(), fonts.end(), name) == fonts.end()) fonts.push_back(name);
    }
    char size[96];
    std::snprintf(size, sizeof size, "%.0f × %.0f mm", pt_to_mm(layout_.page.width), pt_to_mm(layout_.page.height));
    // The manifest's words, then the program's (a title the manifest does
    // not give is the first document's, or its file's name).
    if (pub_.title.empty())
      if (Status s = add_plain(d, placed(model.info.title, {}), "colophon", ""); !s) return s.error();
    std::vector<std::vector<doc::Span>> given = {placed(pub_.title, pub_.at.title),
                                                 placed(pub_.subtitle, pub_.at.subtitle)};
    if (!pub_.authors.empty()) given.push_back(placed(pub_.authors, pub_.at.authors, "지은이  "));
    if (!pub_.editors.empty()) given.push_back(placed(pub_.editors, pub_.at.editors, "엮은이  "));
    if (!pub_.date.empty()) given.push_back(placed(pub_.date, pub_.at.date, "펴낸 날  "));
    given.push_back(placed(pub_.identifier, pub_.at.identifier));
    for (auto& spans : given)
      if (Status s = add_plain(d, std::move(spans), "colophon", pub_.path); !s) return s.error();
    for (std::string own :
         {"글꼴  " + joined(fonts), "판형  " + layout_.name + ", " + size, "만든 도구  " + model.info.creator})
      if (Status s = add_plain(d, placed(own, {}), "colophon", ""); !s) return s.error();
    return d;
  }

  const doc::Publication& pub_;
  const style::Layout& layout_;
  Context& ctx_;
  Report* report_;
  std::vector<Job> jobs_;                    // the documents' paragraphs, as composed
  std::vector<Result<SetBlock>> set_;        // and as set
  std::deque<std::vector<doc::Span>> kept_;  // text made for jobs_ (titles, credits)
  std::vector<page::ImageFile> images_;      // the figures' images, each once
  std::vector<image::Info> image_infos_;     // what each of them is, as read
};

}  // namespace

Result<page::PageModel> typeset(const doc::Publication& pub, const style::Layout& layout, Context& ctx,
                                Report* report) {
  return Typesetter(pub, layout, ctx, report).run();
}

}  // namespace jakpum::app
