#include <doctest/doctest.h>

#include "core/files.h"
#include "doc/plain_text.h"
#include "support.h"

using namespace jakpum;
using namespace jakpum::doc;

namespace {

Document read(const std::string& text) {
  auto doc = read_plain_text(text, "t.txt");
  REQUIRE(doc.ok());
  return std::move(*doc);
}

std::vector<std::string> headings(const Document& d) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks)
    if (b.kind == BlockKind::heading) out.push_back(b.text());
  return out;
}

}  // namespace

TEST_CASE("short lines without closing punctuation read as headings") {
  CHECK(reads_as_heading("서론: 잃어버린 '나'의 흔적"));
  CHECK(reads_as_heading("2. 거대 기계(Megamachine)의 등장과 관계의 단절"));
  CHECK(reads_as_heading("4. 나는 어떻게 나의 작품을 되찾을 것인가?"));  // numbered
  CHECK_FALSE(reads_as_heading("노동은 단순히 생계를 위한 수단이 아니다."));
  CHECK_FALSE(reads_as_heading("나는 누구인가?"));
  CHECK_FALSE(reads_as_heading(std::string(70, 'x')));
}

TEST_CASE("a heading is a line of its own with text after it: not verse, nor a closing date") {
  Document d = read("제목\n\n1. 첫 절\n\n본문이다.\n\n산은 산이요\n물은 물이로다\n\n맺는 절\n\n본문.\n\n2024년 봄\n");
  CHECK(headings(d) == std::vector<std::string>{"1. 첫 절", "맺는 절"});
  REQUIRE(d.blocks.size() == 6);
  CHECK(d.blocks[2].kind == BlockKind::paragraph);
  CHECK(d.blocks[2].text() == "산은 산이요 물은 물이로다");
  CHECK(d.blocks[5].kind == BlockKind::paragraph);
  CHECK(d.blocks[5].text() == "2024년 봄");
  // A title may take two lines all the same (a long one, wrapped).
  CHECK(read("긴 제목의\n둘째 줄\n\n본문이다.\n").meta.title == "긴 제목의 둘째 줄");
}

TEST_CASE("plain text: a line of an ornament alone is a break between sections, not a heading") {
  Document d = read("* * *\n\n제목\n\n첫 문단.\n\n***\n\n둘째 문단.\n\n◇  ◇  ◇\n\n셋째.\n\n-----\n\n……\n\n＊\n");
  CHECK(d.meta.title.empty());  // an ornament is no title
  std::vector<std::string> blocks;
  for (const Block& b : d.blocks) blocks.push_back(std::string(to_string(b.kind)) + ": " + b.text());
  CHECK(blocks == std::vector<std::string>{
                      "section-break: * * *", "heading: 제목", "paragraph: 첫 문단.", "section-break: ***",
                      "paragraph: 둘째 문단.",
                      "section-break: ◇ ◇ ◇",  // spaces fold, as in any line
                      "paragraph: 셋째.", "section-break: -----",
                      "paragraph: ……",      // a silence: text
                      "section-break: ＊",  // last, still a break
                  });
  CHECK(headings(read("제목\n\n본문.\n\n* * *\n\n본문.\n")).empty());
  CHECK_FALSE(reads_as_ornament("- 끝 -"));  // words between marks are text
  // Lines joined into one paragraph are text, ornament or not.
  CHECK(read("제목\n\n* * *\n* * *\n\n본문.\n").blocks.front().kind == BlockKind::paragraph);
}

TEST_CASE("plain text: lines opening with a bullet or a number in a row are a list, not headings") {
  auto blocks_of = [](const Document& d) {
    std::vector<std::string> out;
    for (const Block& b : d.blocks) out.push_back(std::string(to_string(b.kind)) + " " + b.marker + ": " + b.text());
    return out;
  };
  // A line a paragraph: bullets, and numbers next to each other, are items;
  // a numbered line alone between paragraphs is a heading, as before.
  Document d = read(
      "제목\n준비할 것은 다음과 같다.\n- 연필\n-  공책\n1) 첫째 할 일\n2) 둘째 할 일\n이상이다.\n"
      "3. 맺는 절\n끝 문단이다.\n");
  CHECK(blocks_of(d) == std::vector<std::string>{"paragraph : 준비할 것은 다음과 같다.", "list-item -: 연필",
                                                 "list-item -: 공책", "list-item 1): 첫째 할 일",
                                                 "list-item 2): 둘째 할 일", "paragraph : 이상이다.",
                                                 "heading : 3. 맺는 절", "paragraph : 끝 문단이다."});
  REQUIRE(d.blocks.size() == 8);
  CHECK(d.blocks[1].spans.front().pos == Position{3, 3});  // its text, past the marker
  CHECK(d.blocks[2].spans.front().pos == Position{4, 4});
  CHECK(d.blocks[1].level == 1);
  // Between blank lines: two marked lines make a list out of the lines, a
  // line after an item goes on with it; one marked line in prose stays prose.
  d = read(
      "제목\n\n준비할 것은\n다음과 같다.\n• 연필과\n  지우개\n• 공책\n\n산은 산이요\n- 물은 물이로다\n\n① 하나\n② "
      "둘\n");
  CHECK(blocks_of(d) == std::vector<std::string>{"paragraph : 준비할 것은 다음과 같다.", "list-item •: 연필과 지우개",
                                                 "list-item •: 공책", "paragraph : 산은 산이요 - 물은 물이로다",
                                                 "list-item ①: 하나", "list-item ②: 둘"});
  // A bullet is no title, an ornament no bullet, and a number with no space after it no marker.
  d = read("- 첫 항목\n\n* * *\n\n2024.3.1 적음\n");
  CHECK(d.meta.title.empty());
  CHECK(blocks_of(d) ==
        std::vector<std::string>{"list-item -: 첫 항목", "section-break : * * *", "paragraph : 2024.3.1 적음"});
}

TEST_CASE("plain text: an indent typed with ideographic spaces is left to the layout") {
  Document d = read("제목\n\n\u3000첫 문단이다.\n\n\u3000\u3000둘째 문단이다.\n");
  REQUIRE(d.blocks.size() == 2);
  CHECK(d.blocks[0].text() == "첫 문단이다.");
  CHECK(d.blocks[0].pos == Position{3, 2});
  CHECK(d.blocks[1].text() == "둘째 문단이다.");
}

TEST_CASE("the first essay as it is: title, headings, one paragraph a line") {
  auto text = read_file(test::source_path("tests/seeds/work-as-art.txt"));
  REQUIRE(text.ok());
  Document d = read(*text);
  CHECK(d.meta.title == "work as art");
  CHECK(headings(d) == std::vector<std::string>{"서론: 잃어버린 '나'의 흔적", "1. 노동의 원형: 사회와 관계 맺는 기술",
                                                "2. 거대 기계(Megamachine)의 등장과 관계의 단절",
                                                "3. 자율적 기술과 부속품이 된 개발자",
                                                "4. 나는 어떻게 나의 작품을 되찾을 것인가?"});
  CHECK(d.blocks.front().text() == "노동은 단순히 생계를 위한 수단이 아니다.");
  CHECK(d.blocks.front().pos == Position{2, 1});
  CHECK(d.blocks.back().text().starts_with("나는 부속품이 아니다."));
  CHECK(d.blocks.size() == 23);
}

TEST_CASE("the second essay as it is: no title, blank-line paragraphs, its credit") {
  auto text = read_file(test::source_path("tests/seeds/shared-experience.txt"));
  REQUIRE(text.ok());
  Document d = read(*text);
  CHECK(d.meta.title.empty());
  CHECK(headings(d).empty());
  CHECK(d.meta.copyright == "저작권자 © 애플경제 무단전재 및 재배포 금지");
  CHECK(d.blocks.size() == 6);
  CHECK(d.blocks[1].pos == Position{3, 1});
}

TEST_CASE("hard-wrapped paragraphs separated by blank lines are joined") {
  Document d = read("제목\n\n첫 문단의 첫 줄이고\n둘째 줄이다.\n\n둘째 문단.\n");
  CHECK(d.meta.title == "제목");
  REQUIRE(d.blocks.size() == 2);
  CHECK(d.blocks[0].text() == "첫 문단의 첫 줄이고 둘째 줄이다.");
}

TEST_CASE("a file's last line end, or blank lines around its text, do not join its lines") {
  for (const char* text : {"제목\n첫 문단이다.\n둘째 문단이다.\n", "\n\n제목\n첫 문단이다.\n둘째 문단이다.\n\n\n"}) {
    CAPTURE(text);
    Document d = read(text);
    CHECK(d.meta.title == "제목");
    REQUIRE(d.blocks.size() == 2);
    CHECK(d.blocks[0].text() == "첫 문단이다.");
    CHECK(d.blocks[1].text() == "둘째 문단이다.");
  }
  // A blank line between lines of text makes paragraphs of the lines between.
  Document d = read("제목\n\n첫 문단이\n  이어진다.\n\n둘째.\n");
  REQUIRE(d.blocks.size() == 2);
  CHECK(d.blocks[0].text() == "첫 문단이 이어진다.");
}

TEST_CASE("each line of a paragraph is placed where it starts, past its indent") {
  Document d = read("  제목\n\n첫 줄,\n    둘째 줄.\n");
  REQUIRE(d.meta.title_spans.size() == 1);
  CHECK(d.meta.title_spans.front().pos == Position{1, 3});
  REQUIRE(d.blocks.size() == 1);
  const auto& spans = d.blocks[0].spans;
  REQUIRE(spans.size() == 2);
  CHECK(spans[0].pos == Position{3, 1});
  CHECK(spans[1].pos == Position{4, 5});
  CHECK(spans[1].text == "둘째 줄.");
}

TEST_CASE("a run of spaces or tabs in plain text is one space, as in print") {
  Document d = read("제목  둘\n\n첫  문장.\t둘째   문장.\n");
  CHECK(d.meta.title == "제목 둘");
  REQUIRE(d.blocks.size() == 1);
  CHECK(d.blocks[0].text() == "첫 문장. 둘째 문장.");
}
