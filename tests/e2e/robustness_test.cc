// Bad input, one case a test: the exit code, the one-line message (naming
// file, line and column where there is one), and no output afterwards — or,
// for input that is strange but valid, a PDF with nothing lost.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "support.h"

using namespace jakpum;
using test::shell_quoted;

namespace {

namespace fs = std::filesystem;

struct BadInput {
  const char* name;
  // Writes what the case needs into `folder` and gives jakpum's arguments
  // (the output, folder/out.pdf, is added unless the arguments name one).
  std::function<std::string(const std::string& folder)> setup;
  int status;
  // What the single line on standard error holds; "{f}" stands for the folder.
  std::string message;
};

std::string file(const std::string& folder, const std::string& name, const std::string& text) {
  return shell_quoted(test::write_file(folder + "/" + name, text));
}

std::string layout(const std::string& folder, const std::string& text) {
  return "--layout " + file(folder, "layout.toml", text);
}

const std::string body = "본문입니다. 짧은 글 한 줄.\n";
const std::string base = "extends = \"booklet-a5\"\n";

const BadInput cases[] = {
    {"missing input", [](const std::string& f) { return shell_quoted(f + "/nowhere.md"); }, 1,
     "{f}/nowhere.md: error: cannot read input: No such file or directory"},
    {"a directory as input",
     [](const std::string& f) {
       fs::create_directories(f + "/folder.md");
       return shell_quoted(f + "/folder.md");
     },
     1, "{f}/folder.md: error: cannot read input: is a directory"},
    {"an input path through a file", [](const std::string& f) { return file(f, "a.md", body) + "/b.md"; }, 1,
     "{f}/a.md/b.md: error: cannot read input: Not a directory"},
    {"an unreadable file",
     [](const std::string& f) {
       // Permissions do not stop root; a file whose read fails does.
       std::string p = f + "/locked.md";
       if (::geteuid() == 0)
         fs::create_symlink("/proc/self/mem", p);
       else
         test::write_file(p, body), fs::permissions(p, fs::perms::none);
       return shell_quoted(p);
     },
     1, "{f}/locked.md: error: cannot read input: "},
    {"an unknown kind of file", [](const std::string& f) { return file(f, "notes.docx", body); }, 1,
     "{f}/notes.docx: error: unknown input type (give a .md, .txt or manifest .toml file)"},
    {"invalid UTF-8, with its byte offset",
     [](const std::string& f) { return file(f, "latin1.md", "첫 줄\n\xE9t\xE9\n"); }, 1,
     "{f}/latin1.md:2:1: error: invalid UTF-8 at byte offset 8 (save the file as UTF-8)"},
    {"a UTF-16 file", [](const std::string& f) { return file(f, "utf16.txt", std::string("\xFF\xFE\x00\xAC", 4)); }, 1,
     "{f}/utf16.txt:1:1: error: invalid UTF-8 at byte offset 0"},
    {"a NUL byte", [](const std::string& f) { return file(f, "nul.md", std::string("본문\0끝\n", 11)); }, 1,
     "{f}/nul.md:1:3: error: a NUL byte at byte offset 6 (this looks like a binary or UTF-16 file; save it as UTF-8 "
     "text)"},
    {"an empty document", [](const std::string& f) { return file(f, "empty.md", ""); }, 1,
     "{f}/empty.md: error: the document is empty: nothing to typeset (write some text, or give it a title)"},
    {"a document of blank lines", [](const std::string& f) { return file(f, "blank.txt", "  \n\n\t\n"); }, 1,
     "{f}/blank.txt: error: the document is empty: nothing to typeset"},
    {"front matter not closed",
     [](const std::string& f) { return file(f, "open.md", "+++\ntitle = \"제목\"\n\n" + body); }, 1,
     "{f}/open.md:1:1: error: front matter is not closed (end it with a line `+++`)"},
    {"front matter in YAML with a quote not closed, where it opens",
     [](const std::string& f) { return file(f, "yaml.md", "---\nauthor:\n  - 가\n  - \"나\n---\n\n" + body); }, 1,
     "{f}/yaml.md:4:5: error: invalid YAML: found unexpected end of stream while scanning a quoted scalar"},
    {"front matter in YAML that is not",
     [](const std::string& f) { return file(f, "yaml2.md", "---\ntitle: 제목\n  부제: 둘\n---\n\n" + body); }, 1,
     "{f}/yaml2.md:3:5: error: invalid YAML: mapping values are not allowed in this context"},
    // libyaml takes time as the square of how deep brackets nest.
    {"front matter in YAML nested beyond reason",
     [](const std::string& f) {
       return file(f, "deep.md",
                   "---\nauthor: " + std::string(100000, '[') + std::string(100000, ']') + "\n---\n" + body);
     },
     1, "{f}/deep.md:2:73: error: front matter nests lists or mappings deeper than 64"},
    {"front matter that is not TOML",
     [](const std::string& f) { return file(f, "fm.md", "+++\ntitle = 제목\n+++\n" + body); }, 1,
     "{f}/fm.md:2:9: error: invalid TOML: "},
    // Corner brackets and the like, typed where TOML wants none: toml++ 3.3.0
    // passes through code it marks unreachable for them (see src/CMakeLists.txt).
    {"a corner bracket after a front matter value",
     [](const std::string& f) { return file(f, "bracket.md", "+++\ntitle = \"제목\" \u300C\n+++\n" + body); }, 1,
     "{f}/bracket.md:2:14: error: invalid TOML: "},
    {"a front matter key of punctuation",
     [](const std::string& f) { return file(f, "punct.md", "+++\n\u00A1 = 1\n+++\n" + body); }, 1,
     "{f}/punct.md:2:1: error: invalid TOML: "},
    {"front matter with an unknown key",
     [](const std::string& f) { return file(f, "key.md", "+++\ntitel = \"제목\"\n+++\n" + body); }, 1,
     "{f}/key.md:2:1: error: unknown key `titel` in front matter (did you mean `title`?)"},
    {"a layout with an unknown key",
     [](const std::string& f) {
       return layout(f, base + "[page]\nmargin-innr = \"10mm\"\n") + " " + file(f, "a.md", body);
     },
     1, "{f}/layout.toml:3:1: error: unknown key `margin-innr` in [page] (did you mean `margin-inner`?)"},
    {"a layout value of the wrong type",
     [](const std::string& f) {
       return layout(f, base + "[page]\nmargin-inner = true\n") + " " + file(f, "a.md", body);
     },
     1, "{f}/layout.toml:3:16: error: `page.margin-inner` expected a length such as \"12mm\", found a boolean"},
    {"a negative margin",
     [](const std::string& f) {
       return layout(f, base + "[page]\nmargin-outer = \"-5mm\"\n") + " " + file(f, "a.md", body);
     },
     1, "{f}/layout.toml:3:16: error: `page.margin-outer` must not be negative"},
    {"a huge margin",
     [](const std::string& f) {
       return layout(f, base + "[page]\nmargin-inner = \"900mm\"\n") + " " + file(f, "a.md", body);
     },
     1,
     "{f}/layout.toml:3:16: error: `page.margin-inner` leaves a text block -767.0mm wide, narrower than one character"},
    {"a page lower than one line",
     [](const std::string& f) { return layout(f, base + "[page]\nheight = \"45mm\"\n") + " " + file(f, "a.md", body); },
     1,
     "{f}/layout.toml:3:10: error: `page.height` leaves a text block 5.0mm high, lower than one line of body text "
     "(17pt)"},
    {"a circular extends",
     [](const std::string& f) {
       test::write_file(f + "/other.toml", "extends = \"layout.toml\"\n");
       return layout(f, "extends = \"other.toml\"\n") + " " + file(f, "a.md", body);
     },
     1, "{f}/other.toml:1:11: error: `extends = \"layout.toml\"` makes a cycle"},
    {"a layout that is not TOML",
     [](const std::string& f) { return layout(f, base + "[page\n") + " " + file(f, "a.md", body); }, 1,
     "{f}/layout.toml:2:6: error: invalid TOML: "},
    {"an unknown layout name", [](const std::string& f) { return "--layout booklet-a7 " + file(f, "a.md", body); }, 1,
     "jakpum: error: --layout: unknown layout `booklet-a7` (did you mean `booklet-a5`?)"},
    {"a layout name like no other", [](const std::string& f) { return "--layout broadsheet " + file(f, "a.md", body); },
     1, "jakpum: error: --layout: unknown layout `broadsheet` (available: booklet-a5, "},
    {"a missing font file",
     [](const std::string& f) {
       return layout(f, base + "[fonts.myeongjo]\nregular = \"gone.ttf\"\n") + " " + file(f, "a.md", body);
     },
     1,
     "{f}/layout.toml:3:11: error: font file not found: {f}/gone.ttf (paths are relative to the layout file; for a "
     "font not "
     "always installed, set `optional = true` in its family)"},
    {"a PNG named .ttf",
     [](const std::string& f) {
       test::write_file(f + "/picture.ttf", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 29));
       return layout(f, base + "[fonts.myeongjo]\nregular = \"picture.ttf\"\n") + " " + file(f, "a.md", body);
     },
     1,
     "{f}/layout.toml:3:11: error: font file {f}/picture.ttf: not a TrueType or OpenType font file (use a .ttf, .otf "
     "or .ttc file, such as fonts/NanumMyeongjo.ttf)"},
    {"a CFF font through libharu's embedding",
     [](const std::string& f) { return "--layout booklet-a5-noto --font-embedding libharu " + file(f, "a.md", body); },
     1,
     "NotoSerifCJK-Regular.ttc: error: libharu's embedding takes TrueType files only, not OpenType CFF fonts (use a "
     "TrueType font such as fonts/NanumMyeongjo.ttf, or leave --font-embedding at subset)"},
    {"a font without Hangul",
     [](const std::string& f) {
       return layout(
                  f,
                  base +
                      "[fonts.myeongjo]\nregular = \"/usr/share/fonts/opentype/linux-libertine/LinLibertine_R.otf\"\n"
                      "fallback = []\n[text]\nfallback = []\ninstalled-fonts = false\n") +
              " " + file(f, "a.md", "Latin, then 한글.\n");
     },
     1,
     "{f}/a.md:1:13: error: no font has these characters: U+D55C '한' at 1:13, U+AE00 '글' at 1:14 (fonts tried: "
     "myeongjo; add a family that has them to `fallback` in [text])"},
    {"characters no font has",
     [](const std::string& f) { return file(f, "a.md", "웃음 \U0010FFFD\n\n둘째 문단 \U00013000 끝\n"); }, 1,
     "{f}/a.md:1:4: error: no font has these characters: U+10FFFD '\U0010FFFD' at 1:4, U+13000 '\U00013000' at 3:7 "},
    // The place of a character no font has, wherever its text comes from.
    {"a character no font has, on a paragraph's second line",
     [](const std::string& f) { return file(f, "a.md", "첫 줄 글\n둘째 줄 \U0010FFFD 끝\n"); }, 1,
     "{f}/a.md:2:6: error: no font has this character: U+10FFFD '\U0010FFFD' at 2:6 "},
    {"a character no font has, after a character reference and an escape",
     [](const std::string& f) { return file(f, "a.md", "앞 &amp; 뒤 \\* 별 \U0010FFFD\n"); }, 1,
     "{f}/a.md:1:16: error: no font has this character: U+10FFFD '\U0010FFFD' at 1:16 "},
    {"a character no font has, in a pull quote",
     [](const std::string& f) { return file(f, "a.md", "> [!pullquote]\n> 인용 \U0010FFFD\n"); }, 1,
     "{f}/a.md:2:6: error: no font has this character: U+10FFFD '\U0010FFFD' at 2:6 "},
    {"a character no font has, in the heading that is the title",
     [](const std::string& f) { return file(f, "a.md", "# 제목 \U0010FFFD\n\n" + body); }, 1,
     "{f}/a.md:1:6: error: no font has this character: U+10FFFD '\U0010FFFD' at 1:6 "},
    {"a character no font has, in a title of several pieces",
     [](const std::string& f) { return file(f, "a.md", "# 제목  &amp; \U0010FFFD\n\n" + body); }, 1,
     "{f}/a.md:1:13: error: no font has this character: U+10FFFD '\U0010FFFD' at 1:13 "},
    {"a character no font has, on a plain text title's second line",
     [](const std::string& f) { return file(f, "a.txt", "제목 첫줄\n둘째 줄 \U0010FFFD\n\n본문이다.\n"); }, 1,
     "{f}/a.txt:2:6: error: no font has this character: U+10FFFD '\U0010FFFD' at 2:6 "},
    {"a character no font has, in the front matter's title",
     [](const std::string& f) { return file(f, "a.md", "+++\ntitle = \"제목 \U0010FFFD\"\n+++\n" + body); }, 1,
     "{f}/a.md:2:13: error: no font has this character: U+10FFFD '\U0010FFFD' at 2:13 "},
    {"a character no font has, in the second of the authors",
     [](const std::string& f) { return file(f, "a.md", "+++\nauthor = [\"가\", \"나 \U0010FFFD\"]\n+++\n" + body); }, 1,
     "{f}/a.md:2:19: error: no font has this character: U+10FFFD '\U0010FFFD' at 2:19"},
    {"a character no font has, in a multi-line copyright",
     [](const std::string& f) {
       return file(f, "a.md", "+++\ncopyright = \"\"\"\n© 출판 \U0010FFFD\"\"\"\n+++\n" + body);
     },
     1, "{f}/a.md:3:6: error: no font has this character: U+10FFFD '\U0010FFFD' at 3:6 "},
    {"a character no font has, on an indented line of plain text",
     [](const std::string& f) { return file(f, "a.txt", "제목\n\n첫 줄\n  들여 쓴 \U0010FFFD 줄\n"); }, 1,
     "{f}/a.txt:4:8: error: no font has this character: U+10FFFD '\U0010FFFD' at 4:8 "},
    {"a character no font has, in a manifest's title",
     [](const std::string& f) {
       test::write_file(f + "/a.md", body);
       return file(f, "book.toml", "title = \"책 \U0010FFFD\"\ndocuments = [\"a.md\"]\n");
     },
     1, "{f}/book.toml:1:12: error: no font has this character: U+10FFFD '\U0010FFFD' at 1:12 "},
    {"a character no font has, in a manifest's editor",
     [](const std::string& f) {
       test::write_file(f + "/a.md", body);
       return file(f, "book.toml", "title = \"책\"\neditor = \"엮은 \U0010FFFD\"\ndocuments = [\"a.md\"]\n");
     },
     1, "{f}/book.toml:2:14: error: no font has this character: U+10FFFD '\U0010FFFD' at 2:14 "},
    {"a character no font has, in the layout's contents title",
     [](const std::string& f) {
       test::write_file(f + "/a.md", "# 제목\n\n" + body);
       return layout(f, base + "[contents]\ntitle = \"차례 \U0010FFFD\"\n") + " " +
              file(f, "book.toml", "title = \"책\"\ndocuments = [\"a.md\"]\n");
     },
     1, "{f}/layout.toml:3:13: error: no font has this character: U+10FFFD '\U0010FFFD' at 3:13 (fonts tried: gothic"},
    {"a character no font has, in the layout's contents leader",
     [](const std::string& f) {
       test::write_file(f + "/a.md", "# 제목\n\n" + body);
       return layout(f, base + "[contents]\nleader = \" \U0010FFFD\"\n") + " " +
              file(f, "book.toml", "title = \"책\"\ndocuments = [\"a.md\"]\n");
     },
     1, "{f}/layout.toml:3:12: error: no font has this character: U+10FFFD '\U0010FFFD' at 3:12 "},
    {"a character no font has, in the layout's section break",
     [](const std::string& f) {
       return layout(f, base + "[text]\nsection-break = \"* \U0010FFFD *\"\n") + " " +
              file(f, "a.md", body + "\n***\n\n" + body);
     },
     1, "{f}/layout.toml:3:20: error: no font has this character: U+10FFFD '\U0010FFFD' at 3:20 "},
    {"a character no font has, in the text of a running head's template",
     [](const std::string& f) {
       return layout(f, base + "[header]\nrecto = { center = \"{section} · 장 \U0010FFFD\" }\n") + " " +
              file(f, "a.md", body);
     },
     1, "{f}/layout.toml:3:35: error: no font has this character: U+10FFFD '\U0010FFFD' at 3:35 (fonts tried: gothic"},
    {"a character no font has, in a running head of the layout extended",
     [](const std::string& f) {
       test::write_file(f + "/parent.toml", base + "[footer]\nverso = { inner = \"쪽 \U0010FFFD {page}\" }\n");
       return layout(f, "extends = \"parent.toml\"\n") + " " + file(f, "a.md", body);
     },
     1, "{f}/parent.toml:3:22: error: no font has this character: U+10FFFD '\U0010FFFD' at 3:22 "},
    {"a manifest naming a missing document",
     [](const std::string& f) { return file(f, "book.toml", "title = \"책\"\ndocuments = [\"gone.md\"]\n"); }, 1,
     "{f}/book.toml:2:14: error: cannot read input: No such file or directory ('{f}/gone.md')"},
    {"a manifest naming a manifest",
     [](const std::string& f) { return file(f, "book.toml", "title = \"책\"\ndocuments = [\"book.toml\"]\n"); }, 1,
     "{f}/book.toml:2:14: error: a manifest cannot list another manifest"},
    {"an output folder that does not exist",
     [](const std::string& f) { return file(f, "a.md", body) + " -o " + shell_quoted(f + "/none/out.pdf"); }, 1,
     "{f}/none/out.pdf: error: cannot write output: folder '{f}/none' does not exist"},
    {"an output that is a folder",
     [](const std::string& f) {
       fs::create_directories(f + "/out.pdf");
       return file(f, "a.md", body) + " -o " + shell_quoted(f + "/out.pdf");
     },
     1, "{f}/out.pdf: error: cannot write output: is a directory"},
    {"an output that cannot be written",
     [](const std::string& f) { return file(f, "a.md", body) + " -o /proc/version/out.pdf"; }, 1,
     "/proc/version/out.pdf: error: cannot write output: folder '/proc/version' does not exist"},
    {"a full disk", [](const std::string& f) { return file(f, "a.md", body) + " -o /dev/full"; }, 1,
     "/dev/full: error: cannot write output: No space left on device"},
    {"an output that is not a PDF",
     [](const std::string& f) { return file(f, "a.md", body) + " -o " + shell_quoted(f + "/a.md"); }, 2,
     "jakpum: error: output `{f}/a.md` must end in .pdf"},
    {"an unknown option", [](const std::string& f) { return "--lay-out x " + file(f, "a.md", body); }, 2,
     "jakpum: error: unknown option --lay-out"},
    {"no input at all", [](const std::string&) { return std::string(); }, 2, "jakpum: error: no input files"},
};

std::string with_folder(std::string s, const std::string& folder) {
  for (std::size_t at; (at = s.find("{f}")) != std::string::npos;) s.replace(at, 3, folder);
  return s;
}

// Files a run left in `folder` that a failed run must not leave: any PDF, any
// temporary file.
std::vector<std::string> leftovers(const std::string& folder) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    std::string name = e.path().filename().string();
    if (e.is_regular_file() && (name.ends_with(".pdf") || name.find(".partial-") != std::string::npos))
      out.push_back(name);
  }
  return out;
}

}  // namespace

TEST_CASE("bad input: exit code, one line naming the place, and no output") {
  CHECK(std::size(cases) >= 30);
  for (const BadInput& c : cases) {
    SUBCASE(c.name) {
      std::string folder = test::scratch_folder("bad-" + std::to_string(&c - cases));
      std::string args = c.setup(folder);
      if (args.find(" -o ") == std::string::npos && c.status == 1) args += " -o " + shell_quoted(folder + "/out.pdf");
      auto r = test::run(shell_quoted(JAKPUM_BINARY) + " " + args);
      const std::string expected = with_folder(c.message, folder);
      CHECK_MESSAGE(r.status == c.status, r.err);
      CHECK_MESSAGE(r.err.find(expected) != std::string::npos, "expected: " << expected << "\nfound: " << r.err);
      // One line, and for usage errors a second pointing to --help.
      const auto lines = std::count(r.err.begin(), r.err.end(), '\n');
      CHECK_MESSAGE(lines == (c.status == 2 ? 2 : 1), r.err);
      CHECK_MESSAGE(leftovers(folder).empty(), "left behind: " << leftovers(folder).front());
    }
  }
}

TEST_CASE("strange but valid input typesets with nothing lost") {
  std::string folder = test::scratch_folder("strange");
  auto typeset = [&](const std::string& name, const std::string& text) {
    std::string in = test::write_file(folder + "/" + name, text);
    std::string out = folder + "/" + name + ".pdf";
    auto r = test::run(shell_quoted(JAKPUM_BINARY) + " -q -o " + shell_quoted(out) + " " + shell_quoted(in));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    return test::run("pdftotext " + shell_quoted(out) + " -").out;
  };

  SUBCASE("rules around text, or around a line with a colon that is no YAML key, are Markdown") {
    std::string text = test::without_space(typeset("rules.md", "---\n\n위의 줄.\n\n---\n\n끝.\n"));
    CHECK(text.find("***위의줄.***끝.") != std::string::npos);  // each rule a break between sections
    text = test::without_space(typeset("colon.md", "---\n시간: 오후 세 시\n---\n\n본문.\n"));
    CHECK(text.find("시간:오후세시본문.") != std::string::npos);
  }
  SUBCASE("a UTF-8 byte order mark is skipped") {
    std::string text = typeset("bom.md", "\xEF\xBB\xBF# 제목\n\n본문.\n");
    CHECK(text.find("\xEF\xBB\xBF") == std::string::npos);
    CHECK(test::without_space(text).find("제목본문.") != std::string::npos);
  }
  SUBCASE("a 1 MB paragraph without a space") {
    std::string word;
    for (int i = 0; i < 350000; ++i) word += i % 997 == 0 ? "끝" : "가";
    std::string text = typeset("long.md", word + "\n");
    std::string got = test::without_space(text);
    // Page numbers come between the pages' text: take them out.
    std::string letters;
    for (std::size_t i = 0; i < got.size(); ++i)
      if (static_cast<unsigned char>(got[i]) >= 0x80) letters += got[i];
    CHECK(letters == word);
  }
  SUBCASE("ten thousand headings") {
    std::string md;
    for (int i = 1; i <= 10000; ++i) md += "## 절 " + std::to_string(i) + "\n\n문단 " + std::to_string(i) + ".\n\n";
    std::string text = test::without_space(typeset("headings.md", md));
    for (int i : {1, 2, 5000, 9999, 10000}) {
      CHECK(text.find("절" + std::to_string(i) + "문단" + std::to_string(i) + ".") != std::string::npos);
    }
  }
  SUBCASE("block quotes and lists nested a thousand deep") {
    std::string md = std::string(2000, '>') + " 깊은 인용의 끝.\n\n";
    for (int i = 0; i < 60; ++i) md += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- 항목 " + std::to_string(i) + "\n";
    std::string text = test::without_space(typeset("deep.md", md));
    CHECK(text.find("깊은인용의끝.") != std::string::npos);
    for (int i : {0, 1, 2, 30, 59}) CHECK(text.find("항목" + std::to_string(i)) != std::string::npos);
    // However deep, the text stays on the page and readable: no line of one letter.
    auto dump = test::run(shell_quoted(JAKPUM_BINARY) + " --dump pages " + shell_quoted(folder + "/deep.md")).out;
    CHECK(dump.find("\"깊은 인용의 끝.\"") != std::string::npos);
  }
}

TEST_CASE("an interrupted run leaves no output and no temporary file") {
  // A long document, stopped at several moments: while reading, setting,
  // and writing.
  std::string folder = test::scratch_folder("interrupted");
  std::string essays = test::read_text(test::source_path("samples/work-as-art.md"));
  essays = essays.substr(essays.find("\n+++\n") + 5);
  std::string md = "+++\ntitle = \"긴 글\"\n+++\n";
  for (int i = 0; i < 150; ++i) md += essays;
  std::string in = test::write_file(folder + "/long.md", md);
  const std::string out = folder + "/long.pdf";
  int stopped = 0;
  for (int signal : {SIGINT, SIGTERM})
    for (int ms : {20, 150, 300, 500, 700}) {
      pid_t pid = ::fork();
      if (pid == 0) {
        ::execl(JAKPUM_BINARY, JAKPUM_BINARY, "-q", "-o", out.c_str(), in.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      ::kill(pid, signal);
      int status = 0;
      ::waitpid(pid, &status, 0);
      if (WIFSIGNALED(status)) {
        ++stopped;
        CHECK(WTERMSIG(status) == signal);
      }
      // Either no PDF, or (stopped after the rename, while ending) a whole one.
      if (fs::exists(out)) CHECK(test::run("qpdf --check " + shell_quoted(out)).status == 0);
      CHECK(leftovers(folder) == (fs::exists(out) ? std::vector<std::string>{"long.pdf"} : std::vector<std::string>{}));
      fs::remove(out);
    }
  CHECK(stopped > 0);  // the document is long enough to be stopped at all
}

TEST_CASE("a 2,000-page document typesets in under 300 MiB") {
  std::string folder = test::scratch_folder("two-thousand");
  std::string essays;
  for (const char* name : {"samples/work-as-art.md", "samples/shared-experience.md"}) {
    std::string text = test::read_text(test::source_path(name));
    essays += text.substr(text.find("\n+++\n") + 5) + "\n\n";
  }
  std::string md = "+++\ntitle = \"이천 쪽\"\n+++\n";
  for (int i = 0; i < 335; ++i) md += essays;
  std::string in = test::write_file(folder + "/book.md", md);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::execl(JAKPUM_BINARY, JAKPUM_BINARY, "-q", "-o", (folder + "/book.pdf").c_str(), in.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  auto info = test::run("pdfinfo " + shell_quoted(folder + "/book.pdf")).out;
  auto at = info.find("Pages:");
  REQUIRE(at != std::string::npos);
  const int pages = std::stoi(info.substr(at + 6));
  const double mib = static_cast<double>(usage.ru_maxrss) / 1024;
  MESSAGE(pages << " pages, peak resident memory " << mib << " MiB");
  CHECK(pages >= 2000);
#ifndef JAKPUM_SANITIZE
  CHECK(mib < 300);  // sanitizers keep freed memory in quarantine: the limit is for a normal build
#endif
}
