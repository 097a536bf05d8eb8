// Typographic quality of the booklet, measured on the PDF and in the report.
// A word space is the gap between consecutive words of a justified line in
// `pdftotext -bbox` output, divided by the font size; a syllable break is a
// line end that falls inside a space-delimited word of the source.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>

#include "style/layout.h"
#include "support.h"

using namespace jakpum;
using test::shell_quoted;

namespace {

using Line = std::vector<test::PdfWord>;

// The lines of each page, top to bottom: its words grouped by their bottoms.
std::vector<std::vector<Line>> lines_of(const std::string& pdf) {
  std::vector<std::vector<Line>> pages;
  for (auto& words : test::pdf_words(pdf)) {
    std::map<long, Line> by_baseline;
    for (auto& w : words) by_baseline[std::lround(w.y1 * 10)].push_back(std::move(w));
    std::vector<Line> lines;
    for (auto& [y, line] : by_baseline) lines.push_back(std::move(line));
    pages.push_back(std::move(lines));
  }
  return pages;
}

std::string read_samples() {
  return test::read_text(test::source_path("samples/work-as-art.md")) +
         test::read_text(test::source_path("samples/shared-experience.md"));
}

// Hangul syllables at the end (or start) of a word, up to two.
int syllables_at(const std::string& word, bool at_end) {
  auto syllable = [](const std::string& s, std::size_t at) {
    return at + 3 <= s.size() && static_cast<unsigned char>(s[at]) >= 0xEA && static_cast<unsigned char>(s[at]) <= 0xED;
  };
  int n = 0;
  for (std::size_t k = 0; k < 2; ++k) {
    if (word.size() < 3 * (k + 1)) break;
    std::size_t at = at_end ? word.size() - 3 * (k + 1) : 3 * k;
    if (!syllable(word, at)) break;
    ++n;
  }
  return n;
}

std::string totals_field(const std::string& json, const std::string& key) {
  std::smatch m;
  std::string totals = json.substr(0, json.find("\"paragraphs\": ["));
  REQUIRE(std::regex_search(totals, m, std::regex("\"" + key + "\": ([0-9.]+)")));
  return m[1];
}

}  // namespace

TEST_CASE("the booklet: few breaks inside words, even word spaces, no syllable left alone") {
  std::string folder = test::scratch_folder("quality");
  std::string pdf = folder + "/booklet.pdf";
  auto run = test::run(shell_quoted(JAKPUM_BINARY) + " -q -o " + shell_quoted(pdf) + " " +
                       shell_quoted(test::essays_manifest()));
  REQUIRE(run.status == 0);
  auto layout = style::load_layout("booklet-a5", {{test::source_path("layouts")}});
  REQUIRE(layout.ok());
  const std::string source = read_samples();
  // Nanum Myeongjo's box is 1.15 em high (its Ascent − Descent), so a word's
  // height gives its size.
  const double box_height = 1.15;

  std::vector<double> spaces;
  int line_ends = 0, inside = 0;
  auto pages = lines_of(pdf);
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const bool recto = (p + 1) % 2 == 1;
    const double right = layout->page.width - (recto ? layout->page.margin_outer : layout->page.margin_inner);
    const auto& lines = pages[p];
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Line& line = lines[i];
      if (line.front().y0 < layout->page.margin_top - 1 || line.back().y1 > layout->page.height - layout->page.margin_bottom + 3)
        continue;  // running heads and folios
      const bool justified = std::abs(line.back().x1 - right) < 0.6 && line.size() > 1;
      if (justified) {
        double size = (line.front().y1 - line.front().y0) / box_height;
        for (std::size_t w = 1; w < line.size(); ++w) spaces.push_back((line[w].x0 - line[w - 1].x1) / size);
      }
      if (!justified || i + 1 >= lines.size()) continue;
      ++line_ends;
      const std::string& last = line.back().text;
      const std::string& next = lines[i + 1].front().text;
      if (source.find(last + next) != std::string::npos && source.find(last + " " + next) == std::string::npos) {
        ++inside;
        CAPTURE(last + "|" + next);
        CHECK(syllables_at(last, true) == 2);  // never one syllable alone
        CHECK((syllables_at(next, false) == 2 || next.starts_with("(")));
      }
    }
  }
  std::sort(spaces.begin(), spaces.end());
  REQUIRE(spaces.size() > 500);
  double p95 = spaces[spaces.size() * 95 / 100], max = spaces.back();
  MESSAGE("line ends " << line_ends << ", inside words " << inside << " (" << 100.0 * inside / line_ends
                       << "%), word spaces p95 " << p95 << " em, max " << max << " em");
  CHECK(inside * 20 <= line_ends);  // at most 5 %
  CHECK(p95 <= 0.36);
  // A line stretched past its limit (a few a booklet) keeps its syllables'
  // gaps at theirs, its spaces taking the rest: those spaces are the widest.
  CHECK(max <= 0.5);
}

TEST_CASE("both samples in both shipped layouts: nothing overfull or prohibited, no widows or orphans, total-fit beats greedy") {
  std::string folder = test::scratch_folder("quality-report");
  for (const char* name : {"booklet-a5", "handout-a4"}) {
    CAPTURE(name);
    std::string greedy_layout =
        test::write_file(folder + "/" + name + "-greedy.toml",
                         "extends = \"" + test::source_path(std::string("layouts/") + name + ".toml") +
                             "\"\n[styles.body]\nline-breaking = \"greedy\"\n"
                             // The same breaks to choose from: greedy, leaving lines
                             // looser, would hyphenate where total-fit needs not.
                             "[text]\nhyphenate = false\n");
    std::map<std::string, std::string> reports;
    for (const std::string& layout : {std::string(name), greedy_layout}) {
      std::string report = folder + "/" + std::to_string(reports.size()) + ".json";
      auto r = test::run(shell_quoted(JAKPUM_BINARY) + " --layout " + shell_quoted(layout) + " --report " +
                         shell_quoted(report) + " -o " + shell_quoted(folder + "/out.pdf") + " " +
                         shell_quoted(test::source_path("samples/booklet.toml")));
      REQUIRE(r.status == 0);
      CHECK(r.err.find("jakpum: ") != std::string::npos);  // the one-line summary
      reports[layout == name ? "total-fit" : "greedy"] = test::read_text(report);
    }
    const std::string& json = reports["total-fit"];
    for (const char* zero :
         {"overfull", "emergency", "prohibited_starts", "prohibited_ends", "widows", "orphans", "hyphens"}) {
      CAPTURE(zero);
      CHECK(totals_field(json, zero) == "0");
    }
    double total_fit = std::stod(totals_field(json, "sum_squared_ratios"));
    double greedy = std::stod(totals_field(reports["greedy"], "sum_squared_ratios"));
    MESSAGE(std::string(name) << ": sum of squared adjustment ratios, total-fit " << total_fit << ", greedy " << greedy);
    CHECK(total_fit < greedy);
  }
}

TEST_CASE("the booklet's runts: reported, and fewer than where they are allowed") {
  std::string folder = test::scratch_folder("quality-runts");
  std::string allowing =
      test::write_file(folder + "/runts.toml", "extends = \"booklet-a5\"\n[text]\nrunt-demerits = 0\n");
  std::map<std::string, int> runts;
  for (const std::string& layout : {std::string("booklet-a5"), allowing}) {
    std::string report = folder + "/report.json";
    auto r = test::run(shell_quoted(JAKPUM_BINARY) + " --layout " + shell_quoted(layout) + " --report " +
                       shell_quoted(report) + " -o " + shell_quoted(folder + "/out.pdf") + " " +
                       shell_quoted(test::source_path("samples/booklet.toml")));
    REQUIRE(r.status == 0);
    const std::string json = test::read_text(report);
    const int n = std::stoi(totals_field(json, "runts"));
    // Each is marked on its line, and the summary counts them.
    int marked = 0;
    for (std::size_t at = 0; (at = json.find("\"runt\": true", at)) != std::string::npos; ++at) ++marked;
    CHECK(marked == n);
    CHECK(r.err.find(", " + std::to_string(n) + (n == 1 ? " runt," : " runts,")) != std::string::npos);
    runts[layout == allowing ? "allowed" : "default"] = n;
  }
  MESSAGE("runts: " << runts["default"] << ", " << runts["allowed"] << " where they cost nothing");
  CHECK(runts["allowed"] >= 3);
  CHECK(runts["default"] < runts["allowed"]);
}
