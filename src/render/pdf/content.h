// Page content streams (PDF 1.7 §8–9), written as text operators: rules as
// stroked lines, and each glyph run as one TJ array whose numbers carry
// kerning, justification and letter spacing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "page/model.h"
#include "render/pdf/fonts.h"

namespace jakpum::render {

// The colours a file may hold: as the layout gives them, or all in RGB
// (PDF/A with an sRGB intent), or all in CMYK inks (PDF/X-1a).
enum class ColorModel { as_given, rgb, cmyk };

class Content {
 public:
  explicit Content(Pt page_height, ColorModel colors = ColorModel::as_given) : height_(page_height), colors_(colors) {}

  void rule(const page::Rule& rule);
  // An image XObject of the page's resources, drawn into its box.
  void image(const std::string& name, const page::PlacedImage& image);
  // A run in an embedded font; glyphs the font set lacks are an internal error.
  void text(const page::TextRun& run, const EmbeddedFont& font);
  // Closes what is open and gives the operators.
  std::string finish();

  // Numbers as PDF writes them: at most `decimals` (≤ 6) decimals, no trailing zeros.
  static std::string number(double v, int decimals = 3);
  static void append_number(std::string& out, double v, int decimals = 3);

 private:
  void fill(const Color& c);
  Pt height_;
  ColorModel colors_;
  std::string out_;
  bool in_text_ = false;
  std::string font_;
  Pt size_ = -1;
  double char_spacing_ = 0;  // Tc, in points
  std::optional<Color> fill_, stroke_;
  Pt line_width_ = -1;
  // Room for one run's glyphs and gaps, kept from run to run.
  std::vector<const EmbeddedGlyph*> embedded_;
  std::vector<double> gaps_, sorted_, rest_;
  std::vector<char> tj_;
  std::string drawn_over_text_;
};

}  // namespace jakpum::render
