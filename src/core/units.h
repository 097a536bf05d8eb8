// Units. All lengths between stages are PostScript points (1/72 in), as `Pt`.
// Font units are converted to points once, in the shaper (src/shape/shape.cc).
#pragma once

namespace jakpum {

using Pt = double;

constexpr Pt points_per_inch = 72.0;
constexpr Pt mm_to_pt(double mm) { return mm * points_per_inch / 25.4; }
constexpr double pt_to_mm(Pt pt) { return pt * 25.4 / points_per_inch; }

// A colour as print asks for it: RGB for the screen, or CMYK process inks;
// each channel in [0, 1]. The default is pure black ink (K only), the
// colour of text on press.
struct Color {
  enum class Space : unsigned char { rgb, cmyk };
  Space space = Space::cmyk;
  double v[4] = {0, 0, 0, 1};

  static Color rgb(double r, double g, double b) { return {Space::rgb, {r, g, b, 0}}; }
  static Color cmyk(double c, double m, double y, double k) { return {Space::cmyk, {c, m, y, k}}; }
  // A plain conversion for places that take only RGB (PDF/A with an sRGB intent).
  Color as_rgb() const {
    if (space == Space::rgb) return *this;
    return rgb((1 - v[0]) * (1 - v[3]), (1 - v[1]) * (1 - v[3]), (1 - v[2]) * (1 - v[3]));
  }
  // A plain conversion for places that take only inks (PDF/X-1a): black
  // from the darkness, the rest from what is left; greys become black ink
  // alone, as a designer would give them.
  Color as_cmyk() const {
    if (space == Space::cmyk) return *this;
    const double light = v[0] > v[1] ? (v[0] > v[2] ? v[0] : v[2]) : (v[1] > v[2] ? v[1] : v[2]);
    if (light <= 0) return cmyk(0, 0, 0, 1);
    return cmyk((light - v[0]) / light, (light - v[1]) / light, (light - v[2]) / light, 1 - light);
  }
  friend bool operator==(const Color& a, const Color& b) {
    return a.space == b.space && a.v[0] == b.v[0] && a.v[1] == b.v[1] && a.v[2] == b.v[2] && a.v[3] == b.v[3];
  }
};

}  // namespace jakpum
