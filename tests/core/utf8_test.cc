// UTF-8 to UTF-16, as the PDF's text strings and ToUnicode maps carry text:
// characters past U+FFFF (CJK extension B, old Hangul forms in fonts that
// have them) become surrogate pairs, and a broken byte one U+FFFD.
#include <doctest/doctest.h>

#include "core/utf8.h"

using namespace jakpum;

TEST_CASE("UTF-16 for the PDF: surrogate pairs past U+FFFF, U+FFFD for a broken byte") {
  CHECK(utf16("") == u"");
  CHECK(utf16("a 가") == u"a \uAC00");
  CHECK(utf16("\xF0\xA0\x80\x80") == std::u16string{0xD840, 0xDC00});  // U+20000
  CHECK(utf16("\xF4\x8F\xBF\xBF") == std::u16string{0xDBFF, 0xDFFF});  // U+10FFFF
  CHECK(utf16("x\xFFy") == u"x\uFFFDy");
}

TEST_CASE("source positions count lines by line ends and columns by characters, not bytes") {
  CHECK(advanced({1, 1}, "") == Position{1, 1});
  CHECK(advanced({1, 1}, "a 가\U0001F600") == Position{1, 5});
  CHECK(advanced({3, 7}, "가\n나다\n") == Position{5, 1});
  CHECK(advanced({3, 7}, "가\n\n나다") == Position{5, 3});
  const LineIndex lines("첫 줄\n\n셋째 😀 끝");
  CHECK(lines.position(0) == Position{1, 1});
  CHECK(lines.position(std::string_view("첫 줄\n\n셋째 ").size()) == Position{3, 4});
  CHECK(lines.position(std::string_view("첫 줄\n\n셋째 😀 ").size()) == Position{3, 6});
}
