// The PDF writer: libharu 2.3.0 is the only thing that writes PDF. Fonts are
// embedded as subset TrueType (Type0/CIDFontType2, Identity-H); every glyph is
// placed at the position the page model gives, never re-measured.
#pragma once

#include <optional>
#include <string>

#include "core/diagnostics.h"
#include "page/model.h"

namespace jakpum::render {

struct PdfOptions {
  // Seconds since 1970 for the document dates (SOURCE_DATE_EPOCH); without
  // it the PDF carries no dates, so equal inputs give equal bytes.
  std::optional<long long> source_date_epoch;
};

// The finished PDF as bytes.
Result<std::string> write_pdf(const page::PageModel& model, const PdfOptions& options);

}  // namespace jakpum::render
