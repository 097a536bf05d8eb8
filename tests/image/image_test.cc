#include <doctest/doctest.h>

#include "image/image.h"
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
