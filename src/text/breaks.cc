// Line-break opportunities. ICU supplies UAX #14 with the Korean locale; two
// Korean rules are ours, because ICU 72 ignores `lw=keepall` (FACTS):
//  - keep-all (CSS Text 3 §5.2 word-break): no break between two letters of
//    the classes NU, AL, AI, ID and the Hangul classes. For Korean a word
//    (어절) runs from space to space, brackets and particles included, so we
//    also keep a closing mark with the letter after it (")가", "》에서") and a
//    letter with the opening mark after it ("노동(labor)");
//  - auto: as keep-all, but inside a word a break between two Hangul
//    syllables is a `syllable` opportunity (taken at a penalty by the line
//    breaker) when two syllables or more stand on each side of it (klreq
//    §3.1.4 allows breaking between syllables; one syllable alone reads badly),
//    and so is a break before a bracket opening after two syllables;
//  - no line starts with a closing mark, none ends with an opening mark
//    (klreq §3.1.7 and its list of line-start prohibited characters).
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <cassert>

#include "text/paragraph.h"

namespace jakpum::text {
namespace {

bool is_letter_class(UChar32 c) {
  if (c >= 0xAC00 && c <= 0xD7A3) return true;  // Hangul syllables: H2 or H3
  if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;  // NU, AL
  switch (u_getIntPropertyValue(c, UCHAR_LINE_BREAK)) {
    case U_LB_NUMERIC:
    case U_LB_ALPHABETIC:
    case U_LB_AMBIGUOUS:
    case U_LB_IDEOGRAPHIC:
    case U_LB_H2:
    case U_LB_H3:
    case U_LB_JL:
    case U_LB_JV:
    case U_LB_JT:
    case U_LB_HEBREW_LETTER:
      return true;
    default:
      return false;
  }
}

bool is_space(UChar32 c) { return c == ' ' || c == '\t' || c == 0x3000; }

// A combining mark, which goes with the character before it (UAX #14 CM
// and ZWJ; the C0 controls among CM are not marks).
bool is_combining(UChar32 c) {
  if (c < 0x300 || (c >= 0xAC00 && c <= 0xD7A3)) return false;  // ASCII, Latin-1, Hangul syllables: at once
  const int lb = u_getIntPropertyValue(c, UCHAR_LINE_BREAK);
  return lb == U_LB_COMBINING_MARK || lb == U_LB_ZWJ;
}

bool is_hangul_syllable(UChar32 c) { return c >= 0xAC00 && c <= 0xD7A3; }

bool is_closing_class(UChar32 c) {
  auto lb = u_getIntPropertyValue(c, UCHAR_LINE_BREAK);
  return lb == U_LB_CLOSE_PUNCTUATION || lb == U_LB_CLOSE_PARENTHESIS || is_closing_mark(static_cast<char32_t>(c));
}

bool is_opening_class(UChar32 c) {
  return u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_OPEN_PUNCTUATION ||
         is_opening_mark(static_cast<char32_t>(c));
}

// Inside one word, for keep-all: nothing but a space separates words.
bool joins_word(UChar32 before, UChar32 after) {
  return (is_letter_class(before) || is_closing_class(before)) && (is_letter_class(after) || is_opening_class(after));
}

}  // namespace

bool is_closing_mark(char32_t c) {
  switch (c) {
    case '.': case ',': case '!': case '?': case ':': case ';': case ')': case ']': case '}':
    case 0x201D: case 0x2019:  // ” ’
    case 0x300D: case 0x300F:  // 」 』
    case 0x300B: case 0x3009:  // 》 〉
    case 0x00B7: case 0x30FB:  // · ・
    case 0x3001: case 0x3002:  // 、 。
    case 0xFF09: case 0xFF0C: case 0xFF0E: case 0xFF01: case 0xFF1F:  // full-width ) , . ! ?
    case 0x2026: case 0x2025:  // … ‥
      return true;
    default:
      return false;
  }
}

bool is_opening_mark(char32_t c) {
  switch (c) {
    case '(': case '[': case '{':
    case 0x201C: case 0x2018:  // “ ‘
    case 0x300C: case 0x300E:  // 「 『
    case 0x300A: case 0x3008:  // 《 〈
    case 0xFF08:               // full-width (
      return true;
    default:
      return false;
  }
}

char32_t char_at(const std::string& text, std::size_t offset) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(offset);
  UChar32 c = 0;
  U8_NEXT(s, i, static_cast<int32_t>(text.size()), c);
  return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

LineBreaker::LineBreaker() : text_(std::make_unique<icu::UnicodeString>()) {
  UErrorCode status = U_ZERO_ERROR;
  iterator_.reset(icu::BreakIterator::createLineInstance(icu::Locale("ko"), status));
  assert(U_SUCCESS(status) && "ICU has no line break rules");
}

LineBreaker::~LineBreaker() = default;

std::vector<Break> LineBreaker::icu_breaks(const std::string& text, const Chars& chars) {
  std::vector<Break> breaks(text.size() + 1, Break::none);
  // ICU's break rules run fastest over UTF-16: the text is converted once,
  // noting the byte each UTF-16 unit starts at, and each boundary found
  // (always between characters) is mapped back to its byte.
  utf16_.clear();
  byte_of_.clear();
  for (auto [at, c] : chars) {
    if (c < 0) c = 0xFFFD;  // never in text read as valid UTF-8
    if (U_IS_BMP(c)) {
      utf16_.push_back(static_cast<char16_t>(c));
      byte_of_.push_back(static_cast<uint32_t>(at));
    } else {
      utf16_.push_back(U16_LEAD(c)), utf16_.push_back(U16_TRAIL(c));
      byte_of_.push_back(static_cast<uint32_t>(at)), byte_of_.push_back(static_cast<uint32_t>(at));
    }
  }
  byte_of_.push_back(static_cast<uint32_t>(text.size()));
  // Read-only, aliasing utf16_ (no copy). The iterator keeps a reference to
  // the string object itself, so it is a member, not a temporary.
  text_->setTo(false, utf16_.data(), static_cast<int32_t>(utf16_.size()));
  iterator_->setText(*text_);
  for (int32_t b = iterator_->next(); b != icu::BreakIterator::DONE; b = iterator_->next()) {
    const std::size_t at = byte_of_[static_cast<std::size_t>(b)];
    if (at == 0 || at >= text.size()) continue;
    int32_t rule = iterator_->getRuleStatus();
    breaks[at] = rule >= UBRK_LINE_HARD && rule < UBRK_LINE_HARD_LIMIT ? Break::mandatory : Break::allowed;
  }
  return breaks;
}

std::vector<Break> LineBreaker::find(const std::string& text,
                                     const std::function<style::WordBreak(std::size_t)>& mode) {
  // The characters with their offsets, for ICU and for looking a little way
  // both sides.
  Chars chars;
  chars.reserve(text.size() / 2 + 1);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    chars.emplace_back(static_cast<std::size_t>(at), c);
  }
  return find(text, chars, mode);
}

std::vector<Break> LineBreaker::find(const std::string& text, const Chars& chars, const std::vector<Run>& runs,
                                     const std::vector<TextStyle>& styles) {
  std::size_t run = 0;
  return find(text, chars, [&](std::size_t at) {
    while (run + 1 < runs.size() && runs[run].end <= at) ++run;
    return runs.empty() ? style::WordBreak::keep_all : styles[runs[run].style].word_break;
  });
}

template <class Mode>
std::vector<Break> LineBreaker::find(const std::string& text, const Chars& chars, const Mode& mode) {
  std::vector<Break> breaks = icu_breaks(text, chars);
  auto syllable = [&](std::size_t k) { return k < chars.size() && is_hangul_syllable(chars[k].second); };
  UChar32 last_visible = -1;  // the last non-space before each point
  // The character before each point, its combining marks passed over (UAX
  // #14 LB9: a tone mark of Middle Korean, 말〯, is its syllable's).
  UChar32 previous = -1;
  for (std::size_t k = 0; k < chars.size(); ++k) {
    const auto [at, c] = chars[k];
    Break& b = breaks[at];
    if (b == Break::allowed) {
      style::WordBreak wb = mode(at);
      if (is_closing_mark(static_cast<char32_t>(c))) {
        b = Break::none;
      } else if (last_visible >= 0 && is_opening_mark(static_cast<char32_t>(last_visible))) {
        b = Break::none;
      } else if (wb != style::WordBreak::normal && previous >= 0 && !is_space(previous) && joins_word(previous, c)) {
        // auto: between two Hangul syllables with another on each side, or
        // before a bracket that opens inside a word ("기계~(Megamachine)").
        bool two_each_side = k >= 2 && syllable(k - 2) && syllable(k - 1) && syllable(k) && syllable(k + 1);
        bool before_bracket = k >= 2 && syllable(k - 2) && syllable(k - 1) && is_opening_class(c);
        b = wb == style::WordBreak::auto_ && (two_each_side || before_bracket) ? Break::syllable : Break::none;
      } else if (wb == style::WordBreak::auto_ && previous >= 0 && !is_space(previous)) {
        b = Break::syllable;  // inside a word all the same (after a hyphen, a dash): at the penalty
      }
    }
    if (!is_space(c)) last_visible = c;
    if (!is_combining(c)) previous = c;
  }
  return breaks;
}

}  // namespace jakpum::text
