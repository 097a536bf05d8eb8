// TOML front matter between `+++` lines at the top of a Markdown file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "doc/document.h"

namespace jakpum::doc {

struct FrontMatter {
  Meta meta;
  std::size_t body_offset = 0;  // where the Markdown body starts, in bytes
};

// Reads the front matter if `text` has one; `text` is the whole file (a UTF-8
// byte order mark, if any, is skipped). Keys: title, subtitle, author (string or
// list), source, date, lang, copyright.
Result<FrontMatter> read_front_matter(std::string_view text, const std::string& path);

}  // namespace jakpum::doc
