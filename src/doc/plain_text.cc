#include "doc/plain_text.h"

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
  // span of its own, placed where it starts.
  struct Para {
    std::string text;
    std::vector<Span> spans;
    int lines = 0;  // of the source
  };
  std::vector<Para> paras;
  bool open = false;
  for (const auto& l : lines) {
    if (l.text.empty()) {
      open = false;
      continue;
    }
    if (!open) paras.emplace_back();
    Para& p = paras.back();
    ++p.lines;
    if (open) p.spans.back().text += ' ';
    if (auto pieces = folded_spaces(l.text, l.pos, false))  // a run of spaces is one, as in print
      for (auto& [text, at] : *pieces) p.spans.push_back({std::move(text), plain, at, {}});
    else
      p.spans.push_back({std::string(l.text), plain, l.pos, {}});
    open = blank_separated;
  }
  for (Para& p : paras)
    for (const Span& span : p.spans) p.text += span.text;

  // A line of its own holding only an ornament (`* * *`, `◇`) marks a break
  // between sections: set as one, not read as a heading.
  auto ornament = [](const Para& p) { return p.lines == 1 && reads_as_ornament(p.text); };
  std::size_t first = 0;
  if (!paras.empty() && reads_as_heading(paras.front().text) && !reads_as_credit(paras.front().text) &&
      !ornament(paras.front())) {
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
