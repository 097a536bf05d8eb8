// Units. All lengths between stages are PostScript points (1/72 in), as `Pt`.
// Font units are converted to points once, in the shaper (src/shape/shape.cc).
#pragma once

namespace jakpum {

using Pt = double;

constexpr Pt points_per_inch = 72.0;
constexpr Pt mm_to_pt(double mm) { return mm * points_per_inch / 25.4; }
constexpr double pt_to_mm(Pt pt) { return pt * 25.4 / points_per_inch; }

// An sRGB colour, each channel in [0, 1].
struct Color {
  double r = 0, g = 0, b = 0;
  friend bool operator==(const Color&, const Color&) = default;
};

}  // namespace jakpum
