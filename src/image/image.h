// Image files a document shows: what layout needs to know of them (their
// pixels, their resolution, whether they are transparent), read from their
// headers by libpng and libjpeg; and a PNG's pixels, decoded by libpng, for
// the PDF writer (which embeds a JPEG file as it is).
#pragma once

#include <string>

#include "core/diagnostics.h"

namespace jakpum::image {

enum class Format { png, jpeg };

struct Info {
  Format format = Format::png;
  int width = 0, height = 0;    // pixels
  double dpi_x = 0, dpi_y = 0;  // as the file records them; 0 when it records none
  bool transparent = false;     // an alpha channel, or a colour marked transparent
  bool cmyk = false;            // a JPEG in CMYK (or YCCK) ink, not in RGB or grey
  bool grey = false;            // shades of grey only (with or without transparency)
  int bits = 8;                 // per colour component
};

// What the image at `path` is, from its header: an error for a file that
// cannot be read or is no PNG or JPEG.
Result<Info> read_info(const std::string& path);

// A PNG's pixels as PDF takes them (PDF 1.7 §8.9.5): eight bits a component,
// grey or RGB in sRGB, rows from the top, its transparency apart.
struct Pixels {
  int width = 0, height = 0;
  bool color = false;   // RGB, else grey
  std::string samples;  // width × height × (3 or 1) bytes
  std::string alpha;    // width × height bytes, 0 transparent; empty for an opaque image
};

// Decodes a PNG of any kind libpng reads (interlaced, a palette, a colour
// marked transparent, 16 bits) into Pixels; an error for a file it cannot.
Result<Pixels> decode_png(const std::string& path);

}  // namespace jakpum::image
