// The pipeline wired end to end: documents and a layout in, the page model out.
#pragma once

#include <map>
#include <tuple>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/timings.h"
#include "doc/document.h"
#include "font/library.h"
#include "app/report.h"
#include "page/model.h"
#include "page/paginate.h"
#include "shape/shape.h"
#include "style/layout.h"
#include "text/paragraph.h"

namespace jakpum::app {

// What one run of the typesetter keeps between paragraphs: the faces, the
// ICU line breaker and the HarfBuzz fonts. One per thread: `typeset`
// makes one more for each further thread it sets paragraphs on.
struct Context {
  Context() = default;
  // For a further thread setting text beside the first's: the faces are
  // the first's (which must load none meanwhile), the rest its own.
  explicit Context(const font::Library& faces) : fonts(font::Library::Borrow{faces}) {}

  font::Library fonts;
  text::LineBreaker breaker;
  shape::Shaper shaper{fonts};
  // The text styles of each layout style, with or without inline code's and
  // a note number's (by which of them), once found (they load fonts).
  std::map<std::tuple<const style::Layout*, std::string, unsigned>, std::vector<text::TextStyle>> text_styles;
  Timings* timings = nullptr;  // where to add the time each stage takes, if anywhere
  Diagnostics* warnings = nullptr;  // where typesetting warns (an image too coarse for print), if anywhere
  // The characters no font of the layout has, where typesetting met them
  // (it then fails, naming them).
  std::vector<text::MissingChar> missing;
  // A paragraph would have had its Latin words hyphenated, but no patterns
  // were found (text/hyphenate.h).
  bool hyphen_patterns_missing = false;
  // Paragraphs are set side by side on up to this many threads; the page
  // model does not depend on it.
  unsigned threads = 1;
};

// A block of text set in lines, and what the line breaker did.
struct SetBlock {
  std::vector<page::SetLine> lines;
  std::vector<LineFacts> facts;
};

// Sets one block of text in a named style of the layout, `measure` wide (the
// style's own margins are taken off it). `marker` (a list item's number or
// bullet) hangs to the left of the first line.
// Characters no font has are added to `missing`, when given.
Result<SetBlock> set_text_block(const std::vector<doc::Span>& spans, const std::string& style,
                                const style::Layout& layout, Context& ctx, const std::string& path, Pt measure,
                                int block_level = 0, const std::string& marker = "",
                                std::optional<style::Align> align = std::nullopt,
                                std::vector<text::MissingChar>* missing = nullptr);

// Typesets a publication with a layout; fills `report` when given.
Result<page::PageModel> typeset(const doc::Publication& publication, const style::Layout& layout, Context& ctx,
                                Report* report = nullptr);

}  // namespace jakpum::app
