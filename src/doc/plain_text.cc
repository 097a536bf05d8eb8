#include "doc/plain_text.h"

#include <array>

#include "core/utf8.h"

namespace jakpum::doc {
namespace {

// A heading is at most this many characters; longer lines are prose.
constexpr std::size_t max_heading_length = 60;

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
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
    int number;
  };
  std::vector<Line> lines;
  int number = 0;
  bool blank_separated = false;
  for (std::size_t at = 0; at <= text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    std::string_view line = trim(text.substr(at, end - at));
    if (line.empty() && !lines.empty()) blank_separated = true;
    lines.push_back({line, number});
    at = end + 1;
  }

  // Group lines into paragraphs: a line each, or, when blank lines separate
  // paragraphs, the lines between them joined.
  struct Para {
    std::string text;
    int line;
  };
  std::vector<Para> paras;
  bool open = false;
  for (const auto& l : lines) {
    if (l.text.empty()) {
      open = false;
    } else if (open) {
      paras.back().text += ' ';
      paras.back().text += l.text;
    } else {
      paras.push_back({std::string(l.text), l.number});
      open = blank_separated;
    }
  }

  std::size_t first = 0;
  if (!paras.empty() && reads_as_heading(paras.front().text) && !reads_as_credit(paras.front().text)) {
    doc.meta.title = paras.front().text;
    first = 1;
  }
  std::size_t last = paras.size();
  if (last > first && reads_as_credit(paras.back().text)) {
    doc.meta.copyright = paras.back().text;
    --last;
  }
  for (std::size_t i = first; i < last; ++i) {
    Block b;
    b.pos = {paras[i].line, 1};
    bool heading = reads_as_heading(paras[i].text);
    b.kind = heading ? BlockKind::heading : BlockKind::paragraph;
    b.level = heading ? 1 : 0;
    b.spans.push_back({std::move(paras[i].text), plain, b.pos, {}});
    doc.blocks.push_back(std::move(b));
  }
  name_anchors(doc);  // so that links from other documents reach its title and headings
  return doc;
}

}  // namespace jakpum::doc
