// Fonts of our own in the PDF (PDF 1.7 §9.7): each font the page model uses
// becomes a Type0 font with Identity-H encoding over a CIDFont whose program is
// subset by HarfBuzz's subsetter to the glyphs used (+ .notdef):
//  - TrueType outlines: CIDFontType2 with FontFile2; codes are glyph ids and a
//    CIDToGIDMap maps them into the subset;
//  - CFF outlines: CIDFontType0 with FontFile3/CIDFontType0C; codes are CIDs
//    for a CID-keyed CFF (kept by the subsetter), glyph ids otherwise (the
//    subset keeps them).
// Widths (W) cover the glyphs used, from HarfBuzz's advances; the ToUnicode
// CMap maps each code to the characters of its HarfBuzz cluster, so a ligature
// copies back as all its letters.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "font/library.h"
#include "page/model.h"
#include "render/pdf/haru.h"

namespace jakpum::render {

struct EmbeddedGlyph {
  std::uint16_t code = 0;  // two bytes in the content stream
  double width = 0;        // advance in thousandths of an em, as written in W
  std::string text;        // what the glyph sets, for ToUnicode
};

struct EmbeddedFont {
  std::string resource;  // "F0", ...
  std::string base_font;  // "ABCDEF+NanumMyeongjo"
  std::map<std::uint32_t, EmbeddedGlyph> glyphs;  // by glyph id
  HPDF_Dict dict = nullptr;                       // the Type0 font, once written

  // The glyph with id `id`, in constant time; nullptr if the font set lacks it.
  const EmbeddedGlyph* glyph(std::uint32_t id) const { return id < by_id.size() ? by_id[id] : nullptr; }
  std::vector<const EmbeddedGlyph*> by_id;  // into `glyphs`, filled once they are final
};

class FontSet {
 public:
  // In two steps, so subsetting can run beside other work: measure finds
  // every glyph's code and width (all a page's content needs), on up to
  // `threads` threads; subset(k) then subsets and compresses the k-th font
  // used (the one with the most glyphs first), each on any thread. `faces`,
  // when given, holds the model's fonts (font i is face i) and spares
  // opening the files again.
  static Result<FontSet> measure(const page::PageModel& model, unsigned threads = 1,
                                 const font::Library* faces = nullptr);
  std::size_t used_count() const { return used_.size(); }
  Status subset(std::size_t k);

  // Writes the font objects into the document, which takes the compressed
  // programs and maps over: once only.
  Status write(HPDF_Doc doc);

  // nullptr for fonts no run uses.
  const EmbeddedFont* font(std::uint32_t index) const;

 private:
  struct Program;
  // Loads font i of the model and finds its glyphs' codes and widths.
  Status measure_font(const page::FontFile& file, std::size_t i, const font::Library* faces);
  std::vector<EmbeddedFont> fonts_;  // by page-model font index
  std::vector<std::shared_ptr<Program>> programs_;
  std::vector<std::uint32_t> used_;  // indices of the fonts some run uses
};

// The subset tag of PDF 1.7 §9.6.4: six capital letters, here a hash of the
// font's name and glyph set, so equal inputs give equal tags.
std::string subset_tag(const std::string& name, const std::vector<std::uint32_t>& glyphs);

}  // namespace jakpum::render
