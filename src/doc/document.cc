#include "doc/document.h"

namespace jakpum::doc {

std::string Block::text() const {
  std::string out;
  for (const auto& span : spans) out += span.text;
  return out;
}

const char* to_string(BlockKind kind) {
  switch (kind) {
    case BlockKind::heading: return "heading";
    case BlockKind::paragraph: return "paragraph";
    case BlockKind::blockquote: return "blockquote";
    case BlockKind::pullquote: return "pullquote";
    case BlockKind::list_item: return "list-item";
    case BlockKind::credit: return "credit";
    case BlockKind::section_break: return "section-break";
  }
  return "?";
}

}  // namespace jakpum::doc
