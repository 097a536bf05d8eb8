// CommonMark (md4c) with optional TOML front matter, into the document model.
#pragma once

#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "doc/document.h"

namespace jakpum::doc {

// Pull quotes are block quotes whose first line is `[!pullquote]`:
//
//   > [!pullquote]
//   > 나는 부속품이 아니다.
//
// Any Markdown viewer still shows them as quotations. Code blocks are kept as
// written (tabs as spaces to stops of four); inline code is marked; an image
// alone on its paragraph is a figure, any other is set as its description
// with a warning; pipe tables keep their rows, cells and alignment. Raw HTML
// (but <br>) is kept as plain text with a warning naming its line. Without a front matter title, a document that opens
// with its only `#` heading takes that heading as its title.
Result<Document> read_markdown(std::string_view text, const std::string& path, Diagnostics& diags);

// Points each link from one document of a publication to another
// (`b.md#서론`, `../b.md`, relative to the linking document) at that
// document's heading, or at its title (else its first heading) when the link
// names none: its address becomes `#N#anchor`, document N of the
// publication. A link that names no heading of the document it leads to is
// warned of and left out; an address that is no document of the publication
// stays a relative URI.
void link_documents(Publication& publication, Diagnostics& diags);

}  // namespace jakpum::doc
