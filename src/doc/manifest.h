// Publication manifests: a TOML file naming the documents of one PDF, which
// is set as a book: cover, contents, the documents, colophon.
//
//   title = "일과 경험"          # the publication's title
//   subtitle = "두 편의 에세이"   # optional
//   author = "…"                 # optional, string or list
//   editor = "…"                 # optional, string or list
//   date = 2026-11-22            # optional, a date or a string
//   identifier = "ISBN …"        # optional, as written
//   layout = "booklet-a5"        # a layout name, or a path relative to this file
//   documents = ["a.md", "b.txt"] # relative to this file, in order
//   cover = true                 # false leaves out the cover page
//   contents = true              # ... the table of contents
//   colophon = true              # ... the colophon
#pragma once

#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "doc/document.h"

namespace jakpum::doc {

// Reads the manifest and every document it names.
Result<Publication> read_manifest(std::string_view text, const std::string& path, Diagnostics& diags);

}  // namespace jakpum::doc
