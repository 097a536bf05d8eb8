// UTF-8 checks and byte-offset to line/column mapping for source files.
// Decoding uses ICU's header-only macros (unicode/utf8.h); the ICU libraries
// themselves are linked only by src/text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"

namespace jakpum {

// The byte offset of the first ill-formed UTF-8 sequence, if any.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Number of code points in `text` (ill-formed bytes count one each).
std::size_t count_code_points(std::string_view text);

// The code points of `text`; an ill-formed sequence gives U+FFFD.
std::u32string code_points(std::string_view text);

// A character as a message names it: "U+1F600 '😀'"; several, as one
// (a syllable in jamo): "U+1112 U+119E U+11AB 'ᄒᆞᆫ'".
std::string described(char32_t c);
std::string described(std::u32string_view chars);

// Code points in UTF-8.
std::string utf8(std::u32string_view chars);

// `text` in UTF-16 (surrogate pairs past U+FFFF), as PDF text strings and
// ToUnicode maps want it; an ill-formed sequence gives U+FFFD.
std::u16string utf16(std::string_view text);

// Appends `text` in UTF-16BE as upper-case hex digits, four a unit, as a PDF
// hex string or a ToUnicode map writes it.
void append_utf16_hex(std::string& out, std::string_view text);

// Where `text`, written from `from` on, ends: a line for each "\n", a
// column for each other code point (as a source position counts them).
Position advanced(Position from, std::string_view text);

// Maps byte offsets of one source text to line and column (code points).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  Position position(std::size_t offset) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace jakpum
