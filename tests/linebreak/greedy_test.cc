#include <doctest/doctest.h>

#include "core/files.h"
#include "linebreak/lines.h"
#include "support.h"

using namespace jakpum;

namespace {

struct Set {
  text::Paragraph para;
  shape::ShapedParagraph shaped;
  std::vector<linebreak::Line> lines;
};

struct Fixture {
  font::Library fonts;
  text::LineBreaker breaker;
  shape::Shaper shaper{fonts};

  Set set(const std::string& s, linebreak::Params params, style::WordBreak wb = style::WordBreak::keep_all) {
    auto face = fonts.load(test::source_path("fonts/NanumMyeongjo.ttf"));
    REQUIRE(face.ok());
    text::TextStyle style{{{*face}, {"myeongjo"}}, 10, {}, wb};
    text::StyledSpan span;
    span.text = s;
    auto p = text::prepare({span}, {style}, fonts, breaker, "t");
    REQUIRE(p.ok());
    Set out{*p, shaper.shape(*p), {}};
    out.lines = linebreak::break_greedy(out.para, out.shaped, params);
    return out;
  }
};

// The text of a line, as set.
std::string text_of(const Set& s, const linebreak::Line& line) {
  if (line.begin == line.end) return "";
  std::size_t from = s.shaped.glyphs[line.begin].cluster;
  std::size_t to = line.end < s.shaped.glyphs.size() ? s.shaped.glyphs[line.end].cluster : s.para.text.size();
  std::string t = s.para.text.substr(from, to - from);
  while (!t.empty() && t.back() == ' ') t.pop_back();
  return t;
}

// Right edge of the last glyph: where the line ends on the page.
Pt right_edge(const Set& s, const linebreak::Line& line) {
  return line.x.back() + s.shaped.glyphs[line.end - 1].advance;
}

std::string essay() {
  auto text = read_file(test::source_path("tests/seeds/work-as-art.txt"));
  REQUIRE(text.ok());
  // Its longest paragraph.
  std::string best;
  for (std::size_t at = 0; at < text->size();) {
    std::size_t end = text->find('\n', at);
    if (end == std::string::npos) end = text->size();
    if (end - at > best.size()) best = text->substr(at, end - at);
    at = end + 1;
  }
  return best;
}

}  // namespace

TEST_CASE("justified lines end exactly at the measure, none is wider, the last is flush left") {
  Fixture f;
  for (Pt measure : {180.0, 240.0, 323.0}) {
    for (auto wb : {style::WordBreak::keep_all, style::WordBreak::normal}) {
      CAPTURE(measure);
      linebreak::Params params{measure, 10, style::Align::justify, 0.6, 0.25};
      Set s = f.set(essay(), params, wb);
      REQUIRE(s.lines.size() > 5);
      for (std::size_t i = 0; i < s.lines.size(); ++i) {
        const auto& line = s.lines[i];
        CAPTURE(text_of(s, line));
        Pt limit = measure;
        CHECK(right_edge(s, line) <= limit + 1e-6);
        CHECK_FALSE(line.overfull);
        if (i + 1 < s.lines.size()) CHECK(right_edge(s, line) == doctest::Approx(limit).epsilon(1e-9));
      }
      const auto& last = s.lines.back();
      CHECK(last.ratio <= 0);
      CHECK(right_edge(s, last) == doctest::Approx(last.x.front() + last.natural));
      CHECK(s.lines.front().x.front() == 10);  // the first-line indent
    }
  }
}

TEST_CASE("every character is set once, in order, across the lines") {
  Fixture f;
  Set s = f.set(essay(), {200, 10, style::Align::justify, 0.6, 0.25});
  std::string joined;
  for (const auto& line : s.lines) joined += text_of(s, line);
  CHECK(test::without_space(joined) == test::without_space(s.para.text));
}

TEST_CASE("keep-all lines end between words, normal lines may end between syllables") {
  Fixture f;
  std::string text = "노동은 단순히 생계를 위한 수단이 아니다. 그것은 인간이 세계와 관계 맺는 가장 근본적인 기술이다.";
  Set keep = f.set(text, {100, 0, style::Align::justify, 0.6, 0.25});
  for (std::size_t i = 0; i + 1 < keep.lines.size(); ++i)
    CHECK(keep.para.text[keep.shaped.glyphs[keep.lines[i + 1].begin].cluster - 1] == ' ');
  Set normal = f.set(text, {100, 0, style::Align::justify, 0.6, 0.25}, style::WordBreak::normal);
  bool inside_word = false;
  for (std::size_t i = 0; i + 1 < normal.lines.size(); ++i)
    inside_word |= normal.para.text[normal.shaped.glyphs[normal.lines[i + 1].begin].cluster - 1] != ' ';
  CHECK(inside_word);
}

TEST_CASE("ragged, centred and right-aligned lines keep their natural spaces") {
  Fixture f;
  for (auto align : {style::Align::left, style::Align::center, style::Align::right}) {
    Set s = f.set(essay(), {200, 0, align, 0.6, 0.25});
    for (const auto& line : s.lines) {
      CHECK(line.ratio == 0);
      CHECK(right_edge(s, line) <= 200 + 1e-6);
      if (align == style::Align::right) CHECK(right_edge(s, line) == doctest::Approx(200));
      if (align == style::Align::center)
        CHECK(line.x.front() == doctest::Approx(200 - right_edge(s, line)).epsilon(1e-6));
    }
  }
}

TEST_CASE("a word longer than the measure is broken where it must be") {
  Fixture f;
  Set s = f.set("가나다라마바사아자차카타파하 끝", {45, 0, style::Align::justify, 0.6, 0.25});
  REQUIRE(s.lines.size() >= 3);
  CHECK(s.lines[0].emergency);
  for (const auto& line : s.lines) CHECK(right_edge(s, line) <= 45 + 1e-6);
}

TEST_CASE("a forced break ends a line and the line is not stretched") {
  Fixture f;
  Set s = f.set("첫 줄\n둘째 줄은 조금 더 길다", {300, 0, style::Align::justify, 0.6, 0.25});
  REQUIRE(s.lines.size() == 2);
  CHECK(s.lines[0].forced);
  CHECK(s.lines[0].ratio == 0);
  CHECK(text_of(s, s.lines[1]) == "둘째 줄은 조금 더 길다");
}

TEST_CASE("a line too loose for its spaces widens the gaps between characters, up to a limit") {
  Fixture f;
  // Few spaces, long words: keep-all lines must stretch a lot.
  std::string text = "예술공예운동(Arts and Crafts Movement)은 자본주의와 기술시스템의 본질적인 의미를 체계적으로 해체해왔다.";
  linebreak::Params tight{150, 0, style::Align::justify, 0.5, 0.2, 0};
  linebreak::Params lettered = tight;
  lettered.letter_stretch = 0.4;
  Set without = f.set(text, tight), with = f.set(text, lettered);
  REQUIRE(without.lines.size() == with.lines.size());
  bool widened = false;
  for (std::size_t i = 0; i + 1 < with.lines.size(); ++i) {
    const auto& a = without.lines[i];
    const auto& b = with.lines[i];
    CHECK(a.letter_space == 0);
    CHECK(b.letter_space <= 0.4 + 1e-9);
    if (a.ratio > 1) {
      widened = true;
      CHECK(b.letter_space > 0);
      CHECK(b.ratio < a.ratio);  // the spaces grow less
    } else if (a.ratio > 0) {
      CHECK(b.letter_space == 0);
    }
    // Justified, unless a line without spaces has used all the letter space it may.
    CHECK(right_edge(with, b) <= 150 + 1e-6);
    if (b.letter_space < 0.4 - 1e-9) CHECK(right_edge(with, b) == doctest::Approx(150));
  }
  CHECK(widened);
}
