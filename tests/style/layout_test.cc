#include <doctest/doctest.h>

#include "style/layout.h"
#include "support.h"

using namespace jakpum;
using namespace jakpum::style;

namespace {

LayoutSearch shipped() { return {{test::source_path("layouts")}}; }

Layout load(const std::string& name) {
  auto layout = load_layout(name, shipped());
  REQUIRE_MESSAGE(layout.ok(), (layout.ok() ? "" : format(layout.error())));
  return std::move(*layout);
}

// Writes a layout that extends the default one and returns the error it gives.
std::string error_of(const std::string& toml, const std::string& name = "bad") {
  std::string folder = test::scratch_folder("layout-" + name);
  std::string path = test::write_file(folder + "/" + name + ".toml", toml);
  auto layout = load_layout(path, shipped());
  if (layout.ok()) return "loaded without error";
  std::string text = format(layout.error());
  // Tests compare from the file name on.
  auto at = text.find(name + ".toml");
  return at == std::string::npos ? text : text.substr(at);
}

}  // namespace

TEST_CASE("the default layout: A5, serif body, gothic headings, pull quotes between rules") {
  Layout l = load("booklet-a5");
  CHECK(l.page.width == doctest::Approx(mm_to_pt(148)));
  CHECK(l.page.height == doctest::Approx(mm_to_pt(210)));
  CHECK(l.page.facing);
  CHECK(l.style("body").font == "myeongjo");
  CHECK(l.style("body").size == 10);
  CHECK(l.style("body").leading_pt() == 17);
  CHECK(l.style("body").align == Align::justify);
  CHECK(l.style("body").word_break == WordBreak::auto_);
  CHECK(l.style("h1").font == "gothic");
  CHECK(l.style("h1").weight == Weight::bold);
  CHECK(l.style("h1").keep_with_next);
  CHECK(l.style("pullquote").size > l.style("body").size);
  CHECK(l.style("pullquote").rule_above > 0);
  CHECK(l.style("pullquote").rule_below > 0);
  CHECK(l.family("myeongjo")->regular.path.ends_with("fonts/NanumMyeongjo.ttf"));
  CHECK(l.header.verso.outer == "{title}");
  CHECK(l.footer.recto.outer == "{page}");
}

TEST_CASE("unset style keys are inherited from body where they are inherited") {
  Layout l = load("booklet-a5");
  // blockquote sets no font: it takes body's; it sets no align: body's too.
  CHECK(l.style("blockquote").font == "myeongjo");
  CHECK(l.style("blockquote").align == Align::justify);
  // Space and rules are not inherited.
  CHECK(l.style("list").rule_above == 0);
}

TEST_CASE("code is set as written: flush left and unindented, whatever the body does") {
  Layout l = load("booklet-a5");
  CHECK(l.style("body").align == Align::justify);
  CHECK(l.style("body").indent.value > 0);
  CHECK(l.style("code-block").align == Align::left);
  CHECK(l.style("code-block").indent.value == 0);
  CHECK(l.style("code-block").font == "coding");
  CHECK(l.code.font == "coding");
  CHECK(l.family("coding")->regular.path.ends_with("fonts/NanumGothicCoding.ttf"));
  // A layout may still say otherwise, in the code block's own style.
  std::string folder = test::scratch_folder("layout-code");
  std::string path = test::write_file(folder + "/centred.toml",
                                      "extends = \"booklet-a5\"\n[styles.code-block]\nalign = \"center\"\n");
  auto centred = load_layout(path, shipped());
  REQUIRE(centred.ok());
  CHECK(centred->style("code-block").align == Align::center);
  CHECK(centred->style("code-block").indent.value == 0);
}

TEST_CASE("extends: the handout is the booklet on A4 with a wider measure") {
  Layout a5 = load("booklet-a5");
  Layout a4 = load("handout-a4");
  CHECK(a4.page.width == doctest::Approx(mm_to_pt(210)));
  CHECK(a4.page.height == doctest::Approx(mm_to_pt(297)));
  CHECK(a4.text_width() > a5.text_width() + mm_to_pt(50));
  CHECK(a4.page.margin_inner < a5.page.margin_inner + mm_to_pt(5));
  CHECK_FALSE(a4.page.facing);
  CHECK(a4.style("body").size == 10.5);
  CHECK(a4.style("body").font == a5.style("body").font);  // from the parent
  CHECK(a4.style("h1").size == a5.style("h1").size);
  CHECK(a4.fonts.size() == a5.fonts.size());
}

TEST_CASE("colours in CMYK percent or RGB hex, text is pure black ink by default") {
  std::string folder = test::scratch_folder("layout-colours");
  auto path = test::write_file(folder + "/c.toml", "extends = \"" + test::source_path("layouts/booklet-a5.toml") +
                                                       "\"\n[styles.h1]\ncolor = \"cmyk(0, 100, 100, 20)\"\n"
                                                       "[styles.h2]\ncolor = \"#ff8000\"\n");
  auto l = load_layout(path, shipped());
  REQUIRE(l.ok());
  CHECK(l->style("h1").color == Color::cmyk(0, 1, 1, 0.2));
  CHECK(l->style("h2").color == Color::rgb(1, 128 / 255.0, 0));
  CHECK(l->style("body").color == Color::cmyk(0, 0, 0, 1));
  CHECK(to_string(l->style("h1").color) == "cmyk(0, 100, 100, 20)");
}

TEST_CASE("page sizes by name or in millimetres, and lengths in several units") {
  std::string folder = test::scratch_folder("layout-sizes");
  std::string base = "extends = \"" + test::source_path("layouts/booklet-a5.toml") + "\"\n";
  auto path = test::write_file(folder + "/s.toml", base +
                                                       "[page]\nsize = \"B5\"\nwidth = \"150mm\"\nmargin-top = \"1in\"\n"
                                                       "[styles.body]\nindent = \"2em\"\nleading = \"160%\"\n");
  auto l = load_layout(path, shipped());
  REQUIRE(l.ok());
  CHECK(l->page.width == doctest::Approx(mm_to_pt(150)));
  CHECK(l->page.height == doctest::Approx(mm_to_pt(250)));
  CHECK(l->page.margin_top == doctest::Approx(72));
  CHECK(l->style("body").indent.resolve(10) == doctest::Approx(20));
  CHECK(l->style("body").leading_pt() == doctest::Approx(16));
  // Any side a PDF page may have, A5's own height and an A3 poster's among them.
  for (const char* side : {"height = \"210mm\"", "width = \"297mm\"\nheight = \"420mm\"", "height = \"14400pt\""}) {
    auto sized = load_layout(test::write_file(folder + "/side.toml", base + "[page]\n" + side + "\n"), shipped());
    CHECK_MESSAGE(sized.ok(), side << ": " << (sized.ok() ? "" : format(sized.error())));
  }
}

TEST_CASE("layout errors name file:line:column and the key") {
  const std::string base = "extends = \"" + test::source_path("layouts/booklet-a5.toml") + "\"\n";
  // 1. unknown key, with the nearest valid one
  CHECK(error_of(base + "[styles.body]\nleadng = \"17pt\"\n") ==
        "bad.toml:3:1: error: unknown key `leadng` in [styles.body] (did you mean `leading`?)");
  // 2. wrong type
  CHECK(error_of(base + "[page]\nfacing = \"yes\"\n") ==
        "bad.toml:3:10: error: `page.facing` expected true or false, found a string");
  // 3. negative margin
  CHECK(error_of(base + "[page]\nmargin-inner = \"-5mm\"\n") ==
        "bad.toml:3:16: error: `page.margin-inner` must not be negative");
  // 4. a text block narrower than one character
  CHECK(error_of(base + "[page]\nmargin-inner = \"73mm\"\nmargin-outer = \"73mm\"\n") ==
        "bad.toml:3:16: error: `page.margin-inner` leaves a text block 2.0mm wide, narrower than one character of body text (10pt) "
        "(reduce the margins or enlarge the page)");
  // 5. unknown page size
  CHECK(error_of(base + "[page]\nsize = \"A7\"\n") ==
        "bad.toml:3:8: error: `page.size` unknown page size `A7` (use one of A4, A5, A6, B5, B5-JIS, Letter, Shinguk)");
  // 6. unknown unit
  CHECK(error_of(base + "[styles.h1]\nsize = \"12px\"\n") ==
        "bad.toml:3:8: error: `styles.h1.size` unknown unit `px` in `12px` (use pt, mm, cm or in)");
  // 7. unknown style name
  CHECK(error_of(base + "[styles.pull-quote]\nsize = 12\n") ==
        "bad.toml:2:9: error: unknown style `pull-quote` (did you mean `pullquote`?)");
  // 8. a style naming an undeclared font family
  CHECK(error_of(base + "[styles.h2]\nfont = \"batang\"\n") ==
        "bad.toml:3:8: error: `styles.h2.font` names unknown font family `batang` (declare it as [fonts.batang])");
  // 8b. the body's, which the other styles take: blamed where the body sets it
  CHECK(error_of(base + "[styles.body]\nfont = \"batang\"\n") ==
        "bad.toml:3:8: error: `styles.body.font` names unknown font family `batang` (declare it as [fonts.batang])");
  // 9. a missing font file
  std::string missing = error_of(base + "[fonts.serif]\nregular = \"nowhere.ttf\"\n");
  CHECK(missing.starts_with("bad.toml:3:11: error: font file not found: "));
  // 9b. a folder where a font file should be
  std::string folder = error_of(base + "[fonts.serif]\nregular = \".\"\n");
  CHECK(folder.starts_with("bad.toml:3:11: error: font file "));
  CHECK(folder.ends_with(" is a folder (name a .ttf, .otf or .ttc file in it)"));
  // 9c. an unknown key with no near one: the few keys there are
  CHECK(error_of(base + "[fonts.serif]\nregular = { file = \"a.ttf\", index = 1 }\n") ==
        "bad.toml:3:29: error: unknown key `index` in `fonts.serif.regular` (the keys are `file` and `face`)");
  // 10. a bad colour
  CHECK(error_of(base + "[styles.body]\ncolor = \"black\"\n") ==
        "bad.toml:3:9: error: `styles.body.color` `black` is not a colour "
        "(write \"#rrggbb\", \"#rgb\" or \"cmyk(c, m, y, k)\" with inks from 0 to 100)");
  CHECK(error_of(base + "[styles.body]\ncolor = \"cmyk(0, 0, 0, 120)\"\n").starts_with(
      "bad.toml:3:9: error: `styles.body.color` `cmyk(0, 0, 0, 120)` is not a colour"));
  // 11. a bad keyword
  CHECK(error_of(base + "[styles.body]\nalign = \"justified\"\n") ==
        "bad.toml:3:9: error: `styles.body.align` `justified` is not one of justify | left | center | right");
  // 12. an unknown placeholder in a running head
  CHECK(error_of(base + "[header]\nrecto = { outer = \"{chapter}\" }\n") ==
        "bad.toml:3:19: error: `header.recto.outer` uses unknown placeholder `{chapter}` "
        "(use {page}, {title}, {section} or {publication})");
  // 13. invalid TOML
  CHECK(error_of(base + "[page\n").starts_with("bad.toml:2:"));
  // 14. a page lower than one line of text
  CHECK(error_of(base + "[page]\nheight = \"60mm\"\nmargin-top = \"30mm\"\nmargin-bottom = \"28mm\"\n") ==
        "bad.toml:4:14: error: `page.margin-top` leaves a text block 2.0mm high, lower than one line of body text (17pt) "
        "(reduce the margins or enlarge the page)");
  // 15. a page larger than a PDF page may be
  CHECK(error_of(base + "[page]\nwidth = \"201in\"\n") ==
        "bad.toml:3:9: error: `page.width` must be between 3pt and 14400pt (5080mm)");
  CHECK(error_of(base + "[page]\nheight = \"6000mm\"\n") ==
        "bad.toml:3:10: error: `page.height` must be between 3pt and 14400pt (5080mm)");
  // 16. paths the system cannot look up (a name longer than a file name may
  // be) are not found, as any other missing file
  const std::string long_name(300, 'x');
  CHECK(error_of(base + "[fonts.serif]\nregular = \"" + long_name + ".ttf\"\n")
            .starts_with("bad.toml:3:11: error: font file not found: "));
  CHECK(error_of("extends = \"" + long_name + ".toml\"\n") == "bad.toml:1:11: error: layout file not found");
  // 17. an unknown top-level table
  CHECK(error_of(base + "[pages]\nsize = \"A4\"\n") ==
        "bad.toml:2:2: error: unknown key `pages` (did you mean `page`?)");
  // 18. inline code in a font the layout does not declare
  CHECK(error_of(base + "[styles.code]\nfont = \"mono\"\n") ==
        "bad.toml:3:8: error: unknown font family `mono` (declare it as [fonts.mono])");
  // 19. a Latin family that is not declared, or that has one of its own
  CHECK(error_of(base + "[fonts.myeongjo]\nlatin = \"roman\"\n") ==
        "bad.toml:3:9: error: `fonts.myeongjo.latin` names unknown font family `roman` (declare it as [fonts.roman])");
  CHECK(error_of(base + "[fonts.myeongjo]\nlatin = \"gothic\"\n[fonts.gothic]\nlatin = \"myeongjo\"\n")
            .find(".latin` names a family that has a Latin family of its own") != std::string::npos);
  CHECK(error_of(base + "[fonts.myeongjo]\nlatin = 3\n") ==
        "bad.toml:3:9: error: `fonts.myeongjo.latin` must be a font family name, found an integer");
  CHECK(error_of(base + "[fonts.myeongjo]\nlatin-scale = 3\n") ==
        "bad.toml:3:15: error: `fonts.myeongjo.latin-scale` must be a number from 0.5 to 2 "
        "(1.05 sets the Latin family 5% larger than the style)");
  // 20. hyphenation patterns a layout names, looked for beside it
  const std::string patterns = error_of(base + "[text]\nhyphenation-patterns = \"hyph_en_XX.dic\"\n");
  CHECK(patterns.starts_with("bad.toml:3:24: error: hyphenation patterns not found: "));
  CHECK(patterns.find("layout-bad/hyph_en_XX.dic (a libhyphen .dic file, relative to the layout") != std::string::npos);
  CHECK(error_of(base + "[text]\nhyphenate-ratio = -1\n") ==
        "bad.toml:3:19: error: `text.hyphenate-ratio` must be between 0 and 100");
}

TEST_CASE("hyphenation: on by default, by English patterns, found beside the layout that names them") {
  const Layout booklet = load("booklet-a5");
  CHECK(booklet.text.hyphenate);
  CHECK(booklet.text.hyphenation_patterns == "/usr/share/hyphen/hyph_en_US.dic");
  CHECK(booklet.text.hyphenate_ratio == 2);
  const std::string folder = test::scratch_folder("layout-patterns");
  test::write_file(folder + "/patterns/hyph_x.dic", "UTF-8\n1a1\n");
  const std::string path = test::write_file(
      folder + "/mine.toml", "extends = \"" + test::source_path("layouts/booklet-a5.toml") +
                                 "\"\n[text]\nhyphenation-patterns = \"patterns/hyph_x.dic\"\nhyphenate = false\n");
  auto mine = load_layout(path, shipped());
  REQUIRE_MESSAGE(mine.ok(), (mine.ok() ? "" : format(mine.error())));
  CHECK(mine->text.hyphenation_patterns == folder + "/patterns/hyph_x.dic");
  CHECK_FALSE(mine->text.hyphenate);
}

TEST_CASE("extends must not make a cycle, and names layouts that exist") {
  std::string folder = test::scratch_folder("layout-cycle");
  test::write_file(folder + "/a.toml", "extends = \"b\"\n");
  test::write_file(folder + "/b.toml", "extends = \"a.toml\"\n");
  auto cycle = load_layout(folder + "/a.toml", shipped());
  REQUIRE_FALSE(cycle.ok());
  CHECK(format(cycle.error()) == folder + "/b.toml:1:11: error: `extends = \"a.toml\"` makes a cycle "
                                          "(a layout cannot extend itself)");
  auto unknown = load_layout("booklet-a6", shipped());
  REQUIRE_FALSE(unknown.ok());
  CHECK(format(unknown.error()) == "error: unknown layout `booklet-a6` (did you mean `booklet-a5`?)");
}

TEST_CASE("every setting is described once, with its default") {
  std::string text = describe_settings();
  for (const char* key : {"margin-inner", "space-stretch", "leading", "keep-with-next", "word-break", "distance",
                          "code-block", "[styles.code]"})
    CHECK(text.find(key) != std::string::npos);
}

TEST_CASE("a family's own fallbacks, and families of fonts not always installed") {
  // The booklet's Myeongjo has no Hanja: its own fallback sets them in a
  // Myeongjo too, from an optional family.
  Layout l = load("booklet-a5");
  CHECK(l.family("myeongjo")->fallback == std::vector<std::string>{"hanja"});
  CHECK(l.family("hanja")->optional);
  CHECK(l.family("gothic")->fallback == std::vector<std::string>{"hanja-gothic"});  // old Hangul, rare Hanja
  CHECK(l.family("hanja-gothic")->optional);
  const std::string base = "extends = \"" + test::source_path("layouts/booklet-a5.toml") + "\"\n";
  // Where an optional family's file is missing, it is absent (left out of
  // chains); a missing bold leaves the regular for both.
  const std::string folder = test::scratch_folder("layout-optional");
  const std::string path = test::write_file(
      folder + "/gone.toml", base + "[fonts.hanja]\nregular = \"nowhere.ttf\"\n\n[fonts.extra]\nregular = \"" +
                                 test::source_path("fonts/NanumGothic.ttf") +
                                 "\"\nbold = \"nowhere-bold.ttf\"\n"
                                 "optional = true\n");
  auto gone = load_layout(path, shipped());
  REQUIRE_MESSAGE(gone.ok(), (gone.ok() ? "" : format(gone.error())));
  CHECK(gone->family("hanja")->absent);
  CHECK_FALSE(gone->family("extra")->absent);
  CHECK(gone->family("extra")->bold.empty());
  CHECK_FALSE(l.family("hanja")->absent);  // fonts-noto-cjk, which the set-up installs
  // Errors, at their places.
  CHECK(error_of(base + "[fonts.myeongjo]\nfallback = [\"batang\"]\n") ==
        "bad.toml:3:12: error: `fonts.myeongjo.fallback` names unknown font family `batang` (declare it as "
        "[fonts.batang])");
  CHECK(error_of(base + "[fonts.myeongjo]\nfallback = \"gothic\"\n") ==
        "bad.toml:3:12: error: `fonts.myeongjo.fallback` must be a list of font family names, found a string");
  CHECK(error_of(base + "[fonts.hanja]\noptional = \"yes\"\n") ==
        "bad.toml:3:12: error: `fonts.hanja.optional` must be true or false, found a string");
}
