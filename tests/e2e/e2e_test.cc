// Whole runs of the `jakpum` command, checked with poppler-utils and qpdf.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "e2e/layouts.h"
#include "support.h"

using namespace jakpum;
using test::shell_quoted;

namespace {

namespace fs = std::filesystem;

test::Run jakpum_run(const std::string& args) { return test::run(shell_quoted(JAKPUM_BINARY) + " " + args); }

// The booklet as a book (cover, contents, essays, colophon), or the essays alone.
std::string booklet(const std::string& layout, bool essays_only = false) {
  static std::map<std::string, std::string> made;
  std::string key = layout + (essays_only ? "-essays" : "");
  if (made.count(key)) return made[key];
  std::string out = test::scratch_folder("e2e-" + key) + "/booklet.pdf";
  std::string input = essays_only ? test::essays_manifest() : test::source_path("samples/booklet.toml");
  auto r = jakpum_run("--quiet --layout " + layout + " -o " + shell_quoted(out) + " " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  return made[key] = out;
}

style::Layout layout_named(const std::string& name) { return test::shipped_layout(name); }

// The rules `--dump pages` prints, in `colour` where one is given: each
// its start x, its height, its end x and its width.
std::vector<std::array<double, 4>> dumped_rules(const std::string& dump, const std::string& colour = "") {
  std::vector<std::array<double, 4>> out;
  const std::regex rule(R"(  rule ([\d.]+),([\d.]+) ([\d.]+),[\d.]+ width ([\d.]+))" + colour);
  for (auto it = std::sregex_iterator(dump.begin(), dump.end(), rule); it != std::sregex_iterator(); ++it)
    out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
  return out;
}

// The word of a page's that ends with `t` (a change of font may split one).
test::PdfWord word_ending(const std::vector<test::PdfWord>& words, const std::string& t) {
  auto it = std::find_if(words.begin(), words.end(), [&](const test::PdfWord& w) { return w.text.ends_with(t); });
  REQUIRE_MESSAGE(it != words.end(), t);
  return *it;
}

// The text inside the text block (running heads and folios cut away), in the
// order the content stream draws it.
std::string body_text(const std::string& pdf, const style::Layout& l) {
  char crop[160];
  std::snprintf(crop, sizeof crop, "-x 0 -y %d -W %d -H %d", static_cast<int>(l.page.margin_top) - 2,
                static_cast<int>(l.page.width) + 1, static_cast<int>(l.text_height()) + 4);
  auto r = test::run("pdftotext -raw " + std::string(crop) + " " + shell_quoted(pdf) + " -");
  REQUIRE(r.status == 0);
  return test::without_soft_hyphens(r.out);
}

// A Markdown sample's text without markup: front matter gives only the title
// (first) and the copyright (last); heading marks go, and pull quotes, which
// repeat a sentence and may float away from where they are written, are
// kept apart.
struct Source {
  std::string text;
  std::vector<std::string> pull_quotes;
};

Source source_text(const std::string& md) {
  std::string text = test::read_text(md);
  std::smatch m;
  std::string title, copyright;
  if (std::regex_search(text, m, std::regex("title = \"([^\"]*)\""))) title = m[1];
  if (std::regex_search(text, m, std::regex("copyright = \"([^\"]*)\""))) copyright = m[1];
  std::size_t body = text.find("+++", 3) + 3;
  Source out{title, {}};
  std::istringstream lines(text.substr(body));
  bool in_pull_quote = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == "> [!pullquote]") {
      in_pull_quote = true;
      out.pull_quotes.emplace_back();
      continue;
    }
    if (in_pull_quote && line.starts_with("> ")) {
      out.pull_quotes.back() += test::without_space(line.substr(2));
      continue;
    }
    in_pull_quote = false;
    out.text += std::regex_replace(line, std::regex("^#+ "), "");
  }
  out.text = test::without_space(out.text + copyright);
  return out;
}

// Where two texts first differ, with some context, or empty if they do not.
std::string first_difference(const std::string& got, const std::string& want) {
  std::size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  if (i == got.size() && i == want.size()) return "";
  std::size_t from = i > 60 ? i - 60 : 0;
  return "at byte " + std::to_string(i) + ": got …" + got.substr(from, 120) + "… want …" + want.substr(from, 120) + "…";
}

// The PDF's text holds the source in order, plus each pull quote once more,
// somewhere after where it is written: take one occurrence of each out, trying
// every choice, and give the result that is the source (or the last tried).
std::string without_pull_quotes(const std::string& pdf_text, const std::vector<std::string>& quotes,
                                const std::string& want, std::size_t k = 0) {
  if (k == quotes.size()) return pdf_text;
  std::string last = pdf_text;
  for (std::size_t at = pdf_text.find(quotes[k]); at != std::string::npos; at = pdf_text.find(quotes[k], at + 1)) {
    std::string trial = pdf_text.substr(0, at) + pdf_text.substr(at + quotes[k].size());
    last = without_pull_quotes(trial, quotes, want, k + 1);
    if (last == want) break;
  }
  return last;
}

std::vector<std::string> pdffonts_rows(const std::string& pdf) {
  auto r = test::run("pdffonts " + shell_quoted(pdf));
  REQUIRE(r.status == 0);
  std::vector<std::string> rows;
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line), std::getline(in, line);  // header
  while (std::getline(in, line))
    if (!line.empty()) rows.push_back(line);
  return rows;
}

// Widths of every occurrence of a word, from pdftotext -bbox.
std::vector<double> word_widths(const std::string& pdf, const std::string& word) {
  std::vector<double> out;
  for (const auto& page : test::pdf_words(pdf))
    for (const auto& w : page)
      if (w.text == word) out.push_back(w.x1 - w.x0);
  return out;
}

// Each match of `pattern` in a page dump, as (page, y) from its two groups:
// where outline entries and link targets point.
std::vector<std::pair<int, double>> dump_places(const std::string& dump, const std::string& pattern) {
  std::vector<std::pair<int, double>> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(dump.begin(), dump.end(), re); it != std::sregex_iterator(); ++it)
    out.emplace_back(std::stoi((*it)[1]), std::stod((*it)[2]));
  return out;
}

}  // namespace

TEST_CASE("the booklet in every shipped layout: page size, fonts, text, outline, structure") {
  for (const char* name : {"booklet-a5", "handout-a4", "booklet-a5-noto", "booklet-a5-roman"}) {
    CAPTURE(name);
    std::string pdf = booklet(name);
    style::Layout l = layout_named(name);

    auto info = test::run("pdfinfo " + shell_quoted(pdf));
    REQUIRE(info.status == 0);
    char size[64];
    std::snprintf(size, sizeof size, "Page size:       %g x %g pts", std::round(l.page.width * 1000) / 1000,
                  std::round(l.page.height * 1000) / 1000);
    CHECK(info.out.find(size) != std::string::npos);
    CHECK(info.out.find("Title:           작품\n") != std::string::npos);
    CHECK(info.out.find("Subject:         일과 경험에 관한 두 편의 에세이\n") != std::string::npos);
    CHECK(info.out.find("Creator:         jakpum") != std::string::npos);

    // Every font embedded and subset.
    auto fonts = pdffonts_rows(pdf);
    REQUIRE(fonts.size() >= 3);
    for (const auto& row : fonts) {
      CAPTURE(row);
      CHECK(std::regex_search(row, std::regex("^[A-Z]{6}\\+(Nanum|Noto|LinLibertine|LinBiolinum)")));
      CHECK(std::regex_search(row, std::regex("CID (TrueType|Type 0C) +Identity-H +yes yes yes")));
    }

    // Every character of the essays, in order, and nothing else in the text block.
    Source first = source_text(test::source_path("samples/work-as-art.md"));
    Source second = source_text(test::source_path("samples/shared-experience.md"));
    std::string expected = first.text + second.text;
    std::vector<std::string> quotes = first.pull_quotes;
    quotes.insert(quotes.end(), second.pull_quotes.begin(), second.pull_quotes.end());
    REQUIRE(quotes.size() == 2);
    std::string got = test::without_space(body_text(booklet(name, true), l));
    for (const auto& q : quotes) CHECK(got.find(q) != std::string::npos);
    CHECK(first_difference(without_pull_quotes(got, quotes, expected), expected) == "");

    // Headings and titles in the outline.
    auto outline = test::run("qpdf --json --json-key=outlines " + shell_quoted(pdf));
    REQUIRE(outline.status == 0);
    for (const char* title : {"work as art", "서론: 잃어버린 '나'의 흔적", "4. 나는 어떻게 나의 작품을 되찾을 것인가?",
                              "경험을 공유하는 시대의 역설"})
      CHECK(outline.out.find("\"title\": \"" + std::string(title) + "\"") != std::string::npos);

    // The pull quotes are set larger than the body they repeat.
    for (const char* word : {"대화하려는", "만인을"}) {
      CAPTURE(word);
      auto widths = word_widths(pdf, word);
      REQUIRE(widths.size() >= 2);
      double ratio = *std::max_element(widths.begin(), widths.end()) / *std::min_element(widths.begin(), widths.end());
      double expected_ratio = l.style("pullquote").size / l.style("body").size;
      CHECK(ratio == doctest::Approx(expected_ratio).epsilon(0.05));
    }

    auto check = test::run("qpdf --check " + shell_quoted(pdf));
    CHECK(check.status == 0);
    CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
  }
}

TEST_CASE("no warning from pdftotext, pdffonts, qpdf or Ghostscript, for every shipped layout") {
  std::vector<std::string> pdfs;
  for (const char* name : {"booklet-a5", "handout-a4", "booklet-a5-noto", "booklet-a5-roman", "booklet-a5-print", "handout-a4-2up"})
    pdfs.push_back(booklet(name));
  for (const char* standard : {"--pdfa", "--pdfx"}) {
    std::string pdf = test::scratch_folder(std::string("e2e") + (standard + 1)) + "/a.pdf";
    REQUIRE(jakpum_run("-q " + std::string(standard) + " -o " + shell_quoted(pdf) + " " +
                       shell_quoted(test::source_path("samples/booklet.toml")))
                .status == 0);
    pdfs.push_back(pdf);
  }
  for (const std::string& name : pdfs) {
    CAPTURE(name);
    std::string pdf = shell_quoted(name);
    for (const std::string& tool : {"pdftotext " + pdf + " /dev/null", "pdffonts " + pdf, "qpdf --check " + pdf,
                                    "gs -q -o /dev/null -sDEVICE=nullpage " + pdf}) {
      CAPTURE(tool);
      auto r = test::run(tool);
      CHECK(r.status == 0);
      CHECK(r.err.empty());
      if (tool.starts_with("gs")) CHECK(r.out.empty());
    }
  }
}

TEST_CASE("the same inputs give a byte-identical PDF") {
  std::string folder = test::scratch_folder("e2e-determinism");
  std::string input = shell_quoted(test::source_path("samples/booklet.toml"));
  REQUIRE(jakpum_run("-q -o " + shell_quoted(folder + "/a.pdf") + " " + input).status == 0);
  REQUIRE(jakpum_run("-q -o " + shell_quoted(folder + "/b.pdf") + " " + input).status == 0);
  std::string a = test::read_text(folder + "/a.pdf"), b = test::read_text(folder + "/b.pdf");
  CHECK(a.size() > 10000);
  CHECK(a == b);
  // SOURCE_DATE_EPOCH dates the document, and still the same each time.
  REQUIRE(test::run("SOURCE_DATE_EPOCH=1700000000 " + shell_quoted(JAKPUM_BINARY) + " -q -o " + shell_quoted(folder + "/c.pdf") +
                    " " + input).status == 0);
  auto info = test::run("pdfinfo -isodates " + shell_quoted(folder + "/c.pdf"));
  CHECK(info.out.find("CreationDate:    2023-11-14T22:13:20Z") != std::string::npos);
  CHECK(test::run("pdfinfo " + shell_quoted(folder + "/a.pdf")).out.find("CreationDate") == std::string::npos);
}

TEST_CASE("a SOURCE_DATE_EPOCH that is no date is refused, and nothing is written") {
  std::string folder = test::scratch_folder("e2e-epoch");
  std::string input = shell_quoted(test::write_file(folder + "/a.md", "# 제목\n\n본문.\n"));
  std::string manifest =
      shell_quoted(test::write_file(folder + "/batch.toml", "[[document]]\ninput = \"a.md\"\noutput = \"b.pdf\"\n"));
  const std::string out = folder + "/a.pdf";
  auto with_epoch = [&](const std::string& value, const std::string& args) {
    return test::run("SOURCE_DATE_EPOCH=" + shell_quoted(value) + " " + shell_quoted(JAKPUM_BINARY) + " " + args);
  };
  // Not whole seconds, before 1970, past the year 9999 (a PDF date's four
  // digits), padded: each was once a date (1970, 1969, the year 1231).
  for (const char* value : {"abc", "1e9", "-5", "99999999999999", "1700000000 "}) {
    CAPTURE(value);
    for (const std::string& args : {"-o " + shell_quoted(out) + " " + input, "batch " + manifest}) {
      auto r = with_epoch(value, args);
      CHECK(r.status == 2);
      CHECK(r.err.starts_with("jakpum: error: SOURCE_DATE_EPOCH must be whole seconds since 1970"));
      CHECK(r.err.find("not `" + std::string(value) + "`") != std::string::npos);
      CHECK(!fs::exists(out));
      CHECK(!fs::exists(folder + "/b.pdf"));
    }
  }
  // The last second of 9999 is a date; an empty value is no date at all.
  REQUIRE(with_epoch("253402300799", "-q -o " + shell_quoted(out) + " " + input).status == 0);
  CHECK(test::run("pdfinfo -isodates " + shell_quoted(out)).out.find("CreationDate:    9999-12-31T23:59:59Z") !=
        std::string::npos);
  REQUIRE(with_epoch("", "-q -o " + shell_quoted(out) + " " + input).status == 0);
  CHECK(test::run("pdfinfo " + shell_quoted(out)).out.find("CreationDate") == std::string::npos);
}

TEST_CASE("the essays as plain text typeset with nothing lost") {
  std::string folder = test::scratch_folder("e2e-txt");
  style::Layout l = layout_named("booklet-a5");
  for (const char* seed : {"work-as-art.txt", "shared-experience.txt"}) {
    CAPTURE(seed);
    std::string out = folder + "/" + seed + ".pdf";
    auto r = jakpum_run("-o " + shell_quoted(out) + " " + shell_quoted(test::source_path(std::string("tests/seeds/") + seed)));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.err.find("wrote " + out) != std::string::npos);
    CHECK(test::without_space(body_text(out, l)) ==
          test::without_space(test::read_text(test::source_path(std::string("tests/seeds/") + seed))));
  }
}

TEST_CASE("the run's messages count as a reader does: 1 page, 1 line, and pages") {
  std::string folder = test::scratch_folder("e2e-counts");
  std::string one = test::write_file(folder + "/one.md", "한 줄.\n");
  auto r = jakpum_run(shell_quoted(one));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find("(1 page, layout booklet-a5)") != std::string::npos);
  CHECK(r.err.find("jakpum: 1 line: ") != std::string::npos);
  CHECK(r.err.find("0 widows, 0 orphans") != std::string::npos);
  std::string text;  // sixty one-line paragraphs: more than an A5 page holds
  for (int i = 0; i < 60; ++i) text += "문단 " + std::to_string(i) + ".\n\n";
  std::string two = test::write_file(folder + "/two.md", text);
  r = jakpum_run(shell_quoted(two));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find(" pages, layout booklet-a5)") != std::string::npos);
  CHECK(r.err.find("60 lines: ") != std::string::npos);
}

TEST_CASE("a failed run leaves no output and does not touch an old one") {
  std::string folder = test::scratch_folder("e2e-fail");
  std::string bad = test::write_file(folder + "/bad.md", "+++\ntitle = \"x\"\nauthr = \"y\"\n+++\n본문\n");
  std::string out = folder + "/out.pdf";
  auto r = jakpum_run("-o " + shell_quoted(out) + " " + shell_quoted(bad));
  CHECK(r.status == 1);
  CHECK(r.err == bad + ":3:1: error: unknown key `authr` in front matter (did you mean `author`?)\n");
  CHECK_FALSE(fs::exists(out));

  test::write_file(out, "old");
  auto missing_font = jakpum_run("-o " + shell_quoted(out) + " " +
                                 shell_quoted(test::write_file(folder + "/emoji.md", "웃음 \U0010FFFD\n")));
  CHECK(missing_font.status == 1);
  CHECK(missing_font.err.find("emoji.md:1:4: error: no font has this character: U+10FFFD") != std::string::npos);
  CHECK(test::read_text(out) == "old");
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(folder)) files += e.path().string().find(".partial-") != std::string::npos;
  CHECK(files == 0);

  auto no_folder = jakpum_run("-o " + shell_quoted(folder + "/none/x.pdf") + " " + shell_quoted(test::source_path("samples/work-as-art.md")));
  CHECK(no_folder.status == 1);
  CHECK(no_folder.err.find("error: cannot write output: folder") != std::string::npos);
}

TEST_CASE("a character no font of the layout has is set in an installed font that has it, with a warning") {
  std::string folder = test::scratch_folder("e2e-installed-fonts");
  const std::string md = test::write_file(folder + "/a.md", "# 이모지\n\n좋아요 \U0001F44D 확인 \u2713 끝.\n");
  const std::string pdf = folder + "/a.pdf";
  auto r = jakpum_run("-o " + shell_quoted(pdf) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  // The warning names the font and its file, at the first character it sets.
  CHECK(r.err.starts_with(md + ":3:5: warning: no font of the layout has U+1F44D '\U0001F44D'"));
  std::smatch m;
  REQUIRE(std::regex_search(r.err, m, std::regex(": set in ([^,\n]+), an installed font \\(([^)\n]+)\\)")));
  CHECK(fs::exists(m[2].str()));
  std::string family = m[1].str();
  std::erase(family, ' ');
  // That font is embedded, subset, and nothing is lost.
  const std::string fonts = test::run("pdffonts " + shell_quoted(pdf)).out;
  CHECK(fonts.find("+" + family) != std::string::npos);
  CHECK(test::without_space(test::run("pdftotext " + shell_quoted(pdf) + " -").out)
            .find(test::without_space("좋아요 \U0001F44D 확인 \u2713 끝.")) != std::string::npos);
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
  // A layout may forbid it: then the character is an error, as before.
  const std::string strict =
      test::write_file(folder + "/strict.toml", "extends = \"" + test::source_path("layouts/booklet-a5.toml") +
                                                    "\"\n[text]\ninstalled-fonts = false\n");
  auto refused = jakpum_run("--layout " + shell_quoted(strict) + " -o " + shell_quoted(folder + "/b.pdf") + " " +
                            shell_quoted(md));
  CHECK(refused.status == 1);
  CHECK(refused.err.starts_with(md + ":3:5: error: no font has this character: U+1F44D"));  // ✓: Noto Serif CJK
  CHECK_FALSE(fs::exists(folder + "/b.pdf"));
}

TEST_CASE("old Hangul: syllables in jamo and tone marks are set composed, and read back as written") {
  std::string folder = test::scratch_folder("e2e-old-hangul");
  // The opening of the Hunminjeongeum's preface, tone marks and all; 말
  // and 미 again without their marks, and modern text around.
  const std::string words = "나랏〮말〯ᄊᆞ미〮 듕귁〮에〮 달아〮 말 미 ᄒᆞᆫ글.";
  const std::string md = test::write_file(folder + "/a.md", "# 훈민정음의 ᄒᆞᆫ글\n\n세종은 " + words + "\n");
  // The booklet's Myeongjo and Gothic compose none: their fallbacks, Noto
  // Serif CJK KR and Noto Sans CJK KR, do, and set them without a word.
  const std::string pdf = folder + "/a.pdf";
  auto r = jakpum_run("-o " + shell_quoted(pdf) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find("warning") == std::string::npos);
  const std::string fonts = test::run("pdffonts " + shell_quoted(pdf)).out;
  CHECK(fonts.find("NotoSerifCJKkr-Regular") != std::string::npos);
  CHECK(fonts.find("NotoSansCJKkr-Bold") != std::string::npos);  // the title's
  // In Nanum alone: set in an installed font that composes them, with a
  // warning naming the syllables, at the first.
  const std::string nanum = folder + "/nanum.pdf";
  const std::string layout =
      test::write_file(folder + "/nanum.toml", "extends = \"" + test::source_path("layouts/booklet-a5.toml") +
                                                   "\"\n[fonts.myeongjo]\nfallback = []\n");
  r = jakpum_run("--layout " + shell_quoted(layout) + " -o " + shell_quoted(nanum) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.starts_with(md + ":3:7: warning: no font of the layout has U+302E '〮', U+302F '〯', or composes the "
                               "old Hangul 'ᄊᆞ', 'ᄒᆞᆫ': set in Noto "));
  // In Noto Serif CJK KR throughout, without a word. Every way the text
  // reads as written: the tone mark's glyph, drawn before its syllable,
  // says both, and the syllable's glyph adds nothing (though the same
  // glyph alone says 말).
  const std::string noto = folder + "/noto.pdf";
  auto quiet = jakpum_run("--layout booklet-a5-noto -o " + shell_quoted(noto) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(quiet.status == 0, quiet.err);
  CHECK(quiet.err.find("warning") == std::string::npos);
  for (const std::string& file : {pdf, nanum, noto}) {
    CAPTURE(file);
    CHECK(test::run("pdftotext " + shell_quoted(file) + " -").out.find("세종은 " + words) != std::string::npos);
    CHECK(test::run("qpdf --check " + shell_quoted(file)).status == 0);
  }
}

TEST_CASE("Hanja in Myeongjo text are set in a Myeongjo, opened only for a text that has them") {
  std::string folder = test::scratch_folder("e2e-hanja");
  const std::string md = test::write_file(
      folder + "/a.md",
      "# 노동(勞動)의 의미\n\n마르크스가 말한 **소외(疎外)**는 노동(勞動)에서 온다. 『資本論』을 보라.\n");
  const std::string pdf = folder + "/a.pdf";
  auto r = jakpum_run("-q -o " + shell_quoted(pdf) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  // The face that sets each piece of text, by the page dump.
  std::string dump = jakpum_run("--dump pages " + shell_quoted(md)).out;
  auto face_of = [&](const std::string& style, const std::string& text) {
    std::smatch m;
    if (!std::regex_search(dump, m, std::regex("text " + style + " font ([0-9]+) [^\n]*\"" + text + "\"")))
      return std::string("(no run)");
    std::smatch f;
    std::regex_search(dump, f, std::regex("font " + m[1].str() + " (\\S+)"));
    return f[1].str();
  };
  CHECK(face_of("body", "勞動") == "NotoSerifCJKkr-Regular");
  CHECK(face_of("body", "疎外") == "NotoSerifCJKkr-Bold");
  CHECK(face_of("body", "資本論") == "NotoSerifCJKkr-Regular");
  CHECK(face_of("title", "노동\\(勞動\\)의 의미") == "NanumGothicBold");  // the Gothic has its own
  CHECK(test::without_space(test::run("pdftotext " + shell_quoted(pdf) + " -").out)
            .find(test::without_space("마르크스가 말한 소외(疎外)는 노동(勞動)에서 온다. 『資本論』을 보라.")) !=
        std::string::npos);
  // The sample book has none: Noto is neither embedded nor in the colophon.
  const std::string book = booklet("booklet-a5");
  CHECK(test::run("pdffonts " + shell_quoted(book)).out.find("Noto") == std::string::npos);
  CHECK(test::run("pdftotext " + shell_quoted(book) + " -").out.find("Noto") == std::string::npos);
  // Where the font is not installed, they are set in the Gothic, as the
  // layout's fallback says.
  const std::string layout = test::write_file(
      folder + "/gone.toml", "extends = \"" + test::source_path("layouts/booklet-a5.toml") +
                                 "\"\n[fonts.hanja]\nregular = \"nowhere.ttc\"\nbold = \"nowhere-bold.ttc\"\n");
  const std::string gone = folder + "/gone.pdf";
  r = jakpum_run("-q --layout " + shell_quoted(layout) + " -o " + shell_quoted(gone) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(test::run("pdffonts " + shell_quoted(gone)).out.find("Noto") == std::string::npos);
  dump = jakpum_run("--dump pages --layout " + shell_quoted(layout) + " " + shell_quoted(md)).out;
  CHECK(face_of("body", "勞動") == "NanumGothic");
  CHECK(face_of("body", "疎外") == "NanumGothicBold");
  // A book's colophon names it where it sets text, not where it was only
  // looked in for a character it lacks (an emoji, set in Symbola).
  const std::string manifest = test::write_file(folder + "/book.toml", "title = \"책\"\ndocuments = [\"a.md\"]\n");
  const std::string colophon = folder + "/book.pdf";
  r = jakpum_run("-q -o " + shell_quoted(colophon) + " " + shell_quoted(manifest));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(test::run("pdftotext " + shell_quoted(colophon) + " -").out.find("Noto Serif CJK KR") != std::string::npos);
  test::write_file(folder + "/a.md", "# 이모지\n\n좋아요 \U0001F44D 끝.\n");
  r = jakpum_run("-q -o " + shell_quoted(colophon) + " " + shell_quoted(manifest));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const std::string emoji = test::run("pdftotext " + shell_quoted(colophon) + " -").out;
  CHECK(emoji.find("Symbola") != std::string::npos);
  CHECK(emoji.find("Noto") == std::string::npos);
}

TEST_CASE("usage: help, version, and exit codes") {
  auto help = jakpum_run("--help");
  CHECK(help.status == 0);
  CHECK(help.out.find("usage: jakpum [--layout NAME|PATH] [-o OUT.pdf] INPUT...") == 0);
  auto version = jakpum_run("--version");
  CHECK(version.status == 0);
  CHECK(version.out.starts_with("jakpum "));
  auto none = jakpum_run("");
  CHECK(none.status == 2);
  CHECK(none.err.starts_with("jakpum: error: no input files\n"));
  auto unknown = jakpum_run("--frobnicate x.md");
  CHECK(unknown.status == 2);
  auto missing = jakpum_run(shell_quoted(test::source_path("samples/no-such.md")));
  CHECK(missing.status == 1);
  CHECK(missing.err.find("no-such.md: error: cannot read input: No such file or directory") != std::string::npos);
  auto bad_layout = jakpum_run("--layout bookelt-a5 " + shell_quoted(test::source_path("samples/work-as-art.md")));
  CHECK(bad_layout.status == 1);
  CHECK(bad_layout.err == "jakpum: error: --layout: unknown layout `bookelt-a5` (did you mean `booklet-a5`?)\n");
  auto settings = jakpum_run("--settings");
  CHECK(settings.status == 0);
  CHECK(settings.out.find("margin-inner") != std::string::npos);
}

TEST_CASE("standard input and output: - reads Markdown and writes the PDF, whole or not at all") {
  std::string folder = test::scratch_folder("e2e-stdio");
  const std::string md = test::write_file(folder + "/a.md", "# 제목\n\n표준 입력에서 읽은 *글*이다.\n");
  const std::string file_pdf = folder + "/file.pdf", piped_pdf = folder + "/piped.pdf";
  REQUIRE(jakpum_run("-q -o " + shell_quoted(file_pdf) + " " + shell_quoted(md)).status == 0);
  // In from a pipe, out to a file: the same PDF as from the file.
  auto in = test::run("cat " + shell_quoted(md) + " | " + shell_quoted(JAKPUM_BINARY) + " -q -o " +
                      shell_quoted(piped_pdf) + " -");
  REQUIRE_MESSAGE(in.status == 0, in.err);
  CHECK(test::read_text(piped_pdf) == test::read_text(file_pdf));
  // Out to a pipe: the PDF's bytes alone, the messages on standard error.
  auto out = test::run(shell_quoted(JAKPUM_BINARY) + " -o - - < " + shell_quoted(md));
  REQUIRE_MESSAGE(out.status == 0, out.err);
  CHECK(out.out == test::read_text(file_pdf));
  CHECK(out.err.starts_with("jakpum: wrote standard output (1 page, layout booklet-a5)\n"));
  // Messages name standard input as compilers do.
  auto warned = test::run("printf '본문 <sup>위' | " + shell_quoted(JAKPUM_BINARY) + " -o - -");
  CHECK(warned.status == 0);
  CHECK(warned.err.starts_with("<stdin>:1:4: warning: `<sup>` is not closed"));
  // A failed run sends nothing down the pipe.
  auto failed = test::run("printf '웃음 \xf4\x8f\xbf\xbd' | " + shell_quoted(JAKPUM_BINARY) + " -o - -");
  CHECK(failed.status == 1);
  CHECK(failed.out.empty());
  CHECK(failed.err.starts_with("<stdin>:1:4: error: no font has this character: U+10FFFD"));
  // Usage: no name to give the PDF; two things for standard output; standard input twice; a batch's input.
  auto unnamed = test::run(shell_quoted(JAKPUM_BINARY) + " - < " + shell_quoted(md));
  CHECK(unnamed.status == 2);
  CHECK(unnamed.err.starts_with("jakpum: error: standard input (`-`) has no file name to name the PDF by"));
  auto both = test::run(shell_quoted(JAKPUM_BINARY) + " -o - --report - - < " + shell_quoted(md));
  CHECK(both.status == 2);
  CHECK(both.out.empty());
  auto twice = test::run(shell_quoted(JAKPUM_BINARY) + " -o x.pdf - - < " + shell_quoted(md));
  CHECK(twice.status == 1);
  CHECK(twice.err == "<stdin>: error: standard input (`-`) is named twice; it can be read once\n");
  // Untitled, it goes by the PDF's name, in its running heads and its
  // info, not by "<stdin>"; sent down a pipe, by none (and PDF/X, which
  // wants a title, says where to give one).
  std::string untitled;
  for (int i = 0; i < 40; ++i)
    untitled += "노동은 생계를 위한 수단이 아니라 사회와 관계를 맺는 기술이다. 흔적을 남긴다.\n\n";
  const std::string plain = test::write_file(folder + "/untitled.md", untitled);
  const std::string notes_pdf = folder + "/notes.pdf";
  auto named =
      test::run(shell_quoted(JAKPUM_BINARY) + " -q -o " + shell_quoted(notes_pdf) + " - < " + shell_quoted(plain));
  REQUIRE_MESSAGE(named.status == 0, named.err);
  CHECK(test::run("pdfinfo " + shell_quoted(notes_pdf)).out.find("Title:           notes\n") != std::string::npos);
  const auto page2 = test::run("pdftotext -f 2 -l 2 " + shell_quoted(notes_pdf) + " -").out;
  CHECK(page2.starts_with("notes\n"));  // the running head over a left-hand page
  const auto piped = test::run(shell_quoted(JAKPUM_BINARY) + " -q -o - - < " + shell_quoted(plain) + " > " +
                               shell_quoted(folder + "/piped-untitled.pdf"));
  REQUIRE(piped.status == 0);
  CHECK(test::run("pdftotext " + shell_quoted(folder + "/piped-untitled.pdf") + " -").out.find("<stdin>") ==
        std::string::npos);
  auto pdfx = test::run(shell_quoted(JAKPUM_BINARY) + " -q --pdfx -o - - < " + shell_quoted(plain));
  CHECK(pdfx.status == 1);
  CHECK(pdfx.out.empty());
  CHECK(pdfx.err ==
        "jakpum: error: cannot write PDF/X-1a: the document has no title (give it `title` in its front "
        "matter)\n");

  const std::string manifest = test::write_file(folder + "/batch.toml", "[[document]]\ninput = \"-\"\n");
  auto batch = jakpum_run("batch " + shell_quoted(manifest));
  CHECK(batch.status == 1);
  CHECK(batch.err.find("batch.toml:2:9: error: a batch's inputs are files, not standard input (`-`)") !=
        std::string::npos);
}

TEST_CASE("document info: title, author and creator from the front matter") {
  std::string folder = test::scratch_folder("e2e-info");
  std::string md = test::write_file(folder + "/i.md", "+++\ntitle = \"제목\"\nauthor = [\"김 작가\", \"이 편집\"]\n+++\n본문.\n");
  REQUIRE(jakpum_run("-q " + shell_quoted(md)).status == 0);
  auto info = test::run("pdfinfo " + shell_quoted(folder + "/i.pdf"));
  CHECK(info.out.find("Title:           제목\n") != std::string::npos);
  CHECK(info.out.find("Author:          김 작가, 이 편집\n") != std::string::npos);
  CHECK(info.out.find("Creator:         jakpum ") != std::string::npos);
}

TEST_CASE("an Obsidian note: its YAML front matter gives the same facts, neither it nor its comments are printed") {
  std::string folder = test::scratch_folder("e2e-yaml");
  std::string md = test::write_file(folder + "/y.md",
                                    "---\ntitle: 제목\nauthors:\n  - 김 작가\n  - 이 편집\ntags: [에세이, 초안]\n"
                                    "aliases:\nstatus: 초안\n---\n본문. %%비밀 메모%%\n");
  auto r = jakpum_run(shell_quoted(md));
  REQUIRE(r.status == 0);
  CHECK(r.err.find("y.md:8:1: warning: front matter key `status` is not one jakpum reads: left out\n") !=
        std::string::npos);
  CHECK(r.err.find("tags") == std::string::npos);
  auto info = test::run("pdfinfo " + shell_quoted(folder + "/y.pdf"));
  CHECK(info.out.find("Title:           제목\n") != std::string::npos);
  CHECK(info.out.find("Author:          김 작가, 이 편집\n") != std::string::npos);
  const std::string text = test::run("pdftotext " + shell_quoted(folder + "/y.pdf") + " -").out;
  CHECK(text.find("제목") < text.find("본문."));
  CHECK(text.find("김 작가") != std::string::npos);
  for (const char* hidden : {"---", "* * *", "tags", "에세이", "status", "aliases", "비밀", "%%"})
    CHECK_MESSAGE(text.find(hidden) == std::string::npos, hidden);
}

TEST_CASE("--dump pages prints the page model without writing a PDF") {
  std::string folder = test::scratch_folder("e2e-dump");
  std::string md = test::write_file(folder + "/d.md", "# 제목\n\n본문 한 줄.\n");
  auto r = jakpum_run("--dump pages " + shell_quoted(md));
  REQUIRE(r.status == 0);
  CHECK(r.out.find("page 1 recto 419.53 x 595.28") != std::string::npos);
  CHECK(r.out.find("text title font 0 size 19.00") != std::string::npos);
  CHECK(r.out.find("\"본문 한 줄.\"") != std::string::npos);
  CHECK_FALSE(fs::exists(folder + "/d.pdf"));
}

TEST_CASE("--timings names every stage, even when quiet") {
  std::string folder = test::scratch_folder("e2e-timings");
  // On one thread, the stages take turns and add up to no more than the total.
  auto r = jakpum_run("--quiet --timings --threads 1 -o " + shell_quoted(folder + "/b.pdf") + " " +
                      shell_quoted(test::source_path("samples/booklet.toml")));
  REQUIRE(r.status == 0);
  std::smatch m;
  std::regex line("jakpum: timings: read ([0-9.]+) ms, setup ([0-9.]+) ms, text ([0-9.]+) ms, shape ([0-9.]+) ms, "
                  "lines ([0-9.]+) ms, paginate ([0-9.]+) ms, fonts ([0-9.]+) ms, pages ([0-9.]+) ms, "
                  "save ([0-9.]+) ms, total ([0-9.]+) ms\n");
  REQUIRE_MESSAGE(std::regex_search(r.err, m, line), r.err);
  double stages = 0;
  for (int i = 1; i <= 9; ++i) stages += std::stod(m[i]);
  CHECK(stages > 0);
  CHECK(std::stod(m[10]) >= stages - 0.5);  // the stages do not overlap, and rounding costs at most 0.05 ms each
  CHECK(fs::exists(folder + "/b.pdf"));
}

TEST_CASE("a Markdown link is a link in the PDF, over its text on every line, on pages and on imposed sheets") {
  std::string folder = test::scratch_folder("e2e-links");
  const std::string wrapped = "가나다 라마바 사아자 차카타 파하가 나다라 마바사 아자차 카타파 하가나 다라마 바사아 자차카 타파하";
  std::string md = test::write_file(
      folder + "/l.md",
      "# 링크\n\n앞 [노동](https://ko.wikipedia.org/wiki/노동) 뒤. 주소에 [문자 참조](https://example.org/a?b=1&amp;c=2 \"제목\")"
      " 쓰기.\n\n[" + wrapped + "](https://example.com/long) 끝.\n\n[*기울임* 섞인](https://example.com/x) 링크와"
      " [빈 주소]() 하나, 자동 링크 <https://example.com/auto> 도.\n");
  const std::map<std::string, std::string> linked = {
      {"노동", "https://ko.wikipedia.org/wiki/%EB%85%B8%EB%8F%99"},
      {"문자", "https://example.org/a?b=1&c=2"},
      {"참조", "https://example.org/a?b=1&c=2"},
      {"기울임", "https://example.com/x"},
      {"섞인", "https://example.com/x"},
      {"https://example.com/auto", "https://example.com/auto"}};
  std::map<std::string, std::string> words = linked;
  for (std::size_t at = 0, end; at < wrapped.size(); at = end + 1) {
    end = std::min(wrapped.find(' ', at), wrapped.size());
    words[wrapped.substr(at, end - at)] = "https://example.com/long";
  }
  for (const std::string options : {"", "--impose 2-up", "--layout booklet-a5-print", "--pdfa"}) {
    CAPTURE(options);
    const std::string pdf = folder + "/l" + std::to_string(options.size()) + ".pdf";
    auto r = jakpum_run(options + " -o " + shell_quoted(pdf) + " " + shell_quoted(md));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.err.find("warning") == std::string::npos);  // no address is left out
    for (const std::string tool : {"qpdf --check ", "gs -q -o /dev/null -sDEVICE=nullpage "}) {
      auto check = test::run(tool + shell_quoted(pdf));
      CHECK_MESSAGE(check.status == 0, tool);
      CHECK_MESSAGE(check.err.empty(), check.err);
    }

    std::vector<test::PdfLink> links = test::pdf_links(pdf);
    std::map<std::string, int> areas;
    for (const auto& l : links) {
      CAPTURE(l.uri);
      ++areas[l.uri];
      CHECK(l.border == "0, 0, 0");  // no box drawn round the text
      CHECK(l.flags == 4);           // printed, as PDF/A asks
    }
    // One area a line: the long link takes two lines; the empty address none.
    CHECK(areas == std::map<std::string, int>{{"https://ko.wikipedia.org/wiki/%EB%85%B8%EB%8F%99", 1},
                                              {"https://example.org/a?b=1&c=2", 1},
                                              {"https://example.com/long", 2},
                                              {"https://example.com/x", 1},
                                              {"https://example.com/auto", 1}});

    // Every word of a link's text lies inside an area of its own link, and
    // no other word inside any.
    std::smatch size;
    std::string info = test::run("pdfinfo " + shell_quoted(pdf)).out;
    REQUIRE(std::regex_search(info, size, std::regex("Page size: +[\\d.]+ x ([\\d.]+) pts")));
    const double height = std::stod(size[1]);
    int seen = 0;
    for (const auto& page : test::pdf_words(pdf))
      for (const auto& w : page) {
        CAPTURE(w.text);
        const double cx = (w.x0 + w.x1) / 2, cy = height - (w.y0 + w.y1) / 2;
        std::string inside;
        for (const auto& l : links)
          if (cx > l.x0 && cx < l.x1 && cy > l.y0 && cy < l.y1) inside = l.uri;
        auto expected = words.find(w.text);
        CHECK(inside == (expected == words.end() ? "" : expected->second));
        if (expected != words.end()) ++seen;
      }
    CHECK(seen == static_cast<int>(words.size()));
  }
}

TEST_CASE("[styles.link] sets a link's text apart, by default it looks like the text around it") {
  std::string folder = test::scratch_folder("e2e-link-style");
  std::string md = test::write_file(folder + "/l.md", "앞 [링크 **굵게**](https://example.com) 뒤.\n");
  std::string blue = test::write_file(folder + "/blue.toml", "extends = \"booklet-a5\"\n\n[styles.link]\ncolor = \"#1a4d8f\"\n");
  auto colours = [&](const std::string& layout) {
    auto r = jakpum_run("--dump pages --layout " + shell_quoted(layout) + " " + shell_quoted(md));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::vector<std::string> out;
    static const std::regex run(R"re(text body font \d+ size [\d.]+ at [\d.,]+ to [\d.]+ (.*) "(.*)")re");
    std::string dump = r.out;
    for (auto it = std::sregex_iterator(dump.begin(), dump.end(), run); it != std::sregex_iterator(); ++it)
      out.push_back((*it)[2].str() + ": " + (*it)[1].str());
    return out;
  };
  CHECK(colours("booklet-a5") == std::vector<std::string>{"앞 링크 : cmyk(0, 0, 0, 100)", "굵게: cmyk(0, 0, 0, 100)",
                                                          " 뒤.: cmyk(0, 0, 0, 100)"});
  CHECK(colours(blue) == std::vector<std::string>{"앞 : cmyk(0, 0, 0, 100)", "링크 : #1a4d8f", "굵게: #1a4d8f",
                                                  " 뒤.: cmyk(0, 0, 0, 100)"});
  std::string bad = test::write_file(folder + "/bad.toml", "extends = \"booklet-a5\"\n\n[styles.link]\nfont = \"nope\"\n");
  auto r = jakpum_run("--layout " + shell_quoted(bad) + " " + shell_quoted(md));
  CHECK(r.status == 1);
  CHECK(r.err == bad + ":4:8: error: unknown font family `nope` (declare it as [fonts.nope])\n");
}

TEST_CASE("a link to a heading leads to that heading of its own document") {
  std::string folder = test::scratch_folder("e2e-heading-links");
  // Two documents with a heading of the same name; each links to its own, one from before it, one from after.
  std::string a = test::write_file(folder + "/a.md", "# 첫째 글\n\n[아래 서론으로](#서론) 간다.\n\n## 서론\n\n본문.\n");
  std::string b = test::write_file(folder + "/b.md", "# 둘째 글\n\n## 서론\n\n본문.\n\n[위 서론으로](#서론) 간다.\n");
  auto r = jakpum_run("--dump pages " + shell_quoted(a) + " " + shell_quoted(b));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find("warning") == std::string::npos);
  // Pages and heights, from the outline's entries for the headings and the links' targets.
  auto places = [&](const std::string& pattern) { return dump_places(r.out, pattern); };
  const auto headings = places(R"(outline 3 page (\d+) y ([\d.]+) 서론)");
  const auto targets = places(R"(link [\d.,]+ [\d.]+ x [\d.]+ to page (\d+) y ([\d.]+))");
  REQUIRE(headings.size() == 2);
  CHECK(headings[0] != headings[1]);
  CHECK(targets == headings);

  // In the PDF, each is a link annotation leading to its heading's page, showing it from its top.
  std::string pdf = folder + "/ab.pdf";
  REQUIRE(jakpum_run("-q -o " + shell_quoted(pdf) + " " + shell_quoted(a) + " " + shell_quoted(b)).status == 0);
  const std::vector<test::PdfLink> links = test::pdf_links(pdf);
  REQUIRE(links.size() == 2);
  const double height = layout_named("booklet-a5").page.height;
  for (std::size_t i = 0; i < links.size(); ++i) {
    CHECK(links[i].uri.empty());
    CHECK(links[i].to_page == headings[i].first);  // no front matter: page numbers count from the first
    CHECK(links[i].to_top == doctest::Approx(height - headings[i].second).epsilon(0.001));
  }
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
}

TEST_CASE("a link in a table's cell leads where one in the text would, and one to nowhere is warned of") {
  std::string folder = test::scratch_folder("e2e-table-links");
  std::string a = test::write_file(folder + "/a.md",
                                   "# 첫째 글\n\n| 가는 곳 | 다른 글 |\n|---|---|\n| [아래 서론으로](#서론) | [둘째 글 서론](b.md#서론) |\n"
                                   "| [없는 곳](#없다) | [빈 곳](#) |\n\n## 서론\n\n본문.\n");
  std::string b = test::write_file(folder + "/b.md", "# 둘째 글\n\n## 서론\n\n본문.\n");
  auto r = jakpum_run("--dump pages " + shell_quoted(a) + " " + shell_quoted(b));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find("a.md:6:4: warning: link to `#없다` leads to no heading") != std::string::npos);
  CHECK(r.err.find("a.md:6:18: warning: link to `#` leads to no heading") != std::string::npos);
  auto places = [&](const std::string& pattern) { return dump_places(r.out, pattern); };
  const auto headings = places(R"(outline 3 page (\d+) y ([\d.]+) 서론)");
  const auto targets = places(R"(link [\d.,]+ [\d.]+ x [\d.]+ to page (\d+) y ([\d.]+))");
  REQUIRE(headings.size() == 2);
  CHECK(targets == headings);

  std::string pdf = folder + "/ab.pdf";
  REQUIRE(jakpum_run("-q -o " + shell_quoted(pdf) + " " + shell_quoted(a) + " " + shell_quoted(b)).status == 0);
  const std::vector<test::PdfLink> links = test::pdf_links(pdf);
  REQUIRE(links.size() == 2);
  for (std::size_t i = 0; i < links.size(); ++i) CHECK(links[i].to_page == headings[i].first);
  const std::string text = test::without_space(test::run("pdftotext " + shell_quoted(pdf) + " -").out);
  for (const char* words : {"아래서론으로", "둘째글서론", "없는곳", "빈곳"}) CHECK_MESSAGE(text.find(words) != std::string::npos, words);
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
}

TEST_CASE("a link to another document of a book leads to its heading, or to its title") {
  std::string folder = test::scratch_folder("e2e-document-links");
  test::write_file(folder + "/a.md", "# 첫째 글\n\n[둘째 글의 서론](part/b.md#서론)과 [둘째 글](part/b.md)을 본다."
                                     " [바깥](notes.md)\n\n## 본론\n\n본문.\n");
  test::write_file(folder + "/part/b.md", "# 둘째 글\n\n## 서론\n\n[첫째 글의 본론](../a.md#본론)으로 돌아간다.\n");
  std::string book = test::write_file(folder + "/book.toml", "title = \"책\"\ncontents = true\n"
                                                             "documents = [\"a.md\", \"part/b.md\"]\n");
  auto r = jakpum_run("--dump pages " + shell_quoted(book));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find("warning") == std::string::npos);
  auto places = [&](const std::string& pattern) { return dump_places(r.out, pattern); };
  auto heading = [&](const std::string& title) {
    auto found = places(R"(outline \d page (\d+) y ([\d.]+) )" + title + "\n");
    REQUIRE(found.size() == 1);
    return found.front();
  };
  // The contents' two entries, then the links of the documents, in the order they are set.
  const auto targets = places(R"(link [\d.,]+ [\d.]+ x [\d.]+ to page (\d+) y ([\d.]+))");
  const std::vector<std::pair<int, double>> expected = {heading("첫째 글"), heading("둘째 글"), heading("서론"),
                                                        heading("둘째 글"), heading("본론")};
  CHECK(targets == expected);
  CHECK(r.out.find("notes.md") != std::string::npos);  // no document of the book: a relative URI still

  std::string pdf = folder + "/book.pdf";
  REQUIRE(jakpum_run("-q -o " + shell_quoted(pdf) + " " + shell_quoted(book)).status == 0);
  const std::vector<test::PdfLink> links = test::pdf_links(pdf);
  REQUIRE(links.size() == expected.size() + 1);
  const double height = layout_named("booklet-a5").page.height;
  std::size_t k = 0;
  for (const test::PdfLink& link : links) {
    if (!link.uri.empty()) {
      CHECK(link.uri == "notes.md");
      continue;
    }
    REQUIRE(k < expected.size());
    CHECK(link.to_page == expected[k].first);
    CHECK(link.to_top == doctest::Approx(height - expected[k].second).epsilon(0.001));
    ++k;
  }
  CHECK(k == expected.size());
  CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
}

TEST_CASE("code is set in the layout's code font, as written: its lines, its indentation, every character") {
  std::string folder = test::scratch_folder("e2e-code");
  std::string input = test::write_file(folder + "/code.md",
                                       "본문에 `git commit` 같은 코드가 있다.\n\n"
                                       "```python\ndef 학습(모델):\n\tfor 배치 in 모델:\n        return 배치\n\n"
                                       "끝 = \"end\"\n```\n\n뒤의 문단.\n");
  for (const char* name : {"booklet-a5", "booklet-a5-noto"}) {
    CAPTURE(name);
    const style::Layout l = layout_named(name);
    std::string pdf = folder + "/" + name + ".pdf";
    auto r = jakpum_run("-q --layout " + std::string(name) + " -o " + shell_quoted(pdf) + " " + shell_quoted(input));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.err.empty());  // no warning: code has a style

    const std::string mono = std::string(name) == "booklet-a5" ? "+NanumGothicCoding " : "+NotoSansMonoCJKkr-Regular-Identity-H ";
    auto fonts = pdffonts_rows(pdf);
    CHECK(std::any_of(fonts.begin(), fonts.end(), [&](const std::string& row) { return row.find(mono) != std::string::npos; }));

    // Every character, in order.
    auto text = test::run("pdftotext " + shell_quoted(pdf) + " -");
    REQUIRE(text.status == 0);
    CHECK(test::without_space(text.out).find("본문에gitcommit같은코드가있다.def학습(모델):for배치in모델:return배치끝=\"end\"뒤의문단.") !=
          std::string::npos);

    // Latin letters of the code font are half an em wide: inline code at the
    // body's size, the block at its own.
    const auto pages = test::pdf_words(pdf);
    REQUIRE(pages.size() == 1);
    std::map<std::string, test::PdfWord> at;
    for (const auto& w : pages.front()) at.emplace(w.text, w);
    for (const char* word : {"commit", "def", "for", "return", "끝", "뒤의"}) REQUIRE_MESSAGE(at.contains(word), word);
    const double body = l.style("body").size, code = l.style("code-block").size;
    CHECK(at["commit"].x1 - at["commit"].x0 == doctest::Approx(6 * 0.5 * body).epsilon(0.01));
    const double column = 0.5 * code;
    CHECK(at["def"].x1 - at["def"].x0 == doctest::Approx(3 * column).epsilon(0.01));
    // The lines as written: a tab to the fourth column, eight spaces to the
    // eighth, the line after a blank one back at the first, two lines down.
    const double left = at["def"].x0;
    CHECK(at["for"].x0 - left == doctest::Approx(4 * column).epsilon(0.01));
    CHECK(at["return"].x0 - left == doctest::Approx(8 * column).epsilon(0.01));
    CHECK(at["끝"].x0 == doctest::Approx(left));
    CHECK(at["끝"].y0 - at["return"].y0 == doctest::Approx(2 * l.style("code-block").leading_pt()).epsilon(0.01));
    // Not the body's first-line indent: the block's own margin from the text's left edge.
    CHECK(at["뒤의"].x0 - left ==
          doctest::Approx(l.style("body").indent.resolve(body) - l.style("code-block").margin_left.resolve(code)).epsilon(0.01));
  }
}

namespace {

// Where the run of `style` setting `text` starts on its line, in a page
// dump (`--dump pages`).
double run_x(const std::string& dump, const std::string& style, const std::string& text) {
  std::smatch m;
  REQUIRE(std::regex_search(dump, m,
                            std::regex("text " + style + R"( font \d+ size [\d.]+ at ([\d.]+),[^"]*")" + text + "\"")));
  return std::stod(m[1]);
}

}  // namespace

TEST_CASE("code, lists and quotes inside each other start where the text they are in does") {
  std::string folder = test::scratch_folder("e2e-nested");
  std::string input = test::write_file(folder + "/nested.md",
                                       "본문.\n\n```\ntop\n```\n\n- 목록\n\n  ```\n  listed\n  ```\n\n"
                                       "> 인용\n>\n> ```\n> quoted\n> ```\n>\n"
                                       "> - 인용 속 목록\n>\n>   ```\n>   deep\n>   ```\n\n"
                                       "- 목록 둘\n\n  > 목록 속 인용\n");
  auto r = jakpum_run("--dump pages " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  auto x_of = [&](const std::string& style, const std::string& text) { return run_x(r.out, style, text); };
  const style::Layout l = layout_named("booklet-a5");
  const double code_margin = l.style("code-block").margin_left.resolve(l.style("code-block").size);
  const double body_left = x_of("body", "본문.") - l.style("body").indent.resolve(l.style("body").size);
  // Code is indented from the text it is in, as from the body's.
  CHECK(x_of("code-block", "top") == doctest::Approx(body_left + code_margin));
  CHECK(x_of("code-block", "listed") == doctest::Approx(x_of("list", "목록") + code_margin));
  CHECK(x_of("code-block", "quoted") == doctest::Approx(x_of("blockquote", "인용") + code_margin));
  // A list in a quote starts where the quote's text does, a quote in a list
  // where the item's does, and code in both where the innermost's does.
  const double quote_step = x_of("blockquote", "인용") - body_left, list_step = x_of("list", "목록") - body_left;
  REQUIRE(quote_step > 5);
  REQUIRE(list_step > 5);
  CHECK(x_of("list-in-blockquote", "인용 속 목록") == doctest::Approx(body_left + quote_step + list_step));
  CHECK(x_of("code-block", "deep") == doctest::Approx(body_left + quote_step + list_step + code_margin));
  CHECK(x_of("blockquote", "목록 속 인용") == doctest::Approx(body_left + list_step + quote_step));
  // The list's marker hangs within the quote, left of the item's text.
  std::smatch m;
  REQUIRE(std::regex_search(
      r.out, m,
      std::regex(
          R"(text list-in-blockquote font \d+ size [\d.]+ at ([\d.]+),[^"]*"•"\n  text list-in-blockquote [^"]*"인용 속 목록")")));
  CHECK(std::stod(m[1]) > body_left + quote_step - 0.01);
  CHECK(std::stod(m[1]) < x_of("list-in-blockquote", "인용 속 목록"));
}

TEST_CASE("two pull quotes one after the other are two, each between its rules, one of two paragraphs is one") {
  std::string folder = test::scratch_folder("e2e-pullquotes");
  auto rules = [&](const std::string& markdown) {
    auto r = jakpum_run("--dump pages " + shell_quoted(test::write_file(folder + "/q.md", markdown)));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::size_t count = 0;
    for (std::size_t at = r.out.find("\n  rule "); at != std::string::npos; at = r.out.find("\n  rule ", at + 1))
      ++count;
    return count;
  };
  CHECK(rules("본문.\n\n> [!pullquote]\n> 첫째 인용.\n\n> [!pullquote]\n> 둘째 인용.\n\n본문.\n") == 4);
  CHECK(rules("본문.\n\n> [!pullquote]\n> 첫 문단.\n>\n> 둘째 문단.\n\n본문.\n") == 2);
}

TEST_CASE("struck text has a line through the middle of its letters, over it alone, on each line it takes") {
  std::string folder = test::scratch_folder("e2e-strike");
  std::string input = test::write_file(
      folder + "/strike.md",
      "앞 글 ~~지운 글이 이어져서 줄을 넘어갈 만큼 길게 쓴 부분이 있다, 한 줄을 다 채우고도 남도록 더 길게 써 "
      "본다~~ 뒤 글.\n");
  auto r = jakpum_run("--dump pages " + shell_quoted(input));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const style::Layout l = layout_named("booklet-a5");
  struct Line {
    double x, y, end;
    std::string text;
  };
  std::vector<Line> lines;
  const std::regex run(R"re(  text body font \d+ size [\d.]+ at ([\d.]+),([\d.]+) to ([\d.]+) [^"]*"([^"]*)")re");
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), run); it != std::sregex_iterator(); ++it)
    lines.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), (*it)[4]});
  struct Rule {
    double x0, y, x1, width;
  };
  std::vector<Rule> rules;
  for (const auto& [x0, y, x1, width] : dumped_rules(r.out)) rules.push_back({x0, y, x1, width});
  REQUIRE(lines.size() == 2);
  REQUIRE(rules.size() == 2);  // one a line
  const double size = l.style("body").size;
  for (std::size_t i = 0; i < 2; ++i) {
    CAPTURE(i);
    // Through the middle of a Hangul syllable: a third of the size above the baseline or more.
    CHECK(lines[i].y - rules[i].y > size * 0.3);
    CHECK(lines[i].y - rules[i].y < size * 0.5);
    CHECK(rules[i].width > 0);
  }
  // From the first struck letter on the first line, to the last on the second; not over the rest.
  CHECK(rules[0].x0 > lines[0].x + size * 2);  // "앞 글 " goes before it
  CHECK(rules[0].x1 == doctest::Approx(l.page.margin_inner + l.text_width()).epsilon(0.002));
  CHECK(rules[1].x0 == doctest::Approx(lines[1].x));
  CHECK(rules[1].x1 < lines[1].end - size);  // " 뒤 글." is not struck
}

TEST_CASE("underlined text (<u>) has a line below its letters, over it alone, one height under Hangul and Latin") {
  std::string folder = test::scratch_folder("e2e-underline");
  const std::string md =
      test::write_file(folder + "/u.md", "앞 글 <u>밑줄 그은 노동(labor)</u> 뒤 글과 ~~지운 글~~ 끝.\n");
  for (const std::string layout : {"booklet-a5", "booklet-a5-roman"}) {
    CAPTURE(layout);
    const std::string pdf = folder + "/" + layout + ".pdf";
    auto r = jakpum_run("-q --layout " + layout + " -o " + shell_quoted(pdf) + " " + shell_quoted(md));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.err.empty());  // no warning: the tag is understood
    CHECK(test::without_space(body_text(pdf, layout_named(layout))) ==
          test::without_space("앞 글 밑줄 그은 노동(labor) 뒤 글과 지운 글 끝."));
    auto dump = jakpum_run("--layout " + layout + " --dump pages " + shell_quoted(md));
    REQUIRE(dump.status == 0);
    std::smatch m;
    REQUIRE(std::regex_search(dump.out, m, std::regex(R"(  text body font \d+ size ([\d.]+) at [\d.]+,([\d.]+) )")));
    const double size = std::stod(m[1]), baseline = std::stod(m[2]);
    const auto rules = dumped_rules(dump.out);
    REQUIRE(rules.size() == 2);  // the underline, one across Hangul and Latin, and the strike
    const auto& under = rules[0].at(1) > rules[1].at(1) ? rules[0] : rules[1];
    const auto& strike = &under == &rules[0] ? rules[1] : rules[0];
    CHECK(under[1] - under[3] / 2 > baseline + size * 0.05);  // below the letters' lowest strokes
    CHECK(under[1] < baseline + size * 0.3);
    CHECK(strike[1] < baseline);  // the strike goes through them
    // Under the underlined words alone: from 밑줄 to labor), not under 뒤.
    const auto words = test::pdf_words(pdf).at(0);
    auto word = [&](const std::string& t) { return word_ending(words, t); };
    CHECK(under[0] == doctest::Approx(word("밑줄").x0).epsilon(0.002));
    CHECK(under[2] == doctest::Approx(word(")").x1).epsilon(0.002));
    CHECK(under[2] < word("뒤").x0);
  }
}

TEST_CASE("highlighted text (==text==, <mark>) has a band of the layout's colour behind it, over it alone") {
  std::string folder = test::scratch_folder("e2e-highlight");
  const std::string md =
      test::write_file(folder + "/h.md", "앞 글 ==형광펜 **굵은** 표시== 뒤 글과 <mark>노동(labor)</mark> 끝.\n");
  const std::string red =
      test::write_file(folder + "/red.toml", "extends = \"booklet-a5\"\n[text]\nhighlight = \"#ff0000\"\n");
  const std::string pdf = folder + "/h.pdf";
  auto r = jakpum_run("--layout booklet-a5 -o " + shell_quoted(pdf) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find("warning") == std::string::npos);  // both are understood
  // The marks are not text: the words read back as written between them.
  CHECK(test::without_space(body_text(pdf, layout_named("booklet-a5"))) ==
        test::without_space("앞 글 형광펜 굵은 표시 뒤 글과 노동(labor) 끝."));
  auto dump = jakpum_run("--layout booklet-a5 --dump pages " + shell_quoted(md));
  REQUIRE(dump.status == 0);
  std::smatch m;
  REQUIRE(std::regex_search(dump.out, m, std::regex(R"(  text body font \d+ size ([\d.]+) at [\d.]+,([\d.]+) )")));
  const double size = std::stod(m[1]), baseline = std::stod(m[2]);
  const auto bands = dumped_rules(dump.out, R"( cmyk\(0, 0, 45, 0\))");
  REQUIRE(bands.size() == 2);  // one for each, across a change of weight and of script
  for (const auto& band : bands) {
    CHECK(band[1] - band[3] / 2 < baseline - size * 0.7);  // over the letters' tops
    CHECK(band[1] + band[3] / 2 > baseline + size * 0.1);  // and under their feet
  }
  const auto words = test::pdf_words(pdf).at(0);
  auto word = [&](const std::string& t) { return word_ending(words, t); };
  CHECK(bands[0][0] == doctest::Approx(word("형광펜").x0).epsilon(0.002));
  CHECK(bands[0][2] == doctest::Approx(word("표시").x1).epsilon(0.002));
  CHECK(bands[0][2] < word("뒤").x0);
  CHECK(bands[1][0] == doctest::Approx(word("노동(labor)").x0).epsilon(0.002));
  CHECK(bands[1][2] < word("끝.").x0);
  // Drawn before the text, so the letters stand on it; in the layout's colour.
  auto page_content = [&](const std::string& file) {
    const std::string qdf = file + ".qdf";
    REQUIRE(test::run("qpdf --qdf --object-streams=disable " + shell_quoted(file) + " " + shell_quoted(qdf)).status ==
            0);
    return test::read_text(qdf);
  };
  const std::string content = page_content(pdf);
  const std::size_t band_colour = content.find("0 0 0.45 0 K"), text = content.find("BT");
  REQUIRE(band_colour != std::string::npos);
  CHECK(band_colour < text);
  const std::string red_pdf = folder + "/red.pdf";
  REQUIRE(
      jakpum_run("-q --layout " + shell_quoted(red) + " -o " + shell_quoted(red_pdf) + " " + shell_quoted(md)).status ==
      0);
  const std::string red_content = page_content(red_pdf);
  CHECK(red_content.find("0 0 0.45 0 K") == std::string::npos);
  CHECK(red_content.find("1 0 0 RG") < red_content.find("BT"));
}

TEST_CASE("dashes: -- and --- are set as en and em dashes, one glyph each, the text read back as written") {
  std::string folder = test::scratch_folder("e2e-dashes");
  const std::string source = "# 1990--2000년\n\n그러나---그것은 아니다. 쪽 12--15, ---- 네 개, `a--b` 코드.\n";
  const std::string md = test::write_file(folder + "/a.md", source);
  const std::string straight =
      test::write_file(folder + "/straight.toml", "extends = \"" + test::source_path("layouts/booklet-a5.toml") +
                                                      "\"\n[text]\nsmart-dashes = false\n");
  // The glyphs a font program sets for more than one character, read from its ToUnicode map.
  auto shared_glyphs = [&](const std::string& pdf) {
    const std::string qdf = pdf + ".qdf";
    REQUIRE(test::run("qpdf --qdf --object-streams=disable " + shell_quoted(pdf) + " " + shell_quoted(qdf)).status ==
            0);
    const std::string text = test::read_text(qdf);
    std::multiset<std::string> out;
    static const std::regex entry("<[0-9A-F]{4}> <((?:[0-9A-F]{4}){2,})>");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), entry); it != std::sregex_iterator(); ++it)
      out.insert((*it)[1]);
    return out;
  };
  for (const std::string& layout : {std::string("booklet-a5"), straight}) {
    CAPTURE(layout);
    const std::string pdf = folder + "/" + fs::path(layout).stem().string() + ".pdf";
    auto r = jakpum_run("-q --layout " + shell_quoted(layout) + " -o " + shell_quoted(pdf) + " " + shell_quoted(md));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    // Read back as written, every hyphen.
    CHECK(test::without_space(body_text(pdf, layout_named("booklet-a5"))) ==
          test::without_space("1990--2000년 그러나---그것은 아니다. 쪽 12--15, ---- 네 개, a--b 코드."));
    const auto shared = shared_glyphs(pdf);
    if (layout == straight) {
      CHECK(shared.empty());  // each hyphen its own glyph
    } else {
      // One glyph for two hyphens in the heading's font and the body's, one for three in the body's.
      CHECK(shared.count("002D002D") == 2);
      CHECK(shared.count("002D002D002D") == 1);
      CHECK(shared.size() == 3);  // four hyphens, and code's, stay hyphens
    }
  }
}

TEST_CASE("full-width brackets are set half an em wide, as the layout says, code's as written") {
  std::string folder = test::scratch_folder("e2e-half-brackets");
  const std::string md = test::write_file(folder + "/a.md", "그는 《노동》과 「예술」이다\n\n`《노동》다`\n");
  const std::string full =
      test::write_file(folder + "/full.toml", "extends = \"" + test::source_path("layouts/booklet-a5.toml") +
                                                  "\"\n[text]\nhalf-width-brackets = false\n");
  // Each line's width to its last glyph, as the page model sets it (one run
  // a line here).
  auto widths = [&](const std::string& layout) {
    auto r = jakpum_run("--dump pages --layout " + shell_quoted(layout) + " " + shell_quoted(md));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::vector<double> out;
    static const std::regex run(
        R"re(  text (?:body|code-block) font \d+ size [\d.]+ at ([\d.]+),[\d.]+ to ([\d.]+) )re");
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), run); it != std::sregex_iterator(); ++it)
      out.push_back(std::stod((*it)[2]) - std::stod((*it)[1]));
    return out;
  };
  const std::vector<double> half = widths("booklet-a5"), whole = widths(full);
  REQUIRE(half.size() == 2);
  REQUIRE(whole.size() == 2);
  // Four brackets, each half of Nanum Myeongjo's em (973 units of 1024) narrower.
  CHECK(whole[0] - half[0] == doctest::Approx(4 * 10 * 973.0 / 1024 / 2).epsilon(0.01));
  CHECK(half[1] == doctest::Approx(whole[1]));  // code keeps them
  // Read back as written.
  const std::string pdf = folder + "/a.pdf";
  auto r = jakpum_run("-q -o " + shell_quoted(pdf) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(test::without_space(body_text(pdf, layout_named("booklet-a5"))) ==
        test::without_space("그는 《노동》과 「예술」이다《노동》다"));
  // With its spaces, on one line, though each 《 is drawn back over the
  // space before it and the syllable after each 》 over its blank half: in
  // the order the page draws (-raw) and as laid out.
  for (const std::string mode : {"-raw", "-layout"}) {
    CAPTURE(mode);
    auto text = test::run("pdftotext " + mode + " " + shell_quoted(pdf) + " -");
    REQUIRE(text.status == 0);
    CHECK(text.out.find("그는 《노동》과 「예술」이다\n") != std::string::npos);
  }
  // So does a bracket in bold after a space, the bold its own run.
  const std::string bold = test::write_file(folder + "/b.md", "저서 **《자본》**에서\n");
  const std::string bold_pdf = folder + "/b.pdf";
  r = jakpum_run("-q -o " + shell_quoted(bold_pdf) + " " + shell_quoted(bold));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  auto text = test::run("pdftotext " + shell_quoted(bold_pdf) + " -");
  REQUIRE(text.status == 0);
  CHECK(text.out.find("저서 《자본》에서\n") != std::string::npos);
}

TEST_CASE("Latin words are hyphenated where a paragraph needs it, the text read back whole") {
  std::string folder = test::scratch_folder("e2e-hyphens");
  const std::string english =
      "The industrial revolution transformed the relationship between craftsmanship and labour. William Morris, the "
      "founder of the Arts and Crafts Movement, argued that the division of labour degraded workers into mere "
      "appendages of machinery, and that meaningful, self-directed work was indispensable for human flourishing. His "
      "contemporaries, particularly the utilitarian economists, considered such objections sentimental and "
      "fundamentally incompatible with the requirements of international competitiveness.";
  const std::string korean =
      "노동의 소외에 관해서는 마르크스의 『경제학·철학 수고』(Economic and Philosophic Manuscripts of 1844)와 "
      "브레이버먼의 『노동과 독점자본』(Labor and Monopoly Capital: The Degradation of Work in the Twentieth "
      "Century)을 참고하라.";
  const std::string md = test::write_file(
      folder + "/a.md", "+++\ntitle = \"On Work\"\nlang = \"en\"\n+++\n\n" + english + "\n\n" + korean + "\n");
  const std::string whole =
      test::write_file(folder + "/whole.toml", "extends = \"" + test::source_path("layouts/booklet-a5.toml") +
                                                   "\"\n[text]\nhyphenate = false\n");
  for (const std::string& layout : {std::string("booklet-a5"), whole}) {
    CAPTURE(layout);
    const std::string pdf = folder + "/out.pdf", report = folder + "/report.json";
    auto r = jakpum_run("-q --layout " + shell_quoted(layout) + " --report " + shell_quoted(report) + " -o " +
                        shell_quoted(pdf) + " " + shell_quoted(md));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(test::run("qpdf --check " + shell_quoted(pdf)).status == 0);
    // Every character read back, in order, and no hyphen but the text's own.
    CHECK(test::without_space(body_text(pdf, layout_named("booklet-a5"))) ==
          test::without_space("On Work " + english + " " + korean));
    auto dump = jakpum_run("-q --layout " + shell_quoted(layout) + " --dump pages " + shell_quoted(md));
    REQUIRE(dump.status == 0);
    std::size_t hyphens = 0;
    for (std::size_t at = 0; (at = dump.out.find("\" hyphen", at)) != std::string::npos; ++at) ++hyphens;
    const std::string json = test::read_text(report);
    const std::size_t totals = json.find("\"totals\"");
    REQUIRE(totals != std::string::npos);
    const std::size_t field = json.find("\"hyphens\": ", totals);
    REQUIRE(field != std::string::npos);
    const int reported = std::stoi(json.substr(field + 11));
    CHECK(reported == static_cast<int>(hyphens));
    // Each drawn hyphen reads as a soft hyphen, as PDF 1.7 §14.8.2.2.3 has
    // an incidental word division read; the text's own hyphens stay hard.
    const std::string raw = test::run("pdftotext -raw " + shell_quoted(pdf) + " -").out;
    std::size_t soft = 0;
    for (std::size_t at = 0; (at = raw.find("\u00AD", at)) != std::string::npos; at += 2) ++soft;
    CHECK(soft == hyphens);
    CHECK(std::count(raw.begin(), raw.end(), '-') == 1);  // self-directed
    if (layout == whole) {
      CHECK(hyphens == 0);
    } else {
      CHECK(raw.find("crafts\u00AD\nmanship") != std::string::npos);
      CHECK(hyphens >= 3);
      CHECK(dump.out.find("\"The industrial revolution transformed the relationship between crafts\" hyphen") !=
            std::string::npos);
      CHECK(dump.out.find("\"manship and labour.") != std::string::npos);
    }
  }
}

TEST_CASE("a struck, underlined or linked word cut with a hyphen is so to its hyphen") {
  std::string folder = test::scratch_folder("e2e-hyphens-lined");
  const std::string words =
      "The industrial revolution transformed the relationship between craftsmanship and labour. William Morris, the "
      "founder of the Arts and Crafts Movement, argued that the division of labour degraded workers.";
  for (const std::string& marked :
       {"~~" + words + "~~", "<u>" + words + "</u>", "[" + words + "](https://example.org/)"}) {
    CAPTURE(marked);
    const std::string md = test::write_file(folder + "/a.md", marked + "\n");
    auto dump = jakpum_run("-q --dump pages " + shell_quoted(md));
    REQUIRE(dump.status == 0);
    // The hyphen's line: where its hyphen is drawn, and the rule or link
    // area on that line (a line is 17pt below the one before).
    std::istringstream lines(dump.out);
    std::vector<std::pair<double, double>> ends;  // y, right end
    double hyphen_x = -1, hyphen_y = 0;
    static const std::regex rule(R"re(  rule [\d.]+,([\d.]+) ([\d.]+),[\d.]+ .*)re");
    static const std::regex link(R"re(  link ([\d.]+),([\d.]+) ([\d.]+) x [\d.]+ .*)re");
    static const std::regex hyphen_run(R"re(  text body .* at [\d.]+,([\d.]+) to ([\d.]+) [^"]*"[^"]*" hyphen.*)re");
    const bool linked = marked.starts_with("[");
    for (std::string line; std::getline(lines, line);) {
      std::smatch m;
      if (!linked && std::regex_match(line, m, rule)) ends.emplace_back(std::stod(m[1]), std::stod(m[2]));
      if (linked && std::regex_match(line, m, link))
        ends.emplace_back(std::stod(m[2]), std::stod(m[1]) + std::stod(m[3]));
      if (hyphen_x < 0 && std::regex_match(line, m, hyphen_run)) hyphen_y = std::stod(m[1]), hyphen_x = std::stod(m[2]);
    }
    REQUIRE(hyphen_x > 0);
    int on_line = 0;
    for (const auto& [y, end] : ends) {
      if (std::abs(y - hyphen_y) > 8.5) continue;
      ++on_line;
      CHECK(end > hyphen_x + 2);  // past the hyphen's start, over its width
      CHECK(end < hyphen_x + 8);
    }
    CHECK(on_line == 1);
  }
}

TEST_CASE(
    "HTML's alignment is set: a poem centred, an attribution set right, the text around it as the layout sets it") {
  std::string folder = test::scratch_folder("e2e-html-align");
  const std::string md = test::write_file(
      folder + "/a.md",
      "<p align=\"center\">\n죽는 날까지 하늘을 우러러<br>\n한 점 부끄럼이 없기를,\n</p>\n\n"
      "<div align=\"right\">\n\n— 윤동주, 「서시」\n\n</div>\n\n"
      "노동은 단순히 생계를 위한 수단이 아니다. 그것은 인간이 세계와 관계 맺는 가장 근본적인 기술이자, 자신의 "
      "존재를 확인하고 사회 속에서 주체로서 자리매김하는 행위다.\n");
  const std::string pdf = folder + "/a.pdf";
  auto r = jakpum_run("-q -o " + shell_quoted(pdf) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const style::Layout l = layout_named("booklet-a5");
  const double left = l.page.margin_inner, right = left + l.text_width();  // a recto page
  // Each line's words, by baseline.
  std::map<long, std::vector<test::PdfWord>> lines;
  const auto pages = test::pdf_words(pdf);
  REQUIRE(pages.size() == 1);
  for (const auto& w : pages.front())
    if (w.y0 < l.page.height - l.page.margin_bottom) lines[std::lround(w.y1)].push_back(w);
  auto line_with = [&](const std::string& first) -> const std::vector<test::PdfWord>& {
    for (const auto& [y, words] : lines)
      if (words.front().text == first) return words;
    FAIL("no line starts with " << first);
    return lines.begin()->second;
  };
  for (const char* first : {"죽는", "한"}) {
    const auto& line = line_with(first);
    CAPTURE(first);
    CHECK((line.front().x0 + line.back().x1) / 2 == doctest::Approx((left + right) / 2).epsilon(0.002));
  }
  // The line ends with 」, set half its em wide: poppler's box runs on by
  // the half left out (Nanum Myeongjo's em is 973 units of 1024).
  const double half_bracket = 10 * 973.0 / 1024 / 2;
  CHECK(line_with("—").back().x1 - half_bracket == doctest::Approx(right).epsilon(0.002));
  // The paragraph after them is the body's: indented, justified to the edge.
  const auto& body = line_with("노동은");
  CHECK(body.front().x0 > left + 5);
  CHECK(body.back().x1 == doctest::Approx(right).epsilon(0.002));
}

TEST_CASE("hanging punctuation is a justified edge's: a centred line ending in a full stop is centred with it") {
  std::string folder = test::scratch_folder("e2e-hang-centred");
  const std::string md = test::write_file(folder + "/a.md", "<p align=\"center\">\n한 점 부끄럼이 없기를.\n</p>\n");
  const std::string pdf = folder + "/a.pdf";
  auto r = jakpum_run("-q --layout handout-a4 -o " + shell_quoted(pdf) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const style::Layout l = layout_named("handout-a4");
  REQUIRE(l.text.hanging_punctuation);
  const auto words = test::pdf_words(pdf).at(0);
  REQUIRE(words.size() >= 4);
  REQUIRE(words[3].text == "없기를.");
  const double centre = l.page.margin_inner + l.text_width() / 2;
  CHECK((words[0].x0 + words[3].x1) / 2 == doctest::Approx(centre).epsilon(0.0005));
}

TEST_CASE("a break between sections is a mark centred on a line of its own, seen at a page's top and foot too") {
  std::string folder = test::scratch_folder("e2e-section-breaks");
  // Paragraphs of one to five sentences, each followed by a break: pages
  // end before a break and after one.
  std::string source;
  for (int i = 0; i < 30; ++i) {
    for (int k = 0; k <= i % 5; ++k) source += "노동은 단순히 생계를 위한 수단이 아니라 사회와 관계를 맺는 기술이다. ";
    source += i % 2 ? "\n\n---\n\n" : "\n\n<hr>\n\n";
  }
  const std::string md = test::write_file(folder + "/a.md", source);
  const style::Layout l = layout_named("booklet-a5");
  // The words inside the text block of each page, running heads and folios aside.
  auto body_words = [&](const std::string& pdf) {
    auto pages = test::pdf_words(pdf);
    for (auto& words : pages)
      std::erase_if(words, [&](const test::PdfWord& w) {
        return w.y0 < l.page.margin_top - 2 || w.y1 > l.page.margin_top + l.text_height() + 4;
      });
    return pages;
  };
  auto layout = [&](const std::string& name, const std::string& text) {
    return test::write_file(folder + "/" + name + ".toml",
                            "extends = \"" + test::source_path("layouts/booklet-a5.toml") + "\"\n[text]\n" + text);
  };

  const std::string pdf = folder + "/a.pdf";
  auto r = jakpum_run("-q -o " + shell_quoted(pdf) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.empty());  // <hr> is no HTML left unset
  int marks = 0, at_top = 0, at_foot = 0;
  for (const auto& words : body_words(pdf)) {
    REQUIRE(!words.empty());
    at_top += words.front().text == "*";
    at_foot += words.back().text == "*";
    double left = 1e9, right = 0;
    for (const auto& w : words) left = std::min(left, w.x0), right = std::max(right, w.x1);
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (words[i].text != "*") continue;
      ++marks;
      // Three to a line, the line centred on the text block.
      if (i + 2 < words.size() && words[i + 2].text == "*" && words[i + 2].y0 == doctest::Approx(words[i].y0))
        CHECK((words[i].x0 + words[i + 2].x1) / 2 == doctest::Approx((left + right) / 2).epsilon(0.005));
    }
  }
  CHECK(marks == 30 * 3);  // every break, wherever the page ends
  CHECK(at_top > 0);       // where a blank line would be lost
  CHECK(at_foot > 0);

  // A mark of the layout's own, and none: a line's space.
  const std::string diamond = folder + "/diamond.pdf", blank = folder + "/blank.pdf";
  r = jakpum_run("-q --layout " + shell_quoted(layout("diamond", "section-break = \"◆\"\n")) + " -o " +
                 shell_quoted(diamond) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  r = jakpum_run("-q --layout " + shell_quoted(layout("blank", "section-break = \"\"\n")) + " -o " +
                 shell_quoted(blank) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  auto count = [&](const std::string& file, const std::string& text) {
    int n = 0;
    for (const auto& words : body_words(file))
      n += static_cast<int>(std::count_if(words.begin(), words.end(), [&](const auto& w) { return w.text == text; }));
    return n;
  };
  CHECK(count(diamond, "◆") == 30);
  CHECK(count(diamond, "*") == 0);
  CHECK(count(blank, "*") == 0);
  CHECK(test::without_space(body_text(blank, l)).find("*") == std::string::npos);

  // Plain text's own ornament is set as written, and no heading of the outline.
  const std::string txt = test::write_file(folder + "/b.txt", "제목\n\n첫 문단이다.\n\n◇ ◇ ◇\n\n둘째 문단이다.\n");
  r = jakpum_run("--dump pages " + shell_quoted(txt));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out.find("section-break") != std::string::npos);
  CHECK(r.out.find("\"◇ ◇ ◇\"") != std::string::npos);
  CHECK(r.out.find("outline 2") == std::string::npos);  // the title alone
}

TEST_CASE("HTML's <sup> and <sub>: smaller, raised or lowered, against what they follow, nothing lost") {
  std::string folder = test::scratch_folder("e2e-scripts");
  const std::string md = test::write_file(
      folder + "/a.md", "# 넓이 m<sup>2</sup>\n\n넓이는 10 m<sup>2</sup>이고 물은 H<sub>2</sub>O이다.\n");
  const std::string pdf = folder + "/a.pdf";
  auto r = jakpum_run("-o " + shell_quoted(pdf) + " " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find("warning") == std::string::npos);
  CHECK(test::without_space(body_text(pdf, layout_named("booklet-a5"))) ==
        test::without_space("넓이 m2 넓이는 10 m2이고 물은 H2O이다."));
  const auto pages = test::pdf_words(pdf);
  REQUIRE(!pages.empty());
  const auto& words = pages[0];
  auto after = [&](std::string_view text, std::size_t skip) {
    auto at =
        std::find_if(words.begin(), words.end(), [&](const test::PdfWord& w) { return w.text == text && skip-- == 0; });
    REQUIRE(at != words.end());
    REQUIRE(at + 1 != words.end());
    return std::pair{*at, *(at + 1)};
  };
  for (std::size_t k : {0, 1}) {  // in the heading and in the paragraph
    CAPTURE(k);
    const auto [m, two] = after("m", k);
    CHECK(two.text == "2");
    CHECK(two.x0 == doctest::Approx(m.x1).epsilon(0.001));
    CHECK(two.y1 - two.y0 < (m.y1 - m.y0) * 0.75);
    CHECK(two.y1 < m.y1 - 3);  // raised
  }
  const auto [h, two] = after("H", 0);
  CHECK(two.text == "2");
  CHECK(two.x0 == doctest::Approx(h.x1).epsilon(0.001));
  CHECK(two.y1 - two.y0 < (h.y1 - h.y0) * 0.75);
  CHECK(two.y0 > h.y0 + 3);  // lowered
  CHECK(two.y1 > h.y1);
}

TEST_CASE(
    "a list, a quote or code in a note goes with it to the foot in its face, a list in a quote takes the quote's") {
  std::string folder = test::scratch_folder("e2e-notes-blocks");
  const std::string md = test::write_file(
      folder + "/a.md",
      "본문이 주석을 단다.[^1] 둘째 주석도 있다.[^2]\n\n"
      "> 인용문의 첫 문단이다.\n>\n> - 인용 속 목록\n\n- 본문의 목록\n\n끝 문단이다.\n\n"
      "[^1]: 주석 첫 문단.\n\n    - 주석 속 목록\n\n    > 주석 속 인용.\n\n        주석 속 코드\n\n    주석 끝 문단.\n"
      "[^2]: 둘째 주석.\n");
  auto r = jakpum_run("--dump pages " + shell_quoted(md));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  // Each text line of the page: its style, size, height on the page, and text.
  struct Text {
    std::string style;
    double size = 0, y = 0;
    std::string color, text;
  };
  std::vector<Text> lines;
  double rule = 0;
  static const std::regex text(
      R"re(  text ([a-z0-9-]+) font \d+ size ([\d.]+) at [\d.]+,([\d.]+) to [\d.]+ (\S+(?:, \S+)*\)?|#\w+) "([^"]*)")re");
  static const std::regex rule_line(R"(  rule [\d.]+,([\d.]+) )");
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, text))
      lines.push_back({m[1], std::stod(m[2]), std::stod(m[3]), m[4], m[5]});
    else if (std::regex_search(line, m, rule_line))
      rule = std::stod(m[1]);
  }
  auto find = [&](const std::string& t) {
    auto it = std::find_if(lines.begin(), lines.end(), [&](const Text& x) { return x.text == t; });
    REQUIRE_MESSAGE(it != lines.end(), t);
    return *it;
  };
  REQUIRE(rule > 0);
  const Text note = find("주석 첫 문단."), last = find("둘째 주석."), body = find("끝 문단이다.");
  CHECK(body.y < rule);
  // The note's list, quote, code and later paragraph below its rule, before the next note, in its size.
  for (const char* part : {"주석 속 목록", "주석 속 인용.", "주석 속 코드", "주석 끝 문단."}) {
    CAPTURE(part);
    const Text t = find(part);
    CHECK(t.y > note.y);
    CHECK(t.y < last.y);
    if (t.style != "code-block") CHECK(t.size == note.size);  // code keeps its own font and size
  }
  CHECK(find("주석 속 목록").style == "list-in-note");
  CHECK(find("주석 속 인용.").style == "blockquote-in-note");
  // A list in a quote is set in the quote's size and colour, one outside it in the list's.
  const Text quote = find("인용문의 첫 문단이다."), quoted_list = find("인용 속 목록"), list = find("본문의 목록");
  CHECK(quoted_list.style == "list-in-blockquote");
  CHECK(quoted_list.size == quote.size);
  CHECK(quoted_list.color == quote.color);
  CHECK(list.size > quote.size);
}

TEST_CASE("notes: each reference a raised number, the notes below the text that refers to them, nothing lost") {
  std::string folder = test::scratch_folder("e2e-notes");
  const std::string a = test::write_file(folder + "/a.md",
                                         "# 첫 글\n\n노동은 삶의 일부다.[^m] 예술은 노동의 다른 이름이다[^art].\n\n"
                                         "[^art]: 이 문장은 예술에 관한 것이다.\n\n    둘째 문단도 각주다.\n"
                                         "[^m]: 마르크스, 『경제학·철학 수고』, 1844.\n\n끝 문단이다.\n");
  const std::string b =
      test::write_file(folder + "/b.md", "# 둘째 글\n\n다른 글의 문장이다.[^m]\n\n[^m]: 번호는 글마다 새로 센다.\n");
  const std::string pdf = folder + "/notes.pdf";
  auto r = jakpum_run("-o " + shell_quoted(pdf) + " " + shell_quoted(a) + " " + shell_quoted(b));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.err.find("warning") == std::string::npos);
  // In order: each document's text, then its notes, numbered in the order they are referred to.
  const std::string text = test::without_space(body_text(pdf, layout_named("booklet-a5")));
  CHECK(text == test::without_space(
                    "첫 글 노동은 삶의 일부다.1 예술은 노동의 다른 이름이다2. 끝 문단이다. "
                    "1. 마르크스, 『경제학·철학 수고』, 1844. 2. 이 문장은 예술에 관한 것이다. 둘째 문단도 각주다. "
                    "둘째 글 다른 글의 문장이다.1 1. 번호는 글마다 새로 센다."));
  // A reference is smaller than its text and raised, against the word it follows.
  const auto pages = test::pdf_words(pdf);
  REQUIRE(!pages.empty());
  const auto& words = pages[0];
  auto at = std::find_if(words.begin(), words.end(), [](const test::PdfWord& w) { return w.text == "이름이다"; });
  REQUIRE(at != words.end());
  REQUIRE(at + 1 != words.end());
  const test::PdfWord &word = *at, &number = *(at + 1);
  CHECK(number.text.starts_with("2"));
  CHECK(number.x0 == doctest::Approx(word.x1).epsilon(0.001));
  CHECK(number.y1 - number.y0 < (word.y1 - word.y0) * 0.75);
  CHECK(number.y1 < word.y1 - 3);
  // The notes' text is in the note style, below a rule.
  auto dump = jakpum_run("--dump pages " + shell_quoted(a));
  REQUIRE(dump.status == 0);
  std::smatch m;
  const std::regex marked(
      R"re(text note font \d+ size [\d.]+ at ([\d.]+),([\d.]+) [^\n]*"1\."\n  text note font \d+ size [\d.]+ at ([\d.]+),([\d.]+) [^\n]*"마르크스)re");
  REQUIRE(std::regex_search(dump.out, m, marked));
  CHECK(std::stod(m[1]) < std::stod(m[3]));  // its number hangs before its text, on its line
  CHECK(m[2] == m[4]);
  CHECK(dump.out.find("\n  rule ") != std::string::npos);
  // A reference leads to its note: the first to the first note, the second to the one below it.
  const auto links = dump_places(dump.out, R"(  link [\d.]+,[\d.]+ [\d.]+ x [\d.]+ to page (\d+) y ([\d.]+))");
  REQUIRE(links.size() == 2);
  const double first_note = std::stod(m[2]);
  CHECK(links[0].second < first_note);
  CHECK(links[0].second > first_note - 20);
  CHECK(links[1].second > first_note);
}
