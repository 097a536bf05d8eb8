#include "doc/document.h"

#include <cctype>

namespace jakpum::doc {

std::string Block::text() const {
  std::string out;
  for (const auto& span : spans) out += span.text;
  return out;
}

std::string anchor_of(std::string_view heading) {
  std::string out;
  for (std::size_t i = 0; i < heading.size();) {
    const auto lead = static_cast<unsigned char>(heading[i]);
    const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::string_view ch = heading.substr(i, n);
    i += n;
    if (n == 1) {
      if (std::isalnum(lead) || lead == '-' || lead == '_') out += static_cast<char>(std::tolower(lead));
      else if (lead == ' ') out += '-';
      continue;
    }
    // Punctuation and symbols outside ASCII: Latin-1's (« » · © ×), general
    // punctuation (dashes, quotes, …), CJK's (「」『』《》、。) and full-width forms'.
    char32_t c = static_cast<char32_t>(lead & (0xFF >> (n + 1)));
    for (std::size_t k = 1; k < ch.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(ch[k]) & 0x3F);
    const bool symbol = (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
                        (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
                        (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
    if (!symbol) out += ch;
  }
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
