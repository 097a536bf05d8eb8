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
