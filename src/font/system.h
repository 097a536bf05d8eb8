// Fonts installed on the system, for characters no font of the layout has
// (an emoji, a check mark pasted into an essay): found through fontconfig,
// which is loaded only when asked for, as most runs never need it and a
// shared library costs every run its start.
#pragma once

#include <string>
#include <vector>

#include "style/layout.h"

namespace jakpum::font {

// An installed font and the characters it is to set.
struct SystemFont {
  style::FontSource source;
  std::string family;  // as the font names itself: "Symbola"
  std::vector<char32_t> chars;
  std::vector<std::u32string> syllables;  // old Hangul in jamo, which it composes
};

// For each character, the first font fontconfig ranks for it that has it
// drawn in outlines (a colour bitmap font, which a PDF's text cannot show,
// and a Type 1 font are passed over); the fonts in the order of the
// characters they were found for, each with the characters it sets when
// tried in that order (a font found for one may have the next too). A
// character no installed font has is left out; so is every one where
// fontconfig cannot be loaded. Syllables of old Hangul in jamo are looked
// for as wholes, in fonts that compose jamo (Library::composes_jamo). Any
// thread may ask, one at a time.
std::vector<SystemFont> system_fonts_for(const std::vector<char32_t>& chars,
                                         const std::vector<std::u32string>& syllables = {});

}  // namespace jakpum::font
