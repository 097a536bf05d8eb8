// Reading inputs by their kind: Markdown (.md), plain text (.txt) or a
// publication manifest (.toml).
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "doc/document.h"

namespace jakpum::doc {

// One document from a file: checks that it is UTF-8, then reads it by
// extension. `-` (standard_stream) is standard input, read as Markdown and
// named `<stdin>` in messages.
Result<Document> read_document(const std::string& path, Diagnostics& diags);
// A document from its bytes, read as the kind its path names (.md or .txt):
// UTF-8 without NUL bytes, and not empty.
Result<Document> parse_document(std::string_view bytes, const std::string& path, Diagnostics& diags);

// Documents in order; a manifest must be the only input.
Result<Publication> read_publication(const std::vector<std::string>& inputs, Diagnostics& diags);

// What messages call standard input, a document's path when read from it.
extern const std::string standard_input_name;

// A title for a document without one: the file name without its extension;
// for standard input, its `name` (the output's, which the program gives it).
std::string fallback_title(const Document& doc);

}  // namespace jakpum::doc
