// Front matter at the top of a Markdown file: TOML between `+++` lines, or
// YAML between `---` lines (and `---` or `...`) as other tools write it.
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
// list), source, date, lang, copyright. In TOML another key is an error; in
// YAML, written for other tools too, it is left out, with a warning in
// `diags` unless it is one of theirs that says nothing of print (`tags`,
// `aliases`, ...), and `authors` is read as `author`. A `---` block that
// is no YAML mapping, or one of Korean with a colon and no key front matter
// has (`시간: 오후 세 시`), is Markdown's rule and what follows it.
Result<FrontMatter> read_front_matter(std::string_view text, const std::string& path, Diagnostics& diags);

}  // namespace jakpum::doc
