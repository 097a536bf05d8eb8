// Shaping through HarfBuzz, one case a line where it can be.
#include <doctest/doctest.h>

#include <hb.h>

#include "shape/shape.h"
#include "support.h"

using namespace jakpum;

namespace {

struct Fixture {
  font::Library fonts;
  text::LineBreaker breaker;
  shape::Shaper shaper{fonts};

  text::Paragraph prepare(const std::string& file, const std::string& s, Pt size = 10, bool smart_quotes = false,
                          bool smart_dashes = false, bool half_brackets = false) {
    auto face = fonts.load(test::source_path("fonts/" + file));
    REQUIRE(face.ok());
    text::TextStyle style{{{*face}, {"f"}}, size, {}, style::WordBreak::keep_all, smart_quotes, smart_dashes};
    style.half_width_brackets = half_brackets;
    text::StyledSpan span;
    span.text = s;
    auto p = text::prepare({span}, {style}, fonts, breaker, "t");
    REQUIRE(p.ok());
    return *p;
  }
  shape::ShapedParagraph shape(const std::string& file, const std::string& s, std::vector<std::string> features = {}) {
    return shaper.shape(prepare(file, s), {features});
  }
  Pt width(const shape::ShapedParagraph& p) {
    Pt w = 0;
    for (const auto& g : p.glyphs) w += g.advance;
    return w;
  }
};

}  // namespace

TEST_CASE("one glyph per syllable, clusters are byte offsets, advances in points") {
  Fixture f;
  auto s = f.shape("NanumMyeongjo.ttf", "가나 다");
  REQUIRE(s.glyphs.size() == 4);
  CHECK(s.glyphs[0].cluster == 0);
  CHECK(s.glyphs[1].cluster == 3);
  CHECK(s.glyphs[2].cluster == 6);
  CHECK(s.glyphs[3].cluster == 7);
  // Hangul syllables in Nanum Myeongjo are about one em wide.
  CHECK(s.glyphs[0].advance == doctest::Approx(10).epsilon(0.1));
  CHECK(s.glyphs[0].advance == s.glyphs[1].advance);
}

TEST_CASE("kerning: a kerned pair is narrower than its glyphs' sum, as HarfBuzz says") {
  Fixture f;
  for (const char* font : {"NanumMyeongjo.ttf", "NanumGothic.ttf"}) {
    CAPTURE(font);
    Pt kerned = f.width(f.shape(font, "AV"));
    Pt plain = f.width(f.shape(font, "AV", {"-kern"}));
    Pt a = f.width(f.shape(font, "A")), v = f.width(f.shape(font, "V"));
    CHECK(plain == doctest::Approx(a + v));
    CHECK(kerned < plain - 0.1);
  }
}

TEST_CASE("runs split by script and by font, shaping sees the whole paragraph") {
  Fixture f;
  text::Paragraph p = f.prepare("NanumMyeongjo.ttf", "모리스(William Morris)가");
  std::vector<std::string> scripts;
  for (const auto& r : p.runs) scripts.push_back(r.script);
  CHECK(scripts == std::vector<std::string>{"Hang", "Latn", "Hang"});
  auto s = f.shaper.shape(p);
  CHECK(s.glyphs.size() == 20);
}

TEST_CASE("characters no font has are an error listing each with its position") {
  Fixture f;
  auto face = f.fonts.load(test::source_path("fonts/NanumMyeongjo.ttf"));
  REQUIRE(face.ok());
  text::TextStyle style{{{*face}, {"myeongjo"}}, 10, {}, style::WordBreak::keep_all};
  text::StyledSpan span;
  span.text = "웃음 \U0001F600 과 \U0001F642";
  span.pos = {4, 3};
  auto p = text::prepare({span}, {style}, f.fonts, f.breaker, "doc.md");
  REQUIRE_FALSE(p.ok());
  CHECK(format(p.error()) ==
        "doc.md:4:6: error: no font has these characters: U+1F600 '\U0001F600' at 4:6, U+1F642 '\U0001F642' at 4:10 "
        "(fonts tried: myeongjo; add a family that has them to `fallback` in [text])");
}

TEST_CASE("straight quotes are shaped as the typographic ones their places ask for, where the style wants them") {
  Fixture f;
  const std::string text = "그는 '나'의 \"말\"";
  text::Paragraph plain = f.prepare("NanumMyeongjo.ttf", text);
  CHECK(plain.quotes.empty());
  text::Paragraph smart = f.prepare("NanumMyeongjo.ttf", text, 10, true);
  REQUIRE(smart.quotes.size() == 4);
  CHECK(smart.quotes[0].at == text.find('\''));
  CHECK(smart.quotes[0].shown == U'\u2018');
  CHECK(smart.quotes[1].shown == U'\u2019');
  CHECK(smart.quotes[2].shown == U'\u201C');
  CHECK(smart.quotes[3].shown == U'\u201D');
  CHECK(smart.text == text);  // the text stays the author's
  // The glyphs are the curly ones, each at its own advance.
  const shape::ShapedParagraph straight = f.shaper.shape(plain, {});
  const shape::ShapedParagraph curly = f.shaper.shape(smart, {});
  REQUIRE(straight.glyphs.size() == curly.glyphs.size());
  hb_font_t* font = hb_font_create(f.fonts.hb_face(smart.runs.front().face));
  std::size_t q = 0;
  for (std::size_t i = 0; i < curly.glyphs.size(); ++i) {
    if (q < smart.quotes.size() && curly.glyphs[i].cluster == smart.quotes[q].at) {
      hb_codepoint_t expected = 0;
      REQUIRE(hb_font_get_nominal_glyph(font, smart.quotes[q].shown, &expected));
      CHECK(curly.glyphs[i].id == expected);
      CHECK(curly.glyphs[i].id != straight.glyphs[i].id);
      ++q;
    } else {
      CHECK(curly.glyphs[i].id == straight.glyphs[i].id);
    }
  }
  CHECK(q == 4);
  hb_font_destroy(font);
}

TEST_CASE("two hyphens are shaped as an en dash, three as an em dash, one glyph for them, where the style wants them") {
  Fixture f;
  const std::string text = "1990--2000년, 그러나---아니다, ---- 선, 하나-둘, 끝--";
  text::Paragraph plain = f.prepare("NanumMyeongjo.ttf", text);
  CHECK(plain.dashes.empty());
  text::Paragraph smart = f.prepare("NanumMyeongjo.ttf", text, 10, false, true);
  CHECK(smart.text == text);          // the text stays the author's
  REQUIRE(smart.dashes.size() == 3);  // four hyphens are a line, one is a hyphen
  CHECK(smart.dashes[0].at == text.find("--"));
  CHECK(smart.dashes[0].length == 2);
  CHECK(smart.dashes[0].shown == U'\u2013');
  CHECK(smart.dashes[1].at == text.find("---"));
  CHECK(smart.dashes[1].length == 3);
  CHECK(smart.dashes[1].shown == U'\u2014');
  CHECK(smart.dashes[2].at == text.size() - 2);
  // Each dash is one glyph, the dash's, in its first hyphen's place; the
  // glyph after it sets what follows the hyphens.
  const shape::ShapedParagraph hyphens = f.shaper.shape(plain, {});
  const shape::ShapedParagraph dashes = f.shaper.shape(smart, {});
  CHECK(dashes.glyphs.size() == hyphens.glyphs.size() - 1 - 2 - 1);
  hb_font_t* font = hb_font_create(f.fonts.hb_face(smart.runs.front().face));
  for (const text::Paragraph::Dash& dash : smart.dashes) {
    CAPTURE(dash.at);
    auto at = std::find_if(dashes.glyphs.begin(), dashes.glyphs.end(),
                           [&](const shape::Glyph& g) { return g.cluster == dash.at; });
    REQUIRE(at != dashes.glyphs.end());
    hb_codepoint_t expected = 0;
    REQUIRE(hb_font_get_nominal_glyph(font, dash.shown, &expected));
    CHECK(at->id == expected);
    CHECK(at->advance == doctest::Approx(hb_font_get_glyph_h_advance(font, expected) * 10.0 /
                                         hb_face_get_upem(f.fonts.hb_face(smart.runs.front().face)))
                             .epsilon(0.01));
    if (at + 1 != dashes.glyphs.end()) CHECK(at[1].cluster == dash.at + dash.length);
  }
  hb_font_destroy(font);
}

TEST_CASE("full-width brackets and stops lose their blank half where the style asks, their ink staying where it was") {
  Fixture f;
  // 《 「 open (ink right, blank left), 》 」 、 。 close (ink left); the
  // syllables, the full-width ！ (its ink in the middle) and the space keep
  // their advances.
  const std::string text = "《책》、「가」。 나！";
  const std::vector<int> blank = {-1, 0, 1, 1, -1, 0, 1, 1, 0, 0, 0};
  const shape::ShapedParagraph full = f.shaper.shape(f.prepare("NanumMyeongjo.ttf", text), {});
  const shape::ShapedParagraph half = f.shaper.shape(f.prepare("NanumMyeongjo.ttf", text, 10, false, false, true), {});
  REQUIRE(full.glyphs.size() == blank.size());
  REQUIRE(half.glyphs.size() == blank.size());
  text::Paragraph p = f.prepare("NanumMyeongjo.ttf", text);
  hb_font_t* font = hb_font_create(f.fonts.hb_face(p.runs.front().face));
  const double points = 10.0 / hb_face_get_upem(f.fonts.hb_face(p.runs.front().face));
  for (std::size_t i = 0; i < blank.size(); ++i) {
    CAPTURE(i);
    const shape::Glyph &a = full.glyphs[i], &b = half.glyphs[i];
    CHECK(b.id == a.id);
    CHECK(a.x_offset == 0);
    if (blank[i] == 0) {
      CHECK(b.advance == a.advance);
      CHECK(b.x_offset == 0);
      continue;
    }
    CHECK(a.advance == doctest::Approx(9.5).epsilon(0.05));  // a full em, as the face draws them
    CHECK(b.advance == doctest::Approx(a.advance / 2).epsilon(0.01));
    CHECK(b.x_offset == doctest::Approx(blank[i] < 0 ? -a.advance / 2 : 0).epsilon(0.01));
    // The ink, all of it, inside the half em kept.
    hb_glyph_extents_t ink;
    REQUIRE(hb_font_get_glyph_extents(font, b.id, &ink));
    CHECK(b.x_offset + ink.x_bearing * points >= 0);
    CHECK(b.x_offset + (ink.x_bearing + ink.width) * points <= b.advance);
  }
  hb_font_destroy(font);
  // A face that draws them narrow already (Nanum Gothic's are 0.46 em) keeps them.
  const shape::ShapedParagraph gothic_full = f.shaper.shape(f.prepare("NanumGothic.ttf", "《책》「가」"), {});
  const shape::ShapedParagraph gothic_half =
      f.shaper.shape(f.prepare("NanumGothic.ttf", "《책》「가」", 10, false, false, true), {});
  CHECK(f.width(gothic_half) == f.width(gothic_full));
}

TEST_CASE("old Hangul: a syllable in jamo is set whole in the first face that composes it, with its tone mark") {
  Fixture f;
  auto myeongjo = f.fonts.load(test::source_path("fonts/NanumMyeongjo.ttf"));
  auto gothic = f.fonts.load(test::source_path("fonts/NanumGothic.ttf"));
  auto noto = f.fonts.load(style::FontSource{"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 1, ""});
  REQUIRE((myeongjo.ok() && gothic.ok() && noto.ok()));
  CHECK_FALSE(f.fonts.composes_jamo(*myeongjo));
  CHECK_FALSE(f.fonts.composes_jamo(*gothic));
  CHECK(f.fonts.composes_jamo(*noto));
  // Nanum Gothic has ᄊ (U+110A) alone, not ᆞ (U+119E) nor a way to join
  // them; the tone mark 〮 (U+302E) goes with the syllable before it.
  const std::string text = "나랏말ᄊᆞ미〮 ᄒᆞᆫ글";
  text::TextStyle style{
      {{*myeongjo, *gothic, *noto}, {"myeongjo", "gothic", "noto"}}, 10, {}, style::WordBreak::keep_all};
  text::StyledSpan span;
  span.text = text;
  auto p = text::prepare({span}, {style}, f.fonts, f.breaker, "t");
  REQUIRE(p.ok());
  std::vector<std::pair<std::string, font::FaceId>> runs;
  for (const auto& r : p->runs) runs.emplace_back(p->text.substr(r.begin, r.end - r.begin), r.face);
  CHECK(runs == std::vector<std::pair<std::string, font::FaceId>>{
                    {"나랏말", *myeongjo}, {"ᄊᆞ미〮 ᄒᆞᆫ", *noto}, {"글", *myeongjo}});
  // Each syllable is one glyph, the tone mark one more drawn before its
  // syllable, in one cluster: the mark's glyph carries the characters.
  const shape::ShapedParagraph s = f.shaper.shape(*p);
  std::vector<std::uint32_t> clusters;
  for (const auto& g : s.glyphs) clusters.push_back(g.cluster);
  const auto at = [&](const char* piece) { return static_cast<std::uint32_t>(text.find(piece)); };
  CHECK(clusters ==
        std::vector<std::uint32_t>{0, at("랏"), at("말"), at("ᄊ"), at("미"), at("미"), at(" "), at("ᄒ"), at("글")});

  // Where no face composes them, the syllables are an error, each named
  // whole: not their letters one by one; a tone mark no face has, as any
  // character.
  text::TextStyle nanum{{{*myeongjo, *gothic}, {"myeongjo", "gothic"}}, 10, {}, style::WordBreak::keep_all};
  span.pos = {2, 1};
  auto refused = text::prepare({span}, {nanum}, f.fonts, f.breaker, "doc.md");
  REQUIRE_FALSE(refused.ok());
  CHECK(format(refused.error()) ==
        "doc.md:2:4: error: no font can set these: the syllable U+110A U+119E 'ᄊᆞ' at 2:4, U+302E '〮' at 2:7, "
        "the syllable U+1112 U+119E U+11AB 'ᄒᆞᆫ' at 2:9 (fonts tried: myeongjo, gothic; add a family that has "
        "them to `fallback` in [text]; for old Hangul, one that composes syllables in jamo, as Noto Serif CJK KR "
        "does)");
}
