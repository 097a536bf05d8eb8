#include "app/typeset.h"

#include <algorithm>

#include "doc/read.h"
#include "linebreak/lines.h"

namespace jakpum::app {
namespace {

// The text style for a style's plain text and each kind of emphasis.
Result<std::vector<text::TextStyle>> text_styles(const style::Style& st, const style::Layout& layout, Context& ctx) {
  std::vector<text::TextStyle> out;
  for (std::uint8_t flags = 0; flags < 4; ++flags) {
    std::string family = st.font;
    style::Weight weight = st.weight;
    Color color = st.color;
    for (const style::InlineStyle* in : {(flags & doc::emphasis) ? &layout.emphasis : nullptr,
                                         (flags & doc::strong) ? &layout.strong : nullptr}) {
      if (!in) continue;
      if (!in->font.empty()) family = in->font;
      if (in->set_weight) weight = in->weight;
      if (in->set_color) color = in->color;
    }
    auto chain = font::chain_for(ctx.fonts, layout, family, weight);
    if (!chain) return chain.error();
    out.push_back({std::move(*chain), st.size, color, st.word_break});
  }
  return out;
}

// The characters a glyph sets: from its cluster to the next cluster.
std::string cluster_text(const text::Paragraph& p, const shape::ShapedParagraph& s, std::size_t i) {
  if (i > 0 && s.glyphs[i - 1].cluster == s.glyphs[i].cluster) return {};
  std::size_t begin = s.glyphs[i].cluster;
  std::size_t end = p.runs[s.glyphs[i].run].end;
  for (std::size_t j = i + 1; j < s.glyphs.size(); ++j)
    if (s.glyphs[j].cluster != begin) {
      end = std::min<std::size_t>(end, s.glyphs[j].cluster);
      break;
    }
  return p.text.substr(begin, end - begin);
}

page::SetLine to_set_line(const text::Paragraph& p, const shape::ShapedParagraph& s, const linebreak::Line& line,
                          const style::Style& st, const std::string& style_name, Pt left,
                          const font::Library& fonts) {
  page::SetLine out;
  const font::FaceInfo& face = fonts.info(p.runs.empty() ? 0 : p.runs.front().face);
  const Pt leading = st.leading_pt();
  const Pt asc = face.ascender * st.size, desc = face.descender * st.size;
  out.height = leading;
  out.ascent = (leading - (asc + desc)) / 2 + asc;  // half-leading above the ascender (CSS inline box)
  out.left = left;
  out.width = line.width;
  for (std::size_t i = line.begin; i < line.end; ++i) {
    const shape::Glyph& g = s.glyphs[i];
    if (linebreak::is_newline(p, g)) continue;  // a forced break sets nothing
    const text::Run& run = p.runs[g.run];
    const text::TextStyle& ts = p.styles[run.style];
    Pt x = line.x[i - line.begin];
    if (out.runs.empty() || out.runs.back().font != run.face || out.runs.back().size != ts.size ||
        !(out.runs.back().color == ts.color)) {
      page::TextRun r;
      r.font = run.face, r.size = ts.size, r.color = ts.color, r.x = x, r.style = style_name;
      out.runs.push_back(std::move(r));
    }
    page::TextRun& r = out.runs.back();
    r.glyphs.push_back({g.id, x - r.x + g.x_offset, -g.y_offset, cluster_text(p, s, i)});
  }
  return out;
}

}  // namespace

Result<SetBlock> set_text_block(const std::vector<doc::Span>& spans, const std::string& style_name,
                                                  const style::Layout& layout, Context& ctx, const std::string& path,
                                                  Pt measure, int block_level, const std::string& marker,
                                                  std::optional<style::Align> align) {
  const style::Style& st = layout.style(style_name);
  auto styles = text_styles(st, layout, ctx);
  if (!styles) return styles.error();

  std::vector<text::StyledSpan> styled;
  for (const auto& span : spans) styled.push_back({span.text, span.flags & 3u, span.pos});
  auto para = text::prepare(styled, *styles, ctx.fonts, ctx.breaker, path);
  if (!para) return para.error();
  shape::ShapedParagraph shaped = ctx.shaper.shape(*para);

  const int level = std::max(block_level, 1);
  const Pt left = st.margin_left.resolve(st.size) * level;
  linebreak::Params params;
  params.measure = measure - left - st.margin_right.resolve(st.size);
  params.indent = st.indent.resolve(st.size);
  params.align = align.value_or(st.align);
  params.space_stretch = layout.text.space_stretch;
  params.space_shrink = layout.text.space_shrink;
  params.letter_stretch = layout.text.letter_stretch * st.size;
  params.letter_shrink = layout.text.letter_shrink * st.size;
  params.script_spacing = layout.text.script_spacing * st.size;
  params.hanging_punctuation = layout.text.hanging_punctuation;
  params.method = st.greedy ? linebreak::Method::greedy : linebreak::Method::total_fit;
  params.tolerance = layout.text.tolerance;
  params.line_penalty = layout.text.line_penalty;
  params.syllable_penalty = layout.text.syllable_penalty;
  params.syllable_demerits = layout.text.syllable_demerits;
  params.fitness_demerits = layout.text.fitness_demerits;
  params.looseness = layout.text.looseness;
  std::vector<linebreak::Line> lines = linebreak::break_lines(*para, shaped, params);

  SetBlock block;
  std::vector<page::SetLine>& out = block.lines;
  for (const auto& line : lines) {
    out.push_back(to_set_line(*para, shaped, line, st, style_name, left, ctx.fonts));
    LineFacts facts;
    facts.ratio = line.ratio;
    facts.ends = line.ends;
    facts.justified = params.align == style::Align::justify && line.ends != linebreak::End::last &&
                      line.ends != linebreak::End::forced;
    facts.overfull = line.overfull;
    if (line.end > line.begin) {
      std::size_t first = shaped.glyphs[line.begin].cluster, last = shaped.glyphs[line.end - 1].cluster;
      facts.prohibited_start = line.begin > 0 && text::is_closing_mark(text::char_at(para->text, first));
      facts.prohibited_end = line.ends != linebreak::End::last && text::is_opening_mark(text::char_at(para->text, last));
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

Result<page::PageModel> typeset(const doc::Publication& pub, const style::Layout& layout, Context& ctx,
                                Report* report) {
  const Pt measure = layout.text_width();
  std::vector<page::DocumentBoxes> documents;

  for (const auto& document : pub.documents) {
    page::DocumentBoxes boxes;
    boxes.title = doc::fallback_title(document);
    auto add = [&](const std::vector<doc::Span>& spans, const std::string& style_name, int level,
                   const std::string& marker) -> Status {
      const style::Style& st = layout.style(style_name);
      auto lines = set_text_block(spans, style_name, layout, ctx, document.path, measure, level, marker);
      if (!lines) return lines.error();
      page::BlockBox b;
      b.style = style_name;
      b.lines = std::move(lines->lines);
      if (report) report->blocks.push_back({document.path, style_name, std::move(lines->facts)});
      b.space_before = st.space_before.resolve(st.size);
      b.space_after = st.space_after.resolve(st.size);
      b.rule_above = st.rule_above;
      b.rule_below = st.rule_below;
      b.rule_gap = st.rule_gap.resolve(st.size);
      b.rule_color = st.color;
      b.rule_left = st.margin_left.resolve(st.size) * std::max(level, 1);
      b.rule_right = st.margin_right.resolve(st.size);
      b.keep_with_next = st.keep_with_next;
      b.unbreakable = style_name == "pullquote" || style_name == "title";
      b.floats = style_name == "pullquote";
      boxes.blocks.push_back(std::move(b));
      return ok();
    };
    auto line_of = doc::plain_text;

    const doc::Meta& meta = document.meta;
    if (!meta.title.empty()) {
      if (Status s = add(line_of(meta.title), "title", 0, ""); !s) return s.error();
      boxes.blocks.back().outline_level = 1;
      boxes.blocks.back().outline_title = meta.title;
    }
    if (!meta.subtitle.empty())
      if (Status s = add(line_of(meta.subtitle), "subtitle", 0, ""); !s) return s.error();
    if (!meta.authors.empty()) {
      std::string names;
      for (const auto& a : meta.authors) names += (names.empty() ? "" : ", ") + a;
      if (Status s = add(line_of(names), "author", 0, ""); !s) return s.error();
    }

    if (!boxes.blocks.empty()) boxes.blocks.back().space_after += layout.page.opening_space;

    for (std::size_t i = 0; i < document.blocks.size(); ++i) {
      const doc::Block& block = document.blocks[i];
      if (block.kind == doc::BlockKind::section_break) {
        page::BlockBox b;
        b.style = "section-break";
        b.space_before = layout.style("body").leading_pt();
        boxes.blocks.push_back(std::move(b));
        if (report) report->blocks.push_back({document.path, "section-break", {}});
        continue;
      }
      std::string style_name = style::style_name_for(block);
      std::size_t before = boxes.blocks.size();
      if (Status s = add(block.spans, style_name, block.level, block.marker); !s) return s.error();
      page::BlockBox& b = boxes.blocks.back();
      if (block.kind == doc::BlockKind::heading) {
        b.outline_level = std::clamp(block.level, 1, 3) + 1;
        b.outline_title = block.text();
        b.starts_section = block.level == 1;
      }
      // A pull quote of several paragraphs is one box between its rules.
      if (block.kind == doc::BlockKind::pullquote && before > 0 && i > 0 &&
          document.blocks[i - 1].kind == doc::BlockKind::pullquote) {
        page::BlockBox& prev = boxes.blocks[before - 1];
        prev.lines.insert(prev.lines.end(), b.lines.begin(), b.lines.end());
        boxes.blocks.pop_back();
        if (report) {
          auto& facts = report->blocks[report->blocks.size() - 2].lines;
          auto& more = report->blocks.back().lines;
          facts.insert(facts.end(), more.begin(), more.end());
          report->blocks.pop_back();
        }
      }
    }
    for (const std::string* credit : {&meta.source, &meta.copyright})
      if (!credit->empty())
        if (Status s = add(line_of(*credit), "credit", 0, ""); !s) return s.error();
    documents.push_back(std::move(boxes));
  }

  page::PageModel model;
  const doc::Document* first = pub.documents.empty() ? nullptr : &pub.documents.front();
  model.info.title = !pub.title.empty() ? pub.title : first ? doc::fallback_title(*first) : "";
  std::vector<std::string> authors = !pub.authors.empty() || !first ? pub.authors : first->meta.authors;
  for (const auto& a : authors) model.info.author += (model.info.author.empty() ? "" : ", ") + a;
  model.info.subject = pub.subtitle;
  model.info.lang = first ? first->meta.lang : "ko";
  model.info.creator = std::string("jakpum ") + JAKPUM_VERSION;

  std::optional<Diagnostic> failed;
  page::SetText set_running_head = [&](const std::string& text, const std::string& style, Pt width) {
    auto lines = set_text_block(doc::plain_text(text), style, layout, ctx, layout.path, width, 0, "", style::Align::left);
    if (!lines) {
      if (!failed) failed = lines.error();
      return page::SetLine{};
    }
    return lines->lines.empty() ? page::SetLine{} : lines->lines.front();
  };
  model.pages = page::paginate(documents, layout, model.info.title, set_running_head, model.outline);
  if (failed) return *failed;

  for (font::FaceId f = 0; f < ctx.fonts.size(); ++f)
    model.fonts.push_back({ctx.fonts.info(f).path, ctx.fonts.info(f).index, ctx.fonts.info(f).postscript_name});
  if (report) report->paginated(model);
  return model;
}

}  // namespace jakpum::app
