// Image files a document shows: what layout needs to know of them (their
// pixels, their resolution, whether they are transparent), read from their
// headers by libpng and libjpeg. The PDF writer embeds the files themselves.
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
  int bits = 8;                 // per colour component
};

// What the image at `path` is, from its header: an error for a file that
// cannot be read or is no PNG or JPEG.
Result<Info> read_info(const std::string& path);

}  // namespace jakpum::image
