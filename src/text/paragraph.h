// Text preparation for one paragraph: NFC normalisation, runs by style, font
// (fallback per character) and script, and line-break opportunities.
#pragma once

#include <unicode/uversion.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostics.h"
#include "font/library.h"
#include "style/values.h"
U_NAMESPACE_BEGIN
class BreakIterator;
class UnicodeString;
U_NAMESPACE_END

namespace jakpum::text {

// How text of one inline style is set.
struct TextStyle {
  font::Chain chain;
  Pt size = 10;
  Color color;
  style::WordBreak word_break = style::WordBreak::keep_all;
  bool smart_quotes = false;  // straight quotes shown as typographic ones
  bool smart_dashes = false;  // -- and --- shown as en and em dashes
  bool hyphenate = false;     // its Latin words may be hyphenated (text/hyphenate.h)
  bool half_width_brackets = false;  // a CJK face's full-width 《 》 「 」 、 。 set half an em wide
  // Raised above the baseline by this much (a note's number, a superscript),
  // or lowered where negative (a subscript): no line starts with it, and it
  // sits against what it follows, whatever the scripts.
  Pt rise = 0;
  // The size text in `face` is set at.
  Pt size_in(font::FaceId face) const { return face == chain.latin ? size * chain.latin_scale : size; }
};

// Text as the document gives it: a piece in one inline style. The text is
// the document's own, read where it is (it outlives the paragraph's setting).
struct StyledSpan {
  std::string_view text;
  std::uint32_t style = 0;  // index into the paragraph's styles
  Position pos;             // of the span's first character in the source
  std::string_view link;    // the address the text links to ("" for none)
  bool struck = false;      // struck through (~~text~~)
  bool underlined = false;  // with a line under it (<u>)
  bool marked = false;      // highlighted (<mark>, ==text==)
};

// A stretch of a paragraph's text that links to an address.
struct Link {
  std::size_t begin = 0, end = 0;  // byte offsets into Paragraph::text
  std::string_view address;        // the span's own
};

// A maximal stretch of text in one style, one face and one script.
struct Run {
  std::size_t begin = 0, end = 0;  // byte offsets into Paragraph::text
  std::uint32_t style = 0;
  font::FaceId face = font::no_face;
  std::string script;  // ISO 15924, e.g. "Hang", "Latn"
};

// At a byte of the text: may a line start here? `syllable` is inside a word,
// between two Hangul syllables, at a penalty (word-break: auto); `hyphen`
// inside a Latin word, with a hyphen ending the line before (text/hyphenate.h).
enum class Break : std::uint8_t { none, allowed, syllable, mandatory, hyphen };

struct Paragraph {
  std::string text;  // NFC, UTF-8
  std::vector<TextStyle> styles;
  std::vector<Run> runs;
  // breaks[i]: may a line start at byte i? Sized text.size() + 1.
  std::vector<Break> breaks;
  std::vector<Link> links;  // in text order, none overlapping
  // Stretches struck through, underlined and highlighted, as byte offsets
  // [first, second), in text order.
  std::vector<std::pair<std::size_t, std::size_t>> struck, underlined, marked;
  // Straight quotes to be shown as typographic ones, in text order: the
  // text keeps the author's character, the glyph set is `shown`'s.
  struct Quote {
    std::size_t at = 0;  // byte offset into `text`
    char32_t shown = 0;  // U+2018, U+2019, U+201C or U+201D
  };
  std::vector<Quote> quotes;
  // Two or three hyphens to be shown as an en or em dash, in text order: the
  // text keeps the author's hyphens, one glyph (`shown`'s) sets them.
  struct Dash {
    std::size_t at = 0;       // byte offset into `text` of the first hyphen
    std::uint8_t length = 0;  // 2 or 3
    char32_t shown = 0;       // U+2013 or U+2014
  };
  std::vector<Dash> dashes;
};

// Which typographic quote a straight one (' or ") is shown as, after the
// character `before` (0 at the start of a paragraph): opening after nothing,
// a space, an opening bracket or quote, or a dash; closing (and apostrophe)
// after anything else.
char32_t typographic_quote(char32_t straight, char32_t before);

// Finds line-break opportunities: ICU's line BreakIterator (UAX #14, Korean
// locale), then keep-all and the closing/opening mark rules on top. Create
// one per thread; it keeps the ICU iterator between paragraphs.
class LineBreaker {
 public:
  LineBreaker();
  ~LineBreaker();
  LineBreaker(const LineBreaker&) = delete;
  LineBreaker& operator=(const LineBreaker&) = delete;

  // The characters of a text, each with the byte it starts at (negative
  // where the UTF-8 is not valid).
  using Chars = std::vector<std::pair<std::size_t, int32_t>>;

  // `mode(i)` gives the word-break of the text at byte i.
  std::vector<Break> find(const std::string& text, const std::function<style::WordBreak(std::size_t)>& mode);
  // The word-break of each run's style; `chars` are the text's.
  std::vector<Break> find(const std::string& text, const Chars& chars, const std::vector<Run>& runs,
                          const std::vector<TextStyle>& styles);

 private:
  template <class Mode>
  std::vector<Break> find(const std::string& text, const Chars& chars, const Mode& mode);
  // ICU's break opportunities in `text`, whose characters are `chars`.
  std::vector<Break> icu_breaks(const std::string& text, const Chars& chars);
  std::u16string utf16_;                      // the text being broken, as ICU reads it
  std::vector<uint32_t> byte_of_;             // the byte each UTF-16 unit starts at
  std::unique_ptr<icu::UnicodeString> text_;  // utf16_, aliased, for the iterator to hold
  std::unique_ptr<icu::BreakIterator> iterator_;  // last: it goes first, while what it reads is still there
};

// A character no face of its style's chain has; or a syllable written in
// conjoining jamo (old Hangul: ᄒᆞᆫ) that none has whole and composes.
struct MissingChar {
  char32_t c = 0;           // the character, or the syllable's first
  std::u32string syllable;  // the syllable's characters; empty for a character
  std::string path;
  Position pos;
  std::vector<std::string> families;  // the faces tried
};

// One error for all of them, at the first: "no font has these characters:
// U+1F600 '😀' at 1:4, ..." (positions in other files carry the file).
Diagnostic missing_characters(const std::vector<MissingChar>& missing);

// Normalises, itemizes and finds breaks. A grapheme cluster of old Hangul
// (a syllable in conjoining jamo, or one with a tone mark) is set whole in
// the first face that has all of it (and composes jamo, for jamo).
// Characters that no face of their style's chain has, and syllables in jamo
// none composes, are an error naming each with its position in `path`;
// they are also added to `missing`, when given, so a caller setting many
// paragraphs can report them all at once.
Result<Paragraph> prepare(const std::vector<StyledSpan>& spans, std::vector<TextStyle> styles,
                          const font::Library& fonts, LineBreaker& breaker, const std::string& path,
                          std::vector<MissingChar>* missing = nullptr);

// The character at a byte offset of UTF-8 text.
char32_t char_at(const std::string& text, std::size_t offset);

// The run of printable ASCII around byte `at` (an address ends at a space or
// at the Hangul after it): where it ends, and whether it reads as an
// address or a path: with "://", opening with "www.", or with two slashes
// or more. (Inline: the line breaker asks at every ASCII word; hyphenation too.)
inline std::pair<std::size_t, bool> ascii_token(std::string_view text, std::size_t at) {
  auto printable = [&](std::size_t k) { return text[k] > ' ' && text[k] < 0x7F; };
  std::size_t from = at, to = at;
  while (from > 0 && printable(from - 1)) --from;
  while (to < text.size() && printable(to)) ++to;
  const std::string_view token = text.substr(from, to - from);
  const bool address = token.find("://") != std::string_view::npos || token.starts_with("www.") ||
                       std::count(token.begin(), token.end(), '/') >= 2;
  return {to, address};
}

// Marks that may not start a line, and marks that may not end one.
bool is_closing_mark(char32_t c);
bool is_opening_mark(char32_t c);

}  // namespace jakpum::text
