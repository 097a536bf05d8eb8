// The PDF writer: libharu 2.3.0 writes every object of the file; fonts and
// content streams are our own (fonts.h, content.h), so glyphs are drawn by
// glyph id at the positions the page model gives, never re-measured.
#pragma once

#include <optional>
#include <string>

#include "core/diagnostics.h"
#include "core/files.h"
#include "core/timings.h"
#include "font/library.h"
#include "impose/impose.h"
#include "page/model.h"

namespace jakpum::render {

enum class FontEmbedding {
  subset,   // our own: HarfBuzz subsets, TrueType and CFF, glyph ids, ToUnicode from clusters
  libharu,  // libharu's own TrueType embedding, by code point; kept only to compare against
};

struct PdfOptions {
  // Seconds since 1970 for the document dates (SOURCE_DATE_EPOCH); without
  // it the PDF carries no dates, so equal inputs give equal bytes.
  std::optional<long long> source_date_epoch;
  FontEmbedding fonts = FontEmbedding::subset;
  // How pages go onto sheets, with bleed and marks; single pages by default.
  impose::Params imposition;
  bool pdfa = false;  // PDF/A-1b
  // PDF/X-1a:2003 for the press, with the registered printing condition
  // `condition` as its output intent. It asks for a title and dates: a
  // document without `source_date_epoch` or a title is refused.
  bool pdfx = false;
  std::string condition = "FOGRA39";
  // Fonts are subset, and pages drawn and compressed, on up to this many
  // threads; the bytes written do not depend on it.
  unsigned threads = 1;
  // The faces the model was set from (font i of the model is face i), so the
  // writer measures and subsets them without opening the files again.
  const font::Library* faces = nullptr;
  Timings* timings = nullptr;
};

// Writes the PDF into `sink` as libharu saves it, object by object (a long
// book's file is never whole in memory).
Status write_pdf(const page::PageModel& model, const PdfOptions& options, const ByteSink& sink);

// The finished PDF as bytes.
Result<std::string> write_pdf(const page::PageModel& model, const PdfOptions& options);

}  // namespace jakpum::render
