// Line breaking, greedy and total-fit, on real shaped Korean text.
#include "linebreak/lines.h"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>

#include "core/files.h"
#include "support.h"
#include "text/hyphenate.h"

using namespace jakpum;
using linebreak::End;
using linebreak::Method;

namespace {

struct Set {
  text::Paragraph para;
  shape::ShapedParagraph shaped;
  std::vector<linebreak::Line> lines;
};

linebreak::Params params(Pt measure, Method method = Method::total_fit, style::Align align = style::Align::justify) {
  linebreak::Params p;
  p.measure = measure;
  p.method = method;
  p.align = align;
  // The layout defaults (src/style/settings.cc) at 10pt.
  p.space_stretch = 0.2;
  p.space_shrink = 0.25;
  p.letter_stretch = 0.7;
  p.letter_shrink = 0.3;
  p.tolerance = 400;
  p.syllable_penalty = 1500;
  return p;
}

struct Fixture {
  font::Library fonts;
  text::LineBreaker breaker;
  shape::Shaper shaper{fonts};

  Set set(const std::string& s, const linebreak::Params& p, style::WordBreak wb = style::WordBreak::auto_) {
    auto face = fonts.load(test::source_path("fonts/NanumMyeongjo.ttf"));
    REQUIRE(face.ok());
    text::TextStyle style{{{*face}, {"myeongjo"}}, 10, {}, wb};
    text::StyledSpan span;
    span.text = s;
    auto prepared = text::prepare({span}, {style}, fonts, breaker, "t");
    REQUIRE(prepared.ok());
    Set out{*prepared, shaper.shape(*prepared), {}};
    out.lines = linebreak::break_lines(out.para, out.shaped, p);
    return out;
  }

  // `s` in a style that hyphenates: its Latin words hyphenated where
  // `hyphenate`, and broken.
  Set set_english(const std::string& s, const linebreak::Params& p, bool hyphenate) {
    auto face = fonts.load(test::source_path("fonts/NanumMyeongjo.ttf"));
    REQUIRE(face.ok());
    text::TextStyle style{{{*face}, {"myeongjo"}}, 10, {}, style::WordBreak::keep_all};
    style.hyphenate = true;
    text::StyledSpan span;
    span.text = s;
    auto prepared = text::prepare({span}, {style}, fonts, breaker, "t");
    REQUIRE(prepared.ok());
    Set out{*prepared, {}, {}};
    if (hyphenate) REQUIRE(text::hyphenate(out.para, "/usr/share/hyphen/hyph_en_US.dic") > 0);
    out.shaped = shaper.shape(out.para);
    if (hyphenate) shaper.add_hyphens(out.para, out.shaped);
    out.lines = linebreak::break_lines(out.para, out.shaped, p);
    return out;
  }

  // `s`, then a note's number `number` set at 6.5pt, raised by `rise`.
  Set set_with_note(const std::string& s, const std::string& number, const linebreak::Params& p, Pt rise) {
    auto face = fonts.load(test::source_path("fonts/NanumMyeongjo.ttf"));
    REQUIRE(face.ok());
    text::TextStyle style{{{*face}, {"myeongjo"}}, 10, {}, style::WordBreak::keep_all};
    text::TextStyle raised = style;
    raised.size = 6.5, raised.rise = rise;
    text::StyledSpan text, note;
    text.text = s, note.text = number, note.style = 1;
    auto prepared = text::prepare({text, note}, {style, raised}, fonts, breaker, "t");
    REQUIRE(prepared.ok());
    Set out{*prepared, shaper.shape(*prepared), {}};
    out.lines = linebreak::break_lines(out.para, out.shaped, p);
    return out;
  }
};

// The text of a line, as set.
std::string text_of(const Set& s, const linebreak::Line& line) {
  if (line.begin == line.end) return "";
  std::size_t from = s.shaped.glyphs[line.begin].cluster;
  std::size_t to = line.end < s.shaped.glyphs.size() ? s.shaped.glyphs[line.end].cluster : s.para.text.size();
  std::string t = s.para.text.substr(from, to - from);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.pop_back();
  return t;
}

// Right edge of the last glyph: where the line ends on the page.
Pt right_edge(const Set& s, const linebreak::Line& line) {
  return line.x.back() + s.shaped.glyphs[line.end - 1].advance;
}

std::vector<std::string> paragraphs(const std::string& seed) {
  auto text = read_file(test::source_path("tests/seeds/" + seed));
  REQUIRE(text.ok());
  std::vector<std::string> paras;
  for (std::size_t at = 0; at < text->size();) {
    std::size_t end = text->find('\n', at);
    if (end == std::string::npos) end = text->size();
    if (end > at) paras.push_back(text->substr(at, end - at));
    at = end + 1;
  }
  return paras;
}

std::string paragraph(const std::string& seed, std::size_t index) {
  auto paras = paragraphs(seed);
  REQUIRE(index < paras.size());
  return paras[index];
}

std::string longest_paragraph() {
  std::string best;
  for (std::size_t i = 0; i < 20; ++i) {
    std::string p = paragraph("work-as-art.txt", i);
    if (p.size() > best.size()) best = p;
  }
  return best;
}

double sum_of_squares(const std::vector<linebreak::Line>& lines) {
  double sum = 0;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) sum += lines[i].ratio * lines[i].ratio;
  return sum;
}

}  // namespace

TEST_CASE("justified lines end exactly at the measure, none is wider, the last is flush left") {
  Fixture f;
  for (Method method : {Method::total_fit, Method::greedy})
    for (Pt measure : {180.0, 240.0, 323.0})
      for (auto wb : {style::WordBreak::auto_, style::WordBreak::keep_all, style::WordBreak::normal}) {
        CAPTURE(measure);
        CAPTURE(static_cast<int>(method));
        CAPTURE(static_cast<int>(wb));
        auto p = params(measure, method);
        p.indent = 10;
        Set s = f.set(longest_paragraph(), p, wb);
        REQUIRE(s.lines.size() > 5);
        for (std::size_t i = 0; i < s.lines.size(); ++i) {
          const auto& line = s.lines[i];
          CAPTURE(text_of(s, line));
          CHECK(right_edge(s, line) <= measure + 1e-6);
          CHECK_FALSE(line.overfull);
          if (i + 1 < s.lines.size()) CHECK(right_edge(s, line) == doctest::Approx(measure).epsilon(1e-9));
        }
        const auto& last = s.lines.back();
        CHECK(last.ratio <= 0);
        CHECK(right_edge(s, last) == doctest::Approx(last.x.front() + last.natural));
        CHECK(s.lines.front().x.front() == 10);  // the first-line indent
      }
}

TEST_CASE("every character is set once, in order, across the lines") {
  Fixture f;
  for (Method method : {Method::total_fit, Method::greedy}) {
    Set s = f.set(longest_paragraph(), params(200, method));
    std::string joined;
    for (const auto& line : s.lines) joined += text_of(s, line);
    CHECK(test::without_space(joined) == test::without_space(s.para.text));
  }
}

TEST_CASE("total-fit picks the breaks of least demerits, as counted by hand") {
  // Knuth & Plass 1981: demerits (l + b)² + p², b = 100 |r|³; here with
  // every way of breaking the paragraph tried, and the best compared.
  Fixture f;
  auto p = params(150);
  p.letter_stretch = p.letter_shrink = 0;  // only spaces stretch and shrink, as in the paper
  p.space_stretch = 0.5, p.space_shrink = 1.0 / 3;
  p.fitness_demerits = 0;
  const std::string text = "노동은 단순히 생계를 위한 수단이 아니다. 그것은 인간이 세계와 관계 맺는 기술이다.";
  Set s = f.set(text, p, style::WordBreak::keep_all);
  // Candidate breaks: after each space; widths from the shaped glyphs.
  std::vector<std::size_t> breaks;
  for (std::size_t i = 1; i < s.shaped.glyphs.size(); ++i)
    if (s.para.text[s.shaped.glyphs[i - 1].cluster] == ' ') breaks.push_back(i);
  auto line_demerits = [&](std::size_t from, std::size_t to, bool last) {
    double width = 0, stretch = 0, shrink = 0;
    std::size_t end = to;
    while (end > from && s.para.text[s.shaped.glyphs[end - 1].cluster] == ' ') --end;
    for (std::size_t i = from; i < end; ++i) {
      double a = s.shaped.glyphs[i].advance;
      width += a;
      if (s.para.text[s.shaped.glyphs[i].cluster] == ' ') stretch += a * p.space_stretch, shrink += a * p.space_shrink;
    }
    double r = width > 150 ? (150 - width) / shrink : last ? 0 : (150 - width) / stretch;
    if (r < -1) return -1.0;  // overfull: not allowed
    double b = std::min(10000.0, 100 * std::abs(r * r * r));
    if (b > p.tolerance) return -1.0;
    return (p.line_penalty + b) * (p.line_penalty + b);
  };
  double best = -1;
  std::vector<std::size_t> best_breaks;
  const std::size_t n = s.shaped.glyphs.size();
  for (std::uint32_t mask = 0; mask < (1u << breaks.size()); ++mask) {
    std::vector<std::size_t> chosen;
    for (std::size_t k = 0; k < breaks.size(); ++k)
      if (mask & (1u << k)) chosen.push_back(breaks[k]);
    chosen.push_back(n);
    double total = 0;
    std::size_t from = 0;
    bool ok = true;
    for (std::size_t to : chosen) {
      double d = line_demerits(from, to, to == n);
      if (d < 0) { ok = false; break; }
      total += d;
      from = to;
    }
    if (ok && (best < 0 || total < best)) best = total, best_breaks = chosen;
  }
  REQUIRE(best > 0);
  double demerits = 0;
  std::vector<std::size_t> got;
  for (const auto& line : s.lines) {
    demerits += line.demerits;
    std::size_t next = &line == &s.lines.back() ? n : (&line + 1)->begin;
    got.push_back(next);
  }
  CHECK(got == best_breaks);
  CHECK(demerits == doctest::Approx(best));
  MESSAGE("least demerits " << best << " over " << got.size() << " lines");
}

TEST_CASE("when no lines fit the tolerance, total-fit still finds the least demerits, inside words too") {
  // Over every way of breaking the paragraph, at spaces and at any glyph
  // inside a word (an emergency break, penalty 5000): the least demerits,
  // found here by a shortest path over all of them, are what total-fit
  // finds. Measures run from narrow to wide so that some paragraphs need only
  // a line looser than the tolerance and others are best broken inside a word.
  // With an emergency stretch, the final passes reckon every loose line
  // with that much more stretch than its own.
  Fixture f;
  const std::string text = "노동은 단순히 생계를 위한 수단이 아니다 그것은 인간이 세계와 관계 맺는 기술이다 "
                           "자본주의적분업과자동화의시스템 속에서 우리는";
  for (const Pt extra : {0.0, 20.0}) {
    CAPTURE(extra);
    int loose_only = 0, inside_word = 0;
    for (Pt measure = 60; measure <= 260; measure += 2) {
      auto p = params(measure);
      p.letter_stretch = p.letter_shrink = 0;
      p.space_stretch = 0.5, p.space_shrink = 1.0 / 3;
      p.fitness_demerits = 0;
      p.emergency_stretch = extra;
      Set s = f.set(text, p, style::WordBreak::keep_all);
      const auto& glyphs = s.shaped.glyphs;
      const std::size_t n = glyphs.size();
      auto space = [&](std::size_t i) { return s.para.text[glyphs[i].cluster] == ' '; };
      // A line from glyph `from` to the break before `to`, ending the paragraph
      // or not: its demerits, or -1 when it is overfull (or, with `within`,
      // looser than the tolerance).
      auto line_demerits = [&](std::size_t from, std::size_t to, double penalty, bool within) {
        double width = 0, stretch = 0, shrink = 0;
        std::size_t end = to;
        while (end > from && space(end - 1)) --end;
        for (std::size_t i = from; i < end; ++i) {
          width += glyphs[i].advance;
          if (space(i)) stretch += glyphs[i].advance * p.space_stretch, shrink += glyphs[i].advance * p.space_shrink;
        }
        const bool last = to == n;
        double r = width > measure            ? (shrink > 0 ? (measure - width) / shrink : -INFINITY)
                   : last || width == measure ? 0
                   : stretch > 0              ? (measure - width) / stretch
                                              : INFINITY;
        if (r < -1) return -1.0;
        if (within && (!std::isfinite(r) || 100 * std::abs(r * r * r) > p.tolerance)) return -1.0;
        if (!within && r > 0) r = (measure - width) / (stretch + extra);  // a final pass's reckoning
        double b = std::isfinite(r) ? std::min(10000.0, 100 * std::abs(r * r * r)) : 10000;
        return (p.line_penalty + b) * (p.line_penalty + b) + penalty * penalty;
      };
      // The least demerits to each break, at spaces only or at any glyph too.
      auto least = [&](bool emergency, bool within) {
        std::vector<double> best(n + 1, -1);
        best[0] = 0;
        for (std::size_t to = 1; to <= n; ++to) {
          double penalty = 0;
          if (to < n && space(to - 1))
            penalty = 0;
          else if (to < n && emergency && !space(to) && !space(to - 1))
            penalty = 5000;
          else if (to < n)
            continue;
          for (std::size_t from = 0; from < to; ++from) {
            if (best[from] < 0) continue;
            double d = line_demerits(from, to, penalty, within);
            if (d >= 0 && (best[to] < 0 || best[from] + d < best[to])) best[to] = best[from] + d;
          }
        }
        return best[n];
      };
      if (least(false, true) >= 0) continue;  // the first pass sets it: tested above
      const double best = least(true, false);
      REQUIRE(best > 0);
      // The lines total-fit chose, counted as above (lines of the greatest
      // badness tie, so another way through may cost the same).
      double demerits = 0, counted = 0;
      bool emergency = false;
      for (std::size_t k = 0, from = 0; k < s.lines.size(); ++k) {
        const auto& line = s.lines[k];
        const std::size_t to = k + 1 == s.lines.size() ? n : s.lines[k + 1].begin;
        demerits += line.demerits;
        counted += line_demerits(from, to, line.emergency() ? 5000 : 0, false);
        emergency = emergency || line.emergency();
        from = to;
      }
      INFO("measure " << measure);
      CHECK(counted == doctest::Approx(best));
      CHECK(demerits == doctest::Approx(best));
      ++(emergency ? inside_word : loose_only);
    }
    // Both kinds came up, so both ways through the final pass were tried.
    CHECK(loose_only > 0);
    CHECK(inside_word > 0);
    MESSAGE(loose_only << " measures needed only a loose line, " << inside_word << " a break inside a word");
  }
}

TEST_CASE("when no way through keeps the tolerance, the emergency stretch shares the slack out") {
  // English set justified without hyphenation: most ways through have a line
  // too loose, and past badness 10000 all cost the same, so without the
  // emergency stretch one line took all the slack, its words far apart.
  Fixture f;
  const std::string text =
      "Work is not merely a means of earning a living; it is a technique by which people form relationships with "
      "society, and in the process they leave their marks upon the world. Those marks are what we call works. "
      "Industrialisation, however, separated the worker from the work, and the characteristically unpronounceable "
      "phenomenon of disintermediation transformed responsibilities.";
  auto loosest = [&](Pt extra) {
    auto p = params(317);
    p.indent = 10;
    p.space_stretch = 0.15;
    p.emergency_stretch = extra;
    Set s = f.set(text, p);
    double most = 0, squares = 0;
    for (std::size_t i = 0; i + 1 < s.lines.size(); ++i) {
      CHECK(s.lines[i].ends == End::word);  // no word cut
      most = std::max(most, s.lines[i].ratio), squares += s.lines[i].ratio * s.lines[i].ratio;
    }
    MESSAGE("emergency stretch " << extra << "pt: loosest line " << most << ", sum of squares " << squares);
    return std::pair{most, squares};
  };
  const auto [alone, alone_squares] = loosest(0);
  const auto [shared, shared_squares] = loosest(20);
  CHECK(alone > 30);  // the case to mend
  CHECK(shared < alone / 3);
  CHECK(shared_squares < alone_squares / 3);
}

TEST_CASE("total-fit sets the essays more evenly than greedy") {
  Fixture f;
  double all_greedy = 0, all_total = 0;
  for (std::string seed : {"work-as-art.txt", "shared-experience.txt"}) {
    double greedy = 0, total = 0;
    for (const std::string& text : paragraphs(seed)) {
      greedy += sum_of_squares(f.set(text, params(323, Method::greedy)).lines);
      total += sum_of_squares(f.set(text, params(323, Method::total_fit)).lines);
    }
    MESSAGE(seed << ": sum of squared adjustment ratios, total-fit " << total << ", greedy " << greedy);
    CHECK(total <= greedy + 1e-9);
    all_greedy += greedy, all_total += total;
  }
  CHECK(all_total < all_greedy);
}

TEST_CASE("inside-word breaks are rare, penalised, and never leave one syllable alone") {
  Fixture f;
  int syllable = 0, lines = 0;
  for (std::size_t i = 1; i < 20; ++i) {
    std::string text = paragraph("work-as-art.txt", i);
    Set s = f.set(text, params(323));
    for (std::size_t k = 0; k + 1 < s.lines.size(); ++k) {
      ++lines;
      if (s.lines[k].ends != End::syllable) continue;
      ++syllable;
      // Two syllables at least on each side, or a bracket opening after them.
      std::size_t at = s.shaped.glyphs[s.lines[k + 1].begin].cluster;
      std::string before = s.para.text.substr(at >= 6 ? at - 6 : 0, 6), after = s.para.text.substr(at, 6);
      CAPTURE(before + "|" + after);
      CHECK(static_cast<unsigned char>(before[0]) >= 0xEA);
      CHECK(static_cast<unsigned char>(before[3]) >= 0xEA);
      CHECK(((static_cast<unsigned char>(after[0]) >= 0xEA && static_cast<unsigned char>(after[3]) >= 0xEA) ||
             after[0] == '('));
    }
  }
  MESSAGE(syllable << " of " << lines << " line ends fall inside words");
  CHECK(syllable * 10 <= lines);  // the booklet's own figure is checked end to end
  Set keep = f.set(paragraph("work-as-art.txt", 3), params(323), style::WordBreak::keep_all);
  for (const auto& line : keep.lines) CHECK(line.ends != End::syllable);
}

TEST_CASE("no line starts with a closing mark or ends with an opening one") {
  Fixture f;
  for (std::size_t i = 1; i < 20; ++i)
    for (Method method : {Method::total_fit, Method::greedy}) {
      Set s = f.set(paragraph("work-as-art.txt", i), params(150, method), style::WordBreak::normal);
      for (const auto& line : s.lines) {
        std::string t = text_of(s, line);
        CAPTURE(t);
        for (std::string_view closing : {".", ",", ")", "”", "’", "》", "?", ":"}) CHECK_FALSE(t.starts_with(closing));
        for (std::string_view opening : {"(", "“", "‘", "《"}) CHECK_FALSE(t.ends_with(opening));
      }
    }
}

TEST_CASE("ragged, centred and right-aligned lines keep their natural spaces") {
  Fixture f;
  for (auto align : {style::Align::left, style::Align::center, style::Align::right}) {
    Set s = f.set(longest_paragraph(), params(200, Method::total_fit, align));
    for (const auto& line : s.lines) {
      CHECK(line.ratio <= 0);
      CHECK(right_edge(s, line) <= 200 + 1e-6);
      if (align == style::Align::right) CHECK(right_edge(s, line) == doctest::Approx(200));
      if (align == style::Align::center)
        CHECK(line.x.front() == doctest::Approx(200 - right_edge(s, line)).epsilon(1e-6));
    }
  }
}

TEST_CASE("a word longer than the measure is broken where it must be") {
  Fixture f;
  for (Method method : {Method::total_fit, Method::greedy}) {
    Set s = f.set("가나다라마바사아자차카타파하 끝", params(45, method), style::WordBreak::keep_all);
    REQUIRE(s.lines.size() >= 3);
    CHECK(s.lines[0].emergency());
    for (const auto& line : s.lines) CHECK(right_edge(s, line) <= 45 + 1e-6);
  }
}

TEST_CASE("a Latin word or a number is cut only when it is wider than a line") {
  // Cut without a hyphen, "contemp|orary" reads as two words: a loose line
  // is the lesser harm. A word no line can hold is cut all the same.
  Fixture f;
  const std::string text =
      "The division of labour turned the craftsman into an operator of machines, and the incomprehensibility "
      "of contemporary systems deepened it; internationalization 1234567890123 did the rest. "
      "Pneumonoultramicroscopicsilicovolcanoconiosis";
  int cut = 0;
  for (Method method : {Method::total_fit, Method::greedy})
    for (Pt measure = 60; measure <= 300; measure += 4) {
      Set s = f.set(text, params(measure, method), style::WordBreak::keep_all);
      // The width of the word (from space to space) holding byte `at`.
      auto word_width = [&](std::size_t at) {
        std::size_t from = s.para.text.rfind(' ', at), to = s.para.text.find(' ', at);
        from = from == std::string::npos ? 0 : from + 1;
        if (to == std::string::npos) to = s.para.text.size();
        Pt w = 0;
        for (const auto& g : s.shaped.glyphs)
          if (g.cluster >= from && g.cluster < to) w += g.advance;
        return w;
      };
      for (std::size_t k = 0; k + 1 < s.lines.size(); ++k) {
        if (!s.lines[k].emergency()) continue;
        INFO("measure " << measure << ", line " << k << ": " << text_of(s, s.lines[k]));
        CHECK(word_width(s.shaped.glyphs[s.lines[k + 1].begin].cluster) > measure);
        ++cut;
      }
      for (const auto& line : s.lines) CHECK(right_edge(s, line) <= measure + 1e-6);
    }
  CHECK(cut > 0);  // the long word was cut where it had to be
}

TEST_CASE("an address is cut at its seams, a percent escape never, and its line not spread") {
  // Addresses copied from a browser: Korean in percent escapes, a query.
  Fixture f;
  const std::string text =
      "주소는 https://ko.wikipedia.org/wiki/%ED%9B%88%EB%AF%BC%EC%A0%95%EC%9D%8C_%EC%96%B8%ED%95%B4%EB%B3%B8_"
      "%EC%9B%90%EB%AC%B8 에 있다. 자료는 https://www.law.go.kr/LSW/lsInfoP.do?lsiSeq=248187&efYd=20230628"
      "&ancYnChk=0#0000 에서 받았다.";
  int cuts = 0;
  for (Method method : {Method::total_fit, Method::greedy})
    for (Pt measure = 200; measure <= 330; measure += 5) {
      Set s = f.set(text, params(measure, method), style::WordBreak::keep_all);
      for (std::size_t k = 0; k + 1 < s.lines.size(); ++k) {
        const std::size_t at = s.shaped.glyphs[s.lines[k + 1].begin].cluster;
        const char before = s.para.text[at - 1], after = s.para.text[at];
        if (before == ' ' || static_cast<unsigned char>(before) >= 0x80 || static_cast<unsigned char>(after) >= 0x80)
          continue;
        INFO("measure " << measure << ", line " << k << ": " << text_of(s, s.lines[k]));
        ++cuts;
        // Where Chicago breaks an address: before / % _ . ? # & = - ~ , or
        // after : // & =; never inside %EC.
        CHECK(std::string_view("%/_.?#&=-~,").find(after) + std::string_view(":/&=").find(before) !=
              2 * std::string_view::npos);
        CHECK(s.para.text.substr(at - 2, 2).find('%') == std::string::npos);
        // The words before the address are not spread to fill the line:
        // its slack stays at its end.
        CHECK(s.lines[k].ratio <= 1);
        CHECK(s.lines[k + 1].ratio <= 1);  // nor those after it, with the rest of the address
        CHECK(right_edge(s, s.lines[k]) <= measure + 1e-6);
      }
    }
  CHECK(cuts > 100);
}

TEST_CASE("a forced break ends a line and the line is not stretched") {
  Fixture f;
  for (Method method : {Method::total_fit, Method::greedy}) {
    Set s = f.set("첫 줄\n둘째 줄은 조금 더 길다", params(300, method));
    REQUIRE(s.lines.size() == 2);
    CHECK(s.lines[0].forced());
    CHECK(s.lines[0].ratio == 0);
    CHECK(text_of(s, s.lines[1]) == "둘째 줄은 조금 더 길다");
  }
}

TEST_CASE("letter spacing takes part in justification, in proportion") {
  Fixture f;
  auto with = params(200), without = params(200);
  with.letter_stretch = 0.4, with.letter_shrink = 0;
  without.letter_stretch = 0, without.letter_shrink = 0;
  Set a = f.set(longest_paragraph(), with), b = f.set(longest_paragraph(), without);
  bool spaced = false;
  for (std::size_t i = 0; i + 1 < a.lines.size(); ++i) {
    const auto& line = a.lines[i];
    if (line.ratio > 0) CHECK(line.letter_space == doctest::Approx(std::min(line.ratio, 1.0) * 0.4));
    if (line.ratio <= 0) CHECK(line.letter_space == 0);  // no letter shrink given
    spaced |= line.letter_space > 0;
  }
  CHECK(spaced);
  for (const auto& line : b.lines) CHECK(line.letter_space == 0);
  CHECK(sum_of_squares(a.lines) < sum_of_squares(b.lines));
}

TEST_CASE("a line stretched past its limit spreads its spaces, not its syllables") {
  // A long parenthesis in English leaves the lines around it loose.
  Fixture f;
  const std::string text =
      "노동의 소외에 관해서는 마르크스의 『경제학·철학 수고』(Economic and Philosophic Manuscripts of 1844)와 "
      "브레이버먼의 『노동과 독점자본』(Labor and Monopoly Capital: The Degradation of Work in the Twentieth "
      "Century)을 참고하라.";
  auto p = params(300);
  p.letter_stretch = 0.7, p.space_stretch = 0.5;
  int loose = 0;
  for (Pt measure = 240; measure <= 330; measure += 10) {
    p.measure = measure;
    Set s = f.set(text, p, style::WordBreak::keep_all);
    for (std::size_t k = 0; k + 1 < s.lines.size(); ++k) {
      const auto& line = s.lines[k];
      CAPTURE(measure);
      CAPTURE(text_of(s, line));
      CHECK(line.letter_space <= p.letter_stretch + 1e-9);                   // never wider than a gap may be
      CHECK(right_edge(s, line) == doctest::Approx(measure).epsilon(1e-9));  // the spaces take the rest
      if (line.ratio <= 1) continue;
      CHECK(line.letter_space == p.letter_stretch);
      // Its spaces take what its gaps would have beyond their limit: wider
      // than at the line's ratio (as wide, in a line of Latin words only).
      bool wider = false;
      for (std::size_t i = line.begin + 1; i < line.end; ++i) {
        if (!linebreak::is_glue(s.para, s.shaped.glyphs[i])) continue;
        const Pt space = line.x[i + 1 - line.begin] - line.x[i - line.begin];
        const Pt at_ratio = s.shaped.glyphs[i].advance * (1 + line.ratio * p.space_stretch);
        CHECK(space >= at_ratio - 1e-6);
        wider |= space > at_ratio + 0.1;
      }
      loose += wider;
    }
  }
  CHECK(loose > 3);
}

TEST_CASE("Latin words cut with a hyphen: the hyphen ends the line at the measure, the lines are more even") {
  Fixture f;
  const std::string text =
      "The industrial revolution transformed the relationship between craftsmanship and labour. William Morris, "
      "the founder of the Arts and Crafts Movement, argued that the division of labour degraded workers into mere "
      "appendages of machinery, and that meaningful, self-directed work was indispensable for human flourishing. "
      "His contemporaries, particularly the utilitarian economists, considered such objections sentimental and "
      "fundamentally incompatible with the requirements of international competitiveness.";
  int hyphens = 0;
  double with_sum = 0, without_sum = 0;
  for (Method method : {Method::total_fit, Method::greedy})
    for (Pt measure = 180; measure <= 300; measure += 20) {
      CAPTURE(measure);
      CAPTURE(static_cast<int>(method));
      auto p = params(measure, method);
      p.letter_stretch = p.letter_shrink = 0, p.space_stretch = 0.5, p.space_shrink = 0.2, p.tolerance = 200;
      Set with = f.set_english(text, p, true), without = f.set_english(text, p, false);
      std::string read;
      for (std::size_t k = 0; k < with.lines.size(); ++k) {
        const auto& line = with.lines[k];
        CAPTURE(text_of(with, line));
        const std::string set = text_of(with, line);
        read += set + (line.ends == End::hyphen || set.ends_with('-') ? "" : " ");  // self-|directed
        if (line.ends != End::hyphen) {
          if (k + 1 < with.lines.size()) CHECK(right_edge(with, line) == doctest::Approx(measure));
          continue;
        }
        ++hyphens;
        // Inside a word of letters, two left and three carried over.
        const std::string& t = with.para.text;
        const std::size_t at = with.shaped.glyphs[with.lines[k + 1].begin].cluster;
        CHECK(std::isalpha(static_cast<unsigned char>(t[at - 2])));
        CHECK(std::isalpha(static_cast<unsigned char>(t[at + 2])));
        // The hyphen, after the last letter, ends at the measure.
        const auto& h = with.shaped.hyphens[with.shaped.glyphs[line.end - 1].run];
        CHECK(h.advance > 1);
        CHECK(line.hyphen_x == doctest::Approx(right_edge(with, line)));
        CHECK(line.hyphen_x + h.advance == doctest::Approx(measure));
      }
      read.pop_back();
      CHECK(read == text);  // every word whole once the hyphens are taken out
      for (const auto& l : without.lines) CHECK(l.ends != End::hyphen);
      with_sum += sum_of_squares(with.lines), without_sum += sum_of_squares(without.lines);
      // Ragged lines keep their words whole.
      for (const auto& l : f.set_english(text, params(measure, method, style::Align::left), true).lines)
        CHECK(l.ends != End::hyphen);
    }
  MESSAGE(hyphens << " hyphens; sum of squared ratios " << with_sum << " with, " << without_sum << " without");
  CHECK(hyphens > 10);
  CHECK(with_sum < without_sum / 2);
}

TEST_CASE("a word wider than a ragged line is cut at a hyphenation point, with its hyphen") {
  // As in a narrow column of a table.
  Fixture f;
  const std::string text = "Characteristically, administrative bureaucracies";
  for (Pt measure : {45.0, 60.0, 75.0}) {
    CAPTURE(measure);
    Set cut = f.set_english(text, params(measure, Method::greedy, style::Align::left), true);
    Set whole = f.set_english(text, params(measure, Method::greedy, style::Align::left), false);
    int hyphens = 0;
    for (const auto& line : cut.lines) {
      CAPTURE(text_of(cut, line));
      CHECK(line.ends != End::emergency);  // every cut at a point the patterns give
      if (line.ends != End::hyphen) continue;
      ++hyphens;
      const auto& h = cut.shaped.hyphens[cut.shaped.glyphs[line.end - 1].run];
      CHECK(line.hyphen_x + h.advance <= measure + 1e-6);
    }
    int emergency = 0;
    for (const auto& line : whole.lines) emergency += line.ends == End::emergency;
    CHECK(hyphens >= 1);
    CHECK(emergency >= 1);  // without, cut anywhere
  }
}

TEST_CASE("hanging punctuation: a full stop, a comma or a hyphen at a line's end sits past the measure") {
  Fixture f;
  auto p = params(200);
  p.hanging_punctuation = true;
  Set s = f.set(longest_paragraph(), p);
  int hung = 0;
  for (std::size_t i = 0; i + 1 < s.lines.size(); ++i) {
    const auto& line = s.lines[i];
    std::string t = text_of(s, line);
    if (line.hangs) {
      ++hung;
      CHECK((t.ends_with(".") || t.ends_with(",")));
      CHECK(line.x.back() == doctest::Approx(200));  // the mark starts where the measure ends
    } else {
      CHECK(right_edge(s, line) == doctest::Approx(200));
    }
  }
  CHECK(hung > 0);
  // So does the hyphen of a word cut at the line's end, where a full stop
  // would: the line's last letter ends at the measure.
  const std::string english =
      "The industrial revolution transformed the relationship between craftsmanship and labour. William Morris, "
      "the founder of the Arts and Crafts Movement, argued that the division of labour degraded workers into mere "
      "appendages of machinery, and that meaningful, self-directed work was indispensable for human flourishing.";
  int hyphens = 0;
  for (bool hanging : {false, true})
    for (Pt measure = 180; measure <= 300; measure += 20) {
      CAPTURE(measure);
      auto q = params(measure);
      q.letter_stretch = q.letter_shrink = 0, q.space_stretch = 0.5, q.space_shrink = 0.2, q.tolerance = 200;
      q.hanging_punctuation = hanging;
      Set e = f.set_english(english, q, true);
      for (std::size_t i = 0; i + 1 < e.lines.size(); ++i) {
        const auto& line = e.lines[i];
        if (line.ends != End::hyphen) continue;
        ++hyphens;
        CAPTURE(text_of(e, line));
        CHECK(line.hangs == hanging);
        const auto& h = e.shaped.hyphens[e.shaped.glyphs[line.end - 1].run];
        CHECK(line.hyphen_x + (hanging ? 0 : h.advance) == doctest::Approx(measure));
      }
    }
  CHECK(hyphens >= 4);
}

TEST_CASE("space between Hangul and Latin letters or digits, as the layout says") {
  Fixture f;
  auto p = params(400, Method::greedy, style::Align::left);
  Set plain = f.set("AI경제 24시간", p);
  p.script_spacing = 2;
  Set spaced = f.set("AI경제 24시간", p);
  // "I|경" and "4|시" each gain 2pt; nothing else moves.
  const auto& a = plain.lines[0].x;
  const auto& b = spaced.lines[0].x;
  REQUIRE(a.size() == b.size());
  CHECK(b[2] - a[2] == doctest::Approx(2));   // 경
  CHECK(b[5] - a[5] == doctest::Approx(2));   // 2
  CHECK(b[7] - a[7] == doctest::Approx(4));   // 시
}

TEST_CASE("a note's number keeps to what it follows: no line starts with it, no space comes before it") {
  Fixture f;
  const std::string text = "가나다라 마바사아 자차카타 ";
  // A measure that "자차카타" ends exactly: the number after the space goes on to the next line alone,
  // unless it is a note's, which takes its word along.
  Set probe = f.set_with_note(text, "1", params(1000, Method::greedy, style::Align::left), 0);
  const std::size_t last = probe.shaped.glyphs.size() - 3;  // 타, before the space and the number
  const Pt measure = probe.lines[0].x[last] + probe.shaped.glyphs[last].advance + 0.5;
  Set plain = f.set_with_note(text, "1", params(measure, Method::greedy, style::Align::left), 0);
  REQUIRE(plain.lines.size() == 2);
  CHECK(text_of(plain, plain.lines[1]) == "1");
  for (Method method : {Method::greedy, Method::total_fit}) {
    Set noted = f.set_with_note(text, "1", params(measure, method, style::Align::left), 3.8);
    REQUIRE(noted.lines.size() == 2);
    CHECK(text_of(noted, noted.lines[1]) == "자차카타 1");
  }
  // Between Hangul and a digit the layout adds space; not before a note's number, nor letter spacing.
  auto p = params(400, Method::greedy, style::Align::left);
  p.script_spacing = 2;
  Set digit = f.set_with_note("노동이다", "1", p, 0);
  Set noted = f.set_with_note("노동이다", "1", p, 3.8);
  const auto end_of_text = [](const Set& s) { return s.lines[0].x[3] + s.shaped.glyphs[3].advance; };
  CHECK(digit.lines[0].x[4] - end_of_text(digit) == doctest::Approx(2));
  CHECK(noted.lines[0].x[4] - end_of_text(noted) == doctest::Approx(0));
}

TEST_CASE("a long paragraph is broken in time linear in its length") {
  Fixture f;
  std::string text;
  while (text.size() < 5000 * 3) text += longest_paragraph() + " ";
  Set s = f.set(text, params(323));
  CHECK(s.lines.size() > 150);
  for (const auto& line : s.lines) CHECK_FALSE(line.overfull);
}

TEST_CASE("a last line of a single word (a runt) is avoided where the lines around can take it") {
  Fixture f;
  auto has_space = [](const std::string& t) { return t.find(' ') != std::string::npos; };
  int without = 0, with = 0, paragraphs_seen = 0;
  for (Pt measure : {280.0, 300.0, 323.0}) {
    for (std::string seed : {"work-as-art.txt", "shared-experience.txt"}) {
      for (const std::string& text : paragraphs(seed)) {
        linebreak::Params allowed = params(measure), avoided = params(measure);
        allowed.runt_demerits = 0;
        avoided.runt_demerits = 10000;
        Set a = f.set(text, allowed), b = f.set(text, avoided);
        REQUIRE(!a.lines.empty());
        REQUIRE(!b.lines.empty());
        ++paragraphs_seen;
        for (const Set* s : {&a, &b}) {
          // The flag says what the line holds: one word, in a paragraph of
          // more than one line.
          for (std::size_t i = 0; i < s->lines.size(); ++i) {
            const bool runt = i > 0 && i + 1 == s->lines.size() && !has_space(text_of(*s, s->lines[i]));
            CHECK(s->lines[i].runt == runt);
          }
        }
        without += a.lines.back().runt;
        with += b.lines.back().runt;
        if (a.lines.back().runt && !b.lines.back().runt) {
          // Taken back or carried down without a line past its limit or
          // a cut inside a word it did not have.
          CAPTURE(text);
          double loosest_a = 0, loosest_b = 0;
          int inside_a = 0, inside_b = 0;
          for (const auto& l : a.lines) loosest_a = std::max(loosest_a, l.ratio), inside_a += inside_word(l.ends);
          for (const auto& l : b.lines) loosest_b = std::max(loosest_b, l.ratio), inside_b += inside_word(l.ends);
          CHECK(loosest_b <= std::max(1.0, loosest_a));
          CHECK(inside_b <= inside_a);
          CHECK(b.lines.size() >= a.lines.size() - 1);
          CHECK(b.lines.size() <= a.lines.size() + 1);
        }
      }
    }
  }
  // Korean words are long and a line's spaces few: a word moves between
  // lines only where several lines can take it, so most runts stay.
  MESSAGE(paragraphs_seen << " paragraphs: " << without << " runts where they are allowed, " << with
                          << " where they cost demerits");
  CHECK(without >= 10);
  CHECK(with + 2 <= without);

  // A last word the text itself puts on a line of its own is no runt.
  Set forced = f.set("첫 줄은 조금 더 길다\n끝", params(300));
  REQUIRE(forced.lines.size() == 2);
  CHECK_FALSE(forced.lines[1].runt);
  // Nor is a paragraph of one line.
  CHECK_FALSE(f.set("한 줄", params(300)).lines.back().runt);
}
