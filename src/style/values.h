// The value types of layout settings and their parsers. Each parser reads one
// TOML node and explains what it expected when the node does not fit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/diagnostics.h"
#include "core/units.h"

namespace jakpum::style {

// A length in points, or relative to the font size of the style it is in
// ("1em", "170%"). Plain numbers are points.
struct Length {
  enum class Unit { pt, em } unit = Unit::pt;
  double value = 0;
  Pt resolve(Pt font_size) const { return unit == Unit::em ? value * font_size : value; }
  friend bool operator==(const Length&, const Length&) = default;
};

enum class Align { justify, left, center, right };
// Where Korean text may break: keep-all only between words (어절, CSS
// word-break: keep-all); normal also between any two syllables; auto between
// words, and inside a word between syllables at a penalty where that evens the
// spacing, never leaving one syllable alone on either side.
enum class WordBreak { keep_all, normal, auto_ };
enum class Weight { regular, bold };

// Each returns the value, or an error message (without position) on a mismatch.
// `absolute_only` lengths reject em and % units.
Result<Length> parse_length(const toml::node& node, bool absolute_only);
Result<Length> parse_length(std::string_view text, bool absolute_only);
Result<Color> parse_color(const toml::node& node);
Result<Align> parse_align(const toml::node& node);
Result<WordBreak> parse_word_break(const toml::node& node);
Result<Weight> parse_weight(const toml::node& node);

std::string to_string(const Length& length);
std::string to_string(const Color& color);
const char* to_string(Align align);
const char* to_string(WordBreak word_break);
const char* to_string(Weight weight);

// Named page sizes, width × height in millimetres.
struct PageSize {
  std::string_view name;
  double width_mm, height_mm;
};
const std::vector<PageSize>& page_sizes();
// Paper for imposition: the page sizes and the larger press sheets.
const std::vector<PageSize>& sheet_sizes();

}  // namespace jakpum::style
