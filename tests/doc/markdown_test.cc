#include "doc/markdown.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "core/utf8.h"
#include "doc/front_matter.h"
#include "doc/plain_text.h"

using namespace jakpum;
using namespace jakpum::doc;

namespace {

Document read(const std::string& text, Diagnostics* diags_out = nullptr) {
  Diagnostics diags;
  auto doc = read_markdown(text, "t.md", diags);
  REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : format(doc.error())));
  if (diags_out) *diags_out = diags;
  return std::move(*doc);
}

Diagnostic read_error(const std::string& text) {
  Diagnostics diags;
  auto doc = read_markdown(text, "t.md", diags);
  REQUIRE_FALSE(doc.ok());
  return doc.error();
}

// "kind/level: text" for each block, to compare whole documents at a glance.
std::vector<std::string> outline(const Document& d) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks)
    out.push_back(std::string(to_string(b.kind)) + "/" + std::to_string(b.level) +
                  (b.marker.empty() ? "" : " " + b.marker) + ": " + b.text());
  return out;
}

// Each span of a block: its text and its flags.
std::vector<std::pair<std::string, int>> styled(const Block& b) {
  std::vector<std::pair<std::string, int>> out;
  for (const auto& s : b.spans) out.emplace_back(s.text, s.flags);
  return out;
}

}  // namespace

TEST_CASE("front matter between +++ lines gives the document's facts") {
  Document d = read(
      "+++\ntitle = \"work as art\"\nsubtitle = \"부제\"\nauthor = [\"가\", \"나\"]\ndate = 2024-05-01\n"
      "copyright = \"© 저자\"\n+++\n\n본문.\n");
  CHECK(d.meta.title == "work as art");
  CHECK(d.meta.subtitle == "부제");
  CHECK(d.meta.authors == std::vector<std::string>{"가", "나"});
  CHECK(d.meta.date == "2024-05-01");
  CHECK(d.meta.copyright == "© 저자");
  CHECK(d.meta.lang == "ko");
  CHECK(outline(d) == std::vector<std::string>{"paragraph/0: 본문."});
  CHECK(d.blocks[0].pos == Position{9, 1});  // positions are the file's own
}

TEST_CASE("front matter errors name file, line, column and the key") {
  Diagnostic unknown = read_error("+++\ntitle = \"x\"\ntitel = \"y\"\n+++\n");
  CHECK(format(unknown) == "t.md:3:1: error: unknown key `titel` in front matter (did you mean `title`?)");
  Diagnostic type = read_error("+++\ntitle = 3\n+++\n");
  CHECK(format(type) == "t.md:2:9: error: `title` must be a string, found an integer");
  Diagnostic open = read_error("+++\ntitle = \"x\"\n\n본문\n");
  CHECK(format(open) == "t.md:1:1: error: front matter is not closed (end it with a line `+++`)");
  Diagnostic syntax = read_error("+++\ntitle = \"x\n+++\n");
  CHECK(syntax.pos.line == 2);
  CHECK(syntax.message.starts_with("invalid TOML"));
}

TEST_CASE("front matter in YAML, as Obsidian, Pandoc and Jekyll write it, gives the same facts") {
  Diagnostics diags;
  Document d = read(
      "---\ntitle: work as art\nsubtitle: \"부제: 따옴표 안\"\nauthor:\n  - 가\n  - '나'\ndate: 2024-05-01\n"
      "lang: ko-KR\ncopyright: © 저자\ntags: [에세이, 초안]\naliases:\ncssclasses: wide\nstatus: 초안\n"
      "titel: 오타\n...\n\n본문.\n",
      &diags);
  CHECK(d.meta.title == "work as art");
  CHECK(d.meta.subtitle == "부제: 따옴표 안");
  CHECK(d.meta.authors == std::vector<std::string>{"가", "나"});
  CHECK(d.meta.date == "2024-05-01");
  CHECK(d.meta.lang == "ko-KR");
  CHECK(d.meta.copyright == "© 저자");
  CHECK(outline(d) == std::vector<std::string>{"paragraph/0: 본문."});
  CHECK(d.blocks[0].pos == Position{17, 1});
  // Each text placed where it starts: after a quote, in a list.
  CHECK(d.meta.at.title == Position{2, 8});
  CHECK(d.meta.at.subtitle == Position{3, 12});
  CHECK(d.meta.at.authors == std::vector<Position>{{5, 5}, {6, 6}});
  // Other tools' own keys are left out without a word; any other with one.
  REQUIRE(diags.items().size() == 2);
  CHECK(format(diags.items()[0]) == "t.md:13:1: warning: front matter key `status` is not one jakpum reads: left out");
  CHECK(format(diags.items()[1]) ==
        "t.md:14:1: warning: front matter key `titel` is not one jakpum reads: left out (did you mean `title`?)");

  // Authors as Quarto writes them, with their affiliations.
  Document quarto = read("---\nauthor:\n  - name: 김 작가\n    affiliation: 대학\n  - 이 편집\n---\n본문\n");
  CHECK(quarto.meta.authors == std::vector<std::string>{"김 작가", "이 편집"});
  CHECK(quarto.meta.at.authors == std::vector<Position>{{3, 11}, {5, 5}});

  // `authors`, a single name, a value left empty, and a Korean key.
  Document other = read("---\nauthors: 한 사람\ntitle:\n부제: 둘\n---\n본문\n", &diags);
  CHECK(other.meta.authors == std::vector<std::string>{"한 사람"});
  CHECK(other.meta.title.empty());
  CHECK(outline(other) == std::vector<std::string>{"paragraph/0: 본문"});
  CHECK(format(diags.items().back()) == "t.md:4:1: warning: front matter key `부제` is not one jakpum reads: left out");
}

TEST_CASE("a --- block that is no YAML mapping is Markdown's rule, and YAML's errors are named") {
  // A rule, then a paragraph; a list between rules; a setext heading.
  CHECK(outline(read("---\n\n본문: 첫 줄\n---\n")) ==
        std::vector<std::string>{"section-break/0: ", "heading/2: 본문: 첫 줄"});
  CHECK(outline(read("---\n- 하나\n---\n본문\n")) ==
        std::vector<std::string>{"section-break/0: ", "list-item/1 •: 하나", "section-break/0: ", "paragraph/0: 본문"});
  CHECK(outline(read("---\n시간: 오후 세 시\n---\n")) ==
        std::vector<std::string>{"section-break/0: ", "heading/2: 시간: 오후 세 시"});
  CHECK(outline(read("---\n본문 한 줄\n---\n")) ==
        std::vector<std::string>{"section-break/0: ", "heading/2: 본문 한 줄"});

  CHECK(format(read_error("---\ntitle: [가, 나]\n---\n본문\n")) ==
        "t.md:2:8: error: `title` must be a string, found a list");
  CHECK(format(read_error("---\nauthor:\n  - 가\n  - {이름: 나}\n---\n")) ==
        "t.md:4:5: error: `author` must be a string or a list of strings (or of `name:`s), found a mapping in the "
        "list");
  CHECK(format(read_error("---\ntitle: 하나\ntitle: 둘\n---\n")) ==
        "t.md:3:1: error: `title` is given twice in front matter");
  CHECK(format(read_error("---\ntitle: \"열린 따옴표\n---\n본문\n")) ==
        "t.md:2:8: error: invalid YAML: found unexpected end of stream while scanning a quoted scalar");
}

TEST_CASE("a byte order mark before the front matter is accepted") {
  Document d = read("\xEF\xBB\xBF+++\ntitle = \"제목\"\n+++\n본문\n");
  CHECK(d.meta.title == "제목");
}

TEST_CASE("headings, paragraphs and emphasis") {
  Document d = read("머리말\n\n# 하나\n\n## 둘\n\n### 셋\n\n보통 *강조* 와 **굵게** 그리고 ***둘 다***.\n");
  CHECK(outline(d) == std::vector<std::string>{"paragraph/0: 머리말", "heading/1: 하나", "heading/2: 둘", "heading/3: 셋",
                                               "paragraph/0: 보통 강조 와 굵게 그리고 둘 다."});
  const auto& spans = d.blocks[4].spans;
  REQUIRE(spans.size() == 7);
  CHECK(spans[1].text == "강조");
  CHECK(spans[1].flags == emphasis);
  CHECK(spans[3].flags == strong);
  CHECK(spans[5].flags == (emphasis | strong));
  CHECK(spans[1].pos == Position{9, 5});
}

TEST_CASE("emphasis closes before a Korean particle, and opens after a word, punctuation inside it") {
  // CommonMark sets these with their stars as written (punctuation inside the
  // stars, a letter outside); Korean writes a particle right after them.
  const std::string source =
      "이것은 **\"작품\"**이다. 그는 *『자본』*을, **마크다운(Markdown)**을 썼다. 그의**『자본』**이다. "
      "~~\"지운\"~~다. **10%**가 늘고 **C++**를 쓰며 온도는**−5℃**다. AI**“작품”**과 2024**(올해)**다.\n";
  const LineIndex lines(source);
  Document d = read(source);
  REQUIRE(d.blocks.size() == 1);
  std::vector<std::string> marked;
  std::size_t cursor = 0;
  for (const Span& span : d.blocks[0].spans) {
    if (span.flags != plain) marked.push_back(std::to_string(span.flags) + ":" + span.text);
    // Each span lands where its text is written, its letters as written.
    cursor = source.find(span.text, cursor);
    REQUIRE(cursor != std::string::npos);
    CHECK(span.pos == lines.position(cursor));
  }
  CHECK(marked == std::vector<std::string>{std::to_string(strong) + ":\"작품\"", std::to_string(emphasis) + ":『자본』",
                                           std::to_string(strong) + ":마크다운(Markdown)",
                                           std::to_string(strong) + ":『자본』", std::to_string(strike) + ":\"지운\"",
                                           std::to_string(strong) + ":10%", std::to_string(strong) + ":C++",
                                           std::to_string(strong) + ":−5℃", std::to_string(strong) + ":“작품”",
                                           std::to_string(strong) + ":(올해)"});
  CHECK(d.blocks[0].text() ==
        "이것은 \"작품\"이다. 그는 『자본』을, 마크다운(Markdown)을 썼다. 그의『자본』이다. \"지운\"다. 10%가 늘고 "
        "C++를 쓰며 온도는−5℃다. AI“작품”과 2024(올해)다.");

  // Elsewhere the text stays as written: in code, a code block, a link's
  // address; and Latin keeps CommonMark's reading.
  d = read(
      "`**\"코드\"**이` [**\"링크\"**는](https://a.kr/**\"x\"**이) **\"a\"**b\n\n```\n**\"블록\"**이\n```\n\n"
      "노트[^1]\n\n[^1]: **\"주\"**다.\n");
  REQUIRE(d.blocks.size() == 4);
  CHECK(d.blocks[0].spans[0].text == "**\"코드\"**이");
  CHECK(d.blocks[0].spans[0].flags == code);
  CHECK(d.blocks[0].spans[2].text == "\"링크\"");
  CHECK(d.blocks[0].spans[2].flags == strong);
  CHECK(d.blocks[0].spans[2].link == "https://a.kr/**%22x%22**%EC%9D%B4");
  CHECK(d.blocks[0].text().ends_with(" **\"a\"**b"));
  CHECK(read("foo**(bar)** baz\n").blocks[0].text() == "foo**(bar)** baz");
  CHECK(d.blocks[1].text() == "**\"블록\"**이");
  CHECK(d.blocks[3].kind == BlockKind::note);
  CHECK(d.blocks[3].text().ends_with("\"주\"다."));
  CHECK(std::any_of(d.blocks[3].spans.begin(), d.blocks[3].spans.end(),
                    [](const Span& s) { return s.flags == strong && s.text == "\"주\""; }));
}

TEST_CASE("a lone first # heading is the title when front matter has none") {
  Document d = read("# 제목\n\n본문\n\n## 절\n");
  CHECK(d.meta.title == "제목");
  CHECK(outline(d) == std::vector<std::string>{"paragraph/0: 본문", "heading/2: 절"});
  Document two = read("# 하나\n\n# 둘\n");
  CHECK(two.meta.title.empty());
  CHECK(two.blocks.size() == 2);
}

TEST_CASE("lists carry their markers and depth") {
  Document d = read("- 사과\n- 배\n  1. 하나\n  2. 둘\n\n3) 셋\n");
  CHECK(outline(d) == std::vector<std::string>{"list-item/1 \u2022: 사과", "list-item/1 \u2022: 배",
                                               "list-item/2 1.: 하나", "list-item/2 2.: 둘",
                                               "list-item/1 3): 셋"});
  // Tasks, as on GitHub: a box for the bullet, open or filled; the box's
  // brackets are not text.
  Document tasks = read("- [ ] 할 일\n- [x] 한 일\n- 보통\n  - [X] 안쪽\n");
  CHECK(outline(tasks) == std::vector<std::string>{"list-item/1 \u25A1: 할 일", "list-item/1 \u25A0: 한 일",
                                                   "list-item/1 \u2022: 보통", "list-item/2 \u25A0: 안쪽"});
  // A numbered task keeps its number, and its box opens its text, so the
  // numbers of a list line up whether its items are tasks or not.
  Document numbered = read("1. [ ] 할 일\n2. [x] 한 일\n3. 보통\n");
  CHECK(outline(numbered) == std::vector<std::string>{"list-item/1 1.: \u25A1 할 일", "list-item/1 2.: \u25A0 한 일",
                                                      "list-item/1 3.: 보통"});
}

TEST_CASE("block quotes, and pull quotes marked [!pullquote]") {
  Document d = read("> 인용문\n> 이어서\n\n> [!pullquote]\n> 크게 뽑은 문장.\n\n> > 겹 인용\n");
  CHECK(outline(d) == std::vector<std::string>{"blockquote/1: 인용문 이어서", "pullquote/0: 크게 뽑은 문장.",
                                               "blockquote/2: 겹 인용"});
  Document same_line = read("> [!PULLQUOTE] 한 줄에.\n");
  CHECK(outline(same_line) == std::vector<std::string>{"pullquote/0: 한 줄에."});
  // A pull quote's later paragraphs go on in it; one right after it is another.
  Document two = read("> [!pullquote]\n>\n> 첫째.\n>\n> 이어서.\n\n> [!pullquote]\n> 둘째.\n");
  REQUIRE(two.blocks.size() == 3);
  CHECK_FALSE(two.blocks[0].continues);
  CHECK(two.blocks[1].continues);
  CHECK_FALSE(two.blocks[2].continues);
}

TEST_CASE("GitHub's alerts are quotes that open with their kind's name, in bold, on a line of its own") {
  Document d = read("> [!NOTE]\n> 알아 둘 것.\n\n> [!warning]\n>\n> 빈 줄 뒤.\n\n> [!notes] 아님.\n");
  CHECK(outline(d) == std::vector<std::string>{"blockquote/1: 참고\n알아 둘 것.", "blockquote/1: 경고",
                                               "blockquote/1: 빈 줄 뒤.", "blockquote/1: [!notes] 아님."});
  REQUIRE(d.blocks[0].spans.size() == 3);
  CHECK(d.blocks[0].spans[0].flags == strong);
  CHECK(d.blocks[0].spans[0].pos == Position{1, 3});  // where the marker was
  CHECK(d.blocks[0].spans[2].pos == Position{2, 3});  // the text, where it is
  // In a document in another language, the kinds' English names.
  Document english = read("+++\nlang = \"en\"\n+++\n> [!TIP]\n> Read this.\n");
  CHECK(outline(english) == std::vector<std::string>{"blockquote/1: Tip\nRead this."});
}

TEST_CASE("Obsidian's callouts: their kinds, a title on the marker's line in place of the name, folds shown whole") {
  Document d = read(
      "> [!warning] 경고 **제목**\n> 조심할 것.\n\n"
      "> [!FAQ]- 접힌 질문인가?\n> 펼쳐 보인다.\n\n"
      "> [!tip] 제목만\n\n"
      "> [!example]+\n> 예시 본문.\n\n"
      "> [!question] 바깥\n> > [!note] 안쪽\n> > 안쪽 본문\n\n"
      "> [!note]s 아님.\n\n> [!custom] 아님.\n");
  CHECK(outline(d) == std::vector<std::string>{"blockquote/1: 경고 제목\n조심할 것.",
                                               "blockquote/1: 접힌 질문인가?\n펼쳐 보인다.", "blockquote/1: 제목만",
                                               "blockquote/1: 예시\n예시 본문.", "blockquote/1: 바깥",
                                               "blockquote/2: 안쪽\n안쪽 본문", "blockquote/1: [!note]s 아님.",
                                               "blockquote/1: [!custom] 아님."});
  // The title is bold, its own emphasis kept, each piece where it was
  // written; the text goes on from its own line.
  const auto& spans = d.blocks[0].spans;
  REQUIRE(spans.size() == 4);
  CHECK(spans[0].text == "경고 ");
  CHECK(spans[0].flags == strong);
  CHECK(spans[0].pos == Position{1, 14});
  CHECK(spans[1].text == "제목");
  CHECK(spans[1].flags == strong);
  CHECK(spans[2].text == "\n");
  CHECK(spans[3].pos == Position{2, 3});
  Document english = read("+++\nlang = \"en\"\n+++\n> [!tldr]\n> Short.\n");
  CHECK(outline(english) == std::vector<std::string>{"blockquote/1: TL;DR\nShort."});
}

TEST_CASE("GitHub's footnotes: a reference is the note's number, and the notes go to the end, numbered in order") {
  Diagnostics diags;
  Document d = read(
      "첫 문장.[^b] 둘째 *문장*[^a].\n\n"
      "[^a]: 가 각주,\n이어지는 줄.\n\n    가 각주의 둘째 문단[^b].\n"
      "[^b]: 나 각주.\n\n"
      "## 절[^a]\n\n"
      "```\n[^a]: 코드는 그대로.\n```\n\n"
      "`[^a]` 코드 안, [^없음] 없는 것.\n\n"
      "[^c]: 쓰이지 않은 각주.\n[^a]: 다시 쓴 각주.\n[^d]:\n",
      &diags);
  CHECK(outline(d) == std::vector<std::string>{"paragraph/0: 첫 문장. 둘째 문장.", "heading/2: 절",
                                               "code/0: [^a]: 코드는 그대로.",
                                               "paragraph/0: [^a] 코드 안, [^없음] 없는 것.", "note/0 1.: 나 각주.",
                                               "note/0 2.: 가 각주, 이어지는 줄.", "note/0: 가 각주의 둘째 문단.",
                                               "note/0 3.: 쓰이지 않은 각주.", "note/0 4.: 다시 쓴 각주."});
  // The references: the number, flagged, in the style of the text around it, where the source writes it.
  const auto& first = d.blocks[0].spans;
  REQUIRE(first.size() == 6);
  CHECK(first[1].text == "1");
  CHECK(first[1].flags == note);
  CHECK(first[1].pos == Position{1, 6});
  CHECK(first[2].text == " 둘째 ");
  CHECK(first[2].pos == Position{1, 10});
  CHECK(first[4].text == "2");
  CHECK(first[4].flags == note);
  CHECK(d.blocks[1].spans.back().text == "2");  // in a heading, too
  CHECK(d.blocks[6].spans.at(1).text == "1");   // and in a note
  CHECK(first[1].link == "#^1");                // it leads to its note
  // So does one in a link's text, which keeps its address either side.
  Document linked = read("[가는 곳[^a] 끝](https://example.org)\n\n[^a]: 각주.\n");
  REQUIRE(linked.blocks.front().spans.size() == 3);
  CHECK(linked.blocks.front().spans[0].link == "https://example.org");
  CHECK(linked.blocks.front().spans[1].link == "#^1");
  CHECK(linked.blocks.front().spans[2].link == "https://example.org");
  // Numbers written together are set apart, as print does: "1,2", not "12".
  Document together = read("문장[^a][^b]과 [^b] 따로.\n\n[^a]: 가.\n[^b]: 나.\n");
  const auto& refs = together.blocks.front().spans;
  REQUIRE(refs.size() == 6);
  CHECK(refs[1].text == "1");
  CHECK(refs[2].text == ",2");
  CHECK(refs[2].flags == note);
  CHECK(refs[2].link == "#^2");
  CHECK(refs[4].text == "2");  // after a space, no comma
  // A note's text is placed where the source writes it.
  CHECK(d.blocks[5].spans.front().pos == Position{3, 7});
  CHECK(d.blocks[6].spans.front().pos == Position{6, 5});
  std::vector<std::string> warnings;
  for (const auto& w : diags.items())
    warnings.push_back(std::to_string(w.pos.line) + ":" + std::to_string(w.pos.column) + " " + w.message);
  CHECK(warnings ==
        std::vector<std::string>{
            "18:1 note `[^a]` is defined again (first at 3:1); references lead to the first, and this one is set last",
            "19:1 note `[^d]` has no text: it is left out", "15:14 `[^없음]` refers to no note; it is set as written",
            "17:1 note `[^c]` is never referred to; it is set after the others, numbered 3"});
}

TEST_CASE("inline notes, Pandoc's and Obsidian's ^[text], are notes numbered with the others, placed where written") {
  Diagnostics diags;
  Document d = read(
      "문장.^[인라인 *강조* 각주] 다음[^a]. 또^[두 줄에\n걸친 [링크](https://a.kr) 각주] 끝.\n\n"
      "> 인용^[인용 속\n> 각주] 이다.\n\n"
      "코드 `^[아님]`, 빈 ^[], \\^[아님], 닫히지 않은 ^[열린\n\n"
      "```\n^[코드 블록]\n```\n\n[^a]: 보통 각주 ^[각주 속 각주].\n",
      &diags);
  CHECK(outline(d) == std::vector<std::string>{"paragraph/0: 문장. 다음. 또 끝.", "blockquote/1: 인용 이다.",
                                               "paragraph/0: 코드 ^[아님], 빈 ^[], ^[아님], 닫히지 않은 ^[열린",
                                               "code/0: ^[코드 블록]", "note/0 1.: 인라인 강조 각주",
                                               "note/0 2.: 보통 각주 .", "note/0 3.: 두 줄에 걸친 링크 각주",
                                               "note/0 4.: 인용 속 각주", "note/0 5.: 각주 속 각주"});
  CHECK(diags.items().empty());
  // The references: numbered in the order they come, each where its `^` is.
  std::vector<std::pair<std::string, Position>> refs;
  for (const Block& b : d.blocks)
    for (const Span& s : b.spans)
      if (s.flags & note) refs.emplace_back(s.text, s.pos);
  CHECK(refs == std::vector<std::pair<std::string, Position>>{
                    {"1", {1, 4}}, {"2", {1, 21}}, {"3", {1, 28}}, {"4", {4, 5}}, {"5", {13, 13}}});
  // A note's text is placed where it is written, on its later lines too;
  // its emphasis and links are its own.
  const Block& first = d.blocks[4];
  CHECK(first.spans.front().pos == Position{1, 6});
  CHECK(styled(first)[1] == std::pair<std::string, int>{"강조", emphasis});
  const Block& two_lines = d.blocks[6];
  const auto link =
      std::find_if(two_lines.spans.begin(), two_lines.spans.end(), [](const Span& s) { return !s.link.empty(); });
  REQUIRE(link != two_lines.spans.end());
  CHECK(link->text == "링크");
  CHECK(link->pos == Position{2, 5});
  CHECK(d.blocks[7].spans.back().pos.line == 5);
}

TEST_CASE("a note may be defined inside a block quote, as deep as it likes, its lines after the markers") {
  Diagnostics diags;
  Document d = read(
      "> 인용된 문단[^b].\n>\n> [^b]: 인용 안의 각주,\n> 이어지는 줄.\n>\n>     둘째 문단.\n>\n> 인용의 끝.\n\n"
      "> > [^c]: 두 겹[^b].\n> 밖의 줄.\n",
      &diags);
  CHECK(outline(d) == std::vector<std::string>{"blockquote/1: 인용된 문단.", "blockquote/1: 인용의 끝.",
                                               "blockquote/1: 밖의 줄.", "note/0 1.: 인용 안의 각주, 이어지는 줄.",
                                               "note/0: 둘째 문단.", "note/0 2.: 두 겹."});
  REQUIRE(d.blocks.size() == 6);
  CHECK(d.blocks[3].spans.front().pos == Position{3, 9});  // where the note's text is written
  CHECK(d.blocks[4].spans.front().pos == Position{6, 7});
  std::vector<std::string> warnings;
  for (const auto& w : diags.items()) warnings.push_back(format(w));
  CHECK(warnings ==
        std::vector<std::string>{
            "t.md:10:5: warning: note `[^c]` is never referred to; it is set after the others, numbered 2"});
}

TEST_CASE("an indent typed with ideographic spaces is left to the layout, one inside a line stays") {
  Document d =
      read("\u3000\u3000전각으로 들여 쓴 문단.\n\n> \u3000인용도.\n\n가운데\u3000공백.\n\n    \u3000코드는 그대로\n");
  REQUIRE(d.blocks.size() == 4);
  CHECK(d.blocks[0].text() == "전각으로 들여 쓴 문단.");
  CHECK(d.blocks[0].spans.front().pos == Position{1, 3});
  CHECK(d.blocks[1].text() == "인용도.");
  CHECK(d.blocks[2].text() == "가운데\u3000공백.");
  CHECK(d.blocks[3].text() == "\u3000코드는 그대로");
}

TEST_CASE("hard breaks are kept, soft breaks become spaces") {
  Document d = read("첫 줄  \n둘째 줄\n셋째 줄\n");
  CHECK(d.blocks[0].text() == "첫 줄\n둘째 줄 셋째 줄");
}

TEST_CASE("a run of spaces or tabs in prose is one space, as in print, code keeps its own") {
  Document d = read("첫 문장.  둘째\t\t문장, 세   칸. `a  b` **굵게**  끝.\n\n```\nx  =\t1\n```\n");
  REQUIRE(d.blocks.size() == 2);
  CHECK(d.blocks[0].text() == "첫 문장. 둘째 문장, 세 칸. a  b 굵게 끝.");
  CHECK(d.blocks[1].text() == "x  =    1");
}

TEST_CASE("each span is placed where its text starts, past line ends, references and folded spaces") {
  const std::string source = "가 &amp; 나\n다   라 \\* 마\n";
  const LineIndex lines(source);
  Document d = read(source);
  REQUIRE(d.blocks.size() == 1);
  // Each character, counted from its span's place, lands where the source has it.
  for (const char* want : {"나", "다", "라", "마"}) {
    CAPTURE(want);
    const auto span = std::find_if(d.blocks[0].spans.begin(), d.blocks[0].spans.end(),
                                   [&](const Span& s) { return s.text.find(want) != std::string::npos; });
    REQUIRE(span != d.blocks[0].spans.end());
    const std::string_view before = std::string_view(span->text).substr(0, span->text.find(want));
    CHECK(advanced(span->pos, before) == lines.position(source.find(want)));
  }
}

TEST_CASE("<br> in its forms breaks the line, as on the web, and another tag is left out, its text set") {
  Diagnostics diags;
  Document d = read(
      "첫 줄<br>둘째 줄<BR/>셋째 줄<br />넷째 <span class=\"x\">묶음</span> <small>표시</small> <span>그냥</span> "
      "<abbr title=\"국제연합\">UN</abbr> <cite>인간의 조건</cite>\n",
      &diags);
  REQUIRE(d.blocks.size() == 1);
  CHECK(d.blocks[0].text() == "첫 줄\n둘째 줄\n셋째 줄\n넷째 묶음 표시 그냥 UN 인간의 조건");
  // A title of a work, as a browser sets it: in italics, here emphasis.
  CHECK(d.blocks[0].spans.back().text == "인간의 조건");
  CHECK(d.blocks[0].spans.back().flags == emphasis);
  // A tag whose style is not set is named; one a browser sets plain is not.
  std::vector<std::string> messages;
  for (const auto& w : diags.items()) messages.push_back(format(w));
  CHECK(messages == std::vector<std::string>{
                        "t.md:1:30: warning: `<span>` has no style here: its text is set plain, the tag left out",
                        "t.md:1:56: warning: `<small>` has no style here: its text is set plain, the tag left out"});
}

TEST_CASE("a thematic break, <hr>, and a paragraph of an ornament alone are breaks between sections") {
  Diagnostics diags;
  Document d = read(
      "하나.\n\n---\n\n둘.\n\n<hr>\n\n셋.\n\n<HR class=\"x\" />\n<p>넷</p>\n\n> 인용.\n>\n> ***\n\n"
      "\\* \\* \\*\n\n◇\n\n다섯 <hr> 문단.\n\n……\n\n◇ 끝 ◇\n\n`***`\n",
      &diags);
  std::vector<std::string> blocks;
  for (const Block& b : d.blocks) blocks.push_back(std::string(to_string(b.kind)) + ": " + b.text());
  CHECK(blocks == std::vector<std::string>{
                      "paragraph: 하나.",
                      "section-break: ",  // the layout's mark
                      "paragraph: 둘.", "section-break: ", "paragraph: 셋.", "section-break: ",
                      "paragraph: 넷",  // the HTML block's other lines go on, as a browser shows them
                      "blockquote: 인용.", "section-break: ",
                      "section-break: * * *",  // the writer's own mark
                      "section-break: ◇", "paragraph: 다섯",
                      "section-break: ", "paragraph: 문단.",  // inside a line too
                      "paragraph: ……",                        // a silence, not a break
                      "paragraph: ◇ 끝 ◇",                    // words between marks
                      "paragraph: ***",                       // code, as written
                  });
  CHECK(d.blocks[8].quotes == 1);  // the break in the quote is centred on its text
  CHECK(diags.items().empty());
}

TEST_CASE("HTML's inline styles: <sup> and <sub> raise and lower, <b>, <i>, <s>, <code> say what Markdown says") {
  Diagnostics diags;
  Document d = read(
      "10 m<sup>2</sup>, H<SUB>2</SUB>O, <b>굵게</b> <strong>굵게</strong> <i>기울여</i> <em>기울여</em> "
      "<s>지워</s> <del>지워</del> <kbd>Ctrl</kbd> <sup class=\"a/b\">속성</sup> <b/>빈 태그 "
      "<sup>밖 <b>안</b> 밖</sup>.\n\n"
      "<sup>닫지 않은 태그가 문단과 함께 끝난다.\n\n그다음 문단</sub>은 그대로.\n",
      &diags);
  REQUIRE(d.blocks.size() == 3);
  // The tags style their text and leave the text as it is; one that styles nothing is left out.
  CHECK(d.blocks[0].text() == "10 m2, H2O, 굵게 굵게 기울여 기울여 지워 지워 Ctrl 속성 빈 태그 밖 안 밖.");
  auto flags_of = [&](const Block& b, std::string_view text) {
    for (const Span& s : b.spans)
      if (s.text == text) return static_cast<int>(s.flags);
    return -1;
  };
  const Block& b = d.blocks[0];
  CHECK(b.spans[1].text == "2");
  CHECK(b.spans[1].flags == superscript);
  CHECK(b.spans[1].pos == Position{1, 10});
  CHECK(b.spans[3].text == "2");
  CHECK(b.spans[3].flags == subscript);
  CHECK(flags_of(b, "굵게") == strong);
  CHECK(flags_of(b, "기울여") == emphasis);
  CHECK(flags_of(b, "지워") == strike);
  CHECK(flags_of(b, "Ctrl") == code);
  CHECK(flags_of(b, "속성") == superscript);
  CHECK(flags_of(b, "안") == (superscript | strong));
  // Nothing is left open past its paragraph; a closing tag that closes nothing is left out.
  CHECK(d.blocks[1].spans.front().flags == superscript);
  CHECK(d.blocks[2].text() == "그다음 문단은 그대로.");
  CHECK(d.blocks[2].spans.front().flags == plain);
  std::vector<std::string> warnings;
  for (const auto& w : diags.items()) warnings.push_back(format(w));
  CHECK(warnings == std::vector<std::string>{"t.md:1:155: warning: `<b/>` holds no text; left out",
                                             "t.md:3:1: warning: `<sup>` is not closed; it ends with its paragraph",
                                             "t.md:5:7: warning: `</sub>` closes no `<sub>`; left out"});
}

TEST_CASE("HTML's <u> and <ins> underline their text, with what else it is") {
  Diagnostics diags;
  Document d = read("앞 <u>밑줄 <b>굵게</b></u> 사이 <ins>끼운 글</ins> 뒤 <U>큰 태그</U>\n", &diags);
  CHECK(diags.items().empty());
  REQUIRE(d.blocks.size() == 1);
  CHECK(styled(d.blocks[0]) == std::vector<std::pair<std::string, int>>{{"앞 ", plain},
                                                                        {"밑줄 ", underline},
                                                                        {"굵게", underline | strong},
                                                                        {" 사이 ", plain},
                                                                        {"끼운 글", underline},
                                                                        {" 뒤 ", plain},
                                                                        {"큰 태그", underline}});
}

TEST_CASE("HTML comments are the author's notes: never set, never warned of") {
  Diagnostics diags;
  Document d = read("앞 <!-- 메모 --> 뒤.\n\n<!--\n여러 줄\n메모\n-->\n\n둘째 <!-- 여러\n줄 --> 끝.<!--끝-->\n\n"
                    "<div>보이는 <!-- 숨은 --> HTML</div>\n\n<!-- 마지막 -->\n",
                    &diags);
  CHECK(outline(d) ==
        std::vector<std::string>{"paragraph/0: 앞 뒤.", "paragraph/0: 둘째 끝.", "paragraph/0: 보이는 HTML"});
  CHECK(diags.items().empty());
}

TEST_CASE("Obsidian's comments (%%...%%) are the writer's notes too: never set, in code kept") {
  Diagnostics diags;
  Document d = read(
      "본문 %%숨은 말%% 이어지는 글. 글%%붙은%%끝.\n첫 문장이다.\n%% 고칠 것 %%\n둘째 문장이다.\n\n"
      "%%\n여러 줄\n\n# 제목 같은 줄\n- 목록 같은 줄\n%%\n\n"
      "코드 `a %%b%% c` 그대로.\n\n```\n%% 블록 %%\n```\n\n"
      "**강조**%%메모%%이다. 각주[^1].\n\n> 인용 %%숨김%% 끝\n> %%\n> 안쪽\n> %%\n> 계속\n\n"
      "[^1]: 각주 %%숨김%% 내용.\n\n열린 %%채 끝\n",
      &diags);
  CHECK(outline(d) == std::vector<std::string>{"paragraph/0: 본문 이어지는 글. 글끝. 첫 문장이다. 둘째 문장이다.",
                                               "paragraph/0: 코드 a %%b%% c 그대로.", "code/0: %% 블록 %%",
                                               "paragraph/0: 강조이다. 각주.", "blockquote/1: 인용 끝 계속",
                                               "paragraph/0: 열린 %%채 끝", "note/0 1.: 각주 내용."});
  CHECK(diags.items().empty());
  // The text after a comment is placed where it is written.
  const Block& first = d.blocks[0];
  const auto after = std::find_if(first.spans.begin(), first.spans.end(),
                                  [](const Span& s) { return s.text.starts_with("이어지는"); });
  REQUIRE(after != first.spans.end());
  CHECK(after->pos == Position{1, 13});
  CHECK(styled(d.blocks[3]).front() == std::pair<std::string, int>{"강조", strong});
}

TEST_CASE("Obsidian's block IDs (^id) name a block for links, and are not set") {
  Document d = read(
      "문장이다. ^abc123\n\n> 인용문\n\n^quote-id\n\n- 항목 ^item-1\n- 둘째\n\n| 가 | 나 |\n|---|---|\n| 1 | 2 |\n\n"
      "^table1\n\n2^10 과 x ^2 와 `코드 ^id` 그대로. 웃음 ^_^\n\n## 제목 ^h1\n");
  CHECK(outline(d) == std::vector<std::string>{"paragraph/0: 문장이다.", "blockquote/1: 인용문", "list-item/1 •: 항목",
                                               "list-item/1 •: 둘째",
                                               "table/0: ", "paragraph/0: 2^10 과 x ^2 와 코드 ^id 그대로. 웃음 ^_^",
                                               "heading/2: 제목 ^h1"});
}

TEST_CASE("Pandoc's fenced divs, Quarto's callouts among them: their fences are not set, what is inside is") {
  Document d = read(
      "::: {.callout-note title=\"알림\"}\n## 참고\n\n안의 글.\n:::\n\n:::: 메모 ::::\n바깥 글 ::: 그대로.\n"
      "::::\n\n::: 두 단어\n\n:::\n\n```\n::: 코드\n```\n");
  CHECK(outline(d) == std::vector<std::string>{"heading/2: 참고", "paragraph/0: 안의 글.",
                                               "paragraph/0: 바깥 글 ::: 그대로.", "paragraph/0: ::: 두 단어",
                                               "paragraph/0: :::", "code/0: ::: 코드"});
}

TEST_CASE("character references are decoded") {
  Document d = read("A &amp; B &copy; &#xAC00;&#44033; &nbsp;x\n");
  CHECK(d.blocks[0].text() == "A & B \u00A9 가각 \u00A0x");
}

TEST_CASE("a link's text carries its address, as a URI in ASCII") {
  Diagnostics diags;
  Document d = read("글 [마르크스](https://example.com/marx \"제목\") 글\n\n"
                    "<https://example.org/a?b=1>\n\n[빈 주소]()\n\n[**굵은** 링크](../note.md)\n\n"
                    "[노동](https://ko.wikipedia.org/wiki/노동) [참조](</a?b=1&amp;c=&#x22;d e&quot;>)\n",
                    &diags);
  CHECK(outline(d) == std::vector<std::string>{"paragraph/0: 글 마르크스 글", "paragraph/0: https://example.org/a?b=1",
                                               "paragraph/0: 빈 주소", "paragraph/0: 굵은 링크",
                                               "paragraph/0: 노동 참조"});
  CHECK(diags.items().empty());  // no address is left out
  auto links = [&](std::size_t block) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& s : d.blocks[block].spans) out.emplace_back(s.text, s.link);
    return out;
  };
  using Links = std::vector<std::pair<std::string, std::string>>;
  CHECK(links(0) == Links{{"글 ", ""}, {"마르크스", "https://example.com/marx"}, {" 글", ""}});
  CHECK(links(1) == Links{{"https://example.org/a?b=1", "https://example.org/a?b=1"}});
  CHECK(links(2) == Links{{"빈 주소", ""}});
  CHECK(links(3) == Links{{"굵은", "../note.md"}, {" 링크", "../note.md"}});  // two styles, one link
  CHECK(links(4) == Links{{"노동", "https://ko.wikipedia.org/wiki/%EB%85%B8%EB%8F%99"},
                          {" ", ""},
                          {"참조", "/a?b=1&c=%22d%20e%22"}});
  // Two links side by side stay two.
  Document two = read("[가](https://a.example)[나](https://b.example)\n");
  REQUIRE(two.blocks[0].spans.size() == 2);
  CHECK(two.blocks[0].spans[1].link == "https://b.example");
  // Bare addresses are links, as on GitHub: web addresses, www. ones (on the
  // web) and e-mail addresses; not inside code.
  Document bare = read("주소 https://example.org/x, www.example.com/a 와 someone@example.com 끝. `www.code.example`\n");
  Links found;
  for (const auto& sp : bare.blocks[0].spans)
    if (!sp.link.empty()) found.emplace_back(sp.text, sp.link);
  CHECK(found == Links{{"https://example.org/x", "https://example.org/x"},
                       {"www.example.com/a", "http://www.example.com/a"},
                       {"someone@example.com", "mailto:someone@example.com"}});
}

TEST_CASE("headings are named by their anchors, and links to them point at them") {
  Diagnostics diags;
  Document d = read("+++\ntitle = \"작품 (Work)\"\n+++\n\n"
                    "[가](#서론-잃어버린-나의-흔적) [나](#%EC%84%9C%EB%A1%A0-%EC%9E%83%EC%96%B4%EB%B2%84%EB%A6%B0-%EB%82%98%EC%9D%98-%ED%9D%94%EC%A0%81)"
                    " [다](<#2. 거대 기계(Megamachine)의 등장>) [라](#2-거대-기계MEGAMACHINE의-등장) [마](#같은-절-1)"
                    " [바](#작품-work) [사](#없는-절)\n\n"
                    "## 서론: 잃어버린 \u2018나\u2019의 흔적\n\n"
                    "### 2. 거대 기계(Megamachine)의 등장\n\n## 같은 절\n\n## 같은 절\n",
                    &diags);
  CHECK(d.meta.anchor == "작품-work");
  std::vector<std::string> anchors;
  for (const auto& b : d.blocks)
    if (b.kind == BlockKind::heading) anchors.push_back(b.anchor);
  CHECK(anchors == std::vector<std::string>{"서론-잃어버린-나의-흔적", "2-거대-기계megamachine의-등장", "같은-절", "같은-절-1"});
  std::vector<std::string> links;
  for (const auto& s : d.blocks[0].spans)
    if (s.text != " ") links.push_back(s.text + " " + s.link);
  CHECK(links == std::vector<std::string>{"가 #서론-잃어버린-나의-흔적", "나 #서론-잃어버린-나의-흔적",
                                          "다 #2-거대-기계megamachine의-등장", "라 #2-거대-기계megamachine의-등장",
                                          "마 #같은-절-1", "바 #작품-work", "사 "});
  REQUIRE(diags.items().size() == 1);
  CHECK(format(diags.items()[0]) ==
        "t.md:5:212: warning: link to `#없는-절` leads to no heading of this document; its text is set without it");
}

TEST_CASE("Pandoc's attributes after a heading: its #id names it, the rest is left out, text in braces stays") {
  Diagnostics diags;
  Document d = read(
      "# 글 제목 {#top}\n\n## 첫 절 {#intro .unnumbered lang=\"ko KR\"}\n\n"
      "[처음](#intro)과 [맨 위](#top), [둘째](#둘째-절).\n\n## 둘째 절 {-}\n\n## intro\n\n"
      "## 괄호 {이건 제목}\n\n## 코드 `{#x}`\n",
      &diags);
  CHECK(d.meta.title == "글 제목");
  CHECK(d.meta.anchor == "top");
  CHECK(outline(d) == std::vector<std::string>{"heading/2: 첫 절", "paragraph/0: 처음과 맨 위, 둘째.",
                                               "heading/2: 둘째 절", "heading/2: intro", "heading/2: 괄호 {이건 제목}",
                                               "heading/2: 코드 {#x}"});
  CHECK(d.blocks[0].anchor == "intro");
  CHECK(d.blocks[2].anchor == "둘째-절");
  CHECK(d.blocks[3].anchor == "intro-1");  // the name the writer gave is the first's
  const auto& links = d.blocks[1].spans;
  CHECK(links[0].link == "#intro");
  CHECK(links[2].link == "#top");
  CHECK(links[4].link == "#둘째-절");
  CHECK(diags.items().empty());
}

TEST_CASE("Pandoc's attributes after images, links and spans, as it converts a word processor's file, are not set") {
  Diagnostics diags;
  Document d = read(
      "[]{#_Toc12345 .anchor}문단은 [밑줄 친 글]{.underline}과 [형광]{.mark}, [그냥]{.smallcaps} "
      "그리고 [링크](https://a.kr){target=\"_blank\"}.\n\n"
      "![](media/image1.png){width=\"6.268055555555556in\"\nheight=\"3.5256944444444445in\"}\n\n"
      "![그림 설명](b.png){#fig:one width=50%}\n\n"
      "중괄호 {그대로}, [괄호]{이건 글}, `코드 [a]{.b}`, {.c} 홀로.\n",
      &diags);
  CHECK(outline(d) ==
        std::vector<std::string>{"paragraph/0: 문단은 밑줄 친 글과 형광, 그냥 그리고 링크.",
                                 "figure/0: ", "figure/0: 그림 설명",
                                 "paragraph/0: 중괄호 {그대로}, [괄호]{이건 글}, 코드 [a]{.b}, {.c} 홀로."});
  CHECK(d.blocks[1].image == "media/image1.png");
  CHECK(diags.items().empty());
  // The span's class says its style: underline and a highlight, as <u> and <mark> do.
  const auto spans = styled(d.blocks[0]);
  CHECK(std::find(spans.begin(), spans.end(), std::pair<std::string, int>{"밑줄 친 글", underline}) != spans.end());
  CHECK(std::find(spans.begin(), spans.end(), std::pair<std::string, int>{"형광", mark}) != spans.end());
  CHECK(std::find(spans.begin(), spans.end(), std::pair<std::string, int>{"그냥", plain}) != spans.end());
  const auto link =
      std::find_if(d.blocks[0].spans.begin(), d.blocks[0].spans.end(), [](const Span& s) { return s.text == "링크"; });
  REQUIRE(link != d.blocks[0].spans.end());
  CHECK(link->link == "https://a.kr");
  CHECK(link->pos == Position{1, 84});
  // After a comment of Korean on its line, a span's style still falls on its text.
  Document after = read("앞 %%한국어 메모%% [밑줄]{.underline} 뒤^[각주] 끝.\n");
  CHECK(styled(after.blocks[0])[1] == std::pair<std::string, int>{"밑줄", underline});
  CHECK(after.blocks[1].spans.front().pos == Position{1, 34});
}

TEST_CASE("links to another document of the publication point at its headings") {
  Diagnostics diags;
  auto parse = [&](const std::string& text, const std::string& path) {
    auto doc = read_markdown(text, path, diags);
    REQUIRE(doc.ok());
    return std::move(*doc);
  };
  Publication pub;
  pub.documents.push_back(parse("# 첫째 글\n\n"
                                "[가](sub/b.md#서론-시작) [나](./sub/b.md#%EC%84%9C%EB%A1%A0-%EC%8B%9C%EC%9E%91) [다](<sub/b.md#서론: 시작>)"
                                " [라](sub/b.md) [마](sub/b.md#없는-절) [바](a.md#본론) [사](c.md)"
                                " [아](https://example.com/sub/b.md) [자](mailto:a@example.com) [차](sub/b.md?x=1)\n\n"
                                "## 본론\n",
                                "book/a.md"));
  pub.documents.push_back(
      parse("## 서론: 시작\n\n[카](../a.md) [타](../a.md#본론) [파](b.md#서론-시작) [하](../c.txt)\n\n## 둘째 절\n",
            "book/sub/b.md"));
  auto text = read_plain_text("셋째 글\n\n본문이다.\n", "book/c.txt");
  REQUIRE(text.ok());
  pub.documents.push_back(std::move(*text));
  REQUIRE(diags.items().empty());
  link_documents(pub, diags);
  auto links = [](const Block& b) {
    std::vector<std::string> out;
    for (const auto& s : b.spans)
      if (s.text != " ") out.push_back(s.text + " " + s.link);
    return out;
  };
  // By anchor, percent-encoded or not, and by the heading's text; document 1
  // has no title, so a link to it lands on its first heading.
  CHECK(links(pub.documents[0].blocks[0]) ==
        std::vector<std::string>{"가 #1#서론-시작", "나 #1#서론-시작", "다 #1#서론-시작", "라 #1#서론-시작", "마 ",
                                 "바 #본론", "사 c.md", "아 https://example.com/sub/b.md", "자 mailto:a@example.com",
                                 "차 sub/b.md?x=1"});
  CHECK(links(pub.documents[1].blocks[1]) == std::vector<std::string>{"카 #0#첫째-글", "타 #0#본론", "파 #서론-시작", "하 #2#셋째-글"});
  REQUIRE(diags.items().size() == 1);
  CHECK(format(diags.items()[0]) ==
        "book/a.md:3:113: warning: link to `sub/b.md#없는-절` leads to no heading of book/sub/b.md; its text is set "
        "without it");
}

TEST_CASE("Obsidian's wiki links lead to the publication's document of that name, or nowhere") {
  Diagnostics diags;
  auto parse = [&](const std::string& text, const std::string& path) {
    auto doc = read_markdown(text, path, diags);
    REQUIRE(doc.ok());
    return std::move(*doc);
  };
  Publication pub;
  pub.documents.push_back(
      parse("# 첫째 글\n\n[[b]] [[b|둘째 글]] [[b#둘째 절]] [[b#둘째 절|절]] [[sub/b]] [[b.md]] [[#본론]] "
            "[[없는 노트]] [[other/b]] [[https://a.kr]] `[[코드]]`\n\n## 본론\n",
            "book/a.md"));
  pub.documents.push_back(parse("## 서론\n\n[[a]]\n\n## 둘째 절\n", "book/sub/b.md"));
  REQUIRE(diags.items().empty());
  link_documents(pub, diags);
  std::vector<std::string> links;
  for (const auto& sp : pub.documents[0].blocks[0].spans)
    if (sp.text != " ") links.push_back(sp.text + " " + sp.link);
  // The text is the note's name, or what follows `|`; a note of another
  // name, or in another folder, is none of the publication's.
  CHECK(links == std::vector<std::string>{"b #1#서론", "둘째 글 #1#서론", "b > 둘째 절 #1#둘째-절", "절 #1#둘째-절",
                                          "sub/b #1#서론", "b.md #1#서론", "#본론 #본론", "없는 노트 ", "other/b ",
                                          "https://a.kr ", "[[코드]] "});
  CHECK(pub.documents[1].blocks[1].spans[0].link == "#0#첫째-글");
  for (const auto& sp : pub.documents[0].blocks[0].spans) CHECK_FALSE(sp.wiki);
  CHECK(diags.items().empty());
}

TEST_CASE("Obsidian's embeds: an image alone in its paragraph is a figure, without a caption") {
  Diagnostics diags;
  Document d = read(
      "![[그림/표지.png]]\n\n![[a b.JPG|300]]\n\n- ![[목록.png]]\n\n글 ![[안.png]] 글\n\n"
      "노트 ![[다른 노트]]를 넣고, 느낌표! [[노트]] `![[코드]]` \\![[탈출]]\n",
      &diags);
  REQUIRE(d.blocks.size() == 5);
  CHECK(d.blocks[0].kind == BlockKind::figure);
  CHECK(d.blocks[0].image == "그림/표지.png");
  CHECK(d.blocks[0].spans.empty());
  CHECK(d.blocks[0].pos == Position{1, 1});
  CHECK(d.blocks[1].kind == BlockKind::figure);
  CHECK(d.blocks[1].image == "a b.JPG");  // its size left to the layout
  CHECK(d.blocks[1].spans.empty());
  CHECK(d.blocks[2].kind == BlockKind::figure);
  CHECK(d.blocks[2].image == "목록.png");
  CHECK(d.blocks[3].text() == "글 글");
  // A note cannot be embedded: it is a link to it. The `!` of a mark, of
  // code and of an escape stays.
  CHECK(d.blocks[4].text() == "노트 다른 노트를 넣고, 느낌표! 노트 ![[코드]] !탈출");
  std::vector<std::string> messages;
  for (const auto& w : diags.items()) messages.push_back(format(w));
  CHECK(messages ==
        std::vector<std::string>{
            "t.md:7:3: warning: an embedded image inside text is left out; give it a paragraph of its "
            "own to show it",
            "t.md:9:4: warning: `![[다른 노트]]` embeds a note, which print cannot: it is set as a link to it"});
}

TEST_CASE("a link address longer than a PDF holds is left out with a warning at the link's text") {
  Diagnostics diags;
  Document d = read("앞\n\n글 [긴 주소](https://example.com/" + std::string(70000, 'a') + ") 글\n", &diags);
  for (const auto& s : d.blocks[1].spans) CHECK(s.link.empty());
  CHECK(d.blocks[1].text() == "글 긴 주소 글");
  REQUIRE(diags.items().size() == 1);
  CHECK(format(diags.items()[0]) ==
        "t.md:3:4: warning: link address is longer than a PDF holds (70020 bytes, 65,535 at most); its text is set "
        "without it");
}

TEST_CASE("constructs without a style are set as text, with a warning naming the line") {
  Diagnostics diags;
  Document d = read("문단\n\n<!DOCTYPE html>\n\n#### 넷째\n", &diags);
  CHECK(outline(d) == std::vector<std::string>{"paragraph/0: 문단", "paragraph/0: <!DOCTYPE html>", "heading/3: 넷째"});
  std::vector<std::string> messages;
  for (const auto& w : diags.items()) messages.push_back(format(w));
  CHECK(messages == std::vector<std::string>{"t.md:3:1: warning: raw HTML has no style yet; set as plain text",
                                             "t.md:5:6: warning: heading level 4 is set as level 3"});
}

TEST_CASE("HTML as a browser shows it: blocks are paragraphs, <a> links, <img> alone a figure, tags left out") {
  Diagnostics diags;
  Document d = read(
      "<p align=\"center\">\n  가운데 <b>굵은</b> 문단.\n</p>\n\n"
      "본문에 <span style=\"color:red\">빨간 글씨</span>와 <a href=\"https://a.kr/x?b=1&amp;c=2\">링크 "
      "<i>글</i></a>가 있고 <img src=\"p.png\" alt=\"작은 그림\"> 뒤.\n\n"
      "<div>\n상자 안의 글.\n</div>\n\n"
      "<p align=\"center\"><img src=\"그림/사진.png\" width=\"300\" alt=\"사진 설명\"></p>\n\n"
      "<details><summary>더 보기</summary>\n\n숨긴 글.\n\n</details>\n",
      &diags);
  CHECK(outline(d) == std::vector<std::string>{"paragraph/0: 가운데 굵은 문단.",
                                               "paragraph/0: 본문에 빨간 글씨와 링크 글가 있고 작은 그림 뒤.",
                                               "paragraph/0: 상자 안의 글.", "figure/0: 사진 설명",
                                               "paragraph/0: 더 보기", "paragraph/0: 숨긴 글."});
  CHECK(d.blocks[0].spans[1].text == "굵은");
  CHECK(d.blocks[0].spans[1].flags == strong);
  std::vector<std::pair<std::string, std::string>> links;
  for (const auto& sp : d.blocks[1].spans)
    if (!sp.link.empty()) links.emplace_back(sp.text, sp.link);
  CHECK(links == std::vector<std::pair<std::string, std::string>>{{"링크 ", "https://a.kr/x?b=1&c=2"},
                                                                  {"글", "https://a.kr/x?b=1&c=2"}});
  CHECK(d.blocks[3].image == "그림/사진.png");
  CHECK(d.blocks[3].pos == Position{11, 19});  // where a missing file is reported
  std::vector<std::string> messages;
  for (const auto& w : diags.items()) messages.push_back(format(w));
  CHECK(messages == std::vector<std::string>{
                        "t.md:5:5: warning: `<span>` has no style here: its text is set plain, the tag left out",
                        "t.md:5:100: warning: `<img>` inside text is set as its description (`alt`)"});
  for (std::size_t i = 0; i < d.blocks.size(); ++i)
    CHECK(d.blocks[i].align == (i == 0 || i == 3 ? Align::center : Align::none));  // the <p align="center">s
}

TEST_CASE("HTML alignment: align, text-align and <center> over the blocks they hold, Markdown too") {
  Diagnostics diags;
  Document d = read(
      "<p align=\"center\">\n서시<br>\n죽는 날까지\n</p>\n\n"
      "보통 문단.\n\n"
      "<div align=\"right\">\n\n— 윤동주\n\n## 오른쪽 제목\n\n</div>\n\n"
      "<div style=\"color: gray; text-align:Center !important\">가운데 <b>굵게</b></div>\n\n"
      "<center>\n\n<div>\n안쪽 div의 글\n</div>\n\n가운데 Markdown\n\n</center>\n\n"
      "<p align=\"JUSTIFY\">양쪽</p>\n\n<p align=middle>가운데 2</p>\n\n"
      "<p align=\"left\">왼쪽 <p align=\"right\">오른쪽</p>\n\n"
      "<p align=\"center\">닫지 않은 문단\n\n이어지는 Markdown 문단.\n\n"
      "<p align=\"sideways\">모르는 정렬</p>\n",
      &diags);
  std::vector<std::pair<std::string, Align>> got;
  for (const auto& b : d.blocks) got.emplace_back(b.text(), b.align);
  CHECK(got == std::vector<std::pair<std::string, Align>>{{"서시\n죽는 날까지", Align::center},
                                                          {"보통 문단.", Align::none},
                                                          {"— 윤동주", Align::right},
                                                          {"오른쪽 제목", Align::right},
                                                          {"가운데 굵게", Align::center},
                                                          {"안쪽 div의 글", Align::center},
                                                          {"가운데 Markdown", Align::center},
                                                          {"양쪽", Align::justify},
                                                          {"가운데 2", Align::center},
                                                          {"왼쪽", Align::left},
                                                          {"오른쪽", Align::right},
                                                          {"닫지 않은 문단", Align::center},
                                                          {"이어지는 Markdown 문단.", Align::none},
                                                          {"모르는 정렬", Align::none}});
  std::vector<std::string> messages;
  for (const auto& w : diags.items()) messages.push_back(format(w));
  CHECK(messages == std::vector<std::string>{"t.md:38:1: warning: `<p>`'s alignment `sideways` is not one jakpum "
                                             "sets (left, center, right or justify)"});
}

TEST_CASE("an HTML block's tags may run over lines, its references are decoded, a lone < is text") {
  Diagnostics diags;
  Document d = read(
      "<p>\n  <img src=\"x.png\"\n       width=\"300\" alt=\"긴 태그의 그림\">\n</p>\n\n"
      "<div>A &amp; B &lt;태그&gt; &copy; &unknown;</div>\n\n<div>\n열린 <꺾쇠 1 < 2\n</div>\n",
      &diags);
  CHECK(outline(d) == std::vector<std::string>{"figure/0: 긴 태그의 그림", "paragraph/0: A & B <태그> \u00A9 &unknown;",
                                               "paragraph/0: 열린 <꺾쇠 1 < 2"});
  CHECK(d.blocks[0].image == "x.png");
  CHECK(d.blocks[0].pos == Position{2, 3});
  CHECK(diags.items().empty());
}

TEST_CASE("a table keeps its rows and cells, its header, and how each column aligns") {
  Diagnostics diags;
  Document d = read("앞\n\n| 도구 | 쓰임 | 무게 |\n|:--|:-:|--:|\n| 망치 | *못을* 박는다 | 0.5 |\n| 끌 | | |\n\n뒤\n",
                    &diags);
  CHECK(diags.items().empty());
  REQUIRE(d.blocks.size() == 3);
  const Block& t = d.blocks[1];
  CHECK(t.kind == BlockKind::table);
  CHECK(t.pos == Position{3, 3});
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].header);
  CHECK_FALSE(t.rows[1].header);
  auto texts = [](const Row& r) {
    std::vector<std::string> out;
    for (const auto& c : r.cells) {
      std::string text;
      for (const auto& s : c.spans) text += s.text;
      out.push_back(text);
    }
    return out;
  };
  CHECK(texts(t.rows[0]) == std::vector<std::string>{"도구", "쓰임", "무게"});
  CHECK(texts(t.rows[1]) == std::vector<std::string>{"망치", "못을 박는다", "0.5"});
  CHECK(texts(t.rows[2]) == std::vector<std::string>{"끌", "", ""});
  CHECK(t.rows[1].cells[0].align == Cell::Align::left);
  CHECK(t.rows[1].cells[1].align == Cell::Align::center);
  CHECK(t.rows[1].cells[2].align == Cell::Align::right);
  CHECK(t.rows[1].cells[1].spans[0].flags == emphasis);  // inline styles as anywhere
  CHECK(d.blocks[2].text() == "뒤");
  CHECK(t.quotes + t.lists == 0);

  // In a list or a quote, it knows how many of each it is in.
  Document nested = read("- 항목\n\n  - 안\n\n    | a | b |\n    |---|---|\n    | c | d |\n\n> | e |\n> |---|\n> | f |\n");
  std::vector<const Block*> tables;
  for (const auto& b : nested.blocks)
    if (b.kind == BlockKind::table) tables.push_back(&b);
  REQUIRE(tables.size() == 2);
  CHECK(tables[0]->lists == 2);
  CHECK(tables[0]->quotes == 0);
  CHECK(tables[1]->quotes == 1);
  CHECK(tables[1]->lists == 0);
}

TEST_CASE("an image on a paragraph of its own is a figure, its description is the caption") {
  Diagnostics diags;
  Document d = read("![표지 그림](그림/표지.png)\n\n![](a%20b.png)\n\n> ![인용 안](q.jpg)\n\n"
                    "글 ![안](a.png) 글\n\n![뒤에 글](a.png) 뒤\n\n![하나](a.png)\n![둘](b.png)\n\n"
                    "![웹](https://example.com/a.png)\n\n# ![제목](h.png)\n",
                    &diags);
  REQUIRE(d.blocks.size() == 8);
  CHECK(d.blocks[0].kind == BlockKind::figure);
  CHECK(d.blocks[0].image == "그림/표지.png");
  CHECK(d.blocks[0].text() == "표지 그림");
  CHECK(d.blocks[0].pos == Position{1, 10});  // the address
  CHECK(d.blocks[1].kind == BlockKind::figure);
  CHECK(d.blocks[1].image == "a b.png");  // percent-decoded
  CHECK(d.blocks[1].spans.empty());
  CHECK(d.blocks[2].kind == BlockKind::figure);
  CHECK(d.blocks[2].level == 0);
  CHECK(d.blocks[2].image == "q.jpg");
  // Anything else beside the image makes it text.
  CHECK(outline(d) == std::vector<std::string>{"figure/0: 표지 그림", "figure/0: ", "figure/0: 인용 안",
                                               "paragraph/0: 글 안 글", "paragraph/0: 뒤에 글 뒤",
                                               "paragraph/0: 하나 둘", "paragraph/0: 웹", "heading/1: 제목"});
  std::vector<std::string> messages;
  for (const auto& w : diags.items()) messages.push_back(format(w));
  const std::string inside =
      "warning: an image inside text is set as its description; give it a paragraph of its own to show it";
  // Each warning names the image's address.
  CHECK(messages == std::vector<std::string>{"t.md:7:8: " + inside, "t.md:9:9: " + inside, "t.md:11:7: " + inside,
                                             "t.md:12:6: " + inside,
                                             "t.md:14:6: warning: images from the web are not fetched; the image's "
                                             "description is set as plain text",
                                             "t.md:16:9: " + inside});
}

TEST_CASE("Obsidian's size after an image's description is not part of its caption") {
  Document d = read("![표지 그림|300](a.png)\n\n![|640x480](b.png)\n\n![위|아래](c.png)\n\n![`코드|300`](d.png)\n");
  CHECK(outline(d) ==
        std::vector<std::string>{"figure/0: 표지 그림", "figure/0: ", "figure/0: 위|아래", "figure/0: 코드|300"});
}

TEST_CASE("an image alone in a tight list's item is a figure, as in a loose one's") {
  Diagnostics diags;
  Document d = read("- ![목록 안](l.png)\n- 둘째\n\n1. ![](n.png)\n\n- ![느슨한](m.png)\n\n- 넷째\n", &diags);
  CHECK(outline(d) == std::vector<std::string>{"figure/0: 목록 안", "list-item/1 \u2022: 둘째",
                                               "figure/0: ", "figure/0: 느슨한", "list-item/1 \u2022: 넷째"});
  CHECK(d.blocks[0].image == "l.png");
  CHECK(d.blocks[2].image == "n.png");
  CHECK(diags.items().empty());
}

TEST_CASE("struck text (~~...~~) is marked, with what else it is, in code the tildes stay") {
  Diagnostics diags;
  Document d = read("앞 ~~지운 **굵은** 글~~ 뒤 `~~코드~~`\n", &diags);
  CHECK(diags.items().empty());
  REQUIRE(d.blocks.size() == 1);
  CHECK(styled(d.blocks[0]) == std::vector<std::pair<std::string, int>>{{"앞 ", plain},
                                                                        {"지운 ", strike},
                                                                        {"굵은", strike | strong},
                                                                        {" 글", strike},
                                                                        {" 뒤 ", plain},
                                                                        {"~~코드~~", code}});
}

TEST_CASE("highlights, Obsidian's ==text== and HTML's <mark>, are marked: a == that opens or closes none is text") {
  Diagnostics diags;
  Document d = read(
      "==형광펜== 표시와 ==**굵은** 강조==, a == b, \\==탈출==, ===셋===, `==코드==`, "
      "<mark>표시</mark>, [==링크==](https://a.kr), https://a.kr/?x==y 끝.\n\n"
      "열린 ==닫히지 **않는** 표시\n끝.\n\n| ==칸== | 둘 |\n|---|---|\n| 셋 | 넷 |\n",
      &diags);
  CHECK(diags.items().empty());
  REQUIRE(d.blocks.size() == 3);
  CHECK(styled(d.blocks[0]) == std::vector<std::pair<std::string, int>>{{"형광펜", mark},
                                                                        {" 표시와 ", plain},
                                                                        {"굵은", mark | strong},
                                                                        {" 강조", mark},
                                                                        {", a == b, ", plain},
                                                                        {"==탈출==, ===셋===, ", plain},
                                                                        {"==코드==", code},
                                                                        {", ", plain},
                                                                        {"표시", mark},
                                                                        {", ", plain},
                                                                        {"==링크==", plain},
                                                                        {", ", plain},
                                                                        {"https://a.kr/?x==y", plain},
                                                                        {" 끝.", plain}});
  // Each piece placed where it is written: the text after `==` past it.
  CHECK(d.blocks[0].spans[0].pos == Position{1, 3});
  CHECK(d.blocks[0].spans[1].pos == Position{1, 8});
  // Not closed in its paragraph: the `==` is set, and nothing highlighted.
  CHECK(d.blocks[1].text() == "열린 ==닫히지 않는 표시 끝.");
  for (const auto& s : d.blocks[1].spans) CHECK((s.flags & mark) == 0);
  CHECK(d.blocks[1].spans[1].pos == Position{3, 4});
  REQUIRE(d.blocks[2].rows.size() == 2);
  REQUIRE(d.blocks[2].rows[0].cells[0].spans.size() == 1);
  CHECK(d.blocks[2].rows[0].cells[0].spans[0].flags == mark);
}

TEST_CASE("<q> is set between quotation marks, a ruby's reading after its text in brackets, as a browser does") {
  Diagnostics diags;
  Document d = read(
      "그는 <q>일은 <q>작품</q>이다</q>라고 했다. <ruby>漢字<rt>한자</rt></ruby>와 "
      "<ruby>勞動<rp>(</rp><rt>노동</rt><rp>)</rp></ruby>, <ruby>明<rt>명</rt>日<rt>일</rt></ruby>.\n\n"
      "<q>닫히지 않은 인용.\n\n<q>새 문단</q>.\n",
      &diags);
  CHECK(diags.items().empty());
  REQUIRE(d.blocks.size() == 3);
  CHECK(d.blocks[0].text() ==
        "그는 \u201C일은 \u2018작품\u2019이다\u201D라고 했다. 漢字(한자)와 勞動(노동), 明(명)日(일).");
  // A quotation not closed by its paragraph's end is not carried into the next.
  CHECK(d.blocks[1].text() == "\u201C닫히지 않은 인용.");
  CHECK(d.blocks[2].text() == "\u201C새 문단\u201D.");
}

TEST_CASE("a bare address ends before a Korean particle, a path's own Hangul stays in it") {
  const std::string source =
      "https://naver.com에서 찾고 www.daum.net을 보고 me@mail.kr로 (https://a.kr/b)처럼 https://a.kr/page에서\n"
      "https://ko.wikipedia.org/wiki/노동 [위키](https://ko.wikipedia.org/wiki/노동)와 <https://a.kr/노동>도 "
      "`https://a.kr에`\n";
  Document d = read(source);
  REQUIRE(d.blocks.size() == 1);
  CHECK(d.blocks[0].text() ==
        "https://naver.com에서 찾고 www.daum.net을 보고 me@mail.kr로 (https://a.kr/b)처럼 https://a.kr/page에서 "
        "https://ko.wikipedia.org/wiki/노동 위키와 https://a.kr/노동도 https://a.kr에");
  std::vector<std::string> links;  // each linked text, and where it leads
  for (const Span& span : d.blocks[0].spans)
    if (!span.link.empty()) links.push_back(span.text + " > " + span.link);
  const std::string wiki = "https://ko.wikipedia.org/wiki/%EB%85%B8%EB%8F%99";
  CHECK(links == std::vector<std::string>{"https://naver.com > https://naver.com", "www.daum.net > http://www.daum.net",
                                          "me@mail.kr > mailto:me@mail.kr", "https://a.kr/b > https://a.kr/b",
                                          "https://a.kr/page > https://a.kr/page",
                                          "https://ko.wikipedia.org/wiki/노동 > " + wiki, "위키 > " + wiki,
                                          "https://a.kr/노동 > https://a.kr/%EB%85%B8%EB%8F%99"});
  // Each span where its text is written (a line's end read as a space).
  const LineIndex lines(source);
  std::size_t cursor = 0;
  for (const Span& span : d.blocks[0].spans) {
    const std::string written = span.text.substr(0, span.text.find_last_not_of(' ') + 1);
    if (written.empty()) continue;
    cursor = source.find(written, cursor);
    REQUIRE_MESSAGE(cursor != std::string::npos, span.text);
    CHECK(span.pos == lines.position(cursor));
  }
}

TEST_CASE("emphasis around a link or an address closes before a Korean particle, the address its own") {
  // md4c reads on from an address over the stars closing emphasis to the
  // next space, in a link's destination too: the link took `**과` in, or
  // the stars stayed as written.
  const std::string source =
      "**[제품](https://a.kr)**과 **https://b.kr**과 *https://c.kr/d*를 ~~https://e.kr~~는 **(주)**를 "
      "**[문서][r]**다.\n\n[r]: https://f.kr\n";
  Document d = read(source);
  REQUIRE(d.blocks.size() == 1);
  CHECK(d.blocks[0].text() == "제품과 https://b.kr과 https://c.kr/d를 https://e.kr는 (주)를 문서다.");
  std::vector<std::string> marked;  // each styled or linked text: flags, text, address
  for (const Span& span : d.blocks[0].spans)
    if (span.flags != plain || !span.link.empty())
      marked.push_back(std::to_string(span.flags) + " " + span.text + " " + std::string(span.link));
  CHECK(marked == std::vector<std::string>{std::to_string(strong) + " 제품 https://a.kr",
                                           std::to_string(strong) + " https://b.kr https://b.kr",
                                           std::to_string(emphasis) + " https://c.kr/d https://c.kr/d",
                                           std::to_string(strike) + " https://e.kr https://e.kr",
                                           std::to_string(strong) + " (주) ",
                                           std::to_string(strong) + " 문서 https://f.kr"});
}

TEST_CASE("Pandoc's superscripts and subscripts, m^2^ and H~2~O, as <sup> and <sub>, Korean between tildes stays") {
  Document d = read(
      "10 m^2^ 과 H~2~O, 1^st^, **굵은 x^2^**.\n\n"
      "1~2시간 3~4쪽, 아~하~ 그래, 2^10 그대로, \\^아님^ 과 ^빈 칸 있음^, `a^b^` 코드.\n\n"
      "좋아요^^ 고마워요^_^ 웃음 ^o^ 각주[^1][^2].\n\n[^1]: 가.\n[^2]: 나.\n");
  CHECK(styled(d.blocks[0]) == std::vector<std::pair<std::string, int>>{{"10 m", plain},
                                                                        {"2", superscript},
                                                                        {" 과 H", plain},
                                                                        {"2", subscript},
                                                                        {"O, 1", plain},
                                                                        {"st", superscript},
                                                                        {", ", plain},
                                                                        {"굵은 x", strong},
                                                                        {"2", strong | superscript},
                                                                        {".", plain}});
  CHECK(outline(d)[1] == "paragraph/0: 1~2시간 3~4쪽, 아~하~ 그래, 2^10 그대로, ^아님^ 과 ^빈 칸 있음^, a^b^ 코드.");
  CHECK(outline(d)[2] == "paragraph/0: 좋아요^^ 고마워요^_^ 웃음 ^o^ 각주.");
  for (const std::size_t k : {1, 2})
    CHECK(std::all_of(d.blocks[k].spans.begin(), d.blocks[k].spans.end(),
                      [](const Span& s) { return !(s.flags & (superscript | subscript)); }));
}

TEST_CASE("a single tilde is a character, a range as Korean writes one, and only two strike") {
  const std::string source =
      "회의는 1~2시간, 3~4쪽을 읽는다. ~한 글자~ 와 ~~지운 글~~.\n\n[홈](https://a.kr/~me) https://b.kr/~you `a~b~c`\n";
  const LineIndex lines(source);
  Document d = read(source);
  REQUIRE(d.blocks.size() == 2);
  CHECK(d.blocks[0].text() == "회의는 1~2시간, 3~4쪽을 읽는다. ~한 글자~ 와 지운 글.");
  std::size_t cursor = 0;
  for (const Span& span : d.blocks[0].spans) {
    CHECK(span.flags == (span.text == "지운 글" ? strike : plain));
    cursor = source.find(span.text, cursor);
    REQUIRE(cursor != std::string::npos);
    CHECK(span.pos == lines.position(cursor));  // each where it is written
  }
  CHECK(d.blocks[1].text() == "홈 https://b.kr/~you a~b~c");
  CHECK(d.blocks[1].spans[0].link == "https://a.kr/~me");
  CHECK(d.blocks[1].spans[2].link == "https://b.kr/~you");
  // A tilde makes no character reference where a letter in its place would.
  Diagnostics diags;
  CHECK(read("값 &#~41; 과 &~amp; 끝\n", &diags).blocks.at(0).text() == "값 &#~41; 과 &~amp; 끝");
  CHECK(diags.items().empty());
}

TEST_CASE("code blocks keep their lines and spaces, tabs to stops of four, inline code is marked") {
  Diagnostics diags;
  Document d = read("앞 `git commit` 뒤\n\n"
                    "```python\ndef 학습(모델):\n\tfor x in 모델:\n  \t  pass\n\n    return 모델\n```\n\n"
                    "    indented  code\n\n"
                    "- 목록\n\n  ```\n  in a list\n  ```\n",
                    &diags);
  CHECK(diags.items().empty());
  REQUIRE(d.blocks.size() == 5);
  // Inline code: its own span, marked.
  const auto& spans = d.blocks[0].spans;
  REQUIRE(spans.size() == 3);
  CHECK(spans[1].text == "git commit");
  CHECK(spans[1].flags == code);
  CHECK(spans[0].flags == plain);
  CHECK(spans[1].pos == Position{1, 4});
  // A fenced block: its lines as written, a tab reaching the next column of four.
  CHECK(d.blocks[1].kind == BlockKind::code);
  CHECK(d.blocks[1].text() == "def 학습(모델):\n    for x in 모델:\n      pass\n\n    return 모델");
  CHECK(d.blocks[1].pos.line == 4);
  // An indented block, its inner spaces kept; one in a list at the list's depth.
  CHECK(d.blocks[2].kind == BlockKind::code);
  CHECK(d.blocks[2].text() == "indented  code");
  CHECK(d.blocks[4].kind == BlockKind::code);
  CHECK(d.blocks[4].lists == 1);
  CHECK(d.blocks[4].quotes == 0);
  CHECK(d.blocks[1].quotes + d.blocks[1].lists == 0);
  CHECK(d.blocks[4].text() == "in a list");
}
