// Plain text into the document model, with headings inferred.
#pragma once

#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "doc/document.h"

namespace jakpum::doc {

// Paragraphs are one a line, or, when the file separates them by blank lines,
// the lines between blank lines joined. The first line is the title when it
// reads as a heading. A short line reads as a heading when it lacks closing
// punctuation or opens with a section number ("1.", "IV.", "제3장"). A last line
// naming a copyright ("©", "저작권자", "Copyright") is the document's credit.
Result<Document> read_plain_text(std::string_view text, const std::string& path);

// The heading test above, for one line of text.
bool reads_as_heading(std::string_view line);

}  // namespace jakpum::doc
