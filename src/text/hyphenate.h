// Hyphenation of the Latin words of a paragraph: Liang's patterns (TeX's;
// English's from Debian's hyphen-en-us by default), read by libhyphen.
//
// Loading the patterns costs milliseconds (libhyphen builds its automaton
// from some 11,000 of them), more than setting a booklet's Korean takes, and
// a Korean text breaks between syllables anyway. So a paragraph is broken
// without hyphens first, and its Latin words are hyphenated only when that
// leaves a line looser than the layout allows (see app/typeset.cc); the
// patterns are loaded then, once for all threads.
#pragma once

#include <cstddef>
#include <string>

#include "text/paragraph.h"

namespace jakpum::text {

// Marks where the paragraph's Latin words may be cut with a hyphen
// (Break::hyphen): words of ASCII letters only, at least two letters left
// on the line and three carried over (TeX's \lefthyphenmin and
// \righthyphenmin for English), in styles that hyphenate; never in a word
// with two capitals or more (NASA, PyTorch), one joined to a digit, a
// hyphen, an underscore or an accented letter (x86_64, Schrödinger), raised
// or lowered text, or a piece of an address or a path. Loads the patterns
// (a libhyphen file: Debian's hyphen-en-us puts English's in
// /usr/share/hyphen/hyph_en_US.dic) on first use. Returns how many points
// were marked; 0 too where the patterns cannot be read, and then `missing`
// is set. A paragraph with no word to cut reads no patterns.
std::size_t hyphenate(Paragraph& p, const std::string& patterns, bool* missing = nullptr);

}  // namespace jakpum::text
