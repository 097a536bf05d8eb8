#include "render/pdf/pdf_writer.h"

#include <hpdf.h>
#include <hpdf_doc.h>

#include <cstdio>
#include <ctime>
#include <memory>

namespace jakpum::render {
namespace {

struct HaruError {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* data) {
  auto* e = static_cast<HaruError*>(data);
  if (e->code == HPDF_OK) e->code = code, e->detail = detail;
}

struct DocDeleter {
  void operator()(HPDF_Doc d) const { HPDF_Free(d); }
};
using Doc = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter>;

Diagnostic failure(const HaruError& e, const std::string& what) {
  char buf[96];
  std::snprintf(buf, sizeof buf, " (libharu error 0x%04X, detail %u)", static_cast<unsigned>(e.code),
                static_cast<unsigned>(e.detail));
  return error("", {}, "cannot write the PDF: " + what + buf);
}

// Whitespace and line breaks are not drawn; gaps between glyphs carry them.
bool invisible(const std::string& text) {
  return text.empty() || text == " " || text == "\n" || text == "\t" || text == "\xC2\xA0";
}

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

}  // namespace

Result<std::string> write_pdf(const page::PageModel& model, const PdfOptions& options) {
  HaruError err;
  Doc doc(HPDF_New(on_error, &err));
  if (!doc) return error("", {}, "cannot write the PDF: libharu could not start");
  HPDF_Doc pdf = doc.get();
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");  // info strings and outline titles become UTF-16
  HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");

  // Load only the fonts that some run uses.
  std::vector<bool> used(model.fonts.size(), false);
  for (const auto& p : model.pages)
    for (const auto& r : p.runs)
      if (r.font < used.size()) used[r.font] = true;
  std::vector<HPDF_Font> fonts(model.fonts.size(), nullptr);
  for (std::size_t i = 0; i < model.fonts.size(); ++i) {
    if (!used[i]) continue;
    const char* name = HPDF_LoadTTFontFromFile(pdf, model.fonts[i].path.c_str(), HPDF_TRUE);
    if (name) fonts[i] = HPDF_GetFont(pdf, name, "UTF-8");
    if (!fonts[i] || err.code != HPDF_OK) return failure(err, "cannot embed font " + model.fonts[i].path);
  }

  auto set_info = [&](HPDF_InfoType type, const std::string& value) {
    if (!value.empty()) HPDF_SetInfoAttr(pdf, type, value.c_str());
  };
  set_info(HPDF_INFO_TITLE, model.info.title);
  set_info(HPDF_INFO_AUTHOR, model.info.author);
  set_info(HPDF_INFO_SUBJECT, model.info.subject);
  set_info(HPDF_INFO_CREATOR, model.info.creator);
  set_info(HPDF_INFO_PRODUCER, model.info.creator + " with libharu " HPDF_VERSION_TEXT);
  if (options.source_date_epoch) {
    HPDF_Date d = date_from_epoch(*options.source_date_epoch);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
  }
  if (!model.info.lang.empty())  // PDF 1.7 §14.9.2.1: the document's natural language
    HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, model.info.lang.c_str(), nullptr));
  HPDF_SetPageLayout(pdf, HPDF_PAGE_LAYOUT_TWO_PAGE_RIGHT);
  if (!model.outline.empty()) HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);

  std::vector<HPDF_Page> pages;
  for (const auto& p : model.pages) {
    HPDF_Page page = HPDF_AddPage(pdf);
    pages.push_back(page);
    HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(p.width));
    HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(p.height));
    const double h = p.height;  // the page model's y runs down; PDF's runs up

    for (const auto& r : p.rules) {
      HPDF_Page_SetRGBStroke(page, static_cast<HPDF_REAL>(r.color.r), static_cast<HPDF_REAL>(r.color.g),
                             static_cast<HPDF_REAL>(r.color.b));
      HPDF_Page_SetLineWidth(page, static_cast<HPDF_REAL>(r.thickness));
      HPDF_Page_MoveTo(page, static_cast<HPDF_REAL>(r.x0), static_cast<HPDF_REAL>(h - r.y0));
      HPDF_Page_LineTo(page, static_cast<HPDF_REAL>(r.x1), static_cast<HPDF_REAL>(h - r.y1));
      HPDF_Page_Stroke(page);
    }
    if (p.runs.empty()) continue;
    HPDF_Page_BeginText(page);
    std::uint32_t font = UINT32_MAX;
    Pt size = -1;
    std::optional<Color> color;
    for (const auto& run : p.runs) {
      if (run.font != font || run.size != size) {
        font = run.font, size = run.size;
        HPDF_Page_SetFontAndSize(page, fonts[font], static_cast<HPDF_REAL>(size));
      }
      if (!color || !(*color == run.color)) {
        color = run.color;
        HPDF_Page_SetRGBFill(page, static_cast<HPDF_REAL>(run.color.r), static_cast<HPDF_REAL>(run.color.g),
                             static_cast<HPDF_REAL>(run.color.b));
      }
      // Each glyph gets its own text matrix: libharu reaches glyphs only
      // through code points and would otherwise advance by its own widths.
      for (const auto& g : run.glyphs) {
        if (invisible(g.text)) continue;
        HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1, static_cast<HPDF_REAL>(run.x + g.x),
                                static_cast<HPDF_REAL>(h - (run.y + g.y)));
        HPDF_Page_ShowText(page, g.text.c_str());
      }
    }
    HPDF_Page_EndText(page);
    if (err.code != HPDF_OK) return failure(err, "cannot draw page " + std::to_string(p.number));
  }

  // Outline: each entry nests under the nearest earlier entry of a lower level.
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
  if (err.code != HPDF_OK) return failure(err, "cannot build the outline");

  if (HPDF_SaveToStream(pdf) != HPDF_OK) return failure(err, "cannot save");
  std::string bytes(HPDF_GetStreamSize(pdf), '\0');
  HPDF_UINT32 read = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ResetStream(pdf);
  HPDF_STATUS status = HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
  if (status != HPDF_OK && status != HPDF_STREAM_EOF) return failure(err, "cannot read back the PDF");
  bytes.resize(read);
  return bytes;
}

}  // namespace jakpum::render
