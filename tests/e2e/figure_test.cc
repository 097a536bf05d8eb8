// Figures: images on paragraphs of their own, checked in the page model and
// in the PDF with poppler-utils (pdfimages, pdftotext) and qpdf.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>

#include "e2e/layouts.h"
#include "image/write_png.h"
#include "support.h"

using namespace jakpum;
using test::shell_quoted;

namespace {

struct Placed {
  int image = 0;
  double x = 0, y = 0, width = 0, height = 0;
};

// The images of a page dump, in order.
std::vector<Placed> placed_images(const std::string& dump) {
  std::vector<Placed> out;
  const std::regex re(R"(  image (\d+) at ([\d.]+),([\d.]+) ([\d.]+) x ([\d.]+))");
  for (auto it = std::sregex_iterator(dump.begin(), dump.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back({std::stoi((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]), std::stod((*it)[5])});
  return out;
}

// `pdfimages -list` rows: page, width, height, object number, x-ppi.
struct Listed {
  int page = 0, width = 0, height = 0, object = 0, ppi = 0, bits = 0;
  std::string type, color;
};
std::vector<Listed> pdf_images(const std::string& pdf) {
  auto r = test::run("pdfimages -list " + shell_quoted(pdf));
  REQUIRE(r.status == 0);
  std::vector<Listed> out;
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line), std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream row(line);
    Listed l;
    std::string num, comp, enc, interp, gen;
    row >> l.page >> num >> l.type >> l.width >> l.height >> l.color >> comp >> l.bits >> enc >> interp >> l.object >> gen >> l.ppi;
    out.push_back(l);
  }
  return out;
}

}  // namespace

TEST_CASE("a figure shows its image at its size, within the text block, centred, its description below") {
  const std::string folder = test::scratch_folder("figure-sizes");
  test::draw_image(folder + "/img/box.png", "png16m", 300, 200, 150);   // 144 × 96 pt: fits
  test::draw_image(folder + "/img/wide.jpg", "jpeg", 2400, 600, 300);  // 576 pt wide: too wide
  const std::string input = test::write_file(folder + "/figures.md",
                                             "# 그림\n\n앞 문단.\n\n![파란 상자](img/box.png)\n\n![](img/wide.jpg)\n\n"
                                             "뒤 문단.\n\n![같은 상자](img/box.png)\n");
  auto r = test::jakpum("--dump pages " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find("warning") == std::string::npos);
  const style::Layout l = test::shipped_layout("booklet-a5");
  const double left = l.page.margin_inner, measure = l.text_width();  // page 1 is a right-hand page

  const auto images = placed_images(r.out);
  REQUIRE(images.size() == 3);
  CHECK(r.out.find("image 0 box.png 300 x 200 px\n") != std::string::npos);
  CHECK(r.out.find("image 1 wide.jpg 2400 x 600 px\n") != std::string::npos);
  // At the resolution the file records.
  CHECK(images[0].image == 0);
  CHECK(images[0].width == doctest::Approx(144).epsilon(0.001));
  CHECK(images[0].height == doctest::Approx(96).epsilon(0.001));
  CHECK(images[0].x + images[0].width / 2 == doctest::Approx(left + measure / 2));
  // No wider than the measure, in proportion.
  CHECK(images[1].image == 1);
  CHECK(images[1].width == doctest::Approx(measure).epsilon(0.001));
  CHECK(images[1].height == doctest::Approx(measure / 4).epsilon(0.001));
  CHECK(images[2].image == 0);  // the same file, once in the model

  // The caption, in the figure style, centred under its image.
  std::smatch m;
  REQUIRE(std::regex_search(r.out, m, std::regex(R"(text figure font \d+ size ([\d.]+) at ([\d.]+),([\d.]+) to ([\d.]+) .* "파란 상자")")));
  CHECK(std::stod(m[1]) == doctest::Approx(l.style("figure").size));
  CHECK(std::stod(m[3]) > images[0].y + images[0].height);
  const double caption_centre = (std::stod(m[2]) + std::stod(m[4])) / 2;
  CHECK(caption_centre == doctest::Approx(images[0].x + images[0].width / 2).epsilon(0.02));

  // In the PDF: each file embedded once, shown three times, at the resolution it was placed at.
  const std::string pdf = folder + "/figures.pdf";
  REQUIRE(test::jakpum("-q -o " + shell_quoted(pdf) + " " + shell_quoted(input)).status == 0);
  const auto listed = pdf_images(pdf);
  REQUIRE(listed.size() == 3);
  CHECK(listed[0].width == 300);
  CHECK(listed[0].ppi == 150);
  CHECK(listed[1].width == 2400);
  CHECK(listed[1].type == "image");
  CHECK(listed[1].ppi == doctest::Approx(2400 / (measure / 72)).epsilon(0.01));
  CHECK(listed[2].object == listed[0].object);
  auto text = test::run("pdftotext " + shell_quoted(pdf) + " -");
  CHECK(test::without_space(text.out).find("파란상자") != std::string::npos);
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
}

TEST_CASE("a figure that does not fit where it is written moves on, and the text fills the page") {
  const std::string folder = test::scratch_folder("figure-float");
  test::draw_image(folder + "/tall.png", "png16m", 600, 600, 300);  // 144 pt square
  std::string text;
  for (int i = 0; i < 16; ++i) text += "노동은 단순히 생계를 위한 수단이 아니다. ";
  const std::string input = test::write_file(
      folder + "/float.md",
      text + "\n\n" + text + "\n\n![높은 그림](tall.png)\n\n뒤 문단이 먼저 온다. " + text + "\n\n" + text + "\n");
  auto r = test::jakpum("--dump pages " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  // The page each thing is on: the figure's, and the paragraph after it in the source.
  auto page_of = [&](const std::string& what) {
    const std::size_t at = r.out.find(what);
    REQUIRE(at != std::string::npos);
    const std::size_t page = r.out.rfind("\npage ", at);
    return std::stoi(r.out.substr(page + 6));
  };
  CHECK(page_of("\"뒤 문단이") == 1);
  CHECK(page_of("  image 0 ") == 2);
  CHECK(page_of("\"높은 그림\"") == 2);
}

TEST_CASE("a page-high figure with a long caption keeps image and caption on one page, within the text block") {
  const std::string folder = test::scratch_folder("figure-caption");
  test::draw_image(folder + "/tall.png", "png16m", 600, 2000, 150);  // 288 × 960 pt: as high as the page allows
  const std::string caption =
      "이 그림은 아주 긴 설명을 달고 있다. 설명이 두 줄을 넘으면 그림이 조금 작아져서 그림과 설명이 한 쪽에 "
      "함께 있어야 한다. 그렇지 않으면 설명의 끝이 다음 쪽으로 넘어가 버린다. 이 설명은 네 줄이 되도록 길게 "
      "썼다. 한 줄을 더 보태어 다섯 줄 가까이 되게 한다. 그림 설명이 이만큼 길어지는 일은 드물지만, 사진 "
      "한 장에 긴 해설을 붙이는 책도 있다. 끝.";
  const std::string input =
      test::write_file(folder + "/caption.md", "앞 문단.\n\n![" + caption + "](tall.png)\n\n뒤 문단.\n");
  auto r = test::jakpum("--dump pages " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const style::Layout l = test::shipped_layout("booklet-a5");
  auto page_of = [&](const std::string& what) {
    const std::size_t at = r.out.find(what);
    REQUIRE_MESSAGE(at != std::string::npos, what);
    return std::stoi(r.out.substr(r.out.rfind("\npage ", at) + 6));
  };
  // Well more than the two lines the image first left room for.
  const std::regex caption_line(R"(text figure font \d+ size [\d.]+ at [\d.]+,([\d.]+) )");
  std::vector<double> baselines;
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), caption_line); it != std::sregex_iterator(); ++it)
    baselines.push_back(std::stod((*it)[1]));
  REQUIRE(baselines.size() >= 4);
  // Image and every caption line on one page, the last line inside the text block.
  CHECK(page_of("  image 0 ") == page_of("\"이 그림은"));
  CHECK(page_of("  image 0 ") == page_of("끝.\""));
  const auto images = placed_images(r.out);
  REQUIRE(images.size() == 1);
  CHECK(images[0].y + images[0].height < baselines.front());
  CHECK(baselines.back() < l.page.height - l.page.margin_bottom);
  CHECK(images[0].height > l.text_height() / 2);  // made smaller, not small
}

TEST_CASE("a figure on imposed sheets, and in PDF/A when its image allows") {
  const std::string folder = test::scratch_folder("figure-print");
  test::draw_image(folder + "/box.png", "png16m", 300, 200, 150);
  test::draw_image(folder + "/clear.png", "pngalpha", 300, 200, 150);
  test::draw_image(folder + "/ink.jpg", "jpegcmyk", 300, 200, 150);
  test::draw_image(folder + "/deep.png", "png48", 300, 200, 150);
  const std::string input = test::write_file(folder + "/box.md", "앞 문단.\n\n![상자](box.png)\n\n![깊은 색](deep.png)\n");
  for (const char* how : {"--impose 2-up", "--impose booklet", "--pdfa"}) {
    CAPTURE(how);
    const std::string pdf = folder + "/box.pdf";
    auto r = test::jakpum("-q " + std::string(how) + " -o " + shell_quoted(pdf) + " " + shell_quoted(input));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    const auto listed = pdf_images(pdf);
    REQUIRE(listed.size() == 2);
    for (const Listed& image : listed) {
      CHECK(image.width == 300);
      CHECK(image.bits == 8);  // the 16-bit PNG too: PDF 1.4, and so PDF/A-1, has no more
    }
    CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
  }
  // Transparency and CMYK ink have no place in PDF/A-1 (with its sRGB
  // intent): an error at the figure, naming the image, and no file.
  for (const std::string& file : {std::string("clear.png"), std::string("ink.jpg")}) {
    CAPTURE(file);
    const std::string doc = test::write_file(folder + "/bad.md", "![그림](" + file + ")\n");
    const std::string pdf = folder + "/bad-" + file + ".pdf";
    auto r = test::jakpum("-q --pdfa -o " + shell_quoted(pdf) + " " + shell_quoted(doc));
    CHECK(r.status != 0);
    CHECK(r.err.starts_with(folder + "/bad.md:1:7: error: cannot write PDF/A-1: image `" + file + "` is " +
                            (file == "clear.png" ? "transparent" : "in CMYK")));
    CHECK_FALSE(std::filesystem::exists(pdf));
    // Without PDF/A they are shown as they are.
    REQUIRE(test::jakpum("-q -o " + shell_quoted(pdf) + " " + shell_quoted(doc)).status == 0);
    CHECK(pdf_images(pdf).front().width == 300);
  }
}

TEST_CASE("a figure in PDF/X-1a when its image is in ink or grey") {
  const std::string folder = test::scratch_folder("figure-pdfx");
  test::draw_image(folder + "/ink.jpg", "jpegcmyk", 300, 200, 150);
  test::draw_image(folder + "/grey.jpg", "jpeggray", 300, 200, 150);
  test::draw_image(folder + "/grey.png", "pnggray", 300, 200, 150);
  test::draw_image(folder + "/rgb.png", "png16m", 300, 200, 150);
  test::draw_image(folder + "/rgb.jpg", "jpeg", 300, 200, 150);
  const int w = 4, h = 3;
  test::PngSpec clear{w, h, PNG_COLOR_TYPE_GRAY_ALPHA, 8, false, {}, {}, std::string(w * h * 2, '\x80')};
  REQUIRE(test::write_png(folder + "/clear-grey.png", clear));
  const std::string input =
      test::write_file(folder + "/inks.md", "![잉크](ink.jpg)\n\n![회색](grey.jpg)\n\n![회색 PNG](grey.png)\n");
  const std::string pdf = folder + "/inks.pdf";
  auto r = test::jakpum("-q --pdfx -o " + shell_quoted(pdf) + " " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const auto listed = pdf_images(pdf);
  REQUIRE(listed.size() == 3);
  CHECK(listed[0].color == "cmyk");
  CHECK(listed[1].color == "gray");
  CHECK(listed[2].color == "gray");
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
  // RGB would be separated by whatever the press guesses, and PDF/X-1a has
  // no transparency: an error at the figure, naming the image, and no file.
  for (const std::string& file : {std::string("rgb.png"), std::string("rgb.jpg"), std::string("clear-grey.png")}) {
    CAPTURE(file);
    const std::string doc = test::write_file(folder + "/bad.md", "![그림](" + file + ")\n");
    const std::string bad = folder + "/bad-" + file + ".pdf";
    auto refused = test::jakpum("-q --pdfx -o " + shell_quoted(bad) + " " + shell_quoted(doc));
    CHECK(refused.status == 1);
    CHECK(refused.err.starts_with(folder + "/bad.md:1:7: error: cannot write PDF/X-1a: image `" + file + "` is " +
                                  (file == "clear-grey.png" ? "transparent" : "in RGB")));
    CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);
    CHECK_FALSE(std::filesystem::exists(bad));
  }
}

TEST_CASE("an interlaced PNG, or one with a palette and a transparent colour, shows its pixels") {
  const std::string folder = test::scratch_folder("figure-png-kinds");
  const int w = 37, h = 29;
  test::PngSpec plain{w, h, PNG_COLOR_TYPE_RGB, 8, false, {}, {}, test::rgb_pattern(w, h)};
  test::PngSpec interlaced = plain;
  interlaced.interlaced = true;
  test::PngSpec indexed{2, 2, PNG_COLOR_TYPE_PALETTE, 8, false, {{255, 0, 0}, {0, 0, 255}}, {0}, std::string("\0\1\1\0", 4)};
  REQUIRE(test::write_png(folder + "/plain.png", plain));
  REQUIRE(test::write_png(folder + "/interlaced.png", interlaced));
  REQUIRE(test::write_png(folder + "/indexed.png", indexed));
  const std::string input = test::write_file(
      folder + "/kinds.md", "![보통](plain.png)\n\n![인터레이스](interlaced.png)\n\n![팔레트](indexed.png)\n");
  const std::string pdf = folder + "/kinds.pdf";
  auto r = test::jakpum("-q -o " + shell_quoted(pdf) + " " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const auto listed = pdf_images(pdf);
  REQUIRE(listed.size() == 4);  // three images and the palette's soft mask
  CHECK(listed[3].type == "smask");
  // The interlaced file's pixels are the plain one's, as poppler extracts them.
  REQUIRE(test::run("cd " + shell_quoted(folder) + " && pdfimages -png kinds.pdf out").status == 0);
  CHECK(test::read_text(folder + "/out-000.png") == test::read_text(folder + "/out-001.png"));
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
}

TEST_CASE("a missing or unreadable image is an error at its place, a coarse one a warning") {
  const std::string folder = test::scratch_folder("figure-errors");
  test::write_file(folder + "/text.png", "not an image");
  test::draw_image(folder + "/coarse.png", "png16m", 100, 50, 72);
  // Files cut short past their headers (a copy that did not finish): a
  // JPEG would go into the PDF as it is, damaged; a PNG is found so only
  // when its pixels are read, while the PDF is written.
  for (const char* name : {"cut.png", "cut.jpg"}) {
    const std::string whole =
        test::read_text(test::draw_image(folder + "/whole-" + name, name[4] == 'p' ? "png16m" : "jpeg", 300, 200, 300));
    test::write_file(folder + "/" + name, whole.substr(0, whole.size() - 40));
  }
  test::write_file(folder + "/start.jpg", "\xFF\xD8\xFF");
  struct Case {
    std::string markdown, message;
  } cases[] = {
      {"글.\n\n![없는 그림](none.png)\n",
       "doc.md:3:10: error: cannot use image `none.png`: image file not found or unreadable"},
      {"![글자](text.png)\n",
       "doc.md:1:7: error: cannot use image `text.png`: not a PNG or JPEG image (save it as .png or .jpg)"},
      {"글.\n\n![그림](cut.png)\n",
       "doc.md:3:7: error: cannot use image `cut.png`: not a PNG file libpng can read: Read Error (it may be cut short "
       "or damaged: save it again)"},
      {"![그림](cut.jpg)\n",
       "doc.md:1:7: error: cannot use image `cut.jpg`: not a JPEG file libjpeg can read: Premature end of JPEG file "
       "(it "
       "may be cut short or damaged: save it again)"},
      {"![그림](start.jpg)\n",
       "doc.md:1:7: error: cannot use image `start.jpg`: not a JPEG file libjpeg can read: JPEG datastream contains "
       "no image (it may be cut short or damaged: save it again)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.markdown);
    const std::string doc = test::write_file(folder + "/doc.md", c.markdown);
    const std::string pdf = folder + "/doc.pdf";
    auto r = test::jakpum("-q -o " + shell_quoted(pdf) + " " + shell_quoted(doc));
    CHECK(r.status != 0);
    CHECK(r.err == folder + "/" + c.message + "\n");
    CHECK_FALSE(std::filesystem::exists(pdf));
  }
  // 100 px set at 72 dpi across 35 mm: too coarse for print, set all the same.
  const std::string doc = test::write_file(folder + "/coarse.md", "![거친 그림](coarse.png)\n");
  auto r = test::jakpum("-o " + shell_quoted(folder + "/coarse.pdf") + " " + shell_quoted(doc));
  REQUIRE(r.status == 0);
  CHECK(r.err.find(folder + "/coarse.md:1:10: warning: image `coarse.png` prints at 72 dpi (100 px across 35 mm); "
                            "print wants 300, 150 at least\n") != std::string::npos);
}

TEST_CASE("an Obsidian embed is found as Obsidian finds it: beside the note, else anywhere in its vault") {
  namespace fs = std::filesystem;
  const std::string vault = test::scratch_folder("figure-vault");
  fs::create_directories(vault + "/.obsidian");
  fs::create_directories(vault + "/글/초고");
  fs::create_directories(vault + "/첨부/옛것");
  fs::create_directories(vault + "/.trash");
  // The attachments folder's, one folder down; another of the name further
  // down and in the trash; one beside the note; one by its path from the top.
  test::draw_image(vault + "/첨부/Pasted image 1.png", "png16m", 300, 200, 300);
  test::draw_image(vault + "/첨부/옛것/Pasted image 1.png", "png16m", 120, 80, 300);
  test::draw_image(vault + "/.trash/Pasted image 2.png", "png16m", 90, 60, 300);
  test::draw_image(vault + "/글/초고/옆.png", "png16m", 240, 160, 300);
  test::draw_image(vault + "/그림.png", "png16m", 360, 240, 300);
  const std::string note = test::write_file(vault + "/글/초고/노트.md",
                                            "# 노트\n\n본문.\n\n![[Pasted image 1.png]]\n\n![[옆.png]]\n\n"
                                            "![[그림.png|300]]\n\n끝.\n");
  auto r = test::jakpum("--dump pages " + shell_quoted(note));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find("warning") == std::string::npos);
  CHECK(r.out.find("image 0 Pasted image 1.png 300 x 200 px\n") != std::string::npos);
  CHECK(r.out.find("image 1 옆.png 240 x 160 px\n") != std::string::npos);
  CHECK(r.out.find("image 2 그림.png 360 x 240 px\n") != std::string::npos);
  CHECK(placed_images(r.out).size() == 3);
  const std::string pdf = vault + "/노트.pdf";
  REQUIRE(test::jakpum("-q -o " + shell_quoted(pdf) + " " + shell_quoted(note)).status == 0);
  CHECK(pdf_images(pdf).size() == 3);

  // Only in the trash: not found, named as the note writes it. Without a
  // vault, an embed is looked for beside its note alone.
  const std::string trashed = test::write_file(vault + "/글/버린.md", "본문.\n\n![[Pasted image 2.png]]\n");
  auto missing = test::jakpum("-q -o " + shell_quoted(vault + "/버린.pdf") + " " + shell_quoted(trashed));
  CHECK(missing.status != 0);
  CHECK(missing.err == vault +
                           "/글/버린.md:3:1: error: cannot use image `Pasted image 2.png`: image file not found or "
                           "unreadable\n");
  fs::remove_all(vault + "/.obsidian");
  auto outside = test::jakpum("-q -o " + shell_quoted(pdf) + " " + shell_quoted(note));
  CHECK(outside.status != 0);
  CHECK(outside.err.find("cannot use image `Pasted image 1.png`") != std::string::npos);
}
