#include <doctest/doctest.h>

#include "image/image.h"
#include "image/write_png.h"
#include "support.h"

using namespace jakpum;

TEST_CASE("an image's pixels, resolution and kind, from its header") {
  const std::string folder = test::scratch_folder("image-info");
  auto png = image::read_info(test::draw_image(folder + "/a.png", "png16m", 300, 200, 150));
  REQUIRE(png.ok());
  CHECK(png->format == image::Format::png);
  CHECK(png->width == 300);
  CHECK(png->height == 200);
  CHECK(png->dpi_x == doctest::Approx(150).epsilon(0.001));
  CHECK(png->dpi_y == doctest::Approx(150).epsilon(0.001));
  CHECK_FALSE(png->transparent);

  auto jpeg = image::read_info(test::draw_image(folder + "/b.jpg", "jpeg", 120, 80, 100));
  REQUIRE(jpeg.ok());
  CHECK(jpeg->format == image::Format::jpeg);
  CHECK(jpeg->width == 120);
  CHECK(jpeg->height == 80);
  CHECK(jpeg->dpi_x == doctest::Approx(100));
  CHECK_FALSE(jpeg->cmyk);

  auto alpha = image::read_info(test::draw_image(folder + "/c.png", "pngalpha", 50, 40, 72));
  REQUIRE(alpha.ok());
  CHECK(alpha->transparent);

  auto cmyk = image::read_info(test::draw_image(folder + "/d.jpg", "jpegcmyk", 50, 40, 72));
  REQUIRE(cmyk.ok());
  CHECK(cmyk->cmyk);
  CHECK(png->bits == 8);

  auto deep = image::read_info(test::draw_image(folder + "/e.png", "png48", 50, 40, 72));
  REQUIRE(deep.ok());
  CHECK(deep->bits == 16);
}

TEST_CASE("a missing file, another format or a broken one is an error naming the file") {
  const std::string folder = test::scratch_folder("image-errors");
  auto missing = image::read_info(folder + "/none.png");
  REQUIRE_FALSE(missing.ok());
  CHECK(format(missing.error()) == folder + "/none.png: error: image file not found or unreadable");

  auto device = image::read_info("/dev/null");
  REQUIRE_FALSE(device.ok());
  CHECK(format(device.error()) == "/dev/null: error: not an image file (a folder or a device)");

  auto text = image::read_info(test::write_file(folder + "/text.png", "not an image at all"));
  REQUIRE_FALSE(text.ok());
  CHECK(format(text.error()) == folder + "/text.png: error: not a PNG or JPEG image (save it as .png or .jpg)");

  // A PNG cut short inside its header.
  std::string bytes = test::read_text(test::draw_image(folder + "/whole.png", "png16m", 30, 20, 72));
  auto cut = image::read_info(test::write_file(folder + "/cut.png", bytes.substr(0, 20)));
  REQUIRE_FALSE(cut.ok());
  CHECK(format(cut.error()) == folder + "/cut.png: error: not a PNG file libpng can read");
}

TEST_CASE("a PNG's pixels, whatever its kind: interlaced, a palette with transparency, grey, 16 bits") {
  const std::string folder = test::scratch_folder("image-decode");
  const int w = 13, h = 11;  // not a multiple of 8: interlacing's passes are partial
  const std::string pattern = test::rgb_pattern(w, h);
  test::PngSpec plain{w, h, PNG_COLOR_TYPE_RGB, 8, false, {}, {}, pattern};
  test::PngSpec interlaced = plain;
  interlaced.interlaced = true;
  REQUIRE(test::write_png(folder + "/plain.png", plain));
  REQUIRE(test::write_png(folder + "/interlaced.png", interlaced));
  for (const char* name : {"plain.png", "interlaced.png"}) {
    INFO(name);
    auto pixels = image::decode_png(folder + "/" + name);
    REQUIRE_MESSAGE(pixels.ok(), format(pixels.error()));
    CHECK(pixels->width == w);
    CHECK(pixels->height == h);
    CHECK(pixels->color);
    CHECK(pixels->samples == pattern);
    CHECK(pixels->alpha.empty());
  }

  // A palette whose first entry is transparent: colours looked up, its
  // transparency as an alpha of its own.
  test::PngSpec indexed{4, 2, PNG_COLOR_TYPE_PALETTE, 8, false, {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}}, {0},
                        std::string("\0\1\2\1\2\1\0\0", 8)};
  REQUIRE(test::write_png(folder + "/indexed.png", indexed));
  auto palette = image::decode_png(folder + "/indexed.png");
  REQUIRE(palette.ok());
  CHECK(palette->color);
  CHECK(palette->alpha == std::string("\0\xff\xff\xff\xff\xff\0\0", 8));
  CHECK(palette->samples.substr(3, 6) == std::string("\0\xff\0\0\0\xff", 6));

  // Grey stays grey: one sample a pixel.
  test::PngSpec grey{3, 2, PNG_COLOR_TYPE_GRAY, 8, true, {}, {}, std::string("\x00\x80\xff\x10\x20\x30", 6)};
  REQUIRE(test::write_png(folder + "/grey.png", grey));
  auto g = image::decode_png(folder + "/grey.png");
  REQUIRE(g.ok());
  CHECK_FALSE(g->color);
  CHECK(g->samples == grey.rows);

  // 16 bits a sample come down to 8.
  std::string deep;
  for (char c : pattern) deep += c, deep += c;  // v × 257, big-endian
  test::PngSpec wide{w, h, PNG_COLOR_TYPE_RGB, 16, false, {}, {}, deep};
  REQUIRE(test::write_png(folder + "/deep.png", wide));
  auto d = image::decode_png(folder + "/deep.png");
  REQUIRE(d.ok());
  CHECK(d->samples == pattern);

  // A file cut short is an error naming it.
  const std::string whole = test::read_text(folder + "/plain.png");
  test::write_file(folder + "/cut.png", whole.substr(0, whole.size() / 2));
  auto cut = image::decode_png(folder + "/cut.png");
  REQUIRE_FALSE(cut.ok());
  CHECK(format(cut.error()).starts_with(folder + "/cut.png: error: not a PNG file libpng can read"));
}
