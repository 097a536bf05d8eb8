#include "image/image.h"

#include <jpeglib.h>
#include <png.h>
// jerror.h's message codes depend on jpeglib.h's version macros.
#include <jerror.h>

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace jakpum::image {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// libpng and libjpeg report errors by calling back, and the callback jumps
// back here: nothing between the jump and its target owns memory but the
// libraries' own structures, which are freed after it.
struct PngReader {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~PngReader() { png_destroy_read_struct(&png, info ? &info : nullptr, nullptr); }
};

bool read_png(std::FILE* f, Info& out) {
  PngReader r;
  r.png = png_create_read_struct(
      PNG_LIBPNG_VER_STRING, nullptr, [](png_structp png, png_const_charp) { png_longjmp(png, 1); },
      [](png_structp, png_const_charp) {});  // warnings (an odd colour profile, say) are no concern here
  if (!r.png) return false;
  r.info = png_create_info_struct(r.png);
  if (!r.info) return false;
  if (setjmp(png_jmpbuf(r.png))) return false;
  png_init_io(r.png, f);
  png_read_info(r.png, r.info);
  out.format = Format::png;
  out.width = static_cast<int>(png_get_image_width(r.png, r.info));
  out.height = static_cast<int>(png_get_image_height(r.png, r.info));
  out.bits = png_get_bit_depth(r.png, r.info);
  out.grey = (png_get_color_type(r.png, r.info) & PNG_COLOR_MASK_COLOR) == 0;
  out.transparent = (png_get_color_type(r.png, r.info) & PNG_COLOR_MASK_ALPHA) != 0 ||
                    png_get_valid(r.png, r.info, PNG_INFO_tRNS) != 0;
  png_uint_32 x = 0, y = 0;
  int unit = 0;
  if (png_get_pHYs(r.png, r.info, &x, &y, &unit) && unit == PNG_RESOLUTION_METER)
    out.dpi_x = x * 0.0254, out.dpi_y = y * 0.0254;
  return true;
}

struct JpegError {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
  std::string damage;  // what libjpeg found wrong in the data, if anything
};

// Warnings libjpeg gives for data it cannot decode, and fills in with grey;
// the others (bytes between segments, an unknown JFIF version or colour
// transform) leave the picture whole.
bool is_damage(int code) {
  switch (code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_MUST_RESYNC:
    case JWRN_NOT_SEQUENTIAL:
    case JWRN_BOGUS_PROGRESSION: return true;
    default: return false;
  }
}

// Reads the header, then decodes the whole image at an eighth of its size:
// the PDF takes the file's data as they are, so a file cut short or damaged
// is found here or not at all. (An eighth's scale skips most of the inverse
// transform; every bit of the data is still read.)
bool read_jpeg(std::FILE* f, Info& out, std::string& message) {
  jpeg_decompress_struct cinfo;
  JpegError error;
  cinfo.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = [](j_common_ptr c) { std::longjmp(reinterpret_cast<JpegError*>(c->err)->jump, 1); };
  error.manager.output_message = [](j_common_ptr) {};
  error.manager.emit_message = [](j_common_ptr c, int level) {
    auto* e = reinterpret_cast<JpegError*>(c->err);
    if (level < 0 && e->damage.empty() && is_damage(e->manager.msg_code)) {
      char text[JMSG_LENGTH_MAX];
      e->manager.format_message(c, text);
      e->damage = text;
    }
  };
  if (setjmp(error.jump)) {
    char text[JMSG_LENGTH_MAX];
    error.manager.format_message(reinterpret_cast<j_common_ptr>(&cinfo), text);
    message = text;
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_stdio_src(&cinfo, f);
  jpeg_read_header(&cinfo, TRUE);
  out.width = static_cast<int>(cinfo.image_width);
  out.height = static_cast<int>(cinfo.image_height);
  out.cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
  out.grey = cinfo.jpeg_color_space == JCS_GRAYSCALE;
  if (cinfo.saw_JFIF_marker && cinfo.X_density > 0 && cinfo.Y_density > 0 && cinfo.density_unit != 0) {
    const double per_inch = cinfo.density_unit == 2 ? 2.54 : 1.0;  // 1: dots per inch, 2: per centimetre
    out.dpi_x = cinfo.X_density * per_inch, out.dpi_y = cinfo.Y_density * per_inch;
  }
  cinfo.scale_num = 1, cinfo.scale_denom = 8;
  cinfo.do_fancy_upsampling = FALSE;
  cinfo.dct_method = JDCT_IFAST;
  jpeg_start_decompress(&cinfo);
  // The row from libjpeg's own pool, freed with it: a jump out of a read
  // must leave nothing of ours to destroy.
  JSAMPARRAY rows =
      (*cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&cinfo), JPOOL_IMAGE,
                                 cinfo.output_width * static_cast<JDIMENSION>(cinfo.output_components), 1);
  while (cinfo.output_scanline < cinfo.output_height && error.damage.empty()) jpeg_read_scanlines(&cinfo, rows, 1);
  message = error.damage;
  jpeg_destroy_decompress(&cinfo);
  return message.empty();
}

// The two steps of decoding a PNG that libpng may jump out of, each its own
// jump target with nothing of its own to lose: the header, with libpng's
// transformations set (a palette to RGB, grey of fewer bits to 8, a colour
// marked transparent to an alpha channel, 16 bits to 8, the passes of an
// interlaced file to rows in order); then the rows, into the caller's buffer.
// Samples keep the file's own encoding (sRGB for nearly every file): no gamma
// is applied.
bool read_png_header(PngReader& r, std::FILE* f, Pixels& out, bool& alpha, std::size_t& stride) {
  if (setjmp(png_jmpbuf(r.png))) return false;
  png_init_io(r.png, f);
  png_read_info(r.png, r.info);
  png_set_expand(r.png);
  png_set_scale_16(r.png);
  png_set_interlace_handling(r.png);
  png_read_update_info(r.png, r.info);
  out.width = static_cast<int>(png_get_image_width(r.png, r.info));
  out.height = static_cast<int>(png_get_image_height(r.png, r.info));
  out.color = (png_get_color_type(r.png, r.info) & PNG_COLOR_MASK_COLOR) != 0;
  alpha = (png_get_color_type(r.png, r.info) & PNG_COLOR_MASK_ALPHA) != 0;
  stride = png_get_rowbytes(r.png, r.info);
  return true;
}

bool read_png_rows(PngReader& r, std::vector<png_bytep>& rows) {
  if (setjmp(png_jmpbuf(r.png))) return false;
  png_read_image(r.png, rows.data());
  png_read_end(r.png, nullptr);
  return true;
}

}  // namespace

Result<Pixels> decode_png(const std::string& path) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return error(path, {}, "image file not found or unreadable");
  std::string message;
  PngReader r;
  r.png = png_create_read_struct(
      PNG_LIBPNG_VER_STRING, &message,
      [](png_structp png, png_const_charp text) {
        *static_cast<std::string*>(png_get_error_ptr(png)) = text;
        png_longjmp(png, 1);
      },
      [](png_structp, png_const_charp) {});
  if (!r.png) return error(path, {}, "out of memory");
  r.info = png_create_info_struct(r.png);
  if (!r.info) return error(path, {}, "out of memory");
  Pixels out;
  bool alpha = false;
  std::size_t stride = 0;
  std::string decoded;
  std::vector<png_bytep> rows;
  if (read_png_header(r, f.get(), out, alpha, stride)) {
    decoded.resize(stride * static_cast<std::size_t>(out.height));
    rows.resize(static_cast<std::size_t>(out.height));
    for (std::size_t y = 0; y < rows.size(); ++y) rows[y] = reinterpret_cast<png_bytep>(decoded.data() + y * stride);
  }
  if (rows.empty() || !read_png_rows(r, rows)) return error(path, {}, "not a PNG file libpng can read: " + message);
  if (!alpha) {
    out.samples = std::move(decoded);
    return out;
  }
  // Colour and alpha apart: PDF keeps a soft mask as an image of its own.
  const std::size_t pixels = static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height);
  const std::size_t components = out.color ? 3 : 1;
  out.samples.resize(pixels * components);
  out.alpha.resize(pixels);
  for (std::size_t i = 0; i < pixels; ++i) {
    const char* from = decoded.data() + i * (components + 1);
    std::copy(from, from + components, out.samples.data() + i * components);
    out.alpha[i] = from[components];
  }
  return out;
}

Result<Info> read_info(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
    return error(path, {}, "not an image file (a folder or a device)");  // a pipe would wait for ever
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return error(path, {}, "image file not found or unreadable");
  unsigned char magic[8] = {};
  const std::size_t got = std::fread(magic, 1, sizeof magic, f.get());
  std::rewind(f.get());
  Info out;
  if (got == 8 && png_sig_cmp(magic, 0, 8) == 0) {
    if (!read_png(f.get(), out) || out.width <= 0 || out.height <= 0)
      return error(path, {}, "not a PNG file libpng can read");
  } else if (got >= 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF) {
    out.format = Format::jpeg;
    std::string message;
    if (!read_jpeg(f.get(), out, message) || out.width <= 0 || out.height <= 0)
      return error(path, {}, "not a JPEG file libjpeg can read" + (message.empty() ? "" : ": " + message),
                   "it may be cut short or damaged: save it again");
  } else {
    return error(path, {}, "not a PNG or JPEG image", "save it as .png or .jpg");
  }
  return out;
}

}  // namespace jakpum::image
