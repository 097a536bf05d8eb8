// A manifest makes a book: cover, contents with true page numbers, the
// essays, a colophon, and page labels (roman, then arabic).
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

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

}  // namespace

TEST_CASE("the booklet as a book: cover, contents whose page numbers are right, colophon, page labels") {
  std::string pdf = test::scratch_folder("book") + "/book.pdf";
  auto run = test::run(shell_quoted(JAKPUM_BINARY) + " -q -o " + shell_quoted(pdf) + " " +
                       shell_quoted(test::source_path("samples/booklet.toml")));
  REQUIRE(run.status == 0);

  // Labels: lower-case roman from the first page, arabic from the body's.
  auto labels = test::run("qpdf --json --json-key=pagelabels " + shell_quoted(pdf));
  std::smatch m;
  std::string json = labels.out;
  REQUIRE(std::regex_search(json, m, std::regex(R"re("index": 0,\s*"label": \{\s*"/S": "/r")re")));
  REQUIRE(std::regex_search(json, m, std::regex(R"re("index": (\d+),\s*"label": \{\s*"/S": "/D",\s*"/St": 1)re")));
  const int first_body = std::stoi(m[1]);  // 0-based
  CHECK(first_body % 2 == 0);               // the body opens on a right-hand page

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
