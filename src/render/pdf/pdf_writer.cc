#include "render/pdf/pdf_writer.h"

#include <cstdio>
#include <ctime>

#include "core/parallel.h"
#include "core/utf8.h"
#include "image/image.h"
#include "render/pdf/content.h"
#include "render/pdf/fonts.h"
#include "render/pdf/haru.h"
#include "render/pdf/conformance.h"

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

// A text string (PDF 1.7 §7.9.2.2): UTF-16BE after a byte order mark,
// written in hex. (libharu's UTF-8 encoder does the same for strings given
// to it, from tables of a quarter of a megabyte it fills for each document.)
HPDF_Binary text_string(HPDF_MMgr mm, const std::string& utf8) {
  std::vector<HPDF_BYTE> bytes;
  for (char16_t unit : u"\uFEFF" + utf16(utf8))
    bytes.push_back(static_cast<HPDF_BYTE>(unit >> 8)), bytes.push_back(static_cast<HPDF_BYTE>(unit & 0xFF));
  return HPDF_Binary_New(mm, bytes.data(), static_cast<HPDF_UINT>(bytes.size()));
}

void write_info(HPDF_Doc pdf, const page::PageModel& model, const PdfOptions& options) {
  // The information dictionary, as libharu makes it (the trailer's /Info).
  if (!pdf->info) {
    pdf->info = HPDF_Dict_New(pdf->mmgr);
    HPDF_Xref_Add(pdf->xref, pdf->info);
    HPDF_Dict_Add(pdf->trailer, "Info", pdf->info);
  }
  auto set = [&](const char* key, const std::string& value) {
    if (!value.empty()) HPDF_Dict_Add(pdf->info, key, text_string(pdf->mmgr, value));
  };
  set("Title", model.info.title);
  set("Author", model.info.author);
  set("Subject", model.info.subject);
  set("Creator", model.info.creator);
  set("Producer", model.info.creator + " with libharu " HPDF_VERSION_TEXT);
  if (options.source_date_epoch) {
    HPDF_Date d = date_from_epoch(*options.source_date_epoch);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
  }
  if (!model.info.lang.empty())  // PDF 1.7 §14.9.2.1: the document's natural language
    HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, model.info.lang.c_str(), nullptr));
  // Facing pages side by side, the first alone; the standards' PDF 1.4 has
  // no TwoPageRight (PDF 1.5), only its scrolling form.
  const bool pdf14 = options.pdfa || options.pdfx;
  HPDF_SetPageLayout(pdf, pdf14 ? HPDF_PAGE_LAYOUT_TWO_COLUMN_RIGHT : HPDF_PAGE_LAYOUT_TWO_PAGE_RIGHT);
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

// A link annotation (PDF 1.7 §12.5.6.5) over each link area, on the sheet
// that shows its page, moved and scaled with the page: no border, and the
// print flag that PDF/A asks of every annotation. `locate` is as for the
// outline, for links within the document.
template <class Locate>
void write_links(const page::PageModel& model, const impose::Imposed& imposed, const std::vector<HPDF_Page>& sheets,
                 Locate locate) {
  for (std::size_t k = 0; k < imposed.sheets.size(); ++k) {
    const impose::Sheet& sheet = imposed.sheets[k];
    for (const auto& pl : sheet.placements) {
      if (pl.blank) continue;
      for (const page::LinkArea& link : model.pages[pl.page].links) {
        const auto sheet_x = [&](Pt x) { return static_cast<HPDF_REAL>(pl.dx + x * pl.scale); };
        const auto sheet_y = [&](Pt y) { return static_cast<HPDF_REAL>(sheet.height - (pl.dy + y * pl.scale)); };
        HPDF_Rect rect{sheet_x(link.x), sheet_y(link.y + link.height), sheet_x(link.x + link.width), sheet_y(link.y)};
        HPDF_Annotation annot = nullptr;
        if (!link.address.empty()) {
          annot = HPDF_Page_CreateURILinkAnnot(sheets[k], rect, link.address.c_str());
        } else if (link.page < model.pages.size()) {
          auto [page, top] = locate(link.page, link.page_y);
          HPDF_Destination dest = HPDF_Page_CreateDestination(page);
          HPDF_Destination_SetFitH(dest, static_cast<HPDF_REAL>(top));
          annot = HPDF_Page_CreateLinkAnnot(sheets[k], rect, dest);
        } else {
          continue;  // it leads nowhere: its text stands without it
        }
        if (!annot) return;  // the error is libharu's, reported with the outline
        HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
        HPDF_Dict_AddNumber(annot, "F", 4);
      }
    }
  }
}

// Each entry nests under the nearest earlier entry of a lower level; `locate`
// gives the PDF page and height (y up) of a page-model page and y.
template <class Locate>
void write_outline(HPDF_Doc pdf, const page::PageModel& model, Locate locate) {
  std::vector<std::pair<int, HPDF_Outline>> parents;
  for (const auto& e : model.outline) {
    while (!parents.empty() && parents.back().first >= e.level) parents.pop_back();
    HPDF_Outline parent = parents.empty() ? nullptr : parents.back().second;
    HPDF_Outline item = HPDF_CreateOutline(pdf, parent, "", nullptr);
    HPDF_Dict_Add(item, "Title", text_string(pdf->mmgr, e.title));
    auto [page, top] = locate(e.page, e.y);
    HPDF_Destination dest = HPDF_Page_CreateDestination(page);
    HPDF_Destination_SetFitH(dest, static_cast<HPDF_REAL>(top));
    HPDF_Outline_SetDestination(item, dest);
    HPDF_Outline_SetOpened(item, e.level == 1 ? HPDF_TRUE : HPDF_FALSE);
    parents.emplace_back(e.level, item);
  }
}

// libharu's own TrueType embedding: a font per file loaded whole, glyphs
// reached by code point, one text matrix a glyph. Only for comparison.
Status draw_with_haru_fonts(HPDF_Doc pdf, const page::PageModel& model, const std::vector<HPDF_Page>& pages,
                            const haru::ErrorState& err) {
  HPDF_UseUTFEncodings(pdf);  // its fonts take UTF-8 text
  std::vector<HPDF_Font> fonts(model.fonts.size(), nullptr);
  for (std::size_t i = 0; i < model.pages.size(); ++i) {
    const page::Page& p = model.pages[i];
    HPDF_Page page = pages[i];
    Content rules(p.height);
    for (const auto& r : p.rules) rules.rule(r);
    haru::write_content(page, rules.finish());  // libharu compresses it with what follows
    if (p.runs.empty()) continue;
    HPDF_Page_BeginText(page);
    for (const auto& run : p.runs) {
      if (!fonts[run.font]) {
        const page::FontFile& file = model.fonts[run.font];
        if (file.cff || file.index != 0)
          return error(file.path, {},
                       std::string("libharu's embedding takes TrueType files only, not ") +
                           (file.cff ? "OpenType CFF fonts" : "faces of collections"),
                       "use a TrueType font such as fonts/NanumMyeongjo.ttf, or leave --font-embedding at subset");
        const char* name = HPDF_LoadTTFontFromFile(pdf, model.fonts[run.font].path.c_str(), HPDF_TRUE);
        if (name) fonts[run.font] = HPDF_GetFont(pdf, name, "UTF-8");
        if (!fonts[run.font]) return haru::failure(err, "libharu cannot embed " + model.fonts[run.font].path);
      }
      HPDF_Page_SetFontAndSize(page, fonts[run.font], static_cast<HPDF_REAL>(run.size));
      Color rgb = run.color.as_rgb();
      HPDF_Page_SetRGBFill(page, static_cast<HPDF_REAL>(rgb.v[0]), static_cast<HPDF_REAL>(rgb.v[1]),
                           static_cast<HPDF_REAL>(rgb.v[2]));
      for (const auto& g : run.glyphs) {
        // libharu draws characters, not glyphs, and keeps no text apart from
        // them: a straight quote is drawn as the author wrote it, a word's
        // hyphen at a line's end as a hyphen.
        std::string text(g.hyphen ? std::string_view("-") : run.written_of(g));
        if (text.empty() || text == " ") continue;
        HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1, static_cast<HPDF_REAL>(run.x + g.x),
                                static_cast<HPDF_REAL>(p.height - (run.y + g.y)));
        HPDF_Page_ShowText(page, text.c_str());
      }
    }
    HPDF_Page_EndText(page);
  }
  return ok();
}

// The operators that draw a page, registering the fonts it uses in `fonts_used`.
// The name an image goes by in a page's resources.
std::string image_name(std::uint32_t image) { return "Im" + std::to_string(image); }

std::string page_operators(const page::Page& p, const FontSet& fonts, std::vector<bool>& fonts_used, ColorModel colors) {
  Content content(p.height, colors);
  for (const auto& r : p.rules) content.rule(r);
  for (const auto& im : p.images) content.image(image_name(im.image), im);
  for (const auto& run : p.runs) {
    fonts_used[run.font] = true;
    content.text(run, *fonts.font(run.font));
  }
  return content.finish();
}

HPDF_Dict font_resources(HPDF_Doc pdf, const FontSet& fonts, const std::vector<bool>& used) {
  HPDF_Dict dict = HPDF_Dict_New(pdf->mmgr);
  for (std::uint32_t f = 0; f < used.size(); ++f)
    if (used[f]) HPDF_Dict_Add(dict, fonts.font(f)->resource.c_str(), fonts.font(f)->dict);
  return dict;
}

// Every image of the pages into the document, once each: a JPEG as it is, a
// PNG decoded and compressed again by libharu. `colors` says what a
// standard allows.
Result<std::vector<HPDF_Image>> load_images(HPDF_Doc pdf, const page::PageModel& model, haru::ErrorState& err,
                                            ColorModel colors) {
  const bool pdfa = colors == ColorModel::rgb, pdfx = colors == ColorModel::cmyk;
  std::vector<HPDF_Image> out;
  for (const page::ImageFile& f : model.images) {
    // What a standard does not allow of an image is an error at the figure
    // that shows it (at the file, for a page model made without one).
    auto refused = [&](const char* standard, const std::string& why, const char* hint) {
      const std::string message = std::string("cannot write ") + standard + ": ";
      if (f.document.empty()) return error(f.path, {}, message + "the image " + why, hint);
      return error(f.document, f.at, message + "image `" + f.name + "` " + why, hint);
    };
    // PDF/A-1's colours are those of its sRGB output intent (ISO 19005-1
    // §6.2.3), which CMYK ink is not.
    if (pdfa && f.cmyk) return refused("PDF/A-1", "is in CMYK, and the PDF/A output intent is sRGB", "save it in RGB");
    // PDF/X-1a (ISO 15930-4) takes ink and grey only: an RGB image (a PNG
    // with a palette among them) would be separated by whatever the press's
    // RIP guesses.
    if (pdfx && !f.cmyk && !f.grey)
      return refused("PDF/X-1a", "is in RGB, and PDF/X-1a takes CMYK or grey only",
                     "convert it to CMYK for the printing condition (or to greyscale), or leave pdfx off");
    if (f.jpeg) {  // its DCT data go in as they are
      HPDF_Image image = HPDF_LoadJpegImageFromFile(pdf, f.path.c_str());
      if (!image) {
        Diagnostic d = haru::failure(err, "cannot embed image");
        d.path = f.path;
        return d;
      }
      out.push_back(image);
      continue;
    }
    // A PNG is decoded by libpng (libharu's own reader fails on interlaced
    // files, and keeps 16 bits, which PDF 1.4 and so PDF/A-1 do not have),
    // and its samples, 8 bits each, compressed as every other stream is.
    auto pixels = image::decode_png(f.path);
    if (!pixels && f.document.empty()) return pixels.error();
    if (!pixels)
      return error(f.document, f.at, "cannot use image `" + f.name + "`: " + pixels.error().message,
                   "it may be cut short or damaged: save it again");
    // PDF/A-1 (§6.4) allows no soft mask, which is how a PNG's transparency comes in.
    if ((pdfa || pdfx) && !pixels->alpha.empty())
      return refused(pdfa ? "PDF/A-1" : "PDF/X-1a",
                     std::string("is transparent, which ") + (pdfa ? "PDF/A-1" : "PDF/X-1a") + " does not allow",
                     "flatten it onto a background and save it again");
    auto image_stream = [&](const std::string& samples, bool color) {
      HPDF_Dict image = haru::new_stream(pdf, haru::deflate(samples));
      HPDF_Dict_AddName(image, "Type", "XObject");
      HPDF_Dict_AddName(image, "Subtype", "Image");
      HPDF_Dict_AddNumber(image, "Width", pixels->width);
      HPDF_Dict_AddNumber(image, "Height", pixels->height);
      HPDF_Dict_AddName(image, "ColorSpace", color ? "DeviceRGB" : "DeviceGray");
      HPDF_Dict_AddNumber(image, "BitsPerComponent", 8);
      return image;
    };
    HPDF_Dict image = image_stream(pixels->samples, pixels->color);
    if (!pixels->alpha.empty()) HPDF_Dict_Add(image, "SMask", image_stream(pixels->alpha, false));
    out.push_back(image);
  }
  return out;
}

// A box in sheet coordinates (top-left, y down) as a PDF rectangle.
HPDF_Array pdf_box(HPDF_Doc pdf, const impose::Box& b, Pt sheet_height) {
  HPDF_Box box{static_cast<HPDF_REAL>(b.x), static_cast<HPDF_REAL>(sheet_height - b.y - b.height),
               static_cast<HPDF_REAL>(b.x + b.width), static_cast<HPDF_REAL>(sheet_height - b.y)};
  return HPDF_Box_Array_New(pdf->mmgr, box);
}

// A new document with its information and one page a sheet; PDF 1.7
// §14.11.2: MediaBox, BleedBox and TrimBox on each.
haru::Doc start_document(const page::PageModel& model, const PdfOptions& options, const impose::Imposed& imposed,
                         haru::ErrorState& err, std::vector<HPDF_Page>& sheets) {
  haru::Doc doc = haru::new_doc(err);
  if (!doc) return doc;
  HPDF_Doc pdf = doc.get();
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  write_info(pdf, model, options);
  for (const auto& sheet : imposed.sheets) {
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(sheet.width));
    HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(sheet.height));
    HPDF_Dict_Add(page, "BleedBox", pdf_box(pdf, sheet.bleed, sheet.height));
    HPDF_Dict_Add(page, "TrimBox", pdf_box(pdf, sheet.trim, sheet.height));
    sheets.push_back(page);
  }
  return doc;
}

// What a standard asks that the options or the document do not give.
Status check_standard(const page::PageModel& model, const PdfOptions& options) {
  if (!options.pdfx) return ok();
  if (options.pdfa)
    return error("", {}, "cannot write PDF/A-1 and PDF/X-1a at once: their output intents differ (sRGB, CMYK inks)",
                 "choose one");
  if (options.fonts == FontEmbedding::libharu)
    return error("", {}, "libharu's font embedding draws in RGB, which PDF/X-1a does not allow",
                 "leave --font-embedding at subset");
  if (!style::find_condition(options.condition))
    return error("", {}, "unknown printing condition `" + options.condition + "` for PDF/X-1a",
                 "name one registered with the ICC: " + style::condition_names());
  if (model.info.title.empty())
    return error("", {}, "cannot write PDF/X-1a: the document has no title", "give it `title` in its front matter");
  if (!options.source_date_epoch) return error("", {}, "cannot write PDF/X-1a: it needs a date, and none was given");
  return ok();
}

}  // namespace

Status write_pdf(const page::PageModel& model, const PdfOptions& options, const ByteSink& sink) {
  if (Status s = check_standard(model, options); !s) return s;
  const ColorModel colors = options.pdfa ? ColorModel::rgb : options.pdfx ? ColorModel::cmyk : ColorModel::as_given;
  auto imposed = impose::impose(model, options.imposition);
  if (!imposed) return error("", {}, "cannot impose: " + imposed.error().message, imposed.error().hint);
  const bool flat = imposed->flat();

  haru::ErrorState err;
  haru::Doc doc;
  std::vector<HPDF_Page> sheets;
  const auto started = [&] { return doc ? ok() : error("", {}, "cannot write the PDF: libharu could not start"); };
  if (options.fonts == FontEmbedding::libharu) {
    if (!flat) return error("", {}, "libharu's font embedding draws single pages only, not imposed sheets");
    if (!model.images.empty())
      return error("", {}, "libharu's font embedding draws text only, not figures", "leave --font-embedding at subset");
    doc = start_document(model, options, *imposed, err, sheets);
    if (Status s = started(); !s) return s;
    if (Status s = draw_with_haru_fonts(doc.get(), model, sheets, err); !s) return s.error();
  } else {
    std::optional<FontSet> fonts;
    {
      Stopwatch t(options.timings ? &options.timings->fonts : nullptr);
      auto measured = FontSet::measure(model, options.threads, options.faces);
      if (!measured) return measured.error();
      fonts.emplace(std::move(*measured));
    }
    // Side by side: the fonts' subsets (the longest tasks, first), libharu's
    // document and its pages (after the first font), and every page's
    // operators, compressed. Then into libharu in order. Stage times are
    // summed over the threads, as the tasks overlap.
    // Tasks: the first font, libharu's document, the other fonts, the pages.
    const std::size_t font_tasks = fonts->used_count();
    const std::size_t start_task = std::min<std::size_t>(1, font_tasks);
    const std::size_t first_page_task = font_tasks + 1;
    std::vector<haru::Flate> contents(model.pages.size());
    std::vector<std::vector<bool>> used(model.pages.size(), std::vector<bool>(model.fonts.size(), false));
    std::vector<std::optional<Diagnostic>> failures(font_tasks);
    std::vector<Timings> worker_times(std::max(1u, options.threads));
    parallel_for_workers(first_page_task + model.pages.size(), options.threads, [&](std::size_t i, unsigned worker) {
      if (i == start_task) {
        doc = start_document(model, options, *imposed, err, sheets);
        return;
      }
      if (i < first_page_task) {
        const std::size_t k = i < start_task ? i : i - 1;
        Stopwatch t(&worker_times[worker].fonts);
        if (Status s = fonts->subset(k); !s) failures[k] = s.error();
        return;
      }
      Stopwatch t(&worker_times[worker].pages);
      const std::size_t page = i - first_page_task;
      contents[page] = haru::deflate(page_operators(model.pages[page], *fonts, used[page], colors));
    });
    if (options.timings)
      for (const Timings& t : worker_times) options.timings->add(t);
    if (Status s = started(); !s) return s;
    for (const auto& f : failures)
      if (f) return *f;
    HPDF_Doc pdf = doc.get();
    if (Status s = fonts->write(pdf); !s) return s.error();
    auto images = load_images(pdf, model, err, colors);
    if (!images) return images.error();
    Stopwatch pages_time(options.timings ? &options.timings->pages : nullptr);  // into libharu
    if (flat) {
      for (std::size_t i = 0; i < model.pages.size(); ++i) {
        for (std::uint32_t f = 0; f < model.fonts.size(); ++f)
          if (used[i][f]) haru::add_font_resource(sheets[i], fonts->font(f)->resource.c_str(), fonts->font(f)->dict);
        for (const auto& im : model.pages[i].images)
          haru::add_resource(sheets[i], "XObject", image_name(im.image).c_str(), (*images)[im.image]);
        haru::set_content(sheets[i], std::move(contents[i]));
      }
    } else {
      // Each page becomes a form XObject (PDF 1.7 §8.10) that sheets draw
      // through a transform: the page as set, moved and scaled, never re-set.
      std::vector<HPDF_Dict> forms(model.pages.size(), nullptr);
      auto form = [&](std::size_t i) {
        if (forms[i]) return forms[i];
        const page::Page& p = model.pages[i];
        HPDF_Dict f = haru::new_stream(pdf, std::move(contents[i]));
        HPDF_Dict_AddName(f, "Type", "XObject");
        HPDF_Dict_AddName(f, "Subtype", "Form");
        HPDF_Dict_Add(f, "BBox", HPDF_Box_Array_New(pdf->mmgr, HPDF_Box{0, 0, static_cast<HPDF_REAL>(p.width),
                                                                          static_cast<HPDF_REAL>(p.height)}));
        HPDF_Dict resources = HPDF_Dict_New(pdf->mmgr);
        HPDF_Dict_Add(resources, "Font", font_resources(pdf, *fonts, used[i]));
        if (!p.images.empty()) {
          HPDF_Dict xobjects = HPDF_Dict_New(pdf->mmgr);
          for (const auto& im : p.images)
            if (!HPDF_Dict_GetItem(xobjects, image_name(im.image).c_str(), HPDF_OCLASS_DICT))
              HPDF_Dict_Add(xobjects, image_name(im.image).c_str(), (*images)[im.image]);
          HPDF_Dict_Add(resources, "XObject", xobjects);
        }
        HPDF_Dict_Add(f, "Resources", resources);
        return forms[i] = f;
      };
      for (std::size_t k = 0; k < imposed->sheets.size(); ++k) {
        const impose::Sheet& sheet = imposed->sheets[k];
        std::string operators;
        for (const auto& pl : sheet.placements) {
          if (pl.blank) continue;
          const page::Page& p = model.pages[pl.page];
          std::string name = "P" + std::to_string(pl.page);
          haru::add_resource(sheets[k], "XObject", name.c_str(), form(pl.page));
          // Scales carry six decimals: three would move a glyph 0.1 pt across a page.
          operators += "q " + Content::number(pl.scale, 6) + " 0 0 " + Content::number(pl.scale, 6) + " " +
                       Content::number(pl.dx) + " " + Content::number(sheet.height - pl.dy - p.height * pl.scale) +
                       " cm /" + name + " Do Q\n";
        }
        Content marks(sheet.height, colors);
        for (const auto& m : sheet.marks) marks.rule(m);
        haru::set_content(sheets[k], haru::deflate(operators + marks.finish()));
      }
    }
  }
  HPDF_Doc pdf = doc.get();
  if (err.code != HPDF_OK) return haru::failure(err, "cannot build the pages");
  if (flat) write_labels(pdf, model);

  // The outline points at the sheet that shows each page, at its place there.
  std::vector<std::pair<std::size_t, const impose::Placement*>> where(model.pages.size(), {0, nullptr});
  for (std::size_t k = 0; k < imposed->sheets.size(); ++k)
    for (const auto& pl : imposed->sheets[k].placements)
      if (!pl.blank && !where[pl.page].second) where[pl.page] = {k, &pl};
  auto locate = [&](std::size_t page, Pt y) {
    const auto& [k, pl] = where[page];
    const impose::Sheet& sheet = imposed->sheets[k];
    return std::make_pair(sheets[k], pl ? sheet.height - (pl->dy + y * pl->scale) : sheet.height - y);
  };
  write_outline(pdf, model, locate);
  // PDF/X-1a allows no annotation inside the trim (ISO 15930-4): the file
  // goes to the press; readers get the one written without it.
  if (!options.pdfx) write_links(model, *imposed, sheets, locate);
  if (err.code != HPDF_OK) return haru::failure(err, "cannot build the outline and links");

  // A standard's file ID comes from what the document says, so equal inputs
  // give equal files.
  auto id_seed = [&] {
    std::string seed = model.info.title + '\n' + model.info.author + '\n' + std::to_string(model.pages.size());
    for (const auto& p : model.pages)
      for (const auto& r : p.runs)
        seed += r.text;
    return seed;
  };
  if (options.pdfx) {
    if (Status s = make_pdfx(pdf, *style::find_condition(options.condition), id_seed()); !s) return s.error();
    if (err.code != HPDF_OK) return haru::failure(err, "cannot write the PDF/X parts");
  }
  if (options.pdfa) {
    std::string seed = id_seed();
    std::string date;
    if (options.source_date_epoch) {
      HPDF_Date d = date_from_epoch(*options.source_date_epoch);
      char buf[80];  // room for any int fields, so nothing is cut
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day, d.hour, d.minutes, d.seconds);
      date = buf;
    }
    if (Status s = make_pdfa(pdf, model.info, date, seed); !s) return s.error();
    if (err.code != HPDF_OK) return haru::failure(err, "cannot write the PDF/A parts");
  }

  Stopwatch save_time(options.timings ? &options.timings->save : nullptr);
  if (!haru::save(pdf, sink)) return haru::failure(err, "cannot save");
  return ok();
}

Result<std::string> write_pdf(const page::PageModel& model, const PdfOptions& options) {
  std::string bytes;
  if (Status s = write_pdf(model, options, [&](std::string_view b) { return bytes.append(b), true; }); !s)
    return s.error();
  return bytes;
}

}  // namespace jakpum::render
