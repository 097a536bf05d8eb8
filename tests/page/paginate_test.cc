// Pagination invariants on the page model of both samples, in both layouts.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "app/typeset.h"
#include "core/files.h"
#include "doc/read.h"
#include "support.h"

using namespace jakpum;

namespace {

struct Typeset {
  style::Layout layout;
  page::PageModel model;
};

Typeset typeset(const std::vector<std::string>& inputs, const std::string& layout_name) {
  Diagnostics diags;
  auto pub = doc::read_publication(inputs, diags);
  REQUIRE(pub.ok());
  auto layout = style::load_layout(layout_name, {{test::source_path("layouts")}});
  REQUIRE(layout.ok());
  app::Context ctx;
  auto model = app::typeset(*pub, *layout, ctx);
  REQUIRE_MESSAGE(model.ok(), (model.ok() ? "" : format(model.error())));
  return {std::move(*layout), std::move(*model)};
}

bool is_heading(const std::string& style) { return style == "h1" || style == "h2" || style == "h3"; }

// The body runs of a page (not running heads), in order.
std::vector<const page::TextRun*> body_runs(const page::Page& p) {
  std::vector<const page::TextRun*> out;
  for (const auto& r : p.runs)
    if (r.block >= 0) out.push_back(&r);
  return out;
}

}  // namespace

TEST_CASE("pagination invariants hold for the booklet in both layouts") {
  for (const char* layout : {"booklet-a5", "handout-a4"}) {
    CAPTURE(layout);
    Typeset t = typeset({test::source_path("samples/booklet.toml")}, layout);
    const auto& pages = t.model.pages;
    REQUIRE(pages.size() >= 4);
    const bool facing = t.layout.page.facing;

    std::map<int, std::set<int>> pages_of_block;  // block → pages it is on
    for (const auto& p : pages) {
      CHECK(p.width == doctest::Approx(t.layout.page.width));
      CHECK(p.height == doctest::Approx(t.layout.page.height));
      auto runs = body_runs(p);
      for (const auto* r : runs) pages_of_block[r->block].insert(p.number);
      // No heading is the last thing on a page.
      if (!runs.empty() && &p != &pages.back()) CHECK_FALSE(is_heading(runs.back()->style));
      // Nothing leaves the text block (running heads are outside it on purpose).
      for (const auto* r : runs) {
        CHECK(r->y <= p.height - t.layout.page.margin_bottom + 1e-6);
        CHECK(r->y >= t.layout.page.margin_top);
      }
      if (p.blank) CHECK(p.runs.empty());
    }
    int pull_quotes = 0, titles = 0;
    for (const auto& p : pages)
      for (const auto* r : body_runs(p)) {
        // A pull quote is on one page.
        if (r->style == "pullquote") {
          ++pull_quotes;
          CHECK(pages_of_block[r->block].size() == 1);
        }
        // Each essay opens on a right-hand (odd) page when pages face.
        if (r->style == "title") {
          ++titles;
          if (facing) CHECK(p.number % 2 == 1);
          CHECK(body_runs(p).front()->style == "title");
        }
      }
    CHECK(pull_quotes >= 2);
    CHECK(titles == 2);
  }
}

TEST_CASE("running heads: page numbers on every page but blanks, no header on opening pages") {
  Typeset t = typeset({test::source_path("samples/booklet.toml")}, "booklet-a5");
  for (const auto& p : t.model.pages) {
    std::string footer, header;
    for (const auto& r : p.runs) {
      std::string text;
      text += r.text;
      if (r.style == "footer") footer += text;
      if (r.style == "header") header += text;
    }
    // Blank pages, the cover and the colophon carry no running heads.
    const bool cover = p.number == 1, colophon = p.part == page::Part::back;
    if (p.blank || cover || colophon) {
      CHECK(footer.empty());
      CHECK(header.empty());
      continue;
    }
    CHECK(footer == p.label);
    bool opening = false;
    for (const auto& r : p.runs) opening |= r.style == "title" || r.style == "contents-title";
    CHECK(header.empty() == opening);
    // Page numbers sit on the outer side: right on recto, left on verso.
    for (const auto& r : p.runs)
      if (r.style == "footer") {
        if (p.number % 2) CHECK(r.x > p.width / 2);
        else CHECK(r.x < p.width / 2);
      }
  }
}

TEST_CASE("the outline has every title and heading, nested, with its page") {
  Typeset t = typeset({test::source_path("samples/booklet.toml")}, "booklet-a5");
  std::vector<std::string> titles;
  for (const auto& e : t.model.outline) titles.push_back(std::to_string(e.level) + " " + e.title);
  CHECK(titles == std::vector<std::string>{"1 차례", "1 work as art", "2 서론: 잃어버린 '나'의 흔적",
                                           "2 1. 노동의 원형: 사회와 관계 맺는 기술",
                                           "2 2. 거대 기계(Megamachine)의 등장과 관계의 단절",
                                           "2 3. 자율적 기술과 부속품이 된 개발자",
                                           "2 4. 나는 어떻게 나의 작품을 되찾을 것인가?", "1 경험을 공유하는 시대의 역설"});
  for (const auto& e : t.model.outline) {
    bool found = false;
    for (const auto& r : t.model.pages[e.page].runs)
      found |= r.style == "title" || r.style == "contents-title" || is_heading(r.style);
    CHECK(found);
  }
}

TEST_CASE("a heading keeps with the next two lines, moving to the next page if need be") {
  std::string folder = test::scratch_folder("keep");
  std::string filler;
  for (int i = 0; i < 26; ++i) filler += "짧은 문단 " + std::to_string(i) + ".\n\n";
  std::string path = test::write_file(folder + "/keep.md", filler + "# 제목\n\n첫 문단은 두 줄이 넘도록 길게 써서 "
                                                                    "다음 쪽으로 넘어가야 하는지를 본다. 본문은 "
                                                                    "계속 이어지고 또 이어진다.\n");
  Typeset t = typeset({path}, "booklet-a5");
  for (const auto& p : t.model.pages) {
    auto runs = body_runs(p);
    for (std::size_t i = 0; i < runs.size(); ++i)
      if (runs[i]->style == "h1") {
        std::size_t after = runs.size() - i - 1;
        CHECK(after >= 2);
      }
  }
}

namespace {

// The lowest baseline of the text block on each page (running heads aside).
Pt bottom_of(const page::Page& p) {
  Pt y = 0;
  for (const auto& r : p.runs)
    if (r.block >= 0) y = std::max(y, r.y);
  return y;
}

}  // namespace

TEST_CASE("facing pages end on the same baseline, and a document's last page is not a stub") {
  for (const char* layout : {"booklet-a5", "booklet-a5-noto"}) {
    CAPTURE(layout);
    Typeset t = typeset({test::source_path("samples/booklet.toml")}, layout);
    const auto& pages = t.model.pages;
    // A document's last page: the page before a blank or an opening, or the very last.
    auto last_of_document = [&](std::size_t i) {
      if (i + 1 == pages.size()) return true;
      if (pages[i + 1].blank || pages[i + 1].part != pages[i].part) return true;
      for (const auto* r : body_runs(pages[i + 1]))
        if (r->style == "title") return true;
      return false;
    };
    for (std::size_t i = 0; i + 1 < pages.size(); ++i) {
      if (pages[i].part != page::Part::body || pages[i + 1].part != page::Part::body) continue;
      if (pages[i].number % 2 != 0 || pages[i].blank || last_of_document(i) || last_of_document(i + 1)) continue;
      CAPTURE(pages[i].number);
      CHECK(bottom_of(pages[i]) == doctest::Approx(bottom_of(pages[i + 1])).epsilon(0.002));
    }
    for (std::size_t i = 1; i < pages.size(); ++i)
      if (pages[i].part == page::Part::body && last_of_document(i) && !pages[i].blank && !last_of_document(i - 1)) {
        std::set<Pt> lines;
        for (const auto* r : body_runs(pages[i])) lines.insert(r->y);
        CHECK(lines.size() >= static_cast<std::size_t>(t.layout.page.last_page_lines));
      }
  }
}

TEST_CASE("a pull quote floats on to where text can follow it, never ending a page") {
  std::string folder = test::scratch_folder("float");
  // Fill a page nearly to its foot, then ask for a pull quote.
  std::string md;
  for (int i = 0; i < 20; ++i) md += "한 줄짜리 문단 " + std::to_string(i) + ".\n\n";
  md += "이 문단 뒤에 뽑은 글이 온다.\n\n> [!pullquote]\n> 크게 뽑은 문장은 위아래에 줄을 긋고, 쪽의 끝에 홀로 서지 않는다.\n\n";
  for (int i = 0; i < 30; ++i) md += "뒤따르는 문단 " + std::to_string(i) + "은 조금 더 길어서 한 줄을 채우고도 남도록 쓴다.\n\n";
  std::string path = test::write_file(folder + "/float.md", md);
  Typeset t = typeset({path}, "booklet-a5");
  int seen = 0;
  for (const auto& p : t.model.pages) {
    auto runs = body_runs(p);
    for (std::size_t i = 0; i < runs.size(); ++i)
      if (runs[i]->style == "pullquote") {
        ++seen;
        // Text follows it on its page, at least the orphan limit of lines.
        std::set<Pt> after;
        for (std::size_t j = i + 1; j < runs.size(); ++j)
          if (runs[j]->style == "body") after.insert(runs[j]->y);
        CHECK(after.size() >= 2);
      }
  }
  CHECK(seen >= 2);  // two lines of pull quote
}

TEST_CASE("a pull quote taller than a page breaks between its lines where it stands, leaving no page empty") {
  std::string folder = test::scratch_folder("float-tall");
  std::string quote;
  for (int i = 0; i < 200; ++i) quote += "일은 곧 작품이다. ";
  const std::string md = "앞 문단.\n\n> [!pullquote]\n> " + quote + "\n\n뒤 문단.\n";
  Typeset t = typeset({test::write_file(folder + "/tall.md", md)}, "booklet-a5");
  const auto& pages = t.model.pages;
  REQUIRE(pages.size() >= 3);
  // Every page holds the pull quote's lines, from the first (below the
  // paragraph before it) to the last (above the paragraph after it).
  for (std::size_t i = 0; i < pages.size(); ++i) {
    INFO("page " << i + 1);
    int quoted = 0;
    for (const auto* r : body_runs(pages[i])) quoted += r->style == "pullquote";
    CHECK(quoted > 0);
  }
  std::string first, last;
  for (const auto* r : body_runs(pages.front())) first += r->text;
  for (const auto* r : body_runs(pages.back())) last += r->text;
  CHECK(first.find("앞 문단.") != std::string::npos);
  CHECK(last.find("뒤 문단.") != std::string::npos);
  // Nothing lost.
  std::string text;
  for (const auto& p : pages)
    for (const auto* r : body_runs(p))
      if (r->style == "pullquote") text += r->text;
  std::size_t count = 0;
  for (std::size_t at = text.find("작품이다."); at != std::string::npos; at = text.find("작품이다.", at + 1)) ++count;
  CHECK(count == 200);
}

TEST_CASE("a running head longer than the measure is cut at a word and ends with an ellipsis") {
  std::string folder = test::scratch_folder("long-head");
  std::string title;
  for (int i = 0; i < 30; ++i) title += (i ? " " : "") + std::string("아주 긴 제목") + std::to_string(i);
  std::string body;
  for (int i = 0; i < 400; ++i) body += "본문이다. ";
  const std::string input =
      test::write_file(folder + "/long.md", "+++\ntitle = \"" + title + "\"\n+++\n\n" + body + "\n");
  Typeset t = typeset({input}, "booklet-a5");
  int heads = 0;
  for (const auto& p : t.model.pages) {
    std::string header;
    for (const auto& r : p.runs)
      if (r.style == "header") header += r.text;
    if (header.empty()) continue;
    ++heads;
    INFO("page " << p.number << ": " << header);
    // The title's beginning, whole words of it, and an ellipsis.
    REQUIRE(header.ends_with("\u2026"));
    const std::string bare = test::without_space(header.substr(0, header.size() - 3));
    CHECK(test::without_space(title).starts_with(bare));
    std::size_t at = 0;
    for (std::size_t seen = 0; at < title.size() && seen < bare.size(); ++at)
      if (title[at] != ' ') ++seen;
    CHECK(at < title.size());
    CHECK(title[at] == ' ');
  }
  CHECK(heads >= 2);

  // In the PDF: the head within the text block, filling most of its width.
  const std::string pdf = folder + "/long.pdf";
  REQUIRE(test::jakpum("-q -o " + test::shell_quoted(pdf) + " " + test::shell_quoted(input)).status == 0);
  const auto pages = test::pdf_words(pdf);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const bool recto = (i + 1) % 2 == 1;
    const double left = recto ? t.layout.page.margin_inner : t.layout.page.margin_outer;
    double x0 = 1e9, x1 = -1e9;
    for (const auto& w : pages[i])
      if (w.y1 < t.layout.page.margin_top) x0 = std::min(x0, w.x0), x1 = std::max(x1, w.x1);
    if (x1 < x0) continue;
    INFO("page " << i + 1);
    CHECK(x0 >= left - 0.01);
    CHECK(x1 <= left + t.layout.text_width() + 0.01);
    CHECK(x1 - x0 > 0.8 * t.layout.text_width());
  }
}

namespace {

// work-as-art.md with a note after the first sentence of its first `count`
// paragraphs, the notes one to four lines long, defined at its end.
std::string essay_with_notes(const std::string& folder, int count) {
  auto text = read_file(test::source_path("samples/work-as-art.md"));
  REQUIRE(text.ok());
  std::string out, notes;
  std::size_t body = text->find("+++", 3) + 4;
  out = text->substr(0, body);
  int n = 0;
  for (std::size_t at = body; at < text->size();) {
    std::size_t end = std::min(text->find('\n', at), text->size());
    std::string line = text->substr(at, end - at);
    const std::size_t sentence = line.find("다.");
    if (n < count && sentence != std::string::npos && !line.starts_with('#') && !line.starts_with('>')) {
      line.insert(sentence + std::string("다.").size(), "[^n" + std::to_string(++n) + "]");
      notes += "[^n" + std::to_string(n) + "]: 각주 " + std::to_string(n) + "의 내용이다.";
      for (int k = 0; k < n % 4; ++k) notes += " 이 각주는 조금 길게 써서 여러 줄에 걸치도록 한다.";
      notes += "\n";
    }
    out += line + "\n";
    at = end + 1;
  }
  REQUIRE(n == count);
  return test::write_file(folder + "/notes.md", out + "\n" + notes);
}

bool is_number(const std::string& s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; }

}  // namespace

TEST_CASE("each note is set at the foot of the page that refers to it, below the text, or at the end when asked") {
  std::string folder = test::scratch_folder("notes-foot");
  const std::string input = essay_with_notes(folder, 14);
  Typeset t = typeset({input}, "booklet-a5");
  const Pt body_size = t.layout.style("body").size;
  const Pt foot = t.layout.page.height - t.layout.page.margin_bottom;
  int notes = 0;
  for (const auto& p : t.model.pages) {
    CAPTURE(p.number);
    std::multiset<std::string> referred, set;
    Pt text_bottom = 0, notes_top = foot + 1, notes_bottom = 0;
    const page::TextRun* last_text = nullptr;
    for (const auto* r : body_runs(p)) {
      if (r->style == "note") {
        notes_top = std::min(notes_top, r->y), notes_bottom = std::max(notes_bottom, r->y);
        if (r->text.ends_with('.') && is_number(r->text.substr(0, r->text.size() - 1)))
          set.insert(r->text.substr(0, r->text.size() - 1));
        continue;
      }
      text_bottom = std::max(text_bottom, r->y);
      last_text = r;
      if (r->size < body_size * 0.7 && is_number(r->text)) referred.insert(r->text);
    }
    // The notes of the page's references, all of them, none other.
    CHECK(referred == set);
    notes += static_cast<int>(set.size());
    if (set.empty()) continue;
    // Below its text, their last line at the foot of the text block.
    CHECK(notes_top > text_bottom);
    CHECK(notes_bottom <= foot + 1e-6);
    CHECK(notes_bottom > foot - t.layout.style("note").leading_pt());
    // No heading left above the notes without its text.
    if (&p != &t.model.pages.back() && last_text) CHECK_FALSE(is_heading(last_text->style));
  }
  CHECK(notes == 14);

  // With `notes-at-foot = false`, the notes follow the text at the end.
  const std::string layout =
      test::write_file(folder + "/end.toml", "extends = \"booklet-a5\"\n[page]\nnotes-at-foot = false\n");
  Typeset end = typeset({input}, layout);
  bool in_notes = false;
  int at_end = 0;
  for (const auto& p : end.model.pages)
    for (const auto* r : body_runs(p)) {
      if (r->style == "note")
        in_notes = true, at_end += r->text.ends_with('.') && is_number(r->text.substr(0, r->text.size() - 1));
      else if (in_notes)
        CHECK(r->style == "credit");  // the copyright alone comes after them
    }
  CHECK(at_end == 14);

  // A note taller than half the text block would leave its page little text: it is set at the end.
  std::string tall = "본문이다.[^a] 다음 문장.\n\n";
  for (int i = 0; i < 30; ++i) tall += "문단 " + std::to_string(i) + " 이다.\n\n";
  tall += "[^a]:";
  for (int i = 0; i < 200; ++i) tall += " 아주 긴 각주의 문장이 계속된다.";
  Typeset long_note = typeset({test::write_file(folder + "/tall.md", tall + "\n")}, "booklet-a5");
  bool note_seen = false;
  for (const auto& p : long_note.model.pages)
    for (const auto* r : body_runs(p)) {
      if (r->style == "note")
        note_seen = true;
      else
        CHECK_FALSE(note_seen);  // nothing of the text after it
    }
  CHECK(note_seen);
  // Nor do the notes of one line go past that together: the rest wait at the end, never over the text.
  std::string crowded = "본문이다.[^0][^1][^2][^3][^4][^5] 다음 문장.\n\n";
  for (int i = 0; i < 30; ++i) crowded += "문단 " + std::to_string(i) + " 이다.\n\n";
  for (int n = 0; n < 6; ++n) {
    crowded += "[^" + std::to_string(n) + "]:";
    for (int i = 0; i < 25; ++i) crowded += " 꽤 긴 각주의 문장이 계속된다.";
    crowded += "\n";
  }
  Typeset many = typeset({test::write_file(folder + "/crowded.md", crowded)}, "booklet-a5");
  for (const auto& p : many.model.pages) {
    CAPTURE(p.number);
    Pt text_bottom = 0, notes_top = p.height;
    for (const auto* r : body_runs(p)) {
      if (r->style == "note")
        notes_top = std::min(notes_top, r->y);
      else
        text_bottom = std::max(text_bottom, r->y);
    }
    CHECK(notes_top > text_bottom);
  }
}
