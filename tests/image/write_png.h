// PNG files of every kind written with libpng itself, for the tests that
// read them: Ghostscript, which draws the others, writes no interlaced,
// palette-with-transparency or 16-bit RGB files of chosen pixels.
#pragma once

#include <png.h>

#include <cstdio>
#include <string>
#include <vector>

namespace jakpum::test {

struct PngSpec {
  int width = 0, height = 0;
  int color_type = PNG_COLOR_TYPE_RGB;  // libpng's
  int bit_depth = 8;
  bool interlaced = false;
  std::vector<png_color> palette;       // for PNG_COLOR_TYPE_PALETTE
  std::vector<png_byte> transparency;   // tRNS alpha of the palette's first entries
  std::string rows;                     // the raw rows, as libpng takes them (16-bit samples big-endian)
};

// Writes `spec` to `path`; false when libpng fails.
inline bool write_png(const std::string& path, const PngSpec& spec) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  bool ok = png && info;
  if (ok && setjmp(png_jmpbuf(png))) ok = false;
  else if (ok) {
    png_init_io(png, f);
    png_set_IHDR(png, info, static_cast<png_uint_32>(spec.width), static_cast<png_uint_32>(spec.height), spec.bit_depth,
                 spec.color_type, spec.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (!spec.palette.empty())
      png_set_PLTE(png, info, spec.palette.data(), static_cast<int>(spec.palette.size()));
    if (!spec.transparency.empty())
      png_set_tRNS(png, info, spec.transparency.data(), static_cast<int>(spec.transparency.size()), nullptr);
    png_write_info(png, info);
    std::vector<png_bytep> rows(static_cast<std::size_t>(spec.height));
    const std::size_t stride = spec.rows.size() / rows.size();
    for (std::size_t y = 0; y < rows.size(); ++y)
      rows[y] = reinterpret_cast<png_bytep>(const_cast<char*>(spec.rows.data() + y * stride));
    png_write_image(png, rows.data());  // interlaced passes made by libpng
    png_write_end(png, nullptr);
  }
  png_destroy_write_struct(&png, &info);
  std::fclose(f);
  return ok;
}

// An RGB picture of distinct colours, 8 bits a sample, as raw rows.
inline std::string rgb_pattern(int width, int height) {
  std::string rows;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      rows += static_cast<char>(x * 17 % 256);
      rows += static_cast<char>(y * 23 % 256);
      rows += static_cast<char>((x * y + 40) % 256);
    }
  return rows;
}

}  // namespace jakpum::test
