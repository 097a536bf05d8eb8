#include <doctest/doctest.h>
#include <ft2build.h>
#include <hb.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

#include "font/library.h"
#include "font/system.h"
#include "support.h"

using namespace jakpum;

TEST_CASE("faces load once and report coverage and metrics") {
  font::Library fonts;
  auto serif = fonts.load(test::source_path("fonts/NanumMyeongjo.ttf"));
  REQUIRE(serif.ok());
  auto again = fonts.load(test::source_path("fonts/NanumMyeongjo.ttf"));
  CHECK(*again == *serif);
  CHECK(fonts.size() == 1);
  CHECK(fonts.info(*serif).postscript_name == "NanumMyeongjo");
  CHECK(fonts.has_glyph(*serif, U'가'));
  CHECK(fonts.has_glyph(*serif, U'\uD7A3'));  // 힣, the last syllable
  CHECK(fonts.has_glyph(*serif, U'\u00A9'));
  CHECK_FALSE(fonts.has_glyph(*serif, U'\U0001F600'));
  CHECK(fonts.info(*serif).ascender > 0.5);
  CHECK(fonts.info(*serif).descender > 0.05);
}

TEST_CASE("faces of a collection by index or by PostScript name") {
  font::Library fonts;
  const std::string ttc = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
  auto by_index = fonts.load(style::FontSource{ttc, 1, ""});
  REQUIRE(by_index.ok());
  CHECK(fonts.info(*by_index).postscript_name == "NotoSerifCJKkr-Regular");
  CHECK(fonts.info(*by_index).outlines == font::Outlines::cff);
  auto by_name = fonts.load(style::FontSource{ttc, 0, "NotoSerifCJKkr-Regular"});
  REQUIRE(by_name.ok());
  CHECK(*by_name == *by_index);
  CHECK(fonts.program_facts(*by_name).cid_keyed);
  auto missing = fonts.load(style::FontSource{ttc, 0, "NotoSerifCJKxx-Regular"});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "no face named NotoSerifCJKxx-Regular in this font file");
  CHECK(missing.error().hint.find("NotoSerifCJKkr-Regular") != std::string::npos);
  CHECK_FALSE(fonts.load(style::FontSource{ttc, 40, ""}).ok());
}

namespace {

unsigned glyf_checksum(hb_face_t* face) {
  hb_blob_t* glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
  unsigned length = 0, sum = 0;
  const char* data = hb_blob_get_data(glyf, &length);
  for (unsigned i = 0; i < length; ++i) sum = sum * 31 + static_cast<unsigned char>(data[i]);
  hb_blob_destroy(glyf);
  return sum;
}

}  // namespace

TEST_CASE("a face gives its file's pages back and reads the same after") {
  font::Library fonts;
  const std::string path = test::source_path("fonts/NanumMyeongjo.ttf");
  auto serif = fonts.load(path);
  REQUIRE(serif.ok());
  const unsigned sum = glyf_checksum(fonts.hb_face(*serif));  // reads every glyph, as a subset of many does
  const long read_kb = test::resident_kb(path);
  CHECK(read_kb > 3000);  // the glyf table alone is 3.4 MB
  fonts.release_pages(*serif);
  CHECK(test::resident_kb(path) < 100);
  CHECK(glyf_checksum(fonts.hb_face(*serif)) == sum);
  CHECK(fonts.has_glyph(*serif, U'힣'));
  CHECK(fonts.info(*serif).postscript_name == "NanumMyeongjo");
}

TEST_CASE("a library borrowing another's faces finds them by the same ids and loads none") {
  font::Library owner;
  auto sans = owner.load(test::source_path("fonts/NanumGothic.ttf"));
  auto serif = owner.load(test::source_path("fonts/NanumMyeongjo.ttf"));
  REQUIRE(sans.ok());
  REQUIRE(serif.ok());
  font::Library borrowed(font::Library::Borrow{owner});
  CHECK(borrowed.size() == 2);
  auto found = borrowed.load(test::source_path("fonts/NanumMyeongjo.ttf"));
  REQUIRE(found.ok());
  CHECK(*found == *serif);
  CHECK(borrowed.hb_face(*serif) == owner.hb_face(*serif));
  CHECK(borrowed.info(*sans).postscript_name == "NanumGothic");
  for (char32_t c : {U'가', U'힣', U'A', U'\u00A9', U'\u2026', U'\U0001F600', U'\u0416'}) {
    CAPTURE(static_cast<unsigned>(c));
    CHECK(borrowed.has_glyph(*serif, c) == owner.has_glyph(*serif, c));
    CHECK(borrowed.has_glyph(*serif, c) == (FT_Get_Char_Index(owner.ft_face(*serif), c) != 0));
  }
  // Set beside the owner's thread, it cannot add a face the owner lacks.
  auto other = borrowed.load(test::source_path("fonts/NanumGothicBold.ttf"));
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().message.find("internal error") != std::string::npos);
  CHECK(owner.size() == 2);
}

TEST_CASE("reading a text's outlines maps the pages of the glyphs it sets, and stops when told") {
  font::Library fonts;
  const std::string path = test::source_path("fonts/NanumMyeongjo.ttf");
  auto serif = fonts.load(path);
  REQUIRE(serif.ok());
  fonts.release_pages(*serif);
  const long before = test::resident_kb(path);
  std::vector<char32_t> syllables;
  for (char32_t c = U'가'; c < U'가' + 11172; c += 97) syllables.push_back(c);  // spread over the glyf table
  std::atomic<bool> stop{true};
  font::read_outlines(fonts.hb_face(*serif), syllables, stop);
  CHECK(test::resident_kb(path) - before < 64);
  stop = false;
  font::read_outlines(fonts.hb_face(*serif), syllables, stop);
  CHECK(test::resident_kb(path) - before > 115 * 4);  // a page of each glyph's at least
}

TEST_CASE("a face's names and metrics are what FreeType reads in it") {
  FT_Library ft = nullptr;
  REQUIRE(FT_Init_FreeType(&ft) == 0);
  for (const std::string& path :
       {test::source_path("fonts/NanumMyeongjo.ttf"), test::source_path("fonts/NanumGothicBold.ttf"),
        std::string("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        std::string("/usr/share/fonts/truetype/dejavu/DejaVuSerif-BoldItalic.ttf"),
        std::string("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"),
        std::string("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
        std::string("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")}) {
    CAPTURE(path);
    font::Library fonts;
    auto id = fonts.load(style::FontSource{path, 0, ""});
    REQUIRE(id.ok());
    FT_Face f = nullptr;
    REQUIRE(FT_New_Face(ft, path.c_str(), 0, &f) == 0);
    const font::FaceInfo& info = fonts.info(*id);
    CHECK(info.postscript_name == FT_Get_Postscript_Name(f));
    CHECK(info.family_name == f->family_name);
    CHECK(info.style_name == f->style_name);
    CHECK(info.units_per_em == f->units_per_EM);
    const font::ProgramFacts facts = fonts.program_facts(*id);
    CHECK(facts.x_min == f->bbox.xMin);
    CHECK(facts.y_min == f->bbox.yMin);
    CHECK(facts.x_max == f->bbox.xMax);
    CHECK(facts.y_max == f->bbox.yMax);
    CHECK(facts.ascender == f->ascender);
    CHECK(facts.descender == f->descender);
    auto* post = static_cast<TT_Postscript*>(FT_Get_Sfnt_Table(f, FT_SFNT_POST));
    REQUIRE(post);
    CHECK(facts.italic_angle == post->italicAngle / 65536.0);
    auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(f, FT_SFNT_OS2));
    REQUIRE(os2);
    CHECK(facts.cap_height == (os2->version >= 2 && os2->sCapHeight > 0 ? os2->sCapHeight : f->ascender * 7 / 10));
    if (os2->sTypoAscender > 0) CHECK(info.ascender == static_cast<double>(os2->sTypoAscender) / f->units_per_EM);
    if (os2->yStrikeoutSize > 0 && FT_Get_Char_Index(f, U'가') == 0)
      CHECK(info.strike_position == static_cast<double>(os2->yStrikeoutPosition) / f->units_per_EM);
    FT_Done_Face(f);
  }
  FT_Done_FreeType(ft);
}

TEST_CASE("what is not a TrueType font is refused with a reason") {
  font::Library fonts;
  std::string folder = test::scratch_folder("fonts");
  auto not_font = fonts.load(test::write_file(folder + "/fake.ttf", "\x89PNG\r\n\x1a\n not a font"));
  REQUIRE_FALSE(not_font.ok());
  CHECK(not_font.error().message == "not a TrueType or OpenType font file");
  std::string font = test::read_text(test::source_path("fonts/NanumMyeongjo.ttf"));
  auto cut = fonts.load(test::write_file(folder + "/cut.ttf", font.substr(0, 2048)));  // tables past the end
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error().message.find("not a") == 0);
  std::string no_hhea = font;  // its table record renamed
  no_hhea.replace(no_hhea.find("hhea"), 4, "xxxx");
  auto headless = fonts.load(test::write_file(folder + "/no-hhea.ttf", no_hhea));
  REQUIRE_FALSE(headless.ok());
  CHECK(headless.error().message == "not a usable font: it has no hhea table");
  auto empty = fonts.load(test::write_file(folder + "/empty.ttf", ""));
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message == "an empty file, not a font");
  auto missing = fonts.load(folder + "/none.ttf");
  CHECK_FALSE(missing.ok());
}

TEST_CASE("a chain falls back per character, in the layout's order") {
  auto layout = style::load_layout("booklet-a5", {{test::source_path("layouts")}});
  REQUIRE(layout.ok());
  font::Library fonts;
  auto chain = font::chain_for(fonts, *layout, "myeongjo", style::Weight::regular);
  REQUIRE(chain.ok());
  // Its own, its family's fallback (for Hanja), the layout's.
  CHECK(chain->families == std::vector<std::string>{"myeongjo", "hanja", "gothic"});
  CHECK(font::pick(fonts, *chain, U'가') == chain->faces[0]);
  CHECK_FALSE(fonts.is_open(chain->faces[1]));  // not yet needed
  // Hanja, and Hangul jamo (U+1100…), are not in Nanum Myeongjo.
  CHECK(font::pick(fonts, *chain, U'\u52DE') == chain->faces[1]);
  CHECK(fonts.info(chain->faces[1]).postscript_name == "NotoSerifCJKkr-Regular");
  CHECK(font::pick(fonts, *chain, U'\u1100') == chain->faces[1]);
  CHECK(font::pick(fonts, *chain, U'\U0001F600') == font::no_face);
  auto bold = font::chain_for(fonts, *layout, "gothic", style::Weight::bold);
  REQUIRE(bold.ok());
  CHECK(bold->families == std::vector<std::string>{"gothic", "hanja-gothic"});
  CHECK(fonts.info(bold->faces[0]).postscript_name == "NanumGothicBold");
}

TEST_CASE("installed fonts are found for characters, drawn in outlines, each set by the first found that has it") {
  // An emoji, a check mark and a character no font has (a private use one).
  const std::vector<char32_t> chars = {U'\U0001F44D', U'\u2713', U'\U0010FFFD'};
  const auto found = font::system_fonts_for(chars);
  REQUIRE(!found.empty());  // the project's set-up installs fonts-symbola
  font::Library fonts;
  std::vector<char32_t> covered;
  for (const font::SystemFont& f : found) {
    CAPTURE(f.source.path);
    auto face = fonts.load(f.source);
    REQUIRE(face.ok());
    CHECK(!f.family.empty());
    for (char32_t c : f.chars) {
      CHECK(fonts.has_glyph(*face, c));
      covered.push_back(c);
    }
  }
  std::sort(covered.begin(), covered.end());
  CHECK(covered == std::vector<char32_t>{U'\u2713', U'\U0001F44D'});  // each once; no font has U+10FFFD
  // The first font found sets what it has of the later characters too:
  // no font sets a character a font before it has.
  CHECK(found.front().chars.front() == U'\U0001F44D');
  for (std::size_t i = 0; i < found.size(); ++i)
    for (char32_t c : found[i].chars)
      for (std::size_t j = 0; j < i; ++j) CHECK_FALSE(fonts.has_glyph(*fonts.load(found[j].source), c));
  CHECK(font::system_fonts_for({U'\U0010FFFD'}).empty());
}

TEST_CASE("installed fonts for old Hangul compose its syllables in jamo, each syllable set whole by one") {
  // ᄊᆞ and ᄒᆞᆫ (old Hangul), and a check mark beside them.
  const std::vector<std::u32string> syllables = {U"\u110A\u119E", U"\u1112\u119E\u11AB"};
  const auto found = font::system_fonts_for({U'\u2713'}, syllables);
  REQUIRE(!found.empty());  // the project's set-up installs fonts-noto-cjk
  font::Library fonts;
  std::vector<std::u32string> set;
  for (const font::SystemFont& f : found) {
    CAPTURE(f.source.path);
    auto face = fonts.load(f.source);
    REQUIRE(face.ok());
    for (const std::u32string& s : f.syllables) {
      CHECK(fonts.composes_jamo(*face));
      for (char32_t c : s) CHECK(fonts.has_glyph(*face, c));
      set.push_back(s);
    }
  }
  CHECK(set == syllables);  // both, each once
  // Nanum has some of the letters alone, none of the features that join them.
  auto nanum = fonts.load(test::source_path("fonts/NanumGothic.ttf"));
  REQUIRE(nanum.ok());
  CHECK(fonts.has_glyph(*nanum, U'\u110A'));
  CHECK_FALSE(fonts.composes_jamo(*nanum));
}

TEST_CASE("a deferred face is opened when first asked about, once, whichever thread asks") {
  font::Library fonts;
  const style::FontSource noto{"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 0, "NotoSerifCJKkr-Regular"};
  const font::FaceId id = fonts.defer(noto);
  CHECK_FALSE(fonts.is_open(id));
  CHECK(fonts.defer(noto) == id);  // once
  // Two threads setting text ask at once, through libraries that borrow
  // the faces: it is opened once, for both.
  font::Library one(font::Library::Borrow{fonts}), two(font::Library::Borrow{fonts});
  CHECK(one.defer(noto) == id);
  std::atomic<int> found{0};
  std::thread a([&] { found += one.has_glyph(id, U'\u52DE'); });  // 勞
  std::thread b([&] { found += two.has_glyph(id, U'\u52D5'); });  // 動
  a.join(), b.join();
  CHECK(found == 2);
  CHECK(fonts.is_open(id));
  CHECK(fonts.info(id).postscript_name == "NotoSerifCJKkr-Regular");
  auto loaded = fonts.load(noto);  // a later load finds it
  REQUIRE(loaded.ok());
  CHECK(*loaded == id);
  // A file that turns out no font sets nothing, deferred; loaded, it is an error.
  const style::FontSource text{test::source_path("fonts/OFL.txt"), 0, ""};
  const font::FaceId bad = fonts.defer(text);
  CHECK_FALSE(fonts.has_glyph(bad, U'가'));
  CHECK_FALSE(fonts.load(text).ok());
}
