#include "page/paginate.h"

#include <algorithm>

namespace jakpum::page {
namespace {

constexpr Pt epsilon = 1e-6;

// What the running heads of one page need to know.
struct HeadState {
  std::string title;
  std::string section_at_top;
  std::string first_section;  // the first section that starts on the page
  bool opening = false;       // a document's first page
};

class Builder {
 public:
  Builder(const style::Layout& layout) : layout_(layout), height_(layout.text_height()) {}

  void open_document(const DocumentBoxes& doc) {
    new_page();
    if (layout_.page.facing && layout_.page.documents_open_recto && pages_.back().number % 2 == 0) {
      pages_.back().blank = true;
      new_page();
    }
    title_ = doc.title;
    section_.clear();
    heads_.back() = {title_, "", "", true};
    y_ = layout_.page.opening_sink;
  }

  void place_document(const DocumentBoxes& doc, int& serial, std::vector<OutlineEntry>& outline) {
    open_document(doc);
    for (std::size_t k = 0; k < doc.blocks.size(); ++k)
      place(doc.blocks, k, serial++, outline);
  }

  std::vector<Page>& pages() { return pages_; }
  const std::vector<HeadState>& heads() const { return heads_; }

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

  // Height the block at k needs on the current page before it may start
  // there: all of it if unbreakable or kept with the next block (plus what
  // the next needs), else its first lines up to the orphan limit.
  Pt needed(const std::vector<BlockBox>& blocks, std::size_t k, bool at_top, int depth = 0) const {
    const BlockBox& b = blocks[k];
    Pt space = at_top ? 0 : b.space_before;
    if (b.keep_with_next && k + 1 < blocks.size() && depth < 4)
      return space + full_height(b) + b.space_after + needed(blocks, k + 1, false, depth + 1);
    if (b.unbreakable) return space + full_height(b);
    std::size_t first = std::min<std::size_t>(b.lines.size(), depth > 0 ? 2 : static_cast<std::size_t>(layout_.page.orphans));
    return space + rule_above_height(b) + lines_height(b, 0, first);
  }

  void new_page() {
    Page p;
    p.width = layout_.page.width;
    p.height = layout_.page.height;
    p.number = static_cast<int>(pages_.size()) + 1;
    pages_.push_back(std::move(p));
    heads_.push_back({title_, section_, "", false});
    y_ = 0;
    fresh_ = true;
  }

  Pt left_edge() const {
    bool recto = !layout_.page.facing || pages_.back().number % 2 == 1;
    return recto ? layout_.page.margin_inner : layout_.page.margin_outer;
  }

  void place_line(const SetLine& line, int serial) {
    Pt baseline = layout_.page.margin_top + y_ + line.ascent;
    Pt left = left_edge() + line.left;
    for (TextRun run : line.runs) {
      run.x += left;
      run.y += baseline;
      run.block = serial;
      pages_.back().runs.push_back(std::move(run));
    }
    y_ += line.height;
    fresh_ = false;
  }

  void place_rule(const BlockBox& b, Pt thickness) {
    Pt x0 = left_edge() + b.rule_left;
    Pt x1 = left_edge() + layout_.text_width() - b.rule_right;
    Pt y = layout_.page.margin_top + y_ + thickness / 2;
    pages_.back().rules.push_back({x0, y, x1, y, thickness, b.rule_color});
    y_ += thickness;
    fresh_ = false;
  }

  // How many lines from `from` fit below the cursor, after `above`.
  std::size_t lines_that_fit(const BlockBox& b, std::size_t from, Pt above) const {
    Pt y = y_ + above;
    std::size_t j = from;
    while (j < b.lines.size() && y + b.lines[j].height <= height_ + epsilon) y += b.lines[j++].height;
    return j - from;
  }

  void place(const std::vector<BlockBox>& blocks, std::size_t k, int serial, std::vector<OutlineEntry>& outline) {
    const BlockBox& b = blocks[k];
    if (!fresh_ && y_ + needed(blocks, k, false) > height_ + epsilon) new_page();

    const std::size_t n = b.lines.size();
    const std::size_t orphans = static_cast<std::size_t>(layout_.page.orphans);
    const std::size_t widows = static_cast<std::size_t>(layout_.page.widows);
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
        if (b.outline_level > 0)
          outline.push_back({b.outline_level, b.outline_title, pages_.size() - 1, layout_.page.margin_top + y_});
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

  const style::Layout& layout_;
  Pt height_;
  std::vector<Page> pages_;
  std::vector<HeadState> heads_;
  std::string title_, section_;
  Pt y_ = 0;
  bool fresh_ = true;
};

void place_running_heads(Page& page, const HeadState& head, const style::Layout& layout,
                         const std::string& publication, const SetText& set_text) {
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
      std::string text = expand(slot.templ, page.number, head.title, section, publication);
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

std::string expand(std::string_view templ, int page, const std::string& title, const std::string& section,
                   const std::string& publication) {
  std::string out;
  for (std::size_t i = 0; i < templ.size();) {
    auto try_key = [&](std::string_view key, const std::string& value) {
      if (templ.substr(i, key.size()) != key) return false;
      out += value;
      i += key.size();
      return true;
    };
    if (try_key("{page}", std::to_string(page)) || try_key("{title}", title) || try_key("{section}", section) ||
        try_key("{publication}", publication))
      continue;
    out += templ[i++];
  }
  return out;
}

std::vector<Page> paginate(const std::vector<DocumentBoxes>& documents, const style::Layout& layout,
                           const std::string& publication_title, const SetText& set_text,
                           std::vector<OutlineEntry>& outline) {
  Builder builder(layout);
  int serial = 0;
  for (const auto& doc : documents) builder.place_document(doc, serial, outline);
  std::vector<Page>& pages = builder.pages();
  for (std::size_t i = 0; i < pages.size(); ++i)
    if (!pages[i].blank) place_running_heads(pages[i], builder.heads()[i], layout, publication_title, set_text);
  return std::move(pages);
}

}  // namespace jakpum::page
