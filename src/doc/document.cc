#include "doc/document.h"

#include <unicode/utf8.h>

#include <cctype>
#include <cstdint>
#include <map>
#include <optional>

#include "core/utf8.h"

namespace jakpum::doc {

std::optional<std::vector<std::pair<std::string, Position>>> folded_spaces(std::string_view text, Position at,
                                                                           bool after_space) {
  auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  // Most text has nothing to fold, a single space between words: looked for
  // in one pass without a branch (a run is two spaces, or a tab).
  unsigned char run = after_space && !text.empty() && is_space(text.front());
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    run |= static_cast<unsigned char>(int{text[i] == '\t'} | (int{text[i] == ' '} & int{text[i + 1] == ' '}));
  if (!run && !text.ends_with('\t')) return std::nullopt;
  std::vector<std::pair<std::string, Position>> out;
  std::size_t from = 0;  // the start of the piece being read
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_space(text[i])) continue;
    std::size_t end = i;
    while (end < text.size() && is_space(text[end])) ++end;
    const bool space_before = i == 0 && after_space;
    if (end - i == 1 && text[i] == ' ' && !space_before) continue;  // one space, as it is
    std::string piece(text.substr(from, i - from));
    if (!space_before) piece += ' ';
    if (!piece.empty()) out.emplace_back(std::move(piece), at);
    at = advanced(at, text.substr(from, end - from));
    from = end;
    i = end - 1;
  }
  if (from == 0) return std::nullopt;
  if (from < text.size()) out.emplace_back(std::string(text.substr(from)), at);
  return out;
}

std::size_t typed_indent(std::string_view text) {
  constexpr std::string_view wide = "\u3000";
  std::size_t at = 0;
  while (at < text.size())
    if (text[at] == ' ' || text[at] == '\t')
      ++at;
    else if (text.substr(at).starts_with(wide))
      at += wide.size();
    else
      break;
  return at;
}

bool reads_as_ornament(std::string_view text) {
  static constexpr std::u32string_view marks =
      U"*-_=~+#\u00B7\u2022\u2042\u204E\u2051\u2055\u203B\u00A7\u25A0\u25A1\u25C6\u25C7\u25C8\u25CB\u25CF"
      U"\u25CE\u2605\u2606\u2666\u2662\u2756\u2731\u2732\u2733\u273B\u274B\u2740\u273F\u2766\u2767\u2619"
      U"\uFF0A\uFF0D\uFF3F\uFF1D\uFF5E";
  bool seen = false;
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {  // most paragraphs stop at their first letter
    UChar32 c = 0;
    U8_NEXT(text.data(), i, n, c);
    if (c == ' ' || c == '\t' || c == 0x00A0 || c == 0x3000) continue;
    if (c < 0 || marks.find(static_cast<char32_t>(c)) == std::u32string_view::npos) return false;
    seen = true;
  }
  return seen;
}

std::vector<Span> plain_spans(std::vector<Span> spans) {
  for (Span& s : spans) s.flags &= note | superscript | subscript, s.link.clear();
  return spans;
}

std::string Block::text() const {
  std::string out;
  for (const auto& span : spans)
    if (!(span.flags & note)) out += span.text;
  return out;
}

std::string anchor_of(std::string_view heading) {
  std::string out;
  const auto* s = reinterpret_cast<const std::uint8_t*>(heading.data());
  const auto n = static_cast<std::int32_t>(heading.size());
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && c < 0x80) {
      if (std::isalnum(c) || c == '-' || c == '_') out += static_cast<char>(std::tolower(c));
      else if (c == ' ') out += '-';
      continue;
    }
    // Punctuation and symbols outside ASCII: Latin-1's (« » · © ×), general
    // punctuation (dashes, quotes, …), CJK's (「」『』《》、。) and full-width forms'.
    const bool symbol = (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
                        (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
                        (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
    if (!symbol) out.append(heading.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(i - at)));
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
    case BlockKind::code: return "code";
    case BlockKind::figure: return "figure";
    case BlockKind::table: return "table";
    case BlockKind::note: return "note";
    case BlockKind::section_break: return "section-break";
  }
  return "?";
}

void name_anchors(Document& doc) {
  std::map<std::string, int> seen;
  auto name = [&](const std::string& text) {
    std::string anchor = anchor_of(text);
    int n = seen[anchor]++;
    if (n > 0) {
      anchor += "-" + std::to_string(n);
      ++seen[anchor];
    }
    return anchor;
  };
  // An anchor the writer gave (Pandoc's `{#id}`) is kept, and no other
  // is named so.
  if (!doc.meta.anchor.empty()) ++seen[doc.meta.anchor];
  for (const Block& b : doc.blocks)
    if (b.kind == BlockKind::heading && !b.anchor.empty()) ++seen[b.anchor];
  if (!doc.meta.title.empty() && doc.meta.anchor.empty()) doc.meta.anchor = name(doc.meta.title);
  for (Block& b : doc.blocks)
    if (b.kind == BlockKind::heading && b.anchor.empty()) b.anchor = name(b.text());
}

}  // namespace jakpum::doc
