// A manifest makes a book: cover, contents with true page numbers, the
// essays, a colophon, and page labels (roman, then arabic).
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <regex>
#include <sstream>

#include "style/layout.h"
#include "support.h"

using namespace jakpum;
using test::shell_quoted;

namespace {

std::string page_text(const std::string& pdf, int page, bool layout = false) {
  auto r = test::run("pdftotext " + std::string(layout ? "-layout " : "") + "-f " + std::to_string(page) + " -l " +
                     std::to_string(page) + " " + shell_quoted(pdf) + " -");
  REQUIRE(r.status == 0);
  return r.out;
}

int page_count(const std::string& pdf) {
  auto info = test::run("pdfinfo " + shell_quoted(pdf));
  std::smatch m;
  REQUIRE(std::regex_search(info.out, m, std::regex(R"(Pages:\s+(\d+))")));
  return std::stoi(m[1]);
}

// The sample booklet as a book, typeset once.
const std::string& book() {
  static const std::string pdf = [] {
    std::string out = test::scratch_folder("book") + "/book.pdf";
    auto run = test::run(shell_quoted(JAKPUM_BINARY) + " -q -o " + shell_quoted(out) + " " +
                         shell_quoted(test::source_path("samples/booklet.toml")));
    REQUIRE_MESSAGE(run.status == 0, run.err);
    return out;
  }();
  return pdf;
}

// Page labels: lower-case roman from the first page, arabic from the body's.
// The body's first page's index, 0-based: body page n is PDF page first + n.
int first_body_page(const std::string& pdf) {
  auto labels = test::run("qpdf --json --json-key=pagelabels " + shell_quoted(pdf));
  REQUIRE(labels.status == 0);
  std::smatch m;
  REQUIRE(std::regex_search(labels.out, m, std::regex(R"re("index": 0,\s*"label": \{\s*"/S": "/r")re")));
  REQUIRE(std::regex_search(labels.out, m,
                            std::regex(R"re("index": (\d+),\s*"label": \{\s*"/S": "/D",\s*"/St": 1)re")));
  return std::stoi(m[1]);
}

}  // namespace

TEST_CASE("the booklet as a book: cover, contents whose page numbers are right, colophon, page labels") {
  const std::string& pdf = book();
  const int first_body = first_body_page(pdf);
  CHECK(first_body % 2 == 0);  // the body opens on a right-hand page
  std::smatch m;

  std::string cover = test::without_space(page_text(pdf, 1));
  CHECK(cover == test::without_space("작품 일과 경험에 관한 두 편의 에세이"));

  // Every entry of the contents leads to its page.
  int entries = 0;
  std::regex entry(R"(^\s*(\S.*?\S)\s+(?:\.\s*)+\s*(\d+)\s*$)");
  for (int p = 2; p <= first_body; ++p) {
    std::istringstream lines(page_text(pdf, p, true));
    for (std::string line; std::getline(lines, line);) {
      if (!std::regex_match(line, m, entry)) continue;
      ++entries;
      std::string title = m[1];
      int label = std::stoi(m[2]);
      CAPTURE(title);
      CHECK(test::without_space(page_text(pdf, first_body + label)).find(test::without_space(title)) !=
            std::string::npos);
    }
  }
  CHECK(entries == 7);  // two essays, five sections

  // The colophon closes the book.
  auto info = test::run("pdfinfo " + shell_quoted(pdf));
  std::regex pages_re(R"(Pages:\s+(\d+))");
  REQUIRE(std::regex_search(info.out, m, pages_re));
  std::string colophon = page_text(pdf, std::stoi(m[1]));
  for (const char* needle : {"작품", "글꼴", "NanumMyeongjo", "booklet-a5", "148 × 210 mm", "jakpum 0.1.0"})
    CHECK(colophon.find(needle) != std::string::npos);
}

TEST_CASE("each entry of the contents is a link to where its heading stands") {
  const std::string& pdf = book();
  const int first_body = first_body_page(pdf);
  auto info = test::run("pdfinfo " + shell_quoted(pdf)).out;
  std::smatch m;
  REQUIRE(std::regex_search(info, m, std::regex(R"(Page size: +[\d.]+ x ([\d.]+) pts)")));
  const double height = std::stod(m[1]);
  const auto words = test::pdf_words(pdf);
  auto layout = style::load_layout("booklet-a5", {{test::source_path("layouts")}});
  REQUIRE(layout.ok());

  int entries = 0;
  for (const test::PdfLink& l : test::pdf_links(pdf)) {
    CHECK(l.uri.empty());
    CHECK(l.border == "0, 0, 0");
    CHECK(l.flags == 4);
    const double y0 = height - l.y1, y1 = height - l.y0;  // from the top
    // The entry's words: its title, the dot leaders, its page number.
    std::string title, number;
    for (const auto& w : words[l.page - 1]) {
      const double cx = (w.x0 + w.x1) / 2, cy = (w.y0 + w.y1) / 2;
      if (cx < l.x0 || cx > l.x1 || cy < y0 || cy > y1) continue;
      if (std::regex_match(w.text, std::regex(R"(\d+)"))) number = w.text;
      else if (w.text.find_first_not_of('.') != std::string::npos) title += w.text;
    }
    CAPTURE(title);
    REQUIRE(!number.empty());
    // It leads to the page labelled with the number, showing the heading from its top.
    CHECK(l.to_page == first_body + std::stoi(number));
    // The heading's first line on that page: words in the text block (not
    // the running head), on one line, that start the title.
    std::map<int, std::string> lines;  // top, rounded → its words
    for (const auto& w : words[l.to_page - 1])
      if (w.y1 > layout->page.margin_top) lines[static_cast<int>(std::lround(w.y0))] += w.text;
    double title_top = -1;
    for (const auto& [y, text] : lines)
      if (title_top < 0 && !text.empty() && title.starts_with(text)) title_top = y;
    REQUIRE(title_top >= 0);
    const double top = height - l.to_top;  // from the page's top
    CHECK(top <= title_top + 1);
    CHECK(title_top - top < 40);
    ++entries;
  }
  CHECK(entries == 7);  // two essays, five sections
}

TEST_CASE("a cover or contents with nothing to show is left out, with a warning, not printed blank") {
  const std::string folder = test::scratch_folder("book-untitled");
  test::write_file(folder + "/plain.md", "제목 없는 글의 본문.\n");
  test::write_file(folder + "/titled.md", "# 제목 있는 글\n\n본문.\n");
  auto typeset = [&](const std::string& manifest) {
    const std::string path = test::write_file(folder + "/book.toml", manifest);
    const std::string pdf = folder + "/book.pdf";
    auto r = test::run(shell_quoted(JAKPUM_BINARY) + " -o " + shell_quoted(pdf) + " " + shell_quoted(path));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    return std::make_pair(r.err, pdf);
  };
  const std::string cover_warning = folder + "/book.toml: warning: the cover is left out: ";
  const std::string contents_warning = folder + "/book.toml: warning: the table of contents is left out: ";

  // Neither a title for the cover nor one for the contents to list: the
  // documents open the PDF, each on a right-hand page, the colophon after.
  auto [err, pdf] = typeset("documents = [\"plain.md\", \"plain.md\"]\n");
  CHECK(err.find(cover_warning) != std::string::npos);
  CHECK(err.find(contents_warning) != std::string::npos);
  CHECK(page_count(pdf) == 4);
  CHECK(page_text(pdf, 1).find("제목 없는 글의 본문.") != std::string::npos);
  CHECK(page_text(pdf, 3).find("제목 없는 글의 본문.") != std::string::npos);

  // A title for the cover, still nothing to list.
  std::tie(err, pdf) = typeset("title = \"책\"\ndocuments = [\"plain.md\"]\n");
  CHECK(err.find(cover_warning) == std::string::npos);
  CHECK(err.find(contents_warning) != std::string::npos);
  CHECK(page_text(pdf, 1).find("책") != std::string::npos);
  CHECK(page_text(pdf, 3).find("제목 없는 글의 본문.") != std::string::npos);

  // One titled document is enough for the contents; the other is not listed.
  std::tie(err, pdf) = typeset("title = \"책\"\ndocuments = [\"plain.md\", \"titled.md\"]\n");
  CHECK(err.find("left out") == std::string::npos);
  CHECK(page_text(pdf, 3).find("제목 있는 글") != std::string::npos);
}
