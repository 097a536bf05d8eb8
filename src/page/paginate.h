// Lines into pages: the text block of each page is filled from the top with
// the blocks of each document, honouring space before and after, rules, keeps
// (but for a block no page can hold), orphans and widows; floating blocks
// (pull quotes) move on to the next spot where they fit with text after them
// (never into a table); notes go to the foot of the page that refers to them; a
// table going on to a new page has its header set again there; each document
// opens on a right-hand page; facing pages are made to end on the same baseline
// and a document's last page to hold a few lines, where that can be done;
// running heads and page numbers are set last, when page numbers are known.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/units.h"
#include "page/model.h"
#include "style/layout.h"

namespace jakpum::page {

// One set line of a block: runs relative to the line's left edge and baseline.
struct SetLine {
  Pt height = 0;  // baseline to baseline (the leading)
  Pt ascent = 0;  // from the top of the line's box to its baseline
  Pt left = 0;    // of the line box, from the text block's left edge
  Pt width = 0;   // of the set content, for aligning running heads
  std::vector<TextRun> runs;
  std::vector<LinkArea> links;  // x from the line's origin as the runs', y from the baseline
  std::vector<PlacedImage> images;  // the same
  std::vector<Rule> rules;          // lines through struck text: the same
  // The blocks of the notes this line refers to first, set at the foot of
  // the page the line is set on (BlockBox::at_foot), in order.
  std::vector<std::uint32_t> notes;
};

struct BlockBox {
  std::string style;
  std::vector<SetLine> lines;
  Pt space_before = 0, space_after = 0;
  Pt rule_above = 0, rule_below = 0, rule_gap = 0;
  Pt rule_left = 0, rule_right = 0;  // insets of the rules from the text block's edges
  Color rule_color;
  bool keep_with_next = false;
  bool unbreakable = false;
  bool floats = false;  // may move on past what follows, to a better spot (pull quotes)
  // A table's row after its first: nothing floats in before it, and when it
  // opens a page, the table's header rows (the document's blocks
  // header_begin to header_end) are set again above it.
  bool continues_table = false;
  std::size_t header_begin = 0, header_end = 0;
  int outline_level = 0;  // 0: not in the outline (but as a place links lead to, with an anchor)
  std::string outline_title;
  std::string outline_anchor;  // see OutlineEntry::anchor
  bool starts_section = false;  // sets {section} for the running heads
  // A note's block, set at the foot of the page where a line refers to it
  // (SetLine::notes) rather than where it stands; the foot's rule is this
  // style's `rule_above` with `rule_gap` either side, and notes are
  // `space_after` apart.
  bool at_foot = false;
  bool in_note = false;  // a block of a note (its paragraphs, or a list, quote, code or table in it)
};

struct DocumentBoxes {
  std::string title;
  std::vector<BlockBox> blocks;
  Part part = Part::body;
  int first_block = 0;        // the id of its first block (runs carry block ids)
  bool opens_recto = true;    // in facing layouts, starts on a right-hand page
  bool running_heads = true;  // false for a cover
  std::optional<Pt> sink;     // space above its first block (default: page.opening-sink)
  bool to_foot = false;       // its blocks sit at the foot of the page (a colophon)
};

// What the running heads of one page need to know.
struct HeadState {
  std::string title;
  std::string section_at_top;
  std::string first_section;  // the first section that starts on the page
  bool opening = false;       // a document's first page
  bool running_heads = true;
};

// A line placed on a page, not yet moved there: pages are filled (and some
// filled again) with these, and the lines' runs are moved onto the pages once
// every page is final, so no line is copied but a table's repeated header.
struct PlacedLine {
  std::size_t document = 0, block = 0, line = 0;
  Pt x = 0, baseline = 0;  // where the line's left edge and baseline go on the page
  int serial = 0;          // the block's id in the publication
  bool again = false;      // a table's header set again: its runs are copied, and count for no block
};

// Pages as they are filled, with what their running heads will say.
struct Paginated {
  std::vector<Page> pages;
  std::vector<HeadState> heads;  // one a page
  std::vector<OutlineEntry> outline;
  std::vector<std::vector<PlacedLine>> placed;  // one a page, while pages are filled; empty once paginated
};

// Fills pages numbered from `first_number` (physical numbers: odd is
// right-hand) with the documents' lines, which it moves onto the pages.
Paginated paginate(std::vector<DocumentBoxes> documents, const style::Layout& layout, int first_number = 1);

// Puts `more` after `into`, numbering its pages on from `into`'s last.
void append(Paginated& into, Paginated more);

// A blank page at the end of `pages`.
void add_blank(Paginated& pages, const style::Layout& layout, Part part);

// Labels every page: lower-case roman in the front matter, arabic from the
// first page of the body on (PDF 1.7 §12.4.2).
void label_pages(Paginated& pages);

// Sets a short text (a running head) in a style, for a given measure.
using SetText = std::function<SetLine(const std::string& text, const std::string& style, Pt measure)>;

// Sets the running heads of every page from the layout's templates.
void place_running_heads(Paginated& pages, const style::Layout& layout, const std::string& publication_title,
                         const SetText& set_text);

// Expands {page}, {title}, {section} and {publication} in a template.
std::string expand(std::string_view templ, const std::string& page, const std::string& title,
                   const std::string& section, const std::string& publication);

// 1 → "i", 4 → "iv", ...
std::string roman(int n);

}  // namespace jakpum::page
