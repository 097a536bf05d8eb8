#include "doc/plain_text.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>

#include "core/utf8.h"

namespace jakpum::doc {
namespace {

// A heading is at most this many characters; longer lines are prose.
constexpr std::size_t max_heading_length = 60;

// Without the spaces around it: ASCII ones, and ideographic ones (U+3000),
// with which Korean word processors have authors indent a paragraph (the
// layout gives the indent).
std::string_view trim(std::string_view s) {
  constexpr std::string_view wide = "\u3000";
  s.remove_prefix(typed_indent(s));
  while (true) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
      s.remove_suffix(1);
    else if (s.ends_with(wide))
      s.remove_suffix(wide.size());
    else
      return s;
  }
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> endings) {
  for (auto e : endings)
    if (s.ends_with(e)) return true;
  return false;
}

bool starts_with_section_number(std::string_view s) {
  std::size_t i = 0;
  auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (digit(0)) {
    while (digit(i)) ++i;
    while (i < s.size() && s[i] == '.' && digit(i + 1)) {  // 2.1
      ++i;
      while (digit(i)) ++i;
    }
    return i < s.size() && (s[i] == '.' || s[i] == ')') && i + 1 < s.size() && s[i + 1] == ' ';
  }
  for (auto roman : {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}) {
    std::string prefix = std::string(roman) + ". ";
    if (s.starts_with(prefix)) return true;
  }
  return s.starts_with("제") && (s.find("장") != std::string_view::npos || s.find("부") != std::string_view::npos) &&
         s.size() > 3 && s[3] >= '0' && s[3] <= '9';
}

// The list marker a line opens with, as written ("-", "•", "1)", "2.",
// "가.", "(3)", "①"), followed by a space; empty for none, and for a line
// that is an ornament (`* * *`). `bullet`: a bullet, not a number.
std::string_view list_marker(std::string_view line, bool& bullet) {
  bullet = false;
  if (reads_as_ornament(line)) return {};
  for (std::string_view b : {"-", "*", "+", "\u2022", "\u00B7", "\u25E6", "\u25AA", "\u2023"})
    if (line.starts_with(b) && line.substr(b.size()).starts_with(' ')) return bullet = true, line.substr(0, b.size());
  auto followed = [&](std::size_t n) {
    return line.substr(n).starts_with(' ') ? line.substr(0, n) : std::string_view();
  };
  // The character at byte `at`, and the byte after it.
  auto char_at = [&](std::size_t at) -> std::pair<char32_t, std::size_t> {
    if (at >= line.size()) return {0, at};
    auto i = static_cast<std::int32_t>(at);
    UChar32 c = 0;
    U8_NEXT(line.data(), i, static_cast<std::int32_t>(line.size()), c);
    return {c < 0 ? 0 : static_cast<char32_t>(c), static_cast<std::size_t>(i)};
  };
  if (const auto [c, next] = char_at(0); c >= 0x2460 && c <= 0x2473) return followed(next);  // ① to ⑳
  const bool parenthesised = line.starts_with('(');
  std::size_t i = parenthesised ? 1 : 0;
  const std::size_t digits_from = i;
  while (i < line.size() && i - digits_from < 3 && line[i] >= '0' && line[i] <= '9') ++i;
  if (i == digits_from) {  // 가. 나) (다): a Hangul letter in their order
    constexpr std::u32string_view letters = U"가나다라마바사아자차카타파하";
    const auto [c, next] = char_at(i);
    if (c == 0 || letters.find(c) == std::u32string_view::npos) return {};
    i = next;
  }
  if (parenthesised) return i < line.size() && line[i] == ')' ? followed(i + 1) : std::string_view();
  return i < line.size() && (line[i] == '.' || line[i] == ')') ? followed(i + 1) : std::string_view();
}

bool reads_as_credit(std::string_view s) {
  return s.find("\u00A9") != std::string_view::npos || s.find("\u24D2") != std::string_view::npos ||
         s.starts_with("저작권자") || s.starts_with("Copyright") || s.starts_with("(c)") || s.starts_with("(C)");
}

}  // namespace

bool reads_as_heading(std::string_view line) {
  line = trim(line);
  if (line.empty() || count_code_points(line) > max_heading_length) return false;
  if (starts_with_section_number(line)) return true;
  // Sentence-closing marks, with closing quotes and brackets after them.
  return !ends_with_any(line, {".", "!", "?", ",", ";", ":", "\u3002", "\u2026", "\u201D", "\u2019", "\"", "'", ")",
                               "\u300D", "\u300F", "\u300B"});
}

Result<Document> read_plain_text(std::string_view text, const std::string& path) {
  Document doc;
  doc.path = path;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);

  struct Line {
    std::string_view text;
    Position pos;  // of its first character
  };
  std::vector<Line> lines;
  int number = 0;
  // Blank lines between lines of text separate paragraphs; blank lines
  // before the first or after the last (a file's final line end) do not.
  bool blank_separated = false, seen_text = false, blank_after_text = false;
  for (std::size_t at = 0; at <= text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    const std::string_view whole = text.substr(at, end - at);
    std::string_view line = trim(whole);
    if (line.empty())
      blank_after_text = seen_text;
    else
      blank_separated = blank_separated || blank_after_text, seen_text = true;
    const std::size_t indent = line.empty() ? 0 : static_cast<std::size_t>(line.data() - whole.data());
    lines.push_back({line, advanced({number, 1}, whole.substr(0, indent))});
    at = end + 1;
  }

  // Group lines into paragraphs: a line each, or, when blank lines separate
  // paragraphs, the lines between them joined by a space. Each line is a
  // span of its own, placed where it starts. A line opening with a list
  // marker (`- `, `1) `, `①`) opens an item where the lines between blank
  // lines hold two such or are that line alone: the lines after it, to the
  // next, go on with it (a list is not a paragraph of its items run together).
  struct Para {
    std::string text;
    std::vector<Span> spans;
    int lines = 0;            // of the source
    std::string_view marker;  // a list item's to be, as written
    bool bullet = false;      // the marker is a bullet, not a number
    bool listed = false;      // among other items between the same blank lines
  };
  std::vector<Para> paras;
  for (std::size_t from = 0; from < lines.size();) {
    if (lines[from].text.empty()) {
      ++from;
      continue;
    }
    std::size_t to = from + 1;  // the lines between blank lines, or the line alone
    while (blank_separated && to < lines.size() && !lines[to].text.empty()) ++to;
    bool bullet = false;
    const auto markers = std::count_if(lines.begin() + static_cast<std::ptrdiff_t>(from),
                                       lines.begin() + static_cast<std::ptrdiff_t>(to),
                                       [&](const Line& l) { return !list_marker(l.text, bullet).empty(); });
    const bool items = markers >= 2 || (to - from == 1 && markers == 1);
    for (std::size_t k = from; k < to; ++k) {
      const Line& l = lines[k];
      const std::string_view marker = items ? list_marker(l.text, bullet) : std::string_view();
      if (k == from || !marker.empty()) {
        paras.emplace_back();
        paras.back().marker = marker, paras.back().bullet = bullet, paras.back().listed = markers >= 2;
      }
      Para& p = paras.back();
      if (p.lines++ > 0) p.spans.back().text += ' ';
      if (auto pieces = folded_spaces(l.text, l.pos, false))  // a run of spaces is one, as in print
        for (auto& [text, at] : *pieces) p.spans.push_back({std::move(text), plain, at, {}});
      else
        p.spans.push_back({std::string(l.text), plain, l.pos, {}});
    }
    from = to;
  }
  for (Para& p : paras)
    for (const Span& span : p.spans) p.text += span.text;
  // An item: a bullet's line, or a number's among other items (a numbered
  // line alone between paragraphs is a section's heading: `1. 서론`).
  auto item = [&](std::size_t i) {
    const Para& p = paras[i];
    if (p.marker.empty()) return false;
    return p.bullet || p.listed || (i > 0 && !paras[i - 1].marker.empty()) ||
           (i + 1 < paras.size() && !paras[i + 1].marker.empty());
  };

  // A line of its own holding only an ornament (`* * *`, `◇`) marks a break
  // between sections: set as one, not read as a heading.
  auto ornament = [](const Para& p) { return p.lines == 1 && reads_as_ornament(p.text); };
  std::size_t first = 0;
  if (!paras.empty() && reads_as_heading(paras.front().text) && !reads_as_credit(paras.front().text) &&
      !ornament(paras.front()) && !item(0)) {
    doc.meta.title = paras.front().text;
    doc.meta.title_spans = paras.front().spans;
    first = 1;
  }
  std::size_t last = paras.size();
  if (last > first && reads_as_credit(paras.back().text)) {
    doc.meta.copyright = paras.back().text;
    doc.meta.copyright_spans = paras.back().spans;
    --last;
  }
  for (std::size_t i = first; i < last; ++i) {
    Block b;
    b.pos = paras[i].spans.front().pos;
    // A heading is a line of its own, with text after it: short lines
    // joined into one paragraph are verse, or an address, not a heading
    // broken in two; a short last line is a date or a signature.
    if (item(i)) {
      // The marker hangs in the margin, as a list's; its text is the rest.
      b.kind = BlockKind::list_item, b.level = 1, b.lists = 1;
      b.marker = std::string(paras[i].marker);
      std::vector<Span>& spans = paras[i].spans;
      std::size_t cut = paras[i].marker.size();
      while (!spans.empty()) {
        Span& first = spans.front();
        while (cut < first.text.size() && first.text[cut] == ' ') ++cut;
        first.pos = advanced(first.pos, std::string_view(first.text).substr(0, std::min(cut, first.text.size())));
        if (cut < first.text.size()) {
          first.text.erase(0, cut);
          break;
        }
        cut -= first.text.size();
        spans.erase(spans.begin());
      }
      b.pos = spans.empty() ? b.pos : spans.front().pos;
      b.spans = std::move(spans);
      doc.blocks.push_back(std::move(b));
      continue;
    }
    const bool heading = paras[i].lines == 1 && i + 1 < last && reads_as_heading(paras[i].text);
    b.kind = ornament(paras[i]) ? BlockKind::section_break : heading ? BlockKind::heading : BlockKind::paragraph;
    b.level = heading ? 1 : 0;
    b.spans = std::move(paras[i].spans);
    doc.blocks.push_back(std::move(b));
  }
  name_anchors(doc);  // so that links from other documents reach its title and headings
  return doc;
}

}  // namespace jakpum::doc
