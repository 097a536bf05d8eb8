// Print production end to end: imposed sheets, boxes, marks, PDF/A, PDF/X.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>

#include "app/typeset.h"
#include "core/files.h"
#include "doc/read.h"
#include "render/pdf/pdf_writer.h"
#include "support.h"

using namespace jakpum;
using test::shell_quoted;

namespace {

struct Book {
  page::PageModel model;
  style::Layout layout;
};

Book typeset(const std::string& layout_name) {
  Diagnostics diags;
  auto pub = doc::read_publication({test::source_path("samples/booklet.toml")}, diags);
  REQUIRE(pub.ok());
  auto layout = style::load_layout(layout_name, {{test::source_path("layouts")}});
  REQUIRE(layout.ok());
  app::Context ctx;
  auto model = app::typeset(*pub, *layout, ctx);
  REQUIRE(model.ok());
  return {std::move(*model), std::move(*layout)};
}

impose::Params params_of(const style::Layout& l) {
  impose::Params p;
  p.method = *impose::parse_method(l.print.impose);
  p.sheet_width = l.print.sheet_width, p.sheet_height = l.print.sheet_height;
  p.bleed = l.print.bleed, p.crop_marks = l.print.crop_marks, p.creep = l.print.creep;
  return p;
}

std::string write(const page::PageModel& model, const render::PdfOptions& options, const std::string& path) {
  auto bytes = render::write_pdf(model, options);
  REQUIRE_MESSAGE(bytes.ok(), (bytes.ok() ? "" : format(bytes.error())));
  REQUIRE(write_file_atomically(path, *bytes).ok());
  return path;
}

// The file with its streams uncompressed (qpdf's QDF form), as text.
std::string uncompressed(const std::string& pdf) {
  REQUIRE(test::run("qpdf --qdf --object-streams=disable " + shell_quoted(pdf) + " " + shell_quoted(pdf + ".qdf")).status == 0);
  return test::read_text(pdf + ".qdf");
}

struct Boxes {
  double media[4], bleed[4], trim[4];
};

std::vector<Boxes> boxes_of(const std::string& pdf, int pages) {
  auto r = test::run("pdfinfo -box -f 1 -l " + std::to_string(pages) + " " + shell_quoted(pdf));
  std::vector<Boxes> out(static_cast<std::size_t>(pages));
  std::regex box(R"(Page\s+(\d+) (MediaBox|BleedBox|TrimBox):\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+))");
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), box); it != std::sregex_iterator(); ++it) {
    auto& b = out[static_cast<std::size_t>(std::stoi((*it)[1]) - 1)];
    double* target = (*it)[2] == "MediaBox" ? b.media : (*it)[2] == "BleedBox" ? b.bleed : b.trim;
    for (int k = 0; k < 4; ++k) target[k] = std::stod((*it)[3 + k]);
  }
  return out;
}

}  // namespace

TEST_CASE("imposed sheets show the same glyphs at the same places as the flat pages") {
  std::string folder = test::scratch_folder("print-imposed");
  for (std::string layout : {"booklet-a5-print", "handout-a4-2up"}) {
    CAPTURE(layout);
    Book book = typeset(layout);
    render::PdfOptions flat_options, imposed_options;
    imposed_options.imposition = params_of(book.layout);
    auto flat = test::pdf_words(write(book.model, flat_options, folder + "/" + layout + "-flat.pdf"));
    auto sheets = test::pdf_words(write(book.model, imposed_options, folder + "/" + layout + ".pdf"));
    auto imposed = impose::impose(book.model, imposed_options.imposition);
    REQUIRE(imposed.ok());
    REQUIRE(sheets.size() == imposed->sheets.size());
    int compared = 0;
    for (std::size_t k = 0; k < imposed->sheets.size(); ++k)
      for (const auto& pl : imposed->sheets[k].placements) {
        if (pl.blank) continue;
        for (const test::PdfWord& w : flat[pl.page]) {
          // Where the transform takes the flat word, the sheet shows it.
          const double x = pl.dx + w.x0 * pl.scale, y = pl.dy + w.y0 * pl.scale;
          bool found = false;
          for (const test::PdfWord& s : sheets[k])
            found |= s.text == w.text && std::abs(s.x0 - x) < 0.05 && std::abs(s.y0 - y) < 0.05;
          CAPTURE(w.text);
          CHECK(found);
          ++compared;
        }
      }
    CHECK(compared > 1000);
  }
}

TEST_CASE("every sheet has MediaBox, BleedBox and TrimBox, nested, and the booklet's trim is the A5 spread") {
  std::string folder = test::scratch_folder("print-boxes");
  for (std::string layout : {"booklet-a5", "booklet-a5-print", "handout-a4-2up"}) {
    CAPTURE(layout);
    std::string pdf = folder + "/" + layout + ".pdf";
    auto r = test::run(shell_quoted(JAKPUM_BINARY) + " -q --layout " + layout + " -o " + shell_quoted(pdf) + " " +
                       shell_quoted(test::source_path("samples/booklet.toml")));
    REQUIRE(r.status == 0);
    std::smatch m;
    auto info = test::run("pdfinfo " + shell_quoted(pdf));
    REQUIRE(std::regex_search(info.out, m, std::regex(R"(Pages:\s+(\d+))")));
    const int pages = std::stoi(m[1]);
    auto boxes = boxes_of(pdf, pages);
    for (int i = 0; i < pages; ++i) {
      CAPTURE(i + 1);
      const Boxes& b = boxes[static_cast<std::size_t>(i)];
      for (int k = 0; k < 2; ++k) {
        CHECK(b.media[k] <= b.bleed[k] + 1e-3);
        CHECK(b.bleed[k] <= b.trim[k] + 1e-3);
        CHECK(b.trim[k + 2] <= b.bleed[k + 2] + 1e-3);
        CHECK(b.bleed[k + 2] <= b.media[k + 2] + 1e-3);
      }
      if (layout == "booklet-a5-print") {
        CHECK(b.trim[2] - b.trim[0] == doctest::Approx(2 * mm_to_pt(148)).epsilon(1e-4));
        CHECK(b.trim[3] - b.trim[1] == doctest::Approx(mm_to_pt(210)).epsilon(1e-4));
        CHECK(b.trim[0] - b.bleed[0] == doctest::Approx(mm_to_pt(3)).epsilon(1e-3));
      }
    }
    if (layout == "booklet-a5-print") CHECK(pages % 2 == 0);  // sheets print both sides
  }
}

TEST_CASE("the print layout sets its colours in CMYK and draws marks in all inks") {
  std::string folder = test::scratch_folder("print-colours");
  Book book = typeset("booklet-a5-print");
  render::PdfOptions options;
  options.imposition = params_of(book.layout);
  std::string pdf = write(book.model, options, folder + "/p.pdf");
  std::string text = uncompressed(pdf);
  CHECK(text.find("0 0 0 1 k") != std::string::npos);    // pure black text
  CHECK(text.find("1 1 1 1 K") != std::string::npos);    // registration marks
  CHECK(text.find(" rg\n") == std::string::npos);        // no RGB fills
}

TEST_CASE("PDF/A-1b: output intent, XMP metadata, language, and RGB only") {
  std::string folder = test::scratch_folder("print-pdfa");
  std::string pdf = folder + "/a.pdf";
  auto r = test::run(shell_quoted(JAKPUM_BINARY) + " -q --pdfa --layout booklet-a5-print -o " + shell_quoted(pdf) + " " +
                     shell_quoted(test::source_path("samples/booklet.toml")));
  REQUIRE(r.status == 0);
  auto info = test::run("pdfinfo " + shell_quoted(pdf));
  CHECK(info.out.find("PDF version:     1.4") != std::string::npos);
  CHECK(info.out.find("Metadata Stream: yes") != std::string::npos);
  std::string text = uncompressed(pdf);
  for (const char* needle : {"/Type /OutputIntent", "/S /GTS_PDFA1", "/DestOutputProfile", "/Lang (ko)",
                             "/Subtype /XML", "<pdfaid:part>1</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
                             "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">작품</rdf:li>", "/CIDSet", "/ID ["})
    CHECK(text.find(needle) != std::string::npos);
  CHECK(text.find(" k\n") == std::string::npos);  // CMYK turned into RGB for the sRGB intent
  CHECK(text.find(" K\n") == std::string::npos);
  // Equal inputs, equal files: the ID does not come from the clock.
  std::string again = folder + "/b.pdf";
  REQUIRE(test::run(shell_quoted(JAKPUM_BINARY) + " -q --pdfa --layout booklet-a5-print -o " + shell_quoted(again) + " " +
                    shell_quoted(test::source_path("samples/booklet.toml"))).status == 0);
  CHECK(test::read_text(pdf) == test::read_text(again));
}

TEST_CASE("PDF/X-1a: output intent, version, title, dates, inks only, nothing inside the trim") {
  std::string folder = test::scratch_folder("print-pdfx");
  const std::string booklet = shell_quoted(test::source_path("samples/booklet.toml"));
  std::string pdf = folder + "/x.pdf";
  // The default layout gives greys and a blue in RGB, and the booklet links
  // its contents to its sections.
  auto r = test::jakpum("-q --pdfx -o " + shell_quoted(pdf) + " " + booklet);
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
  auto info = test::run("pdfinfo " + shell_quoted(pdf));
  CHECK(info.out.find("PDF version:     1.4") != std::string::npos);
  CHECK(info.out.find("Title:           작품") != std::string::npos);
  CHECK(info.out.find("CreationDate:") != std::string::npos);
  CHECK(info.out.find("ModDate:") != std::string::npos);
  std::string text = uncompressed(pdf);
  for (const char* needle : {"/GTS_PDFXVersion (PDF/X-1a:2003)", "/Trapped /False", "/Type /OutputIntent", "/S /GTS_PDFX",
                             "/OutputConditionIdentifier (FOGRA39)", "/RegistryName (http://www.color.org)", "/ID [",
                             "/TrimBox", "/PageLayout /TwoColumnRight"})
    CHECK_MESSAGE(text.find(needle) != std::string::npos, needle);
  for (const char* absent : {" rg\n", " RG\n", "/DeviceRGB", "/Annots", "/SMask", "/TwoPageRight"})
    CHECK_MESSAGE(text.find(absent) == std::string::npos, absent);
  CHECK(text.find("0 0 0 0.733 k\n") != std::string::npos);  // #444444: black ink alone
  CHECK(text.find("0.667 0.391 0 0.659 k\n") != std::string::npos);  // #1d3557 in the four inks
  // Ghostscript separates it: the essays' text pages take black ink alone.
  auto inks = test::run("gs -q -o - -sDEVICE=inkcov -dFirstPage=5 -dLastPage=6 " + shell_quoted(pdf));
  REQUIRE(inks.status == 0);
  std::istringstream rows(inks.out);
  double c = 1, m = 1, y = 1, k = 0;
  for (int page = 0; page < 2; ++page) {
    std::string rest;
    REQUIRE(static_cast<bool>(rows >> c >> m >> y >> k));
    std::getline(rows, rest);
    CHECK(c == 0);
    CHECK(m == 0);
    CHECK(y == 0);
    CHECK(k > 0.01);
  }
  // Without PDF/X the same booklet keeps its links and its RGB.
  std::string plain = folder + "/plain.pdf";
  REQUIRE(test::jakpum("-q -o " + shell_quoted(plain) + " " + booklet).status == 0);
  std::string plain_text = uncompressed(plain);
  CHECK(plain_text.find("/Annots") != std::string::npos);
  CHECK(plain_text.find(" rg\n") != std::string::npos);
  CHECK(plain_text.find("GTS_PDFX") == std::string::npos);
  // The same text, all of it.
  auto text_of = [](const std::string& file) { return test::run("pdftotext " + shell_quoted(file) + " -").out; };
  CHECK(text_of(pdf) == text_of(plain));
}

TEST_CASE("PDF/X-1a dates: SOURCE_DATE_EPOCH, else when the newest input last changed") {
  std::string folder = test::scratch_folder("print-pdfx-dates");
  const std::string fonts = test::source_path("fonts");
  // A layout of its own, so that no file newer than this test's is read.
  std::string layout = test::write_file(folder + "/press.toml",
                                        "[fonts.myeongjo]\nregular = \"" + fonts + "/NanumMyeongjo.ttf\"\n\n"
                                        "[styles.body]\nfont = \"myeongjo\"\n\n"
                                        "[print]\npdfx = true\nprinting-condition = \"JC200103\"\n");
  std::string doc = test::write_file(folder + "/note.md", "한 줄.\n");  // no title: the file's name serves
  REQUIRE(test::run("touch -d '2024-03-01 12:00:00 UTC' " + shell_quoted(doc)).status == 0);
  REQUIRE(test::run("touch -d '2024-02-01 08:30:00 UTC' " + shell_quoted(layout)).status == 0);
  std::string a = folder + "/a.pdf", b = folder + "/b.pdf", c = folder + "/c.pdf";
  const std::string args = " -q --layout " + shell_quoted(layout) + " " + shell_quoted(doc);
  REQUIRE(test::run("env -u SOURCE_DATE_EPOCH " + shell_quoted(JAKPUM_BINARY) + args + " -o " + shell_quoted(a)).status == 0);
  REQUIRE(test::run("env -u SOURCE_DATE_EPOCH " + shell_quoted(JAKPUM_BINARY) + args + " -o " + shell_quoted(b)).status == 0);
  CHECK(test::read_text(a) == test::read_text(b));  // equal files, equal bytes
  REQUIRE(test::run("env SOURCE_DATE_EPOCH=1000000000 " + shell_quoted(JAKPUM_BINARY) + args + " -o " + shell_quoted(c)).status == 0);
  std::string from_files = uncompressed(a), from_epoch = uncompressed(c);
  CHECK(from_files.find("/CreationDate (D:20240301120000Z") != std::string::npos);
  CHECK(from_files.find("/ModDate (D:20240301120000Z") != std::string::npos);
  CHECK(from_epoch.find("/CreationDate (D:20010909014640Z") != std::string::npos);
  CHECK(from_files.find("/OutputConditionIdentifier (JC200103)") != std::string::npos);
  CHECK(test::run("pdfinfo " + shell_quoted(a)).out.find("Title:           note") != std::string::npos);
}

TEST_CASE("PDF/X-1a refuses what it cannot be, in one line, and writes nothing") {
  std::string folder = test::scratch_folder("print-pdfx-refused");
  const std::string booklet = shell_quoted(test::source_path("samples/booklet.toml"));
  std::string pdf = folder + "/x.pdf";
  auto both = test::jakpum("-q --pdfx --pdfa -o " + shell_quoted(pdf) + " " + booklet);
  CHECK(both.status == 1);
  CHECK(both.err.find("cannot write PDF/A-1 and PDF/X-1a at once") != std::string::npos);
  auto haru = test::jakpum("-q --pdfx --font-embedding libharu -o " + shell_quoted(pdf) + " " + booklet);
  CHECK(haru.status == 1);
  CHECK(haru.err.find("PDF/X-1a does not allow") != std::string::npos);
  std::string layout = test::write_file(folder + "/bad.toml",
                                        "extends = \"booklet-a5\"\n\n[print]\npdfx = true\nprinting-condition = \"FOGRA99\"\n");
  auto unknown = test::jakpum("-q --layout " + shell_quoted(layout) + " -o " + shell_quoted(pdf) + " " + booklet);
  CHECK(unknown.status == 1);
  CHECK(unknown.err.starts_with(layout + ":5:22: error: `print.printing-condition` unknown printing condition `FOGRA99`"));
  CHECK(unknown.err.find("FOGRA39") != std::string::npos);  // the hint names those there are
  for (const auto* r : {&both, &haru, &unknown}) CHECK(std::count(r->err.begin(), r->err.end(), '\n') == 1);
  CHECK_FALSE(std::filesystem::exists(pdf));
}
