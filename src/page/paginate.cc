#include "page/paginate.h"

#include <algorithm>
#include <map>

namespace jakpum::page {
namespace {

constexpr Pt epsilon = 1e-6;

// One document set on pages numbered from `first_number`. `capacity` may
// lower the text block of some of its pages (by index within the document),
// which is how pages are balanced.
class Builder {
 public:
  Builder(const style::Layout& layout, int first_number, std::map<std::size_t, Pt> capacity)
      : layout_(&layout), first_number_(first_number), capacity_(std::move(capacity)) {}

  void place_document(const DocumentBoxes& doc) {
    const int serial = doc.first_block;
    title_ = doc.title;
    part_ = doc.part;
    running_heads_ = doc.running_heads;
    new_page();
    heads_.back().opening = true;
    y_ = doc.sink.value_or(layout_->page.opening_sink);
    const auto& blocks = doc.blocks;
    if (doc.to_foot) {
      Pt height = 0;
      for (const auto& b : blocks) height += b.space_before + full_height(b) + b.space_after;
      if (!blocks.empty()) height -= blocks.front().space_before + blocks.back().space_after;
      y_ = std::max<Pt>(0, layout_->text_height() - height);
    }
    std::vector<std::size_t> pending;  // floats waiting for a better spot
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      // At each boundary between blocks, place what floats if it now fits.
      while (!pending.empty() && fits_float(blocks, pending.front(), k)) {
        place(blocks, pending.front(), serial + static_cast<int>(pending.front()));
        pending.erase(pending.begin());
      }
      if (blocks[k].floats && (!pending.empty() || !fits_float(blocks, k, k + 1))) {
        pending.push_back(k);
        continue;
      }
      place(blocks, k, serial + static_cast<int>(k));
    }
    for (std::size_t k : pending) place(blocks, k, serial + static_cast<int>(k));
  }

  std::vector<Page>& pages() { return pages_; }
  std::vector<HeadState>& heads() { return heads_; }
  // How far down each page's text block is filled, and its body lines.
  const std::vector<Pt>& bottoms() const { return bottoms_; }
  const std::vector<int>& line_counts() const { return lines_; }

  // Lowers what follows the white gaps between blocks on page i (as a page
  // position), each gap growing at most `max_growth` times its own height, so
  // the page ends `by` lower (or as near as its gaps allow). Vertical
  // justification, used only to even a spread.
  static constexpr double max_growth = 2;
  void feather(std::size_t i, Pt by) {
    Pt room = 0;
    for (const auto& g : gaps_[i]) room += g.second;
    if (room <= 0 || by <= 0) return;
    const double share = std::min(max_growth, by / room);
    Page& page = pages_[i];
    auto shift_below = [&](Pt y, Pt down) {
      for (auto& r : page.runs)
        if (r.y >= y) r.y += down;
      for (auto& r : page.rules)
        if (r.y0 >= y) r.y0 += down, r.y1 += down;
      for (auto& e : outline_)
        if (e.page == i && e.y >= y - epsilon) e.y += down;
    };
    // From the bottom up, so each shift sees the places above it unmoved.
    for (auto it = gaps_[i].rbegin(); it != gaps_[i].rend(); ++it) shift_below(it->first, it->second * share);
    bottoms_[i] += room * share;
  }

 private:
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

  Pt height() const {
    auto it = capacity_.find(pages_.size() - 1);
    return it != capacity_.end() ? std::min(it->second, layout_->text_height()) : layout_->text_height();
  }

  // Height the block at k needs on the current page before it may start
  // there: all of it if unbreakable or kept with the next block (plus what
  // the next needs), else its first lines up to the orphan limit.
  Pt needed(const std::vector<BlockBox>& blocks, std::size_t k, bool at_top, int depth = 0) const {
    const BlockBox& b = blocks[k];
    Pt space = at_top ? 0 : b.space_before;
    if (b.keep_with_next && k + 1 < blocks.size() && depth < 4)
      return space + full_height(b) + b.space_after + needed(blocks, k + 1, false, depth + 1);
    if (b.unbreakable) return space + full_height(b);
    std::size_t first = std::min<std::size_t>(b.lines.size(), depth > 0 ? 2 : static_cast<std::size_t>(layout_->page.orphans));
    return space + rule_above_height(b) + lines_height(b, 0, first);
  }

  // A float fits where it and the first lines of what follows it (block
  // `next`) fit below the cursor: it never ends a page when text follows.
  bool fits_float(const std::vector<BlockBox>& blocks, std::size_t k, std::size_t next) const {
    Pt need = needed(blocks, k, fresh_) + blocks[k].space_after;
    if (next < blocks.size()) need += needed(blocks, next, false);
    return y_ + need <= height() + epsilon || (fresh_ && next >= blocks.size());
  }

  void new_page() {
    Page p;
    p.width = layout_->page.width;
    p.height = layout_->page.height;
    p.number = first_number_ + static_cast<int>(pages_.size());
    p.part = part_;
    pages_.push_back(std::move(p));
    heads_.push_back({title_, section_, "", false, running_heads_});
    bottoms_.push_back(0);
    lines_.push_back(0);
    gaps_.emplace_back();
    y_ = 0;
    fresh_ = true;
  }

  Pt left_edge() const {
    bool recto = !layout_->page.facing || pages_.back().number % 2 == 1;
    return recto ? layout_->page.margin_inner : layout_->page.margin_outer;
  }

  void place_line(const SetLine& line, int serial) {
    Pt baseline = layout_->page.margin_top + y_ + line.ascent;
    Pt left = left_edge() + line.left;
    for (TextRun run : line.runs) {
      run.x += left;
      run.y += baseline;
      run.block = serial;
      pages_.back().runs.push_back(std::move(run));
    }
    y_ += line.height;
    bottoms_.back() = y_;
    ++lines_.back();
    fresh_ = false;
  }

  void place_rule(const BlockBox& b, Pt thickness) {
    Pt x0 = left_edge() + b.rule_left;
    Pt x1 = left_edge() + layout_->text_width() - b.rule_right;
    Pt y = layout_->page.margin_top + y_ + thickness / 2;
    pages_.back().rules.push_back({x0, y, x1, y, thickness, b.rule_color});
    y_ += thickness;
    bottoms_.back() = y_;
    fresh_ = false;
  }

  // How many lines from `from` fit below the cursor, after `above`.
  std::size_t lines_that_fit(const BlockBox& b, std::size_t from, Pt above) const {
    Pt y = y_ + above;
    std::size_t j = from;
    while (j < b.lines.size() && y + b.lines[j].height <= height() + epsilon) y += b.lines[j++].height;
    return j - from;
  }

  void place(const std::vector<BlockBox>& blocks, std::size_t k, int serial) {
    const BlockBox& b = blocks[k];
    if (!fresh_ && y_ + needed(blocks, k, false) > height() + epsilon) new_page();

    const std::size_t n = b.lines.size();
    const std::size_t orphans = static_cast<std::size_t>(layout_->page.orphans);
    const std::size_t widows = static_cast<std::size_t>(layout_->page.widows);
    std::size_t j = 0;
    bool started = false;
    while (j < n || !started) {
      Pt space = fresh_ ? 0 : b.space_before;
      Pt above = started ? 0 : space + rule_above_height(b);
      std::size_t fit = lines_that_fit(b, j, above);
      std::size_t take = fit;
      if (j + fit < n) {
        // The block breaks here: leave at least `widows` lines for the next
        // page and at least `orphans` on this one, or move it all on.
        if (b.unbreakable) take = 0;
        else if (n - (j + take) < widows) take = n - j > widows ? n - j - widows : 0;
        if (!started && take < orphans) take = 0;
        if (take == 0 && fresh_) take = std::max<std::size_t>(fit, 1);  // a fresh page takes what it can
        if (take == 0) {
          new_page();
          continue;
        }
      }
      if (!started) {
        started = true;
        y_ += space;
        if (!fresh_ && y_ > bottoms_.back() + epsilon)
          gaps_.back().emplace_back(layout_->page.margin_top + y_ - epsilon, y_ - bottoms_.back());
        if (b.outline_level > 0)
          outline_.push_back({b.outline_level, b.outline_title, pages_.size() - 1, layout_->page.margin_top + y_});
        if (b.starts_section) {
          section_ = b.outline_title;
          if (heads_.back().first_section.empty()) heads_.back().first_section = section_;
        }
        if (b.rule_above > 0) {
          place_rule(b, b.rule_above);
          y_ += b.rule_gap;
        }
      }
      for (std::size_t end = std::min(n, j + take); j < end; ++j) place_line(b.lines[j], serial);
      if (j < n) new_page();
    }
    if (b.rule_below > 0) {
      y_ += b.rule_gap;
      place_rule(b, b.rule_below);
    }
    y_ += b.space_after;
    if (n == 0) fresh_ = false;
  }

 public:
  std::vector<OutlineEntry> outline_;

 private:
  const style::Layout* layout_;
  int first_number_;
  std::map<std::size_t, Pt> capacity_;
  std::vector<Page> pages_;
  std::vector<HeadState> heads_;
  std::vector<Pt> bottoms_;
  std::vector<int> lines_;
  std::vector<std::vector<std::pair<Pt, Pt>>> gaps_;  // per page: (where a gap ends, its height)
  std::string title_, section_;
  Part part_ = Part::body;
  bool running_heads_ = true;
  Pt y_ = 0;
  bool fresh_ = true;
};

// Sets one document, then lowers some of its pages so that facing pages end
// on the same baseline and the last page holds enough lines, keeping each
// change only if it does not add a page.
Builder set_document(const DocumentBoxes& doc, const style::Layout& layout, int first_number) {
  std::map<std::size_t, Pt> capacity;
  auto run = [&](const std::map<std::size_t, Pt>& c) {
    Builder b(layout, first_number, c);
    b.place_document(doc);
    return b;
  };
  Builder best = run(capacity);
  const std::size_t pages = best.pages().size();
  auto accept = [&](std::map<std::size_t, Pt> trial, auto&& better) {
    Builder b = run(trial);
    if (b.pages().size() == pages && better(b)) {
      capacity = std::move(trial);
      best = std::move(b);
      return true;
    }
    return false;
  };

  const Pt leading = layout.style("body").leading_pt();
  // A last page of a few lines takes more from the page before it.
  const int min_lines = layout.page.last_page_lines;
  if (pages >= 2 && min_lines > 0 && best.line_counts().back() < min_lines) {
    const std::size_t before = pages - 2;
    int missing = min_lines - best.line_counts().back();
    auto trial = capacity;
    trial[before] = best.bottoms()[before] - missing * leading + epsilon;
    accept(trial, [&](Builder& b) { return b.line_counts().back() > best.line_counts().back(); });
  }
  // Facing pages (a left-hand page and the right-hand page after it) end on
  // the same baseline: the longer is cut back a line at a time, and the cut
  // that brings the two closest is kept.
  if (layout.page.facing && layout.page.balance_spreads) {
    for (std::size_t i = 0; i + 2 < best.pages().size(); ++i) {
      if (best.pages()[i].number % 2 != 0) continue;  // i must be a left-hand page
      auto gap = [&](Builder& b) { return std::abs(b.bottoms()[i] - b.bottoms()[i + 1]); };
      if (gap(best) < 1) continue;
      const std::size_t longer = best.bottoms()[i] > best.bottoms()[i + 1] ? i : i + 1;
      const Pt bottom = best.bottoms()[longer];
      for (int cut = 1; cut <= 4 && gap(best) >= 1; ++cut) {
        auto trial = capacity;
        trial[longer] = bottom - cut * leading + epsilon;
        const Pt before = gap(best);
        accept(trial, [&](Builder& t) { return gap(t) < before; });
      }
    }
    // What cutting could not even, the gaps between blocks may take up.
    for (std::size_t i = 0; i + 2 < best.pages().size(); ++i) {
      if (best.pages()[i].number % 2 != 0) continue;
      const Pt a = best.bottoms()[i], b = best.bottoms()[i + 1];
      if (std::abs(a - b) >= 1) best.feather(a < b ? i : i + 1, std::abs(a - b));
    }
  }
  return best;
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

Paginated paginate(const std::vector<DocumentBoxes>& documents, const style::Layout& layout, int first_number) {
  Paginated out;
  for (const auto& doc : documents) {
    // Each document opens on a new page; in facing layouts, a right-hand one when asked.
    int next = first_number + static_cast<int>(out.pages.size());
    if (layout.page.facing && layout.page.documents_open_recto && doc.opens_recto && next % 2 == 0) {
      Page blank;
      blank.width = layout.page.width, blank.height = layout.page.height;
      blank.number = next++;
      blank.part = doc.part;
      blank.blank = true;
      out.pages.push_back(std::move(blank));
      out.heads.push_back({});
    }
    Builder b = set_document(doc, layout, next);
    const std::size_t offset = out.pages.size();
    for (auto e : b.outline_) {
      e.page += offset;
      out.outline.push_back(std::move(e));
    }
    for (auto& p : b.pages()) out.pages.push_back(std::move(p));
    for (auto& h : b.heads()) out.heads.push_back(std::move(h));
  }
  return out;
}

void append(Paginated& into, Paginated more) {
  const std::size_t offset = into.pages.size();
  const int first = into.pages.empty() ? 1 : into.pages.back().number + 1;
  for (std::size_t i = 0; i < more.pages.size(); ++i) {
    more.pages[i].number = first + static_cast<int>(i);
    into.pages.push_back(std::move(more.pages[i]));
  }
  for (auto& h : more.heads) into.heads.push_back(std::move(h));
  for (auto e : more.outline) {
    e.page += offset;
    into.outline.push_back(std::move(e));
  }
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
