#include "doc/front_matter.h"

#include <yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "core/utf8.h"
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

// The facts front matter gives, by key; the same in TOML and in YAML.
struct Field {
  std::string_view key;
  std::string* text;
  Position* at;  // where its text starts, for the text that is set
};

std::array<Field, 6> fields_of(Meta& meta) {
  return {{{"title", &meta.title, &meta.at.title},
           {"subtitle", &meta.subtitle, &meta.at.subtitle},
           {"source", &meta.source, &meta.at.source},
           {"date", &meta.date, nullptr},
           {"lang", &meta.lang, nullptr},
           {"copyright", &meta.copyright, &meta.at.copyright}}};
}

const std::vector<std::string> known = {"title", "subtitle", "author", "source", "date", "lang", "copyright"};

// ---- YAML, as Jekyll, Hugo, Pandoc and Obsidian write it ----

// Keys other tools give a note that say nothing about how it is printed:
// left out without a word. Any other key jakpum does not read is warned of.
constexpr std::array<std::string_view, 24> others_keys = {
    "aliases", "alias",      "tags",     "tag",      "cssclasses",  "cssclass", "publish",   "permalink",
    "layout",  "categories", "category", "keywords", "description", "draft",    "published", "slug",
    "weight",  "created",    "modified", "updated",  "lastmod",     "id",       "url",       "type"};

// Whether the file opens as YAML front matter does: a `---` line,
// `key: value` lines (with indented or `- ` lines under them), and a `---`
// or `...` line. Tells a block YAML cannot read from a rule and a heading.
bool looks_like_yaml(std::string_view text, std::size_t start) {
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

// A YAML block's lines: after the `---` line to before the closing `---` or
// `...`, and where the body starts after it.
struct YamlBlock {
  std::string_view content;
  std::size_t body_offset = 0;
};

std::optional<YamlBlock> yaml_block(std::string_view text, std::size_t start) {
  std::size_t next = 0;
  if (line_at(text, start, next) != "---") return std::nullopt;
  std::size_t after = 0;
  if (next >= text.size() || line_at(text, next, after).empty()) return std::nullopt;  // a rule, then a paragraph
  for (std::size_t at = next; at < text.size(); at = after) {
    const std::string_view line = line_at(text, at, after);
    if (line == "---" || line == "...") return YamlBlock{text.substr(next, at - next), after};
  }
  return std::nullopt;
}

// libyaml's parser and the document it loads, freed together.
struct YamlDocument {
  yaml_parser_t parser{};
  yaml_document_t doc{};
  bool loaded = false;
  explicit YamlDocument(std::string_view text) {
    yaml_parser_initialize(&parser);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    loaded = yaml_parser_load(&parser, &doc) != 0;
  }
  ~YamlDocument() {
    if (loaded) yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
  }
  YamlDocument(const YamlDocument&) = delete;
  YamlDocument& operator=(const YamlDocument&) = delete;
  yaml_node_t* node(int index) { return yaml_document_get_node(&doc, index); }
};

// A mark of libyaml's (from 0) as a position in the file, whose YAML starts on line 2.
Position position_of(const yaml_mark_t& mark) {
  return {static_cast<int>(mark.line) + 2, static_cast<int>(mark.column) + 1};
}

std::string_view scalar(const yaml_node_t& node) {
  return {reinterpret_cast<const char*>(node.data.scalar.value), node.data.scalar.length};
}

// A value written as nothing (`title:`, `~`, `null`): as if not given.
bool null(const yaml_node_t& node) {
  if (node.type != YAML_SCALAR_NODE || node.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
  const std::string_view s = scalar(node);
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// Where a scalar's text starts: after its quote, or on the next line for a
// block (`|`, `>`).
Position text_position(const yaml_node_t& node) {
  const Position at = position_of(node.start_mark);
  switch (node.data.scalar.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return {at.line, at.column + 1};
    case YAML_LITERAL_SCALAR_STYLE:
    case YAML_FOLDED_SCALAR_STYLE: return {at.line + 1, 1};
    default: return at;
  }
}

std::string describe(const yaml_node_t& node) {
  return node.type == YAML_SEQUENCE_NODE ? "a list" : node.type == YAML_MAPPING_NODE ? "a mapping" : "a string";
}

// Reads a YAML front matter's mapping; null when `content` is none (the
// file's `---` is Markdown's, a rule). `looks_like`: the lines look like
// YAML's keys (looks_like_yaml), so what libyaml cannot read is an error.
std::optional<Result<Meta>> read_yaml(std::string_view content, bool looks_like, const std::string& path,
                                      Diagnostics& diags) {
  // libyaml walks the keys it may yet find at every token, as many as
  // brackets are open: 200,000 of them took two minutes. No front matter
  // nests as deep as a block refused here before libyaml reads it.
  constexpr int deepest = 64;
  int depth = 0;
  for (std::size_t i = 0; i < content.size(); ++i) {
    const char c = content[i];
    if (c == ']' || c == '}') depth = std::max(0, depth - 1);
    if ((c == '[' || c == '{') && ++depth > deepest) {
      if (!looks_like) return std::nullopt;
      const Position at = LineIndex(content).position(i);
      return Result<Meta>(error(path, {at.line + 1, at.column},
                                "front matter nests lists or mappings deeper than " + std::to_string(deepest)));
    }
  }
  YamlDocument yaml(content);
  if (!yaml.loaded) {
    if (!looks_like) return std::nullopt;
    if (yaml.parser.error == YAML_MEMORY_ERROR) return Result<Meta>(error(path, {}, "out of memory reading YAML"));
    const yaml_parser_t& p = yaml.parser;
    std::string message = "invalid YAML: " + std::string(p.problem ? p.problem : "unreadable");
    if (p.context) message += " " + std::string(p.context);
    // Run off the end (a quote or bracket not closed): where it opened.
    // (libyaml counts characters, not bytes.)
    const auto characters = static_cast<std::size_t>(std::count_if(
        content.begin(), content.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    const bool at_end = p.problem_mark.index >= characters;
    return Result<Meta>(error(path, position_of(at_end && p.context ? p.context_mark : p.problem_mark), message));
  }
  yaml_node_t* root = yaml_document_get_root_node(&yaml.doc);
  if (!root || root->type != YAML_MAPPING_NODE) return std::nullopt;
  // A line of Korean with a colon between rules (`시간: 오후 세 시`) is a
  // mapping too: front matter only where its keys look like one's, or one
  // of them is a key front matter has.
  auto known_key = [&](const yaml_node_pair_t& pair) {
    const yaml_node_t* key = yaml.node(pair.key);
    if (!key || key->type != YAML_SCALAR_NODE) return false;
    const std::string_view name = scalar(*key);
    return name == "authors" || std::find(known.begin(), known.end(), name) != known.end() ||
           std::find(others_keys.begin(), others_keys.end(), name) != others_keys.end();
  };
  if (!looks_like && std::none_of(root->data.mapping.pairs.start, root->data.mapping.pairs.top, known_key))
    return std::nullopt;

  Meta meta;
  const auto fields = fields_of(meta);
  std::set<std::string, std::less<>> given;
  for (yaml_node_pair_t* pair = root->data.mapping.pairs.start; pair < root->data.mapping.pairs.top; ++pair) {
    const yaml_node_t* key = yaml.node(pair->key);
    const yaml_node_t* value = yaml.node(pair->value);
    if (!key || !value) continue;
    const Position key_at = position_of(key->start_mark);
    if (key->type != YAML_SCALAR_NODE) return Result<Meta>(error(path, key_at, "a front matter key must be a name"));
    std::string name(scalar(*key));
    if (name == "authors") name = "author";  // as Quarto and others write it
    if (!given.insert(name).second)
      return Result<Meta>(error(path, key_at, "`" + name + "` is given twice in front matter"));

    const auto field = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.key == name; });
    if (name != "author" && field == fields.end()) {
      if (std::find(others_keys.begin(), others_keys.end(), name) != others_keys.end()) continue;
      std::string suggestion = nearest(name, known);
      diags.add(warning(path, key_at, "front matter key `" + name + "` is not one jakpum reads: left out",
                        suggestion.empty() ? "" : "did you mean `" + suggestion + "`?"));
      continue;
    }
    if (null(*value)) continue;
    // Its strings, and where each starts. An author may be written as
    // Quarto and Pandoc's templates have it, `- name: 이름` with their
    // affiliation and the like beside it: the name is read.
    std::vector<const yaml_node_t*> items;
    if (name == "author" && value->type == YAML_SEQUENCE_NODE) {
      for (yaml_node_item_t* item = value->data.sequence.items.start; item < value->data.sequence.items.top; ++item)
        if (const yaml_node_t* node = yaml.node(*item); node && !null(*node)) items.push_back(node);
    } else {
      items.push_back(value);
    }
    for (const yaml_node_t*& item : items) {
      if (name == "author" && item->type == YAML_MAPPING_NODE)
        for (yaml_node_pair_t* p = item->data.mapping.pairs.start; p < item->data.mapping.pairs.top; ++p)
          if (const yaml_node_t* k = yaml.node(p->key); k && k->type == YAML_SCALAR_NODE && scalar(*k) == "name")
            if (const yaml_node_t* v = yaml.node(p->value); v && v->type == YAML_SCALAR_NODE) item = v;
      if (item->type != YAML_SCALAR_NODE)
        return Result<Meta>(
            error(path, position_of(item->start_mark),
                  "`" + name + "` must be " +
                      (name == "author" ? "a string or a list of strings (or of `name:`s)" : "a string") + ", found " +
                      describe(*item) + (item == value ? "" : " in the list")));
    }
    if (name == "author") {
      for (const yaml_node_t* item : items) {
        meta.authors.emplace_back(scalar(*item));
        meta.at.authors.push_back(text_position(*item));
      }
    } else {
      *field->text = std::string(scalar(*value));
      if (field->at) *field->at = text_position(*value);
    }
  }
  return Result<Meta>(std::move(meta));
}

// ---- TOML between `+++` lines ----

Result<FrontMatter> read_toml(std::string_view text, std::size_t start, const std::string& path) {
  FrontMatter out;
  std::size_t next = 0;
  line_at(text, start, next);
  std::size_t content_begin = next;
  std::size_t at = next;
  while (at < text.size()) {
    std::size_t after = 0;
    if (line_at(text, at, after) == "+++") break;
    at = after;
  }
  if (at >= text.size())
    return error(path, {1, 1}, "front matter is not closed", "end it with a line `+++`");
  std::size_t content_end = at;
  line_at(text, at, out.body_offset);

  auto table = parse_toml(text.substr(content_begin, content_end - content_begin), path, 2);
  if (!table) return table.error();

  Meta& meta = out.meta;
  const auto fields = fields_of(meta);
  for (const auto& [key, node] : *table) {
    std::string_view k = key.str();
    if (k == "date" && (node.is_date() || node.is_date_time())) {
      std::ostringstream s;
      if (node.is_date()) s << *node.as_date(); else s << *node.as_date_time();
      meta.date = s.str();
      continue;
    }
    const auto field = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.key == k; });
    if (k == "author") {
      auto names = read_strings(node, k, path, 2, true, &meta.at.authors);
      if (!names) return names.error();
      meta.authors = std::move(*names);
    } else if (field != fields.end()) {
      std::vector<Position> where;
      auto value = read_strings(node, k, path, 2, false, &where);
      if (!value) return value.error();
      *field->text = value->front();
      if (field->at) *field->at = where.front();
    } else {
      return unknown_key(key, "front matter", known, path, 2);
    }
  }
  return out;
}

}  // namespace

Result<FrontMatter> read_front_matter(std::string_view text, const std::string& path, Diagnostics& diags) {
  const std::size_t start = text.starts_with(bom) ? bom.size() : 0;
  std::size_t next = 0;
  const std::string_view first = line_at(text, start, next);
  if (first == "+++") return read_toml(text, start, path);
  if (first == "---") {
    const bool looks_like = looks_like_yaml(text, start);
    if (auto block = yaml_block(text, start)) {
      if (auto meta = read_yaml(block->content, looks_like, path, diags)) {
        if (!*meta) return meta->error();
        return FrontMatter{std::move(**meta), block->body_offset};
      }
    }
  }
  FrontMatter out;
  out.body_offset = start;
  return out;
}

}  // namespace jakpum::doc
