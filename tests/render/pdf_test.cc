// The PDF's own fonts: subset programs, glyph ids, ToUnicode from clusters.
// Checked by reading the file back with qpdf and the font programs with FreeType.
#include <doctest/doctest.h>

#include <filesystem>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_FONT_FORMATS_H

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "app/typeset.h"
#include "core/files.h"
#include "doc/read.h"
#include "render/pdf/content.h"
#include "render/pdf/pdf_writer.h"
#include "support.h"

using namespace jakpum;
using test::shell_quoted;

namespace {

const char* libertine = "/usr/share/fonts/opentype/linux-libertine/LinLibertine_R.otf";

struct Made {
  page::PageModel model;
  std::string pdf;  // path
};

Made make(const std::vector<std::string>& inputs, const std::string& layout_name, const std::string& out,
          render::FontEmbedding fonts = render::FontEmbedding::subset) {
  Diagnostics diags;
  auto pub = doc::read_publication(inputs, diags);
  REQUIRE(pub.ok());
  auto layout = style::load_layout(layout_name, {{test::source_path("layouts")}});
  REQUIRE_MESSAGE(layout.ok(), (layout.ok() ? "" : format(layout.error())));
  app::Context ctx;
  auto model = app::typeset(*pub, *layout, ctx);
  REQUIRE_MESSAGE(model.ok(), (model.ok() ? "" : format(model.error())));
  render::PdfOptions options;
  options.fonts = fonts;
  auto bytes = render::write_pdf(*model, options);
  REQUIRE_MESSAGE(bytes.ok(), (bytes.ok() ? "" : format(bytes.error())));
  REQUIRE(write_file_atomically(out, *bytes).ok());
  return {std::move(*model), out};
}

// The PDF in qpdf's QDF form: uncompressed, one object after another, as text.
std::string qdf(const std::string& pdf) {
  std::string out = pdf + ".qdf";
  auto r = test::run("qpdf --qdf --object-streams=disable " + shell_quoted(pdf) + " " + shell_quoted(out));
  REQUIRE(r.status == 0);
  return out;
}

struct FontProgram {
  std::string name;   // without the subset tag
  std::string bytes;
};

// Every embedded font program, by the FontName of its descriptor.
std::vector<FontProgram> font_programs(const std::string& qdf_path) {
  std::string text = test::read_text(qdf_path);
  std::vector<FontProgram> out;
  std::regex descriptor(R"(/FontFile[23] (\d+) 0 R[\s\S]*?/FontName /[A-Z]{6}\+([A-Za-z0-9-]+))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), descriptor); it != std::sregex_iterator(); ++it) {
    auto r = test::run("qpdf --show-object=" + (*it)[1].str() + " --filtered-stream-data " + shell_quoted(qdf_path));
    REQUIRE(r.status == 0);
    out.push_back({(*it)[2].str(), r.out});
  }
  return out;
}

// Glyph ids each font of the page model draws.
std::map<std::string, std::set<std::uint32_t>> glyphs_used(const page::PageModel& model) {
  std::map<std::string, std::set<std::uint32_t>> out;
  for (const auto& p : model.pages)
    for (const auto& r : p.runs)
      for (const auto& g : r.glyphs) out[model.fonts[r.font].name].insert(g.id);
  return out;
}

// The number of glyphs in a bare CFF font program: the count of its
// CharStrings INDEX (Adobe TN #5176: header, Name INDEX, Top DICT INDEX whose
// operator 17 gives the CharStrings offset).
std::size_t cff_glyph_count(const std::string& cff) {
  auto byte = [&](std::size_t at) -> std::size_t { return static_cast<unsigned char>(cff.at(at)); };
  auto offset = [&](std::size_t at, std::size_t size) {
    std::size_t v = 0;
    for (std::size_t i = 0; i < size; ++i) v = (v << 8) | byte(at + i);
    return v;
  };
  // An INDEX at `at`: where its data for item i begins and ends, and its end.
  struct Index {
    std::size_t count, off_size, data;
    std::size_t end;
  };
  auto index = [&](std::size_t at) {
    Index ix{offset(at, 2), 0, 0, at + 2};
    if (ix.count == 0) return ix;
    ix.off_size = byte(at + 2);
    ix.data = at + 3 + (ix.count + 1) * ix.off_size - 1;
    ix.end = ix.data + offset(at + 3 + ix.count * ix.off_size, ix.off_size);
    return ix;
  };
  Index names = index(byte(2));
  Index top = index(names.end);
  std::size_t begin = top.data + offset(names.end + 3, top.off_size);
  std::size_t end = top.data + offset(names.end + 3 + top.off_size, top.off_size);
  // Walk the Top DICT's operands and operators (TN #5176, table 3).
  std::vector<double> operands;
  for (std::size_t at = begin; at < end;) {
    std::size_t b0 = byte(at);
    if (b0 <= 21) {
      std::size_t op = b0 == 12 ? 1200 + byte(at + 1) : b0;
      at += b0 == 12 ? 2 : 1;
      if (op == 17) return index(static_cast<std::size_t>(operands.back())).count;
      operands.clear();
    } else if (b0 == 28) {
      operands.push_back(static_cast<double>(static_cast<int16_t>(offset(at + 1, 2)))), at += 3;
    } else if (b0 == 29) {
      operands.push_back(static_cast<double>(static_cast<int32_t>(offset(at + 1, 4)))), at += 5;
    } else if (b0 == 30) {
      ++at;
      while (at < end && (byte(at) & 0x0F) != 0x0F && (byte(at) >> 4) != 0x0F) ++at;
      ++at;
      operands.push_back(0);
    } else if (b0 <= 246) {
      operands.push_back(static_cast<double>(b0) - 139), ++at;
    } else if (b0 <= 250) {
      operands.push_back(static_cast<double>((b0 - 247) * 256 + byte(at + 1) + 108)), at += 2;
    } else {
      operands.push_back(-static_cast<double>((b0 - 251) * 256 + byte(at + 1) + 108)), at += 2;
    }
  }
  return 0;
}

std::string ligature_layout() {
  std::string folder = test::scratch_folder("ligature");
  return test::write_file(folder + "/latin.toml", "extends = \"" + test::source_path("layouts/booklet-a5.toml") +
                                                      "\"\n[fonts.libertine]\nregular = \"" + libertine +
                                                      "\"\n[text]\nfallback = [\"myeongjo\", \"gothic\"]\n"
                                                      "[styles.body]\nfont = \"libertine\"\n");
}

}  // namespace

TEST_CASE("a ligature is drawn as one glyph and copies back as its letters") {
  std::string folder = test::scratch_folder("ligature-doc");
  std::string md = test::write_file(folder + "/fi.md", "The first office find, 첫 사무실.\n");
  Made made = make({md}, ligature_layout(), folder + "/fi.pdf");
  int fi = 0;
  for (const auto& p : made.model.pages)
    for (const auto& r : p.runs)
      for (const auto& g : r.glyphs) fi += r.text_of(g) == "fi";
  CHECK(fi == 2);  // "first" and "find"; "office" sets "ffi" as one glyph
  std::string text = test::run("pdftotext " + shell_quoted(made.pdf) + " -").out;
  CHECK(text.find("The first office find, 첫 사무실.") != std::string::npos);
  // The ToUnicode map sends the ligature's code to "f" "i".
  CHECK(test::read_text(qdf(made.pdf)).find("<00660069>") != std::string::npos);
  auto fonts = test::run("pdffonts " + shell_quoted(made.pdf));
  CHECK(fonts.out.find("+LinLibertine") != std::string::npos);
  CHECK(fonts.out.find("CID Type 0C") != std::string::npos);
}

TEST_CASE("a family's Latin family sets Latin, Greek and Cyrillic, and the punctuation among them") {
  std::string folder = test::scratch_folder("latin-family");
  std::string layout = test::write_file(folder + "/latin.toml", "extends = \"" + test::source_path("layouts/booklet-a5.toml") +
                                                                    "\"\n[fonts.libertine]\nregular = \"" + libertine +
                                                                    "\"\n[fonts.myeongjo]\nlatin = \"libertine\"\n");
  const std::string text = "모리스(William Morris)는 2024년 αβγ와 Русский를 'don't'라 했다.";  // one line
  std::string md = test::write_file(folder + "/latin.md", text + "\n\n(Latin first) 다음.\n");
  // The file each piece of the line is drawn from, and the run it is in.
  auto face_of = [](const Made& made, const std::string& piece) -> std::pair<std::string, const page::TextRun*> {
    for (const auto& p : made.model.pages)
      for (const auto& r : p.runs)
        if (r.text.find(piece) != std::string::npos)
          return {std::filesystem::path(made.model.fonts[r.font].path).filename().string(), &r};
    return {"", nullptr};
  };
  Made made = make({md}, layout, folder + "/latin.pdf");
  for (const char* latin : {"William Morris", "αβγ", "Русский", "don\u2019t"}) CHECK_MESSAGE(face_of(made, latin).first == "LinLibertine_R.otf", latin);
  // Brackets and quotes go with their opening one, digits and particles with the Hangul.
  for (const char* hangul : {"모리스(", ")는 2024년 ", "와 ", "를 \u2018", "\u2019라 했다."})
    CHECK_MESSAGE(face_of(made, hangul).first == "NanumMyeongjo.ttf", hangul);
  // A paragraph opening in Latin keeps to the baseline grid of the Hangul face.
  REQUIRE(face_of(made, "(Latin first)").second != nullptr);
  CHECK(face_of(made, "(Latin first)").second->y - face_of(made, "모리스(").second->y ==
        doctest::Approx(17));  // booklet-a5's body leading, one line down
  // Greek goes in at its own width, not the Hangul face's full em.
  const page::TextRun* greek = face_of(made, "αβγ").second;
  REQUIRE(greek != nullptr);
  REQUIRE(greek->glyphs.size() == 3);
  CHECK(greek->glyphs[2].x - greek->glyphs[0].x < 0.7 * greek->size * 2);
  CHECK(test::run("pdftotext " + shell_quoted(made.pdf) + " -").out.find(text) != std::string::npos);
  CHECK(test::run("pdffonts " + shell_quoted(made.pdf)).out.find("+LinLibertine") != std::string::npos);
  // latin-scale evens out the x-heights: the Latin runs, and only they, set larger.
  std::string scaled_layout = test::write_file(folder + "/scaled.toml", test::read_text(layout) + "latin-scale = 1.1\n");
  Made scaled = make({md}, scaled_layout, folder + "/scaled.pdf");
  const page::TextRun* roman = face_of(made, "William Morris").second;
  const page::TextRun* larger = face_of(scaled, "William Morris").second;
  REQUIRE((roman && larger));
  CHECK(roman->size == doctest::Approx(10));
  CHECK(larger->size == doctest::Approx(11));
  CHECK(larger->glyphs.back().x - larger->glyphs.front().x ==
        doctest::Approx(1.1 * (roman->glyphs.back().x - roman->glyphs.front().x)).epsilon(1e-3));
  CHECK(face_of(scaled, "모리스(").second->size == doctest::Approx(10));
  // Without it, the Hangul family sets them all, Greek a full em each.
  Made plain = make({md}, "booklet-a5", folder + "/plain.pdf");
  CHECK(face_of(plain, "William Morris").first == "NanumMyeongjo.ttf");
  CHECK(face_of(plain, "αβγ").second->glyphs[2].x - face_of(plain, "αβγ").second->glyphs[0].x > 0.95 * 10 * 2);
}

TEST_CASE("old Hangul jamo clusters print through Noto CJK and copy back as their jamo") {
  std::string folder = test::scratch_folder("jamo");
  // 훈민정음's ᄒᆞᆫ글: syllables no precomposed code point covers.
  std::string md = test::write_file(folder + "/jamo.md",
                                    "\u1112\u119E\u11AB\u1100\u1173\u11AF 새로 스믈 여듧 字\u1105\u119E\u11AF "
                                    "맹\u1100\u119E노니\n");
  Made made = make({md}, "booklet-a5-noto", folder + "/jamo.pdf");
  // HarfBuzz composes each archaic syllable into one glyph of the font
  // (ljmo, vjmo, tjmo); its text is the whole jamo cluster.
  int clusters = 0;
  for (const auto& p : made.model.pages)
    for (const auto& r : p.runs)
      for (const auto& g : r.glyphs) clusters += r.text_of(g) == "\u1112\u119E\u11AB" || r.text_of(g) == "\u1105\u119E\u11AF";
  CHECK(clusters == 2);
  // NFC composes the modern 글 and leaves the archaic syllables as jamo.
  std::string text = test::run("pdftotext " + shell_quoted(made.pdf) + " -").out;
  CHECK(text.find("\u1112\u119E\u11AB글 새로 스믈 여듧 字\u1105\u119E\u11AF") != std::string::npos);
  CHECK(test::run("gs -q -o /dev/null -sDEVICE=nullpage " + shell_quoted(made.pdf)).out.empty());
}

TEST_CASE("straight quotes are shown as typographic ones, code's stay straight, and all copy back as written") {
  const std::string folder = test::scratch_folder("quotes");
  const std::string line1 = "그는 '나'의 \"말\"을 했다. don't ";
  const std::string line2 = "실제 ‘따옴표’와 “인용”도 있다.";
  const std::string md = test::write_file(folder + "/q.md", line1 + "`'x'` 끝.\n\n" + line2 + "\n");
  const std::string straight = test::write_file(
      folder + "/straight.toml",
      "extends = \"" + test::source_path("layouts/booklet-a5.toml") + "\"\n[text]\nsmart-quotes = false\n");
  FT_Library ft;
  REQUIRE(FT_Init_FreeType(&ft) == 0);
  // Each quote of the page model: the character of its font its glyph is,
  // whether that is the code font's, and what the author wrote if the glyph
  // sets another character.
  struct Quote {
    char32_t glyph = 0;
    bool code = false;
    std::string written;
    bool operator==(const Quote&) const = default;
  };
  const std::vector<std::string> quotes = {"'", "\"", "‘", "’", "“", "”"};
  auto shown = [&](const Made& made) {
    std::vector<Quote> out;
    for (const auto& p : made.model.pages)
      for (const auto& r : p.runs) {
        const page::FontFile& file = made.model.fonts[r.font];
        FT_Face face = nullptr;
        REQUIRE(FT_New_Face(ft, file.path.c_str(), file.index, &face) == 0);
        for (const page::PlacedGlyph& g : r.glyphs) {
          if (std::find(quotes.begin(), quotes.end(), r.text_of(g)) == quotes.end()) continue;
          Quote q;
          for (char32_t c : {U'\'', U'"', U'\u2018', U'\u2019', U'\u201C', U'\u201D'})
            if (FT_Get_Char_Index(face, c) == g.id) q.glyph = c;
          q.code = file.name.find("Coding") != std::string::npos;
          if (g.straight) q.written = r.written_of(g);
          out.push_back(q);
        }
        FT_Done_Face(face);
      }
    return out;
  };
  Made smart = make({md}, "booklet-a5", folder + "/smart.pdf");
  const std::vector<Quote> typographic = {
      {U'\u2018', false, "'"}, {U'\u2019', false, "'"}, {U'\u201C', false, "\""}, {U'\u201D', false, "\""},
      {U'\u2019', false, "'"},  // don't: an apostrophe
      {U'\'', true, ""},        {U'\'', true, ""},  // code
      {U'\u2018', false, ""},   {U'\u2019', false, ""}, {U'\u201C', false, ""}, {U'\u201D', false, ""}};  // as written
  CHECK(shown(smart) == typographic);
  Made plain = make({md}, straight, folder + "/straight.pdf");
  const std::vector<Quote> as_written = {{U'\'', false, ""},     {U'\'', false, ""},     {U'"', false, ""},
                                         {U'"', false, ""},      {U'\'', false, ""},     {U'\'', true, ""},
                                         {U'\'', true, ""},      {U'\u2018', false, ""}, {U'\u2019', false, ""},
                                         {U'\u201C', false, ""}, {U'\u201D', false, ""}};
  CHECK(shown(plain) == as_written);
  FT_Done_FreeType(ft);
  // The text read back is the author's, straight and curly quotes alike,
  // though one glyph shows both: each quote says its own characters.
  for (const Made* made : {&smart, &plain}) {
    const std::string text = test::run("pdftotext " + shell_quoted(made->pdf) + " -").out;
    CHECK(text.find(line1 + "'x' 끝.") != std::string::npos);
    CHECK(text.find(line2) != std::string::npos);
  }
  CHECK(test::run("qpdf --check " + shell_quoted(smart.pdf)).status == 0);
}

TEST_CASE("each embedded font program loads in FreeType and holds exactly the glyphs used") {
  std::string folder = test::scratch_folder("programs");
  FT_Library ft;
  REQUIRE(FT_Init_FreeType(&ft) == 0);
  for (const char* layout : {"booklet-a5", "booklet-a5-noto"}) {
    CAPTURE(layout);
    Made made = make({test::source_path("samples/booklet.toml")}, layout, folder + "/" + layout + ".pdf");
    auto used = glyphs_used(made.model);
    auto programs = font_programs(qdf(made.pdf));
    REQUIRE(programs.size() == used.size());
    for (const auto& program : programs) {
      CAPTURE(program.name);
      REQUIRE(used.count(program.name) == 1);
      FT_Face face = nullptr;
      REQUIRE(FT_New_Memory_Face(ft, reinterpret_cast<const FT_Byte*>(program.bytes.data()),
                                 static_cast<FT_Long>(program.bytes.size()), 0, &face) == 0);
      std::size_t expected = used[program.name].size() + (used[program.name].count(0) ? 0 : 1);
      // FreeType counts a CID-keyed CFF by its CIDs; its CharStrings hold the glyphs.
      bool cff = std::string(FT_Get_Font_Format(face)) == "CFF";
      std::size_t glyphs = cff ? cff_glyph_count(program.bytes) : static_cast<std::size_t>(face->num_glyphs);
      CHECK(glyphs == expected);
      FT_Done_Face(face);
    }
  }
  FT_Done_FreeType(ft);
}

TEST_CASE("the writer subsets the typesetter's own faces, then gives their files' pages back") {
  // As the program runs: the PDF writer is given the faces typesetting
  // opened, rather than opening the files again.
  Diagnostics diags;
  auto pub = doc::read_publication({test::source_path("samples/booklet.toml")}, diags);
  REQUIRE(pub.ok());
  auto layout = style::load_layout("booklet-a5", {{test::source_path("layouts")}});
  REQUIRE(layout.ok());
  app::Context ctx;
  auto model = app::typeset(*pub, *layout, ctx);
  REQUIRE(model.ok());
  render::PdfOptions own;
  own.faces = &ctx.fonts;
  own.threads = 2;
  const std::string myeongjo = test::source_path("fonts/NanumMyeongjo.ttf");
  CHECK(test::resident_kb(myeongjo) > 0);  // shaping read it
  auto with_faces = render::write_pdf(*model, own);
  REQUIRE(with_faces.ok());
  // Every face the pages use had its subset made and its pages given back
  // (Nanum Myeongjo's glyphs alone are 2.6 MB of them while subsetting).
  for (const auto& font : model->fonts) {
    if (font.path.empty()) continue;  // a fallback face deferred, and never needed
    CAPTURE(font.path);
    CHECK(test::resident_kb(font.path) < 100);
  }
  // The same bytes as from the files opened afresh.
  auto opened = render::write_pdf(*model, render::PdfOptions{});
  REQUIRE(opened.ok());
  CHECK(*with_faces == *opened);
}

TEST_CASE("a ligature font that keeps its glyph ids holds the glyphs used and no others") {
  std::string folder = test::scratch_folder("programs-latin");
  std::string md = test::write_file(folder + "/fi.md", "The first office find.\n");
  Made made = make({md}, ligature_layout(), folder + "/fi.pdf");
  auto programs = font_programs(qdf(made.pdf));
  auto used = glyphs_used(made.model);
  FT_Library ft;
  REQUIRE(FT_Init_FreeType(&ft) == 0);
  for (const auto& program : programs) {
    if (program.name != "LinLibertineO") continue;
    FT_Face face = nullptr;
    REQUIRE(FT_New_Memory_Face(ft, reinterpret_cast<const FT_Byte*>(program.bytes.data()),
                               static_cast<FT_Long>(program.bytes.size()), 0, &face) == 0);
    // A name-keyed CFF keeps its glyph ids, so unused glyphs are empty outlines.
    int drawn = 0;
    for (FT_Long g = 1; g < face->num_glyphs; ++g) {
      REQUIRE(FT_Load_Glyph(face, static_cast<FT_UInt>(g), FT_LOAD_NO_SCALE) == 0);
      bool has_outline = face->glyph->outline.n_points > 0;
      if (has_outline) ++drawn;
      if (has_outline) CHECK(used["LinLibertineO"].count(static_cast<std::uint32_t>(g)) == 1);
    }
    CHECK(drawn > 5);
    FT_Done_Face(face);
  }
  FT_Done_FreeType(ft);
}

TEST_CASE("the booklet's PDF is smaller with our subsets than with libharu's TrueType embedding") {
  std::string folder = test::scratch_folder("sizes");
  Made ours = make({test::source_path("samples/booklet.toml")}, "booklet-a5", folder + "/subset.pdf");
  Made theirs = make({test::source_path("samples/booklet.toml")}, "booklet-a5", folder + "/libharu.pdf",
                     render::FontEmbedding::libharu);
  auto size = [](const std::string& p) { return test::read_text(p).size(); };
  MESSAGE("booklet PDF: " << size(ours.pdf) << " bytes with HarfBuzz subsets, " << size(theirs.pdf)
                          << " bytes with libharu's embedding");
  CHECK(size(ours.pdf) * 2 < size(theirs.pdf));
}

TEST_CASE("numbers in content streams round halves away from zero and drop trailing zeros") {
  using render::Content;
  CHECK(Content::number(2.5, 0) == "3");
  CHECK(Content::number(-2.5, 0) == "-3");
  CHECK(Content::number(0.125, 2) == "0.13");
  CHECK(Content::number(-0.125, 2) == "-0.13");
  CHECK(Content::number(0.0625, 3) == "0.063");  // zeros inside the fraction stay
  CHECK(Content::number(-0.004, 2) == "0");      // no "-0"
  CHECK(Content::number(100) == "100");
  CHECK(Content::number(12.5) == "12.5");
  CHECK(Content::number(3.000001, 6) == "3.000001");
  CHECK(Content::number(-123.456789, 6) == "-123.456789");
  CHECK(Content::number(595.2756) == "595.276");
  CHECK(Content::number(1e12) == "1000000000000");
  CHECK(Content::number(1e30, 0) == "1000000000000000000");  // held at 10^18 units, never overflowing
}

TEST_CASE("content streams draw each run with TJ, by glyph id, a glyph set for other characters on its own") {
  std::string folder = test::scratch_folder("content");
  Made made = make({test::source_path("samples/work-as-art.md")}, "booklet-a5", folder + "/c.pdf");
  std::string text = test::read_text(qdf(made.pdf));
  std::size_t tj = 0, tj_single = 0, spans = 0;
  for (std::size_t at = text.find("] TJ"); at != std::string::npos; at = text.find("] TJ", at + 1)) ++tj;
  for (std::size_t at = text.find(") Tj"); at != std::string::npos; at = text.find(") Tj", at + 1)) ++tj_single;
  for (std::size_t at = text.find("/ActualText"); at != std::string::npos; at = text.find("/ActualText", at + 1)) ++spans;
  // A TJ for each stretch of a run between glyphs that set other characters
  // than were written (the essay's straight quotes, set curly), and one for
  // each of those, in a span of its own; and one for a bracket set half an
  // em wide with the glyph it is drawn over (the space before 《, the
  // syllable after 》), in a span of their own.
  std::size_t stretches = 0, written = 0, drawn_over = 0;
  for (const auto& p : made.model.pages)
    for (const auto& r : p.runs) {
      bool open = false;
      for (std::size_t i = 0; i < r.glyphs.size(); ++i) {
        const page::PlacedGlyph& g = r.glyphs[i];
        const bool has_next = i + 1 < r.glyphs.size();
        const Pt advance = has_next ? r.glyphs[i + 1].x - g.x : 0;
        if (has_next && ((r.text_of(g) == " " && r.text_of(r.glyphs[i + 1]) == "《" && advance < 0) ||
                         (r.text_of(g) == "》" && advance < r.size * 0.75))) {
          ++drawn_over, ++stretches, open = false, ++i;
        } else if (g.straight) {
          ++written, ++stretches, open = false;
        } else if (!open) {
          ++stretches, open = true;
        }
      }
    }
  CHECK(written > 0);
  CHECK(drawn_over == 2);  // 저서 《The Technological Society》에서
  CHECK(spans == written + drawn_over);
  CHECK(tj == stretches);
  CHECK(tj_single == 0);
}

TEST_CASE("every word poppler reads starts where the page model put a glyph, to 0.01 pt") {
  // Letter spacing goes into Tc and word spaces into TJ numbers: a slip in
  // either moves every later glyph of a line, and so the words poppler finds.
  std::string folder = test::scratch_folder("positions");
  Made made = make({test::source_path("samples/work-as-art.md")}, "booklet-a5", folder + "/p.pdf");
  const auto pages = test::pdf_words(made.pdf);
  REQUIRE(pages.size() == made.model.pages.size());
  std::size_t words = 0, placed = 0;
  double worst = 0;
  for (std::size_t page = 0; page < pages.size(); ++page)
    for (const auto& w : pages[page]) {
      double nearest = 1e9;
      for (const auto& run : made.model.pages[page].runs) {
        if (run.y < w.y0 - 1 || run.y > w.y1 + 1) continue;  // another line
        for (const auto& g : run.glyphs) nearest = std::min(nearest, std::abs(run.x + g.x - w.x0));
      }
      ++words;
      if (nearest <= 0.01) ++placed;
      worst = std::max(worst, nearest);
    }
  MESSAGE(words << " words, the farthest " << worst << " pt from a glyph of the page model");
  CHECK(words > 500);
  CHECK(placed == words);
}
