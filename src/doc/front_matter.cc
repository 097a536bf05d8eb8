#include "doc/front_matter.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <sstream>

#include "doc/toml_source.h"

namespace jakpum::doc {
namespace {

constexpr std::string_view bom = "\xEF\xBB\xBF";

// The line starting at `at` (without its end of line), and where the next begins.
std::string_view line_at(std::string_view text, std::size_t at, std::size_t& next) {
  std::size_t end = text.find('\n', at);
  next = end == std::string_view::npos ? text.size() : end + 1;
  std::string_view line = text.substr(at, (end == std::string_view::npos ? text.size() : end) - at);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  return line;
}

// Whether the file opens as YAML front matter does (Jekyll, Hugo, Pandoc):
// a `---` line, `key: value` lines (with indented or `- ` lines under
// them), and a `---` or `...` line. As Markdown that is a rule and a
// heading, the metadata printed on the page.
bool opens_with_yaml(std::string_view text, std::size_t start) {
  std::size_t next = 0;
  if (line_at(text, start, next) != "---") return false;
  bool keys = false;
  for (std::size_t at = next; at < text.size(); at = next) {
    const std::string_view line = line_at(text, at, next);
    if (line == "---" || line == "...") return keys;
    if (line.empty() || line.front() == ' ' || line.front() == '\t' || line.front() == '#' || line.starts_with("- "))
      continue;
    const std::size_t colon = line.find(':');
    const bool key =
        colon != std::string_view::npos && colon > 0 && (colon + 1 == line.size() || line[colon + 1] == ' ') &&
        std::all_of(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(colon),
                    [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
    if (!key) return false;
    keys = true;
  }
  return false;
}

}  // namespace

Result<FrontMatter> read_front_matter(std::string_view text, const std::string& path) {
  FrontMatter out;
  std::size_t start = text.starts_with(bom) ? bom.size() : 0;
  out.body_offset = start;
  std::size_t next = 0;
  if (opens_with_yaml(text, start))
    return error(path, {1, 1}, "front matter in YAML (between `---` lines) is not read: it would be set as text",
                 "write it in TOML between `+++` lines: `title = \"...\"`");
  if (line_at(text, start, next) != "+++") return out;

  std::size_t content_begin = next;
  std::size_t at = next;
  int line = 2;
  while (at < text.size()) {
    std::size_t after = 0;
    if (line_at(text, at, after) == "+++") break;
    at = after;
    ++line;
  }
  if (at >= text.size())
    return error(path, {1, 1}, "front matter is not closed", "end it with a line `+++`");
  std::size_t content_end = at;
  line_at(text, at, out.body_offset);

  auto table = parse_toml(text.substr(content_begin, content_end - content_begin), path, 2);
  if (!table) return table.error();

  static const std::vector<std::string> known = {"title",  "subtitle", "author",   "source",
                                                 "date",   "lang",     "copyright"};
  Meta& meta = out.meta;
  for (const auto& [key, node] : *table) {
    std::string_view k = key.str();
    if (k == "date" && (node.is_date() || node.is_date_time())) {
      std::ostringstream s;
      if (node.is_date()) s << *node.as_date(); else s << *node.as_date_time();
      meta.date = s.str();
      continue;
    }
    struct Field {
      std::string_view key;
      std::string* text;
      Position* at;  // where its text starts, for the text that is set
    };
    const Field fields[] = {{"title", &meta.title, &meta.at.title},
                            {"subtitle", &meta.subtitle, &meta.at.subtitle},
                            {"source", &meta.source, &meta.at.source},
                            {"date", &meta.date, nullptr},
                            {"lang", &meta.lang, nullptr},
                            {"copyright", &meta.copyright, &meta.at.copyright}};
    const Field* field = std::find_if(std::begin(fields), std::end(fields), [&](const Field& f) { return f.key == k; });
    if (k == "author") {
      auto names = read_strings(node, k, path, 2, true, &meta.at.authors);
      if (!names) return names.error();
      meta.authors = std::move(*names);
    } else if (field != std::end(fields)) {
      std::vector<Position> at;
      auto value = read_strings(node, k, path, 2, false, &at);
      if (!value) return value.error();
      *field->text = value->front();
      if (field->at) *field->at = at.front();
    } else {
      return unknown_key(key, "front matter", known, path, 2);
    }
  }
  return out;
}

}  // namespace jakpum::doc
