#include "render/pdf/pdf_writer.h"

#include <ctime>

#include "render/pdf/content.h"
#include "render/pdf/fonts.h"
#include "render/pdf/haru.h"

namespace jakpum::render {
namespace {

HPDF_Date date_from_epoch(long long seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  HPDF_Date d{};
  d.year = tm.tm_year + 1900, d.month = tm.tm_mon + 1, d.day = tm.tm_mday;
  d.hour = tm.tm_hour, d.minutes = tm.tm_min, d.seconds = tm.tm_sec;
  d.ind = 'Z';
  return d;
}

void write_info(HPDF_Doc pdf, const page::PageModel& model, const PdfOptions& options) {
  auto set = [&](HPDF_InfoType type, const std::string& value) {
    if (!value.empty()) HPDF_SetInfoAttr(pdf, type, value.c_str());
  };
  set(HPDF_INFO_TITLE, model.info.title);
  set(HPDF_INFO_AUTHOR, model.info.author);
  set(HPDF_INFO_SUBJECT, model.info.subject);
  set(HPDF_INFO_CREATOR, model.info.creator);
  set(HPDF_INFO_PRODUCER, model.info.creator + " with libharu " HPDF_VERSION_TEXT);
  if (options.source_date_epoch) {
    HPDF_Date d = date_from_epoch(*options.source_date_epoch);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
  }
  if (!model.info.lang.empty())  // PDF 1.7 §14.9.2.1: the document's natural language
    HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, model.info.lang.c_str(), nullptr));
  HPDF_SetPageLayout(pdf, HPDF_PAGE_LAYOUT_TWO_PAGE_RIGHT);
  if (!model.outline.empty()) HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

// Page labels (PDF 1.7 §12.4.2): lower-case roman through the front matter,
// arabic from the first page of the body.
void write_labels(HPDF_Doc pdf, const page::PageModel& model) {
  const bool front = !model.pages.empty() && model.pages.front().part == page::Part::front;
  if (!front) return;  // arabic from 1 is what readers show anyway
  HPDF_AddPageLabel(pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, nullptr);
  for (std::size_t i = 0; i < model.pages.size(); ++i)
    if (model.pages[i].part != page::Part::front) {
      HPDF_AddPageLabel(pdf, static_cast<HPDF_UINT>(i), HPDF_PAGE_NUM_STYLE_DECIMAL, 1, nullptr);
      break;
    }
}

// Each entry nests under the nearest earlier entry of a lower level.
void write_outline(HPDF_Doc pdf, const page::PageModel& model, const std::vector<HPDF_Page>& pages) {
  HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
  std::vector<std::pair<int, HPDF_Outline>> parents;
  for (const auto& e : model.outline) {
    while (!parents.empty() && parents.back().first >= e.level) parents.pop_back();
    HPDF_Outline parent = parents.empty() ? nullptr : parents.back().second;
    HPDF_Outline item = HPDF_CreateOutline(pdf, parent, e.title.c_str(), utf8);
    HPDF_Destination dest = HPDF_Page_CreateDestination(pages[e.page]);
    HPDF_Destination_SetFitH(dest, static_cast<HPDF_REAL>(model.pages[e.page].height - e.y));
    HPDF_Outline_SetDestination(item, dest);
    HPDF_Outline_SetOpened(item, e.level == 1 ? HPDF_TRUE : HPDF_FALSE);
    parents.emplace_back(e.level, item);
  }
}

// libharu's own TrueType embedding: a font per file loaded whole, glyphs
// reached by code point, one text matrix a glyph. Only for comparison.
Status draw_with_haru_fonts(HPDF_Doc pdf, const page::PageModel& model, const std::vector<HPDF_Page>& pages,
                            const haru::ErrorState& err) {
  std::vector<HPDF_Font> fonts(model.fonts.size(), nullptr);
  for (std::size_t i = 0; i < model.pages.size(); ++i) {
    const page::Page& p = model.pages[i];
    HPDF_Page page = pages[i];
    Content rules(p.height);
    for (const auto& r : p.rules) rules.rule(r);
    haru::write_content(page, rules.finish());
    if (p.runs.empty()) continue;
    HPDF_Page_BeginText(page);
    for (const auto& run : p.runs) {
      if (!fonts[run.font]) {
        const char* name = HPDF_LoadTTFontFromFile(pdf, model.fonts[run.font].path.c_str(), HPDF_TRUE);
        if (name) fonts[run.font] = HPDF_GetFont(pdf, name, "UTF-8");
        if (!fonts[run.font]) return haru::failure(err, "libharu cannot embed " + model.fonts[run.font].path);
      }
      HPDF_Page_SetFontAndSize(page, fonts[run.font], static_cast<HPDF_REAL>(run.size));
      Color rgb = run.color.as_rgb();
      HPDF_Page_SetRGBFill(page, static_cast<HPDF_REAL>(rgb.v[0]), static_cast<HPDF_REAL>(rgb.v[1]),
                           static_cast<HPDF_REAL>(rgb.v[2]));
      for (const auto& g : run.glyphs) {
        if (g.text.empty() || g.text == " ") continue;
        HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1, static_cast<HPDF_REAL>(run.x + g.x),
                                static_cast<HPDF_REAL>(p.height - (run.y + g.y)));
        HPDF_Page_ShowText(page, g.text.c_str());
      }
    }
    HPDF_Page_EndText(page);
  }
  return ok();
}

}  // namespace

Result<std::string> write_pdf(const page::PageModel& model, const PdfOptions& options) {
  haru::ErrorState err;
  haru::Doc doc = haru::new_doc(err);
  if (!doc) return error("", {}, "cannot write the PDF: libharu could not start");
  HPDF_Doc pdf = doc.get();
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");  // info strings and outline titles become UTF-16
  write_info(pdf, model, options);

  std::vector<HPDF_Page> pages;
  for (const auto& p : model.pages) {
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(p.width));
    HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(p.height));
    pages.push_back(page);
  }

  if (options.fonts == FontEmbedding::libharu) {
    if (Status s = draw_with_haru_fonts(pdf, model, pages, err); !s) return s.error();
  } else {
    auto fonts = FontSet::prepare(model);
    if (!fonts) return fonts.error();
    if (Status s = fonts->write(pdf); !s) return s.error();
    for (std::size_t i = 0; i < model.pages.size(); ++i) {
      const page::Page& p = model.pages[i];
      Content content(p.height);
      for (const auto& r : p.rules) content.rule(r);
      std::vector<bool> listed(model.fonts.size(), false);
      for (const auto& run : p.runs) {
        const EmbeddedFont* font = fonts->font(run.font);
        if (!listed[run.font]) {
          haru::add_font_resource(pages[i], font->resource.c_str(), font->dict);
          listed[run.font] = true;
        }
        content.text(run, *font);
      }
      haru::write_content(pages[i], content.finish());
    }
  }
  if (err.code != HPDF_OK) return haru::failure(err, "cannot build the pages");
  write_labels(pdf, model);
  write_outline(pdf, model, pages);
  if (err.code != HPDF_OK) return haru::failure(err, "cannot build the outline");

  if (HPDF_SaveToStream(pdf) != HPDF_OK) return haru::failure(err, "cannot save");
  std::string bytes(HPDF_GetStreamSize(pdf), '\0');
  HPDF_UINT32 read = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ResetStream(pdf);
  HPDF_STATUS status = HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
  if (status != HPDF_OK && status != HPDF_STREAM_EOF) return haru::failure(err, "cannot read back the PDF");
  bytes.resize(read);
  return bytes;
}

}  // namespace jakpum::render
