// The floor: what no typesetter built on these libraries can avoid. It reads
// the documents, loads the body font, shapes each paragraph once with
// HarfBuzz, cuts the glyphs into lines of the text block's width (no
// justification, no line-breaking rules, no pages beyond "next one when
// full"), and writes each line with libharu as one text run, fonts embedded
// by libharu, streams compressed. jakpum's time over this is the price of
// its typography.
//
// Page, text block, body font, size and leading come from the default layout.
//
//   floor -o OUT.pdf INPUT...
#include <hb.h>
#include <hpdf.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "app/options.h"
#include "doc/read.h"
#include "style/layout.h"

namespace {

using namespace jakpum;

struct Line {
  std::size_t begin, end;  // bytes of the paragraph
};

// Cuts a shaped paragraph into lines no wider than the measure, at cluster
// edges, the way the simplest typewriter would.
std::vector<Line> cut(const std::string& text, hb_buffer_t* buf, double scale, double measure) {
  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, nullptr);
  std::vector<Line> lines;
  std::size_t begin = 0;
  double width = 0;
  for (unsigned i = 0; i < count; ++i) {
    double advance = pos[i].x_advance * scale;
    if (width + advance > measure && info[i].cluster > begin) {
      lines.push_back({begin, info[i].cluster});
      begin = info[i].cluster, width = 0;
    }
    width += advance;
  }
  if (begin < text.size()) lines.push_back({begin, text.size()});
  return lines;
}

}  // namespace

int main(int argc, char** argv) {
  std::string output;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "-o") && i + 1 < argc) output = argv[++i];
    else inputs.push_back(argv[i]);
  }
  if (output.empty() || inputs.empty()) {
    std::fprintf(stderr, "usage: floor -o OUT.pdf INPUT...\n");
    return 2;
  }
  auto layout = style::load_layout(app::default_layout, {app::layout_folders("")});
  if (!layout) {
    std::fprintf(stderr, "floor: %s\n", format(layout.error()).c_str());
    return 1;
  }
  const style::Style& body = layout->style("body");
  const style::FontFamily* family = layout->family(body.font);
  if (!family) {
    std::fprintf(stderr, "floor: the body font is not in the layout\n");
    return 1;
  }
  const std::string font_path = family->regular.path;
  const double page_width = layout->page.width, page_height = layout->page.height;
  const double margin_left = layout->page.margin_inner, margin_top = layout->page.margin_top;
  const double measure = layout->text_width(), text_height = layout->text_height();
  const double size = body.size, leading = body.leading_pt();

  Diagnostics diags;
  auto publication = doc::read_publication(inputs, diags);
  if (!publication) {
    std::fprintf(stderr, "floor: %s\n", format(publication.error()).c_str());
    return 1;
  }

  hb_blob_t* blob = hb_blob_create_from_file_or_fail(font_path.c_str());
  if (!blob) {
    std::fprintf(stderr, "floor: cannot read %s\n", font_path.c_str());
    return 1;
  }
  hb_face_t* face = hb_face_create(blob, 0);
  hb_font_t* font = hb_font_create(face);
  const double scale = size / hb_face_get_upem(face);
  hb_buffer_t* buf = hb_buffer_create();

  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  const char* name = HPDF_LoadTTFontFromFile(pdf, font_path.c_str(), HPDF_TRUE);
  HPDF_Font pdf_font = name ? HPDF_GetFont(pdf, name, "UTF-8") : nullptr;
  if (!pdf_font) {
    std::fprintf(stderr, "floor: libharu cannot load %s\n", font_path.c_str());
    return 1;
  }

  HPDF_Page page = nullptr;
  double y = 0;
  std::size_t pages = 0;
  for (const auto& document : publication->documents)
    for (const auto& block : document.blocks) {
      std::string text = block.text();
      if (text.empty()) continue;
      hb_buffer_clear_contents(buf);
      hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), 0, -1);
      hb_buffer_guess_segment_properties(buf);
      hb_shape(font, buf, nullptr, 0);
      for (const Line& line : cut(text, buf, scale, measure)) {
        if (!page || y + leading > text_height) {
          if (page) HPDF_Page_EndText(page);
          page = HPDF_AddPage(pdf);
          HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(page_width));
          HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(page_height));
          HPDF_Page_BeginText(page);
          HPDF_Page_SetFontAndSize(page, pdf_font, static_cast<HPDF_REAL>(size));
          y = 0, ++pages;
        }
        y += leading;
        std::string run = text.substr(line.begin, line.end - line.begin);
        HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1, static_cast<HPDF_REAL>(margin_left),
                                static_cast<HPDF_REAL>(page_height - margin_top - y));
        HPDF_Page_ShowText(page, run.c_str());
      }
    }
  if (page) HPDF_Page_EndText(page);
  HPDF_STATUS saved = HPDF_SaveToFile(pdf, output.c_str());
  HPDF_Free(pdf);
  hb_buffer_destroy(buf);
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  if (saved != HPDF_OK) {
    std::fprintf(stderr, "floor: cannot write %s\n", output.c_str());
    return 1;
  }
  std::fprintf(stderr, "floor: wrote %s (%zu pages)\n", output.c_str(), pages);
  return 0;
}
