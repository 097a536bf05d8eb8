#include "page/paginate.h"

#include <algorithm>
#include <limits>
#include <map>

namespace jakpum::page {
namespace {

constexpr Pt epsilon = 1e-6;

// Where the filling of a document stands at the top of a page: all it takes
// to go on from there, so a page or two can be tried again on their own.
struct Cursor {
  std::size_t next = 0;              // the next block in document order
  std::vector<std::size_t> pending;  // floats waiting for a better spot
  bool in_block = false;             // a block is being placed
  std::size_t block = 0;             // which one
  std::size_t line = 0;              // its next line
  bool started = false;              // its space, rule and first lines are placed
  Pt y = 0;                          // from the top of the text block
  bool fresh = true;                 // nothing placed on this page yet
  std::string section;               // the section in effect, for running heads
  std::vector<std::size_t> stranded; // floats that found no spot before the document's end
  bool in_table = false;             // the last block placed on this page is a table's row
  bool header_only = false;          // the page holds only a table's header, set again
  std::vector<std::size_t> foot;     // the notes at this page's foot, in order
  Pt notes = 0;                      // the height they take there, with their rule

  bool done(std::size_t blocks) const { return !in_block && next >= blocks && pending.empty(); }
  // Whether two cursors stand at the same place in the document.
  bool same_place(const Cursor& o) const {
    return next == o.next && pending == o.pending && in_block == o.in_block && (!in_block || (block == o.block &&
           line == o.line && started == o.started));
  }
};

// What a page ended with.
struct PageFacts {
  Pt bottom = 0;  // how far down its text block is filled (to the foot when it has notes)
  Pt foot = std::numeric_limits<Pt>::infinity();  // where its notes start, on the page
  int lines = 0;
  int forced = 0;  // blocks broken against their keeps for want of room on a whole page
  std::vector<std::pair<Pt, Pt>> gaps;  // white between blocks: (page y where it ends, its height)
};

// Where a filled page's content goes; a dry run has none and only measures.
struct Sink {
  Page* page = nullptr;
  std::vector<PlacedLine>* placed = nullptr;  // the page's lines
  HeadState* head = nullptr;
  std::vector<OutlineEntry>* outline = nullptr;
  std::size_t index = 0;  // of the page, for the outline
};

// Fills the pages of one document, a page at a time.
class Filler {
 public:
  // Floats in `anchored` stay where they are written.
  Filler(const style::Layout& layout, const DocumentBoxes& doc, std::size_t document, std::vector<std::size_t> anchored)
      : layout_(layout), doc_(doc), document_(document), anchored_(std::move(anchored)) {}

  // Fills the page `c` stands at the top of, no deeper than `capacity`,
  // leaving `c` at the top of the next page: its text from the top, the
  // notes its lines refer to at its foot.
  PageFacts fill(Cursor& c, Pt capacity, int number, const Sink& sink) const {
    PageFacts facts = fill_text(c, capacity, number, sink);
    if (!c.foot.empty()) {
      const Pt top = layout_.text_height() - c.notes;
      if (sink.page) place_notes(c.foot, top, number, sink);
      facts.foot = layout_.page.margin_top + top - epsilon;
      facts.bottom = std::max(facts.bottom, layout_.text_height());
    }
    c.foot.clear();
    c.notes = 0;
    return facts;
  }

  // The first page's cursor.
  Cursor opening() const {
    Cursor c;
    c.y = doc_.sink.value_or(layout_.page.opening_sink);
    if (doc_.to_foot) {
      Pt height = 0;
      for (const auto& b : doc_.blocks) height += b.space_before + full_height(b) + b.space_after;
      if (!doc_.blocks.empty()) height -= doc_.blocks.front().space_before + doc_.blocks.back().space_after;
      c.y = std::max<Pt>(0, layout_.text_height() - height);
    }
    return c;
  }

 private:
  // The text of the page: all fill() does but the notes.
  PageFacts fill_text(Cursor& c, Pt capacity, int number, const Sink& sink) const {
    PageFacts facts;
    const auto& blocks = doc_.blocks;
    c.fresh = true;
    while (true) {
      const Pt room = capacity - c.notes;  // what the notes at the foot leave the text
      if (c.in_block) {
        // A table's row too tall for a page goes on below the header set again.
        const Pt header = c.fresh && c.started ? header_height(c, c.block) : 0;
        if (header > 0 && c.y + header + doc_.blocks[c.block].lines[c.line].height <= room + epsilon)
          repeat_header(c, c.block, number, sink, facts);
        if (!continue_block(c, capacity, number, sink, facts)) return next_page(c, facts);  // the page is full
        continue;
      }
      // Between blocks: a waiting float goes first, if it fits here and does
      // not come between a heading and its text.
      const bool after_heading = c.next > 0 && blocks[c.next - 1].keep_with_next;
      // Within a table, only the top of a page takes one.
      const bool in_table = c.next < blocks.size() && blocks[c.next].continues_table && !c.fresh;
      if (!c.pending.empty() && c.next < blocks.size() && !after_heading && !in_table &&
          fits_float(c, c.pending.front(), c.next, room)) {
        begin(c, c.pending.front());
        c.pending.erase(c.pending.begin());
        continue;
      }
      if (c.next < blocks.size()) {
        const std::size_t k = c.next;
        if (blocks[k].at_foot) {  // set where a line refers to it
          ++c.next;
          continue;
        }
        const bool anchored = std::find(anchored_.begin(), anchored_.end(), k) != anchored_.end();
        if (blocks[k].floats && !anchored && (!c.pending.empty() || !fits_float(c, k, k + 1, room))) {
          c.pending.push_back(k);
          ++c.next;
          continue;
        }
        const Pt header = header_height(c, k);
        if (!c.fresh && c.y + header + needed(k, false, c.notes > 0) > room + epsilon) return next_page(c, facts);
        if (header > 0 && c.y + header + needed(k, false, c.notes > 0) <= room + epsilon)
          repeat_header(c, k, number, sink, facts);
        begin(c, k);
        ++c.next;
        continue;
      }
      if (!c.pending.empty()) {  // floats left at the end go last (and are noted, to be set in place instead)
        if (!c.fresh && c.y + needed(c.pending.front(), false, c.notes > 0) > room + epsilon)
          return next_page(c, facts);
        c.stranded.push_back(c.pending.front());
        begin(c, c.pending.front());
        c.pending.erase(c.pending.begin());
        continue;
      }
      return next_page(c, facts);  // the document is done
    }
  }

  static Pt rule_above_height(const BlockBox& b) { return b.rule_above > 0 ? b.rule_above + b.rule_gap : 0; }
  static Pt rule_below_height(const BlockBox& b) { return b.rule_below > 0 ? b.rule_below + b.rule_gap : 0; }
  static Pt lines_height(const BlockBox& b, std::size_t from, std::size_t to) {
    Pt h = 0;
    for (std::size_t j = from; j < to && j < b.lines.size(); ++j) h += b.lines[j].height;
    return h;
  }
  static Pt full_height(const BlockBox& b) {
    return rule_above_height(b) + lines_height(b, 0, b.lines.size()) + rule_below_height(b);
  }
  // Whether a block is kept whole: one marked unbreakable that a page can
  // hold. One taller than a page (a table's row with a long cell) breaks
  // between its lines like any other, rather than leaving pages empty
  // before it.
  bool kept_whole(const BlockBox& b) const {
    return b.unbreakable && full_height(b) <= layout_.text_height() + epsilon;
  }

  // Height the block at k needs on the current page before it may start
  // there: all of it if kept whole or kept with the next block (plus what
  // the next needs), else its first lines up to the orphan limit; and the
  // room at the foot for the notes of those lines (with the rule above
  // them unless the page's foot has notes already: `foot_open`).
  Pt needed(std::size_t k, bool at_top, bool foot_open, int depth = 0) const {
    const auto& blocks = doc_.blocks;
    const BlockBox& b = blocks[k];
    Pt space = at_top ? 0 : b.space_before;
    if (b.keep_with_next && k + 1 < blocks.size() && depth < 4) {
      const Pt notes = notes_of(b, b.lines.size(), foot_open);
      return space + full_height(b) + notes + b.space_after + needed(k + 1, false, foot_open || notes > 0, depth + 1);
    }
    if (kept_whole(b)) return space + full_height(b) + notes_of(b, b.lines.size(), foot_open);
    std::size_t first = std::min<std::size_t>(b.lines.size(), depth > 0 ? 2 : static_cast<std::size_t>(layout_.page.orphans));
    return space + rule_above_height(b) + lines_height(b, 0, first) + notes_of(b, first, foot_open);
  }

  // The height at the foot the notes of a block's first `lines` lines take,
  // with their rule unless the foot is open already (0 for none).
  Pt notes_of(const BlockBox& b, std::size_t lines, bool foot_open) const {
    Pt h = 0;
    for (std::size_t j = 0; j < lines && j < b.lines.size(); ++j)
      if (!b.lines[j].notes.empty()) h += notes_height(b.lines[j], !foot_open && h == 0);
    return h;
  }

  // A float fits where it and the first lines of what follows it (block
  // `next`) fit below the cursor: it never ends a page when text follows.
  bool fits_float(const Cursor& c, std::size_t k, std::size_t next, Pt capacity) const {
    Pt need = needed(k, c.fresh, c.notes > 0) + doc_.blocks[k].space_after;
    if (next < doc_.blocks.size()) need += needed(next, false, c.notes > 0) + header_height(c, next);
    return c.y + need <= capacity + epsilon || (c.fresh && next >= doc_.blocks.size());
  }

  // Leaves the cursor at the top of the next page.
  static PageFacts next_page(Cursor& c, PageFacts& facts) {
    c.y = 0;
    c.in_table = false;
    c.header_only = false;
    return facts;
  }

  static void begin(Cursor& c, std::size_t k) {
    c.in_block = true, c.block = k, c.line = 0, c.started = false;
  }

  Pt left_edge(int number) const {
    bool recto = !layout_.page.facing || number % 2 == 1;
    return recto ? layout_.page.margin_inner : layout_.page.margin_outer;
  }

  // The height of the header rows set again above a table's row `k` that is
  // the first of its table on a page (0 when it is not, or has no header).
  Pt header_height(const Cursor& c, std::size_t k) const {
    const BlockBox& row = doc_.blocks[k];
    if (c.in_table || !row.continues_table || row.header_begin >= row.header_end || k < row.header_end) return 0;
    Pt height = c.fresh ? 0 : doc_.blocks[row.header_begin].space_before;
    for (std::size_t j = row.header_begin; j < row.header_end; ++j) {
      const BlockBox& b = doc_.blocks[j];
      height += (j == row.header_begin ? 0 : b.space_before) + full_height(b) + b.space_after;
    }
    return height;
  }

  // Sets the header rows of row `k`'s table again, here.
  void repeat_header(Cursor& c, std::size_t k, int number, const Sink& sink, PageFacts& facts) const {
    const BlockBox& row = doc_.blocks[k];
    Cursor header = c;
    for (std::size_t j = row.header_begin; j < row.header_end; ++j) {
      begin(header, j);
      continue_block(header, std::numeric_limits<Pt>::infinity(), number, sink, facts, true);  // room was made
    }
    c.header_only = c.fresh;
    c.y = header.y;
    c.fresh = header.fresh;
  }

  // Places what of the current block fits; false when the page is full. Lines
  // placed `again` are a table's header repeated.
  bool continue_block(Cursor& c, Pt capacity, int number, const Sink& sink, PageFacts& facts, bool again = false) const {
    const BlockBox& b = doc_.blocks[c.block];
    const int serial = doc_.first_block + static_cast<int>(c.block);
    c.in_table = b.continues_table || (c.block + 1 < doc_.blocks.size() && doc_.blocks[c.block + 1].continues_table);
    const std::size_t n = b.lines.size();
    const std::size_t orphans = static_cast<std::size_t>(layout_.page.orphans);
    const std::size_t widows = static_cast<std::size_t>(layout_.page.widows);
    const Pt space = c.fresh ? 0 : b.space_before;
    const Pt above = c.started ? 0 : space + rule_above_height(b);
    // How many lines fit below the cursor, with the notes they refer to
    // above the foot.
    std::size_t fit = 0;
    for (Pt y = c.y + above, notes = c.notes; c.line + fit < n;) {
      const SetLine& line = b.lines[c.line + fit];
      const Pt more = again || line.notes.empty() ? 0 : notes_height(line, notes == 0);
      if (y + line.height + notes + more > capacity + epsilon) break;
      y += line.height, notes += more, ++fit;
    }
    std::size_t take = fit;
    if (c.line + fit < n) {
      // The block breaks here: leave at least `widows` lines for the next
      // page and at least `orphans` on this one, or move it all on.
      if (kept_whole(b)) take = 0;
      else if (n - (c.line + take) < widows) take = n - c.line > widows ? n - c.line - widows : 0;
      if (!c.started && take < orphans) take = 0;
      if (take == 0 && (c.fresh || c.header_only))  // a fresh page takes what it can
        take = std::max<std::size_t>(fit, 1), ++facts.forced;
      if (take == 0) return false;
    }
    const Pt top = layout_.page.margin_top;
    if (!c.started) {
      c.started = true;
      c.y += space;
      if (!c.fresh && c.y > facts.bottom + epsilon) facts.gaps.emplace_back(top + c.y - epsilon, c.y - facts.bottom);
      if ((b.outline_level > 0 || !b.outline_anchor.empty()) && sink.outline)
        sink.outline->push_back({b.outline_level, b.outline_title, sink.index, top + c.y, b.outline_anchor});
      if (b.starts_section) {
        c.section = b.outline_title;
        if (sink.head && sink.head->first_section.empty()) sink.head->first_section = c.section;
      }
      if (b.rule_above > 0) {
        rule(c, b, b.rule_above, number, sink, facts);
        c.y += b.rule_gap;
      }
    }
    for (std::size_t end = c.line + take; c.line < end; ++c.line) {
      const SetLine& line = b.lines[c.line];
      if (sink.placed)
        sink.placed->push_back(
            {document_, c.block, c.line, left_edge(number) + line.left, top + c.y + line.ascent, serial, again});
      if (!again && !line.notes.empty()) {
        c.notes += notes_height(line, c.foot.empty());
        c.foot.insert(c.foot.end(), line.notes.begin(), line.notes.end());
      }
      c.y += line.height;
      facts.bottom = c.y;
      ++facts.lines;
      c.fresh = false;
      c.header_only = c.header_only && again;
    }
    if (c.line < n) return false;
    if (b.rule_below > 0) {
      c.y += b.rule_gap;
      rule(c, b, b.rule_below, number, sink, facts);
    }
    c.y += b.space_after;
    if (n == 0) c.fresh = false;
    c.in_block = false;
    return true;
  }

  // The height the notes a line refers to take at the foot: their lines,
  // the space between notes, and, for the page's first, the rule above them.
  Pt notes_height(const SetLine& line, bool first) const {
    Pt h = 0;
    for (std::size_t j = 0; j < line.notes.size(); ++j) {
      const BlockBox& b = doc_.blocks[line.notes[j]];
      if (first && j == 0)
        h += b.rule_above + 2 * b.rule_gap;
      else
        h += b.space_after;
      h += lines_height(b, 0, b.lines.size());
    }
    return h;
  }

  // Sets the notes' blocks at the foot of the page, from `top` (in the text
  // block) down: a rule a third of the measure long, then the notes.
  void place_notes(const std::vector<std::size_t>& notes, Pt top, int number, const Sink& sink) const {
    const Pt page_top = layout_.page.margin_top;
    const BlockBox& first = doc_.blocks[notes.front()];
    Pt y = top + first.rule_gap;
    if (first.rule_above > 0) {
      const Pt x = left_edge(number), yy = page_top + y + first.rule_above / 2;
      sink.page->rules.push_back({x, yy, x + layout_.text_width() / 3, yy, first.rule_above, first.rule_color});
    }
    y += first.rule_above + first.rule_gap;
    for (std::size_t j = 0; j < notes.size(); ++j) {
      const BlockBox& b = doc_.blocks[notes[j]];
      if (j > 0) y += b.space_after;
      if (!b.outline_anchor.empty() && sink.outline)
        sink.outline->push_back({0, b.outline_title, sink.index, page_top + y, b.outline_anchor});
      const int serial = doc_.first_block + static_cast<int>(notes[j]);
      for (std::size_t k = 0; k < b.lines.size(); ++k) {
        const SetLine& line = b.lines[k];
        if (sink.placed)
          sink.placed->push_back(
              {document_, notes[j], k, left_edge(number) + line.left, page_top + y + line.ascent, serial, false});
        y += line.height;
      }
    }
  }

  void rule(Cursor& c, const BlockBox& b, Pt thickness, int number, const Sink& sink, PageFacts& facts) const {
    if (sink.page) {
      const Pt x0 = left_edge(number) + b.rule_left, x1 = left_edge(number) + layout_.text_width() - b.rule_right;
      const Pt y = layout_.page.margin_top + c.y + thickness / 2;
      sink.page->rules.push_back({x0, y, x1, y, thickness, b.rule_color});
    }
    c.y += thickness;
    facts.bottom = c.y;
    c.fresh = false;
  }

  const style::Layout& layout_;
  const DocumentBoxes& doc_;
  std::size_t document_;  // its index, for the placed lines
  std::vector<std::size_t> anchored_;
};

// Lowers what follows the white gaps between blocks on a page, each gap
// growing at most `max_growth` times its own height, so the page ends `by`
// lower (or as near as its gaps allow): vertical justification, used only to
// even a spread.
constexpr double max_growth = 2;

void feather(Page& page, std::vector<PlacedLine>& placed, std::vector<OutlineEntry>& outline, std::size_t index,
             PageFacts& facts, Pt by) {
  Pt room = 0;
  for (const auto& g : facts.gaps) room += g.second;
  if (room <= 0 || by <= 0) return;
  const double share = std::min(max_growth, by / room);
  // From the bottom up, so each shift sees the places above it unmoved.
  for (auto it = facts.gaps.rbegin(); it != facts.gaps.rend(); ++it) {
    const Pt y = it->first, down = it->second * share;
    for (auto& l : placed)
      if (l.baseline >= y && l.baseline < facts.foot) l.baseline += down;
    for (auto& r : page.rules)
      if (r.y0 >= y && r.y0 < facts.foot) r.y0 += down, r.y1 += down;
    for (auto& e : outline)
      if (e.page == index && e.y >= y - epsilon && e.y < facts.foot) e.y += down;
  }
  facts.bottom += room * share;
}

// One document on pages numbered from `first_number`: filled page by page,
// each spread (a left-hand page and the right-hand one after it) tried first
// dry, so that its longer page can give lines to the shorter when the spread
// still ends where it did; the last page takes lines from the one before when
// it would hold too few. No trial is taken that breaks more blocks against
// their keeps than filling the pages in full does. Every trial covers a page
// or two, so the whole is linear in the pages.
Paginated set_document(const DocumentBoxes& doc, std::size_t document, const style::Layout& layout, int first_number,
                       std::vector<std::size_t> anchored = {}) {
  const Filler filler(layout, doc, document, anchored);
  const std::size_t n = doc.blocks.size();
  const Pt full = layout.text_height();
  const Pt leading = layout.style("body").leading_pt();
  Paginated out;
  std::vector<PageFacts> facts;
  std::vector<Cursor> tops;  // the cursor at the top of each page

  auto fill = [&](Cursor& c, Pt capacity) {
    const std::size_t index = out.pages.size();
    const int number = first_number + static_cast<int>(index);
    tops.push_back(c);
    Page p;
    p.width = layout.page.width, p.height = layout.page.height, p.number = number, p.part = doc.part;
    out.pages.push_back(std::move(p));
    out.placed.emplace_back();
    out.heads.push_back({doc.title, c.section, "", index == 0, doc.running_heads});
    facts.push_back(
        filler.fill(c, capacity, number, {&out.pages.back(), &out.placed.back(), &out.heads.back(), &out.outline, index}));
  };
  auto dry = [&](Cursor c, Pt first, Pt second, int number) {
    PageFacts a = filler.fill(c, first, number, {});
    PageFacts b = c.done(n) ? PageFacts{} : filler.fill(c, second, number + 1, {});
    return std::make_tuple(a, b, c);
  };

  Cursor c = filler.opening();
  std::optional<Pt> next_capacity;
  while (true) {
    const int number = first_number + static_cast<int>(out.pages.size());
    Pt capacity = next_capacity.value_or(full);
    next_capacity.reset();
    // A left-hand page (not the document's first) starts a spread: try it dry.
    if (layout.page.facing && layout.page.balance_spreads && number % 2 == 0 && !out.pages.empty()) {
      auto [a, b, after] = dry(c, full, full, number);
      if (!after.done(n) && std::abs(a.bottom - b.bottom) >= 1) {
        const bool left_longer = a.bottom > b.bottom;
        Pt best_gap = std::abs(a.bottom - b.bottom);
        for (int cut = 1; cut <= 4; ++cut) {
          const Pt trial = (left_longer ? a.bottom : b.bottom) - cut * leading + epsilon;
          auto [ta, tb, tafter] = dry(c, left_longer ? trial : full, left_longer ? full : trial, number);
          const Pt gap = std::abs(ta.bottom - tb.bottom);
          if (tafter.same_place(after) && gap < best_gap && ta.forced + tb.forced <= a.forced + b.forced) {
            best_gap = gap;
            capacity = left_longer ? trial : full;
            next_capacity = left_longer ? std::optional<Pt>() : trial;
          }
        }
      }
    }
    fill(c, capacity);
    // A float that found no spot before the end is set where it is written instead.
    if (!c.stranded.empty()) {
      anchored.insert(anchored.end(), c.stranded.begin(), c.stranded.end());
      return set_document(doc, document, layout, first_number, anchored);
    }
    // A spread still uneven: the gaps between blocks of its shorter page take up the rest.
    const std::size_t i = out.pages.size() - 1;
    if (layout.page.facing && layout.page.balance_spreads && number % 2 == 1 && i > 0 && !c.done(n) &&
        out.pages[i - 1].number % 2 == 0 && i - 1 > 0) {
      const Pt a = facts[i - 1].bottom, b = facts[i].bottom;
      const std::size_t shorter = a < b ? i - 1 : i;
      if (std::abs(a - b) >= 1)
        feather(out.pages[shorter], out.placed[shorter], out.outline, shorter, facts[shorter], std::abs(a - b));
    }
    if (c.done(n)) break;
  }

  // A last page of a few lines takes more from the page before it, unless
  // that breaks a block that keeps together (as a shorter trial page can).
  const int min_lines = layout.page.last_page_lines;
  const std::size_t count = out.pages.size();
  if (count >= 2 && min_lines > 0 && facts.back().lines < min_lines) {
    const std::size_t before = count - 2;
    const Pt trial = facts[before].bottom - (min_lines - facts.back().lines) * leading + epsilon;
    auto [a, b, after] = dry(tops[before], trial, full, first_number + static_cast<int>(before));
    if (after.done(n) && b.lines > facts.back().lines && a.forced + b.forced <= facts[before].forced + facts.back().forced) {
      Cursor from = tops[before];
      out.pages.resize(before);
      out.placed.resize(before);
      out.heads.resize(before);
      facts.resize(before);
      tops.resize(before);
      std::erase_if(out.outline, [&](const OutlineEntry& e) { return e.page >= before; });
      fill(from, trial);
      fill(from, full);
    }
  }
  return out;
}

void place_heads(Page& page, const HeadState& head, const style::Layout& layout, const std::string& publication,
                 const SetText& set_text) {
  const bool recto = !layout.page.facing || page.number % 2 == 1;
  const Pt left = recto ? layout.page.margin_inner : layout.page.margin_outer;
  const Pt width = layout.text_width();
  std::string section = !head.first_section.empty() ? head.first_section : head.section_at_top;
  if (section.empty()) section = head.title;
  for (bool footer : {false, true}) {
    const style::RunningHead& rh = footer ? layout.footer : layout.header;
    if (head.opening && !rh.on_opening_page) continue;
    const style::HeadSlots& slots = recto ? rh.recto : rh.verso;
    Pt baseline = footer ? layout.page.height - layout.page.margin_bottom + rh.distance
                         : layout.page.margin_top - rh.distance;
    // Inner is the binding side: left on right-hand pages, right on left-hand ones.
    struct Slot {
      const std::string& templ;
      int side;  // -1 left, 0 centre, 1 right
    };
    for (const Slot& slot : {Slot{slots.inner, recto ? -1 : 1}, Slot{slots.center, 0}, Slot{slots.outer, recto ? 1 : -1}}) {
      if (slot.templ.empty()) continue;
      std::string text = expand(slot.templ, page.label, head.title, section, publication);
      if (text.empty()) continue;
      SetLine line = set_text(text, footer ? "footer" : "header", width);
      Pt x = slot.side < 0 ? left : slot.side == 0 ? left + (width - line.width) / 2 : left + width - line.width;
      for (TextRun run : line.runs) {
        run.x += x;
        run.y += baseline;
        page.runs.push_back(std::move(run));
      }
    }
  }
}

}  // namespace

std::string expand(std::string_view templ, const std::string& page, const std::string& title,
                   const std::string& section, const std::string& publication) {
  std::string out;
  for (std::size_t i = 0; i < templ.size();) {
    auto try_key = [&](std::string_view key, const std::string& value) {
      if (templ.substr(i, key.size()) != key) return false;
      out += value;
      i += key.size();
      return true;
    };
    if (try_key("{page}", page) || try_key("{title}", title) || try_key("{section}", section) ||
        try_key("{publication}", publication))
      continue;
    out += templ[i++];
  }
  return out;
}

std::string roman(int n) {
  static const std::pair<int, const char*> numerals[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                          {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                          {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
                                                          {1, "i"}};
  std::string out;
  for (const auto& [value, numeral] : numerals)
    while (n >= value) out += numeral, n -= value;
  return out;
}

void add_blank(Paginated& pages, const style::Layout& layout, Part part) {
  Page blank;
  blank.width = layout.page.width, blank.height = layout.page.height;
  blank.number = static_cast<int>(pages.pages.size()) + (pages.pages.empty() ? 1 : pages.pages.front().number);
  blank.part = part;
  blank.blank = true;
  pages.pages.push_back(std::move(blank));
  pages.heads.push_back({});
}


void append(Paginated& into, Paginated more) {
  const std::size_t offset = into.pages.size();
  const bool placing = !into.placed.empty() || !more.placed.empty();  // pages still being filled
  if (placing) into.placed.resize(offset), more.placed.resize(more.pages.size());
  for (std::size_t i = 0; i < more.pages.size(); ++i) {
    if (!into.pages.empty()) more.pages[i].number = into.pages.back().number + 1;
    into.pages.push_back(std::move(more.pages[i]));
    if (placing) into.placed.push_back(std::move(more.placed[i]));
  }
  for (auto& h : more.heads) into.heads.push_back(std::move(h));
  for (auto e : more.outline) {
    e.page += offset;
    into.outline.push_back(std::move(e));
  }
}

Paginated paginate(std::vector<DocumentBoxes> documents, const style::Layout& layout, int first_number) {
  Paginated out;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    const DocumentBoxes& doc = documents[d];
    // Each document opens on a new page; in facing layouts, a right-hand one when asked.
    int next = first_number + static_cast<int>(out.pages.size());
    if (layout.page.facing && layout.page.documents_open_recto && doc.opens_recto && next % 2 == 0) {
      Page blank;
      blank.width = layout.page.width, blank.height = layout.page.height;
      blank.number = next++;
      blank.part = doc.part;
      blank.blank = true;
      out.pages.push_back(std::move(blank));
      out.placed.resize(out.pages.size());
      out.heads.push_back({});
    }
    append(out, set_document(doc, d, layout, next));
  }
  // Every page is final: move the lines onto them. No line is placed twice
  // (a page filled again dropped its first placing) but a table's header set
  // again, which is copied first, before its own placing moves it.
  auto place = [](Page& page, const PlacedLine& l, SetLine& line) {
    for (TextRun& run : line.runs) {
      run.x += l.x;
      run.y += l.baseline;
      run.block = l.again ? -1 : l.serial;
      page.runs.push_back(std::move(run));
    }
    for (LinkArea& link : line.links) {
      link.x += l.x;
      link.y += l.baseline;
      page.links.push_back(std::move(link));
    }
    for (PlacedImage& image : line.images) {
      image.x += l.x;
      image.y += l.baseline;
      page.images.push_back(image);
    }
    for (Rule& rule : line.rules) {
      rule.x0 += l.x, rule.x1 += l.x;
      rule.y0 += l.baseline, rule.y1 += l.baseline;
      page.rules.push_back(rule);
    }
  };
  for (bool again : {true, false})
    for (std::size_t i = 0; i < out.pages.size(); ++i)
      for (const PlacedLine& l : out.placed[i]) {
        if (l.again != again) continue;
        SetLine& line = documents[l.document].blocks[l.block].lines[l.line];
        if (again) {
          SetLine copy = line;
          place(out.pages[i], l, copy);
        } else {
          place(out.pages[i], l, line);
          line.runs.clear();
          line.links.clear();
          line.images.clear();
          line.rules.clear();
        }
      }
  out.placed.clear();
  return out;
}

void label_pages(Paginated& paginated) {
  int front = 0, body = 0;
  for (auto& p : paginated.pages) p.label = p.part == Part::front ? roman(++front) : std::to_string(++body);
}

void place_running_heads(Paginated& paginated, const style::Layout& layout, const std::string& publication_title,
                         const SetText& set_text) {
  for (std::size_t i = 0; i < paginated.pages.size(); ++i) {
    Page& page = paginated.pages[i];
    const HeadState& head = paginated.heads[i];
    if (!page.blank && head.running_heads) place_heads(page, head, layout, publication_title, set_text);
  }
}

}  // namespace jakpum::page
