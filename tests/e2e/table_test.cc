// Tables: columns, alignment, rules and breaking, checked in the page model
// and in the PDF with pdftotext and qpdf.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <sstream>

#include "e2e/layouts.h"
#include "support.h"

using namespace jakpum;
using test::shell_quoted;

TEST_CASE("a table: columns as wide as they need or sharing the measure, aligned as written, between rules") {
  const std::string folder = test::scratch_folder("table");
  const std::string input = test::write_file(
      folder + "/table.md",
      "앞 문단.\n\n| 도구 | 쓰임새 | 무게(kg) |\n|:-----|:------:|--------:|\n| 망치 | 못을 박는다 | 0.5 |\n"
      "| 대패 | 나무 면을 고르게 다듬는다. 아주 긴 설명이 들어가면 칸 안에서 줄이 바뀌어야 한다. 그렇게 되는지 본다. | 1.25 |\n\n"
      "뒤 문단.\n");
  const std::string pdf = folder + "/table.pdf";
  auto r = test::jakpum("-q -o " + shell_quoted(pdf) + " " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.empty());
  const style::Layout l = test::shipped_layout("booklet-a5");
  const double left = l.page.margin_inner, measure = l.text_width();

  const auto pages = test::pdf_words(pdf);
  REQUIRE(pages.size() == 1);
  std::map<std::string, test::PdfWord> at;
  for (const auto& w : pages.front()) at.emplace(w.text, w);
  for (const char* w : {"도구", "망치", "대패", "쓰임새", "못을", "박는다", "무게(kg)", "0.5", "1.25", "나무", "본다."})
    REQUIRE_MESSAGE(at.contains(w), w);
  // First column flush left at the text block's edge; the last flush right,
  // at the measure's end, as the long cell makes the table as wide as the measure.
  CHECK(at["도구"].x0 == doctest::Approx(left).epsilon(0.001));
  CHECK(at["망치"].x0 == doctest::Approx(left).epsilon(0.001));
  CHECK(at["대패"].x0 == doctest::Approx(left).epsilon(0.001));
  CHECK(at["무게(kg)"].x1 == doctest::Approx(left + measure).epsilon(0.001));
  CHECK(at["0.5"].x1 == doctest::Approx(left + measure).epsilon(0.001));
  CHECK(at["1.25"].x1 == doctest::Approx(left + measure).epsilon(0.001));
  // The middle column centred: its header over its first cell.
  CHECK((at["쓰임새"].x0 + at["쓰임새"].x1) / 2 == doctest::Approx((at["못을"].x0 + at["박는다"].x1) / 2).epsilon(0.002));
  // The long cell broke into lines within its column, clear of the next.
  CHECK(at["본다."].y0 > at["나무"].y0 + 5);
  for (const auto& w : pages.front())
    if (w.y0 > at["나무"].y0 - 1 && w.y0 < at["본다."].y1 && w.text != "대패" && w.text != "1.25")
      CHECK(w.x1 < at["1.25"].x0 - l.style("table").size * 0.9);

  // Rules: above the table, under its header row (thinner), below the table; as wide as the table.
  auto dump = test::jakpum("--dump pages " + shell_quoted(input));
  REQUIRE(dump.status == 0);
  const std::regex rule(R"(  rule ([\d.]+),([\d.]+) ([\d.]+),[\d.]+ width ([\d.]+))");
  std::vector<std::pair<double, double>> rules;  // (y, thickness)
  for (auto it = std::sregex_iterator(dump.out.begin(), dump.out.end(), rule); it != std::sregex_iterator(); ++it) {
    CHECK(std::stod((*it)[1]) == doctest::Approx(left).epsilon(0.001));
    CHECK(std::stod((*it)[3]) == doctest::Approx(left + measure).epsilon(0.001));
    rules.emplace_back(std::stod((*it)[2]), std::stod((*it)[4]));
  }
  std::sort(rules.begin(), rules.end());
  REQUIRE(rules.size() == 3);
  CHECK(rules[0].second == doctest::Approx(l.style("table").rule_above));
  CHECK(rules[1].second == doctest::Approx(l.style("table-header").rule_below));
  CHECK(rules[2].second == doctest::Approx(l.style("table").rule_below));
  CHECK(rules[0].first < at["도구"].y0);
  CHECK(rules[1].first > at["도구"].y1);
  CHECK(rules[1].first < at["망치"].y0);
  CHECK(rules[2].first > at["본다."].y1);
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
}

TEST_CASE("a narrow table keeps its columns' widths, a long one breaks between rows, never inside one") {
  const std::string folder = test::scratch_folder("table-long");
  std::string md = "| 번호 | 설명 |\n|--:|---|\n";
  for (int i = 1; i <= 60; ++i) md += "| " + std::to_string(i) + " | " + std::to_string(i) + "번째 줄<br>둘째 줄 |\n";
  const std::string input = test::write_file(folder + "/long.md", md);
  auto r = test::jakpum("--dump pages " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  // Each row's two lines on the same page; the table on several.
  std::map<int, int> first_line_page, second_line_page;
  int page = 0;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, std::regex(R"(^page (\d+) )"))) page = std::stoi(m[1]);
    else if (std::regex_search(line, m, std::regex(R"re("(\d+)번째 줄")re"))) first_line_page[std::stoi(m[1])] = page;
    else if (line.find("\"둘째 줄\"") != std::string::npos) second_line_page[static_cast<int>(second_line_page.size()) + 1] = page;
  }
  REQUIRE(first_line_page.size() == 60);
  REQUIRE(second_line_page.size() == 60);
  for (int i = 1; i <= 60; ++i) CHECK(first_line_page[i] == second_line_page[i]);
  CHECK(first_line_page[60] > first_line_page[1]);
  // Narrow: the description column starts one gap (the table's font size) after the widest number.
  const style::Layout l = test::shipped_layout("booklet-a5");
  std::smatch m;
  REQUIRE(std::regex_search(r.out, m, std::regex(R"(text table font \d+ size [\d.]+ at ([\d.]+),[\d.]+ to [\d.]+ [^"]*"1번째 줄")")));
  CHECK(std::stod(m[1]) < l.page.margin_inner + l.text_width() / 3);
  // ...and the rules span the table, not the measure.
  REQUIRE(std::regex_search(r.out, m, std::regex(R"(  rule ([\d.]+),[\d.]+ ([\d.]+),)")));
  CHECK(std::stod(m[2]) - std::stod(m[1]) < l.text_width() / 2);
}

namespace {

// Rows of a table as pdftotext finds them on each page: the height of the
// header's words and of each row's number, by page.
struct TablePage {
  std::vector<double> header;          // y0 of "번호" and "설명"
  std::map<int, double> rows;          // row number → y0 of its "N번째"
  double quote = -1;                   // y0 of the pull quote's first word, if on the page
};

std::vector<TablePage> table_pages(const std::string& pdf) {
  std::vector<TablePage> out;
  const std::regex row(R"((\d+)번째)");
  for (const auto& words : test::pdf_words(pdf)) {
    TablePage& page = out.emplace_back();
    for (const auto& w : words) {
      std::smatch m;
      if (w.text == "번호" || w.text == "설명") page.header.push_back(w.y0);
      else if (std::regex_match(w.text, m, row)) page.rows[std::stoi(m[1])] = w.y0;
      else if (w.text == "일은" && page.quote < 0) page.quote = w.y0;
    }
  }
  return out;
}

// Typesets `md` into a PDF in `folder` and reads its tables back.
std::vector<TablePage> typeset_table_pages(const std::string& folder, const std::string& name, const std::string& md) {
  const std::string input = test::write_file(folder + "/" + name + ".md", md);
  const std::string pdf = folder + "/" + name + ".pdf";
  auto r = test::jakpum("-q -o " + shell_quoted(pdf) + " " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
  return table_pages(pdf);
}

}  // namespace

TEST_CASE("a table going on to another page has its header rows set again at the top of the rows there") {
  const std::string folder = test::scratch_folder("table-header");
  std::string md = "앞 문단.\n\n| 번호 | 설명 |\n|--:|---|\n";
  for (int i = 1; i <= 60; ++i) md += "| " + std::to_string(i) + " | " + std::to_string(i) + "번째 줄<br>둘째 줄 |\n";
  md += "\n뒤 문단.\n";
  const auto pages = typeset_table_pages(folder, "long", md);
  const std::string input = folder + "/long.md";
  REQUIRE(pages.size() >= 3);
  int seen = 0;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const TablePage& page = pages[p];
    if (page.rows.empty()) continue;
    INFO("page " << p + 1);
    // Each page with rows has the header once, above its first row.
    REQUIRE(page.header.size() == 2);
    double top = 1e9;
    for (const auto& [n, y] : page.rows) top = std::min(top, y);
    CHECK(page.header[0] < top);
    CHECK(page.header[1] < top);
    // Rows go on in order from where the last page left off.
    CHECK(page.rows.begin()->first == seen + 1);
    seen = page.rows.rbegin()->first;
  }
  CHECK(seen == 60);

  // Under each header, the header's own rule; the table's rule above it.
  auto dump = test::jakpum("--dump pages " + shell_quoted(input));
  REQUIRE(dump.status == 0);
  const style::Layout l = test::shipped_layout("booklet-a5");
  std::map<int, int> header_rules, top_rules;
  int page = 0;
  std::istringstream in(dump.out);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, std::regex(R"(^page (\d+) )"))) page = std::stoi(m[1]);
    else if (std::regex_search(line, m, std::regex(R"(  rule .* width ([\d.]+))"))) {
      const double width = std::stod(m[1]);
      if (std::abs(width - l.style("table-header").rule_below) < 1e-3) ++header_rules[page];
      if (std::abs(width - l.style("table").rule_above) < 1e-3) ++top_rules[page];
    }
  }
  for (std::size_t p = 0; p < pages.size(); ++p)
    if (!pages[p].rows.empty()) {
      INFO("page " << p + 1);
      CHECK(header_rules[static_cast<int>(p + 1)] == 1);
      CHECK(top_rules[static_cast<int>(p + 1)] >= 1);
    }
}

TEST_CASE("a row taller than a page starts below its heading and goes on over pages, under its header set again") {
  const std::string folder = test::scratch_folder("table-tall-row");
  std::string cell;
  constexpr int sentences = 300;
  for (int i = 0; i < sentences; ++i) cell += "긴 설명이 이어진다. ";
  const std::string md =
      "## 긴표\n\n| 번호 | 설명 |\n|--:|---|\n| 1 | 1번째 " + cell + "|\n| 2 | 2번째 줄 |\n\n뒤 문단.\n";
  const std::string input = test::write_file(folder + "/tall.md", md);
  const std::string pdf = folder + "/tall.pdf";
  auto r = test::jakpum("-q -o " + shell_quoted(pdf) + " " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);

  const auto pages = test::pdf_words(pdf);
  REQUIRE(pages.size() >= 3);
  int described = 0, last_page = -1;
  std::vector<int> without_rows;  // pages with none of the table's rows
  for (std::size_t p = 0; p < pages.size(); ++p) {
    INFO("page " << p + 1);
    std::vector<double> header;
    double first_line = 1e9;
    int here = 0;
    bool heading = false, first_row = false, second_row = false;
    for (const auto& w : pages[p]) {
      if (w.text == "번호" || w.text == "설명") header.push_back(w.y0);
      if (w.text == "설명이") ++here, first_line = std::min(first_line, w.y0);
      heading = heading || w.text == "긴표";
      first_row = first_row || w.text == "1번째";
      second_row = second_row || w.text == "2번째";
    }
    described += here;
    // The first page holds the heading, the header and the row's beginning:
    // no page is left empty before a row that no page can hold.
    if (p == 0) {
      CHECK(heading);
      CHECK(first_row);
    }
    if (here == 0 && !second_row) {
      without_rows.push_back(static_cast<int>(p));
      continue;
    }
    last_page = static_cast<int>(p);
    // Every page of the row has the header once, above the row's lines there.
    REQUIRE(header.size() == 2);
    CHECK(header[0] < first_line);
    CHECK(header[1] < first_line);
  }
  // Nothing lost, and the table's next row follows on the row's last page.
  CHECK(described == sentences);
  REQUIRE(last_page >= 2);
  for (int p : without_rows) CHECK_MESSAGE(p > last_page, "page " << p + 1 << " has none of the row's lines");
  bool second_row_last = false;
  for (const auto& w : pages[static_cast<std::size_t>(last_page)])
    second_row_last = second_row_last || w.text == "2번째";
  CHECK(second_row_last);
}

TEST_CASE("a table of more columns than the measure holds is warned of at its place, and keeps to the text block") {
  const std::string folder = test::scratch_folder("table-narrow");
  constexpr int columns = 40;
  std::string head = "|", rule = "|", cells = "|";
  for (int c = 0; c < columns; ++c) {
    head += " 열" + std::to_string(c) + " |";
    rule += "---|";
    cells += " 가나다라마바 |";
  }
  const std::string input =
      test::write_file(folder + "/narrow.md", "앞 문단.\n\n" + head + "\n" + rule + "\n" + cells + "\n");
  const std::string pdf = folder + "/narrow.pdf";
  auto r = test::jakpum("-o " + shell_quoted(pdf) + " " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find("narrow.md:3:") != std::string::npos);
  CHECK(r.err.find("warning: a table of 40 columns leaves its narrowest") != std::string::npos);
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
  // Every cell's letters there, and all within the text block.
  const style::Layout l = test::shipped_layout("booklet-a5");
  int syllables = 0;
  for (const auto& page : test::pdf_words(pdf))
    for (const auto& w : page) {
      if (w.y0 < l.page.margin_top || w.y1 > l.page.height - l.page.margin_bottom) continue;  // running heads
      CHECK(w.x0 >= l.page.margin_inner - 0.01);
      CHECK(w.x1 <= l.page.margin_inner + l.text_width() + 0.01);
      for (const char* s : {"가", "나", "다", "라", "마", "바"})
        for (std::size_t at = w.text.find(s); at != std::string::npos; at = w.text.find(s, at + 1)) ++syllables;
    }
  CHECK(syllables == 6 * columns);

  // A table whose columns fit says nothing.
  const std::string fits = test::write_file(folder + "/fits.md", "| 가 | 나 |\n|---|---|\n| 가나다라 | 마바사 |\n");
  auto quiet = test::jakpum("-o " + shell_quoted(folder + "/fits.pdf") + " " + shell_quoted(fits));
  REQUIRE(quiet.status == 0);
  CHECK(quiet.err.find("warning") == std::string::npos);
}

TEST_CASE("a pull quote waiting for room goes above a table's continued rows, never between them") {
  const std::string folder = test::scratch_folder("table-float");
  // Enough text that the pull quote finds no room on the first page, where
  // the table begins.
  std::string md;
  for (int i = 0; i < 9; ++i)
    md += "노동은 단순히 생계를 위한 수단이 아니다. 그것은 인간이 세계와 관계 맺는 가장 근본적인 방식이다.\n\n";
  md += "> [!pullquote]\n> 일은 곧 작품이다.\n\n| 번호 | 설명 |\n|--:|---|\n";
  for (int i = 1; i <= 40; ++i) md += "| " + std::to_string(i) + " | " + std::to_string(i) + "번째 줄 |\n";
  const auto pages = typeset_table_pages(folder, "float", md);
  REQUIRE(pages.size() >= 2);
  REQUIRE_MESSAGE(pages[0].rows.count(1), "the table no longer begins on the first page: give it less text before");
  REQUIRE_MESSAGE(pages[0].quote < 0, "the pull quote found room on the first page: give it more text before");
  // The pull quote heads the second page, the table's header again below it, then the rows.
  const TablePage& second = pages[1];
  REQUIRE(second.quote >= 0);
  REQUIRE(second.header.size() == 2);
  REQUIRE(!second.rows.empty());
  CHECK(second.quote < second.header[0]);
  CHECK(second.header[0] < second.rows.begin()->second);
  for (const auto& [n, y] : second.rows) CHECK(y > second.quote);
}

TEST_CASE("a table in a list or a quote starts where that one's text does, its rules with it") {
  const std::string folder = test::scratch_folder("table-nested");
  const std::string input = test::write_file(folder + "/nested.md",
                                             "- 목록의 글.\n\n  | 도구 | 쓰임새 |\n  |---|---|\n  | 망치 | 박는다 |\n\n"
                                             "> 인용의 글.\n>\n> | 가나 | 다라 |\n> |---|---|\n> | 마바 | 사아 |\n\n본문.\n");
  const std::string pdf = folder + "/nested.pdf";
  auto r = test::jakpum("-q -o " + shell_quoted(pdf) + " " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const auto pages = test::pdf_words(pdf);
  REQUIRE(pages.size() == 1);
  std::map<std::string, test::PdfWord> at;
  for (const auto& w : pages.front()) at.emplace(w.text, w);
  for (const char* w : {"목록의", "도구", "망치", "인용의", "가나", "마바", "본문."}) REQUIRE_MESSAGE(at.contains(w), w);
  const style::Layout l = test::shipped_layout("booklet-a5");
  CHECK(at["목록의"].x0 > l.page.margin_inner + 5);  // the list's text is indented...
  CHECK(at["도구"].x0 == doctest::Approx(at["목록의"].x0).epsilon(0.001));  // ...and its table with it
  CHECK(at["망치"].x0 == doctest::Approx(at["목록의"].x0).epsilon(0.001));
  CHECK(at["인용의"].x0 > l.page.margin_inner + 5);
  CHECK(at["가나"].x0 == doctest::Approx(at["인용의"].x0).epsilon(0.001));
  CHECK(at["마바"].x0 == doctest::Approx(at["인용의"].x0).epsilon(0.001));
  CHECK(at["본문."].x0 < at["목록의"].x0);
  // Every rule starts at its table's first column.
  auto dump = test::jakpum("--dump pages " + shell_quoted(input));
  REQUIRE(dump.status == 0);
  const std::regex rule(R"(  rule ([\d.]+),)");
  int rules = 0;
  for (auto it = std::sregex_iterator(dump.out.begin(), dump.out.end(), rule); it != std::sregex_iterator(); ++it, ++rules) {
    const double x = std::stod((*it)[1]);
    CHECK((std::abs(x - at["도구"].x0) < 0.01 || std::abs(x - at["가나"].x0) < 0.01));
  }
  CHECK(rules == 6);
}

TEST_CASE("English words wider than their column are cut at hyphenation points, with hyphens, code anywhere") {
  const std::string folder = test::scratch_folder("table-hyphens");
  const std::string words[] = {"Characteristically", "administrative", "bureaucracies",
                               "underestimate",      "considerations", "international",
                               "competitiveness",    "incompatible",   "requirements"};
  // The first column's word is code: cut where its column ends, never hyphenated.
  std::string md = "| a | b | c | d | e | f | g | h | i |\n|---|---|---|---|---|---|---|---|---|\n|";
  for (const auto& w : words) md += &w == &words[0] ? " `" + w + "` |" : " " + w + " |";
  const std::string input = test::write_file(folder + "/narrow.md", md + "\n");
  auto dump = test::jakpum("-q --dump pages " + shell_quoted(input));
  REQUIRE_MESSAGE(dump.status == 0, dump.err);
  // Each word in pieces, each piece of prose but its last with a hyphen.
  std::map<double, std::string> columns;  // by the x a cell's lines start at
  std::map<double, int> hyphens;
  std::istringstream lines(dump.out);
  for (std::string line; std::getline(lines, line);) {
    static const std::regex cell(
        R"re(  text table font \d+ size [\d.]+ at ([\d.]+),[\d.]+ to [\d.]+ [^"]*"([^"]*)"( hyphen)?.*)re");
    std::smatch m;
    if (!std::regex_match(line, m, cell)) continue;
    const double x = std::stod(m[1]);
    columns[x] += m[2];
    if (m[3].matched) {
      ++hyphens[x];
      CHECK(m[2].length() >= 2);  // two letters left at least
    }
  }
  // Read in the order set, column by column from the left, the pieces make the words.
  REQUIRE(columns.size() == std::size(words));
  std::size_t k = 0;
  for (const auto& [x, text] : columns) {
    CAPTURE(text);
    CHECK(text == words[k]);
    if (k == 0) CHECK(hyphens[x] == 0);  // code, as written
    if (k > 0) CHECK(hyphens[x] >= 1);
    ++k;
  }
  CHECK(dump.out.find("\"Characteristically\"") == std::string::npos);  // the code was cut too
  const std::string pdf = folder + "/narrow.pdf";
  REQUIRE(test::jakpum("-q -o " + shell_quoted(pdf) + " " + shell_quoted(input)).status == 0);
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
  // Read from the PDF: every letter once, and no hyphen (a drawn one reads
  // as a soft hyphen, which a reader takes out).
  std::string text, letters = "abcdefghi";
  for (const auto& page : test::pdf_words(pdf))
    for (const auto& w : page)
      if (!std::isdigit(static_cast<unsigned char>(w.text[0]))) text += w.text;  // not the folio
  for (const auto& w : words) letters += w;
  std::sort(text.begin(), text.end());
  std::sort(letters.begin(), letters.end());
  CHECK(text == letters);
}
