#include "core/utf8.h"

#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace jakpum {

std::string described(char32_t c) { return described(std::u32string_view(&c, 1)); }

std::string described(std::u32string_view chars) {
  std::string codes;
  for (char32_t c : chars) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X ", static_cast<unsigned>(c));
    codes += code;
  }
  return codes + "'" + utf8(chars) + "'";
}

std::string utf8(std::u32string_view chars) {
  std::string out;
  for (char32_t c : chars) {
    char bytes[U8_MAX_LENGTH] = {};
    int32_t n = 0;
    U8_APPEND_UNSAFE(bytes, n, c);
    out.append(bytes, static_cast<std::size_t>(n));
  }
  return out;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::nullopt;
}

std::size_t count_code_points(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  std::size_t n = 0;
  for (int32_t i = 0; i < length; ++n) U8_FWD_1(s, i, length);
  return n;
}

Position advanced(Position from, std::string_view text) {
  if (const void* last = memrchr(text.data(), '\n', text.size())) {
    const std::size_t after = static_cast<std::size_t>(static_cast<const char*>(last) - text.data()) + 1;
    from.line += static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(after), '\n'));
    from.column = 1;
    text.remove_prefix(after);
  }
  // A character's first byte is any but a continuation byte (10xxxxxx).
  from.column += static_cast<int>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  return from;
}

std::u32string code_points(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  std::u32string out;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    out += static_cast<char32_t>(c < 0 ? 0xFFFD : c);
  }
  return out;
}

std::u16string utf16(std::string_view text) {
  std::u16string out;
  out.reserve(text.size());
  for (char32_t c : code_points(text)) {
    if (U_IS_BMP(c)) {
      out += static_cast<char16_t>(c);
    } else {
      out += static_cast<char16_t>(U16_LEAD(c));
      out += static_cast<char16_t>(U16_TRAIL(c));
    }
  }
  return out;
}

void append_utf16_hex(std::string& out, std::string_view text) {
  static const char digits[] = "0123456789ABCDEF";
  for (char16_t unit : utf16(text))
    for (int shift = 12; shift >= 0; shift -= 4) out += digits[(unit >> shift) & 0xF];
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1))
    line_starts_.push_back(at + 1);
}

Position LineIndex::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
  std::size_t start = line_starts_[line - 1];
  return advanced({static_cast<int>(line), 1}, text_.substr(start, offset - start));
}

}  // namespace jakpum
