// The page model: finished pages of positioned glyph runs, rules and images. This is
// all the PDF writer and the dump ever see, and what tests inspect.
// Coordinates are points from the page's top-left corner, y downwards.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/units.h"

namespace jakpum::page {

// A glyph is 20 bytes, not a string of its own: a long book holds millions.
struct PlacedGlyph {
  std::uint32_t id = 0;  // glyph index in the run's font
  float x = 0;           // points from the run's origin (a float is exact to 0.0001 pt across a page)
  float y = 0;           // points from the baseline, downwards
  // The characters this glyph sets first, in its run's text (none for the
  // later glyphs of a cluster).
  std::uint32_t text_begin = 0;
  std::uint32_t text_length : 30 = 0;
  // A typographic quote the author wrote straight: ‘ ’ for ', “ ” for ".
  std::uint32_t straight : 1 = 0;
  // The hyphen of a word cut at the line's end, which the text does not
  // hold: it sets a soft hyphen (U+00AD), as PDF 1.7 §14.8.2.2.3 has an
  // incidental word division read, apart from the text's own hyphens.
  std::uint32_t hyphen : 1 = 0;
};

struct TextRun {
  std::uint32_t font = 0;  // index into PageModel::fonts
  Pt size = 0;
  Color color;
  Pt x = 0, y = 0;      // origin: start of the baseline
  std::string style;    // the layout style it was set in, e.g. "body", "h1", "footer"
  int block = -1;       // which block of the publication (-1 for running heads)
  std::string text;     // what the glyphs set, in order
  std::vector<PlacedGlyph> glyphs;
  bool split_clusters = false;  // some glyph sets no character: a cluster drawn in several

  std::string_view text_of(const PlacedGlyph& g) const {
    return std::string_view(text).substr(g.text_begin, g.text_length);
  }
  // What the author wrote for the glyph: its text, but a straight quote for
  // one set curly.
  std::string_view written_of(const PlacedGlyph& g) const {
    if (!g.straight) return text_of(g);
    const std::string_view shown = text_of(g);
    return shown == "\u201C" || shown == "\u201D" ? "\"" : "'";
  }
  void add_glyph(std::uint32_t id, Pt gx, Pt gy, std::string_view chars, bool straight = false) {
    glyphs.push_back({id, static_cast<float>(gx), static_cast<float>(gy), static_cast<std::uint32_t>(text.size()),
                      static_cast<std::uint32_t>(chars.size()), straight});
    split_clusters |= chars.empty();
    text += chars;
  }
  void add_hyphen(std::uint32_t id, Pt gx, Pt gy) {
    add_glyph(id, gx, gy, "\u00AD");
    glyphs.back().hyphen = 1;
  }
};

// Where a reader clicks to follow a link: the box of its glyphs on a line
// (a link broken across lines has one a line). It leads to an address, or
// to a place in the document itself (a contents entry to its section).
struct LinkArea {
  static constexpr std::size_t no_page = static_cast<std::size_t>(-1);
  Pt x = 0, y = 0, width = 0, height = 0;  // top-left corner and size
  std::string address;                     // a URI, in ASCII; or empty, and:
  std::size_t page = no_page;              // the page it leads to (index into the pages)
  Pt page_y = 0;                           // and the height there to show
  std::string anchor;  // until pages are known: the heading it leads to, as its OutlineEntry names it
};

// An image on a page: its box, top-left corner and size.
struct PlacedImage {
  std::uint32_t image = 0;  // index into PageModel::images
  Pt x = 0, y = 0, width = 0, height = 0;
};

struct Rule {
  Pt x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // centre line
  Pt thickness = 0;
  Color color;
};

// Where a page belongs: front matter (cover, contents), the body, back matter.
enum class Part { front, body, back };

struct Page {
  Pt width = 0, height = 0;
  int number = 0;     // 1-based, counting every page; odd numbers are right-hand (recto) pages
  std::string label;  // as printed and shown by readers: "iii", "7"
  Part part = Part::body;
  bool blank = false;
  std::vector<TextRun> runs;
  std::vector<Rule> rules;
  std::vector<LinkArea> links;
  std::vector<PlacedImage> images;
};

struct FontFile {
  std::string path;
  int index = 0;     // face in a collection
  std::string name;  // PostScript name
  bool cff = false;  // CFF outlines (else TrueType)
};

// An image file the pages show: embedded once, however often shown.
struct ImageFile {
  std::string path;
  bool jpeg = false;          // else PNG
  int width = 0, height = 0;  // pixels
  bool cmyk = false;          // its colours are inks (a CMYK JPEG)
  bool grey = false;          // shades of grey only
  // Where the first figure showing it names it, as written there: a PNG
  // found damaged only when its pixels are read is an error at that place.
  std::string name, document;
  Position at;
};

struct OutlineEntry {
  int level = 1;  // 1 = document title, 2 = h1, 3 = h2, 4 = h3; 0 = a place links lead to (a note), not listed
  std::string title;
  std::size_t page = 0;  // index into pages
  Pt y = 0;
  std::string anchor;  // what links to it name it by: "2#서론" (the document's index, its anchor); "" for none
};

struct Info {
  std::string title, author, subject, lang, creator;
};

struct PageModel {
  Info info;
  std::vector<FontFile> fonts;
  std::vector<ImageFile> images;
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
};

}  // namespace jakpum::page
