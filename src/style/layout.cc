#include "style/layout.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>

#include "core/files.h"
#include "doc/toml_source.h"
#include "style/settings.h"

namespace jakpum::style {
namespace {

namespace fs = std::filesystem;
using settings::Field;

// Whether a path names a regular file. A path the system cannot even look up
// (a name too long, a folder not to be read) names none: std::filesystem
// would throw.
bool is_file(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

// A path as it is on disk, links resolved, to tell layouts apart; as written
// when it cannot be resolved.
std::string canonical(const std::string& path) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(path, ec);
  return ec ? fs::path(path).lexically_normal().string() : resolved.string();
}

const std::vector<std::string> inline_style_names = {"em", "strong", "link", "code"};
const std::vector<std::string> placeholders = {"page", "title", "section", "publication"};

struct StyleDraft {
  Style value;
  std::set<std::string, std::less<>> set;
};

// A layout while its files are applied, parent first.
struct Draft {
  std::string description;
  PageSetup page;
  TextSetup text;
  ContentsSetup contents;
  PrintSetup print;
  std::map<std::string, FontFamily, std::less<>> fonts;
  std::vector<std::string> font_order;
  std::map<std::string, StyleDraft, std::less<>> styles;
  InlineStyle emphasis, strong, link, code;
  RunningHead header, footer;
  std::map<std::string, Origin, std::less<>> origins;
};

struct File {
  std::string path;
  std::string folder;
};

Diagnostic at(const File& file, const toml::node& node, std::string_view key, const Diagnostic& why) {
  return error(file.path, doc::position_of(node.source()), "`" + std::string(key) + "` " + why.message, why.hint);
}

Origin origin_of(const File& file, const toml::node& node) {
  return {file.path, doc::position_of(node.source()), node.is_string() ? doc::text_position(node) : Position{}};
}

std::string join(std::string_view a, std::string_view b) { return std::string(a) + "." + std::string(b); }

template <class Owner>
Status apply_fields(const File& file, const toml::table& table, std::string_view section,
                    const std::vector<Field<Owner>>& fields, Owner& owner, Draft& draft,
                    std::set<std::string, std::less<>>* set_keys = nullptr,
                    const std::vector<std::string>& extra_keys = {}) {
  std::vector<std::string> known = settings::keys(fields);
  known.insert(known.end(), extra_keys.begin(), extra_keys.end());
  for (const auto& [key, node] : table)
    if (std::find(known.begin(), known.end(), key.str()) == known.end())
      return doc::unknown_key(key, "[" + std::string(section) + "]", known, file.path);
  for (const auto& f : fields) {
    const toml::node* node = table.get(f.key);
    if (!node) continue;
    Status s = f.read(*node, owner);
    if (!s) return at(file, *node, join(section, f.key), s.error());
    draft.origins[join(section, f.key)] = origin_of(file, *node);
    if (set_keys) set_keys->insert(std::string(f.key));
  }
  return ok();
}

const toml::table* as_table(const File& file, const toml::node& node, std::string_view key, Status& status) {
  if (!node.is_table()) {
    status = error(file.path, doc::position_of(node.source()),
                   "`" + std::string(key) + "` must be a table, found " + doc::describe_type(node));
    return nullptr;
  }
  return node.as_table();
}

Status check_template(const File& file, const toml::node& node, std::string_view key) {
  std::string_view t = *node.value<std::string_view>();
  for (std::size_t open = t.find('{'); open != std::string_view::npos; open = t.find('{', open + 1)) {
    std::size_t close = t.find('}', open);
    if (close == std::string_view::npos)
      return error(file.path, doc::position_of(node.source()), "`" + std::string(key) + "` has an unclosed `{`");
    std::string name(t.substr(open + 1, close - open - 1));
    if (std::find(placeholders.begin(), placeholders.end(), name) == placeholders.end()) {
      std::string near = nearest(name, placeholders);
      return error(file.path, doc::position_of(node.source()),
                   "`" + std::string(key) + "` uses unknown placeholder `{" + name + "}`",
                   near.empty() ? "use {page}, {title}, {section} or {publication}" : "did you mean `{" + near + "}`?");
    }
  }
  return ok();
}

Status apply_running_head(const File& file, const toml::table& table, std::string_view section, bool footer,
                          RunningHead& head, Draft& draft) {
  Status s = apply_fields(file, table, section, settings::running_head(footer), head, draft, nullptr, {"recto", "verso"});
  if (!s) return s;
  for (std::string_view side : {"recto", "verso"}) {
    const toml::node* node = table.get(side);
    if (!node) continue;
    std::string key = join(section, side);
    const toml::table* slots = as_table(file, *node, key, s);
    if (!slots) return s;
    HeadSlots& target = side == "recto" ? head.recto : head.verso;
    target = {};
    static const std::vector<std::string> slot_names = {"inner", "center", "outer"};
    for (const auto& [slot, value] : *slots) {
      std::string slot_key = join(key, slot.str());
      if (std::find(slot_names.begin(), slot_names.end(), slot.str()) == slot_names.end())
        return doc::unknown_key(slot, "[" + key + "]", slot_names, file.path);
      if (!value.is_string())
        return error(file.path, doc::position_of(value.source()),
                     "`" + slot_key + "` must be a string, found " + doc::describe_type(value));
      if (Status t = check_template(file, value, slot_key); !t) return t;
      std::string text = *value.value<std::string>();
      (slot.str() == "inner" ? target.inner : slot.str() == "center" ? target.center : target.outer) = text;
      draft.origins[slot_key] = origin_of(file, value);
    }
  }
  return ok();
}

// A font is a file name, or a table naming the file and the face in it:
//   regular = "NanumMyeongjo.ttf"
//   regular = { file = "NotoSerifCJK-Regular.ttc", face = "NotoSerifCJKkr-Regular" }  # or face = 1
Result<FontSource> read_font_source(const File& file, const toml::node& value, const std::string& key,
                                    bool may_be_missing) {
  FontSource source;
  const toml::node* path_node = &value;
  if (const toml::table* t = value.as_table()) {
    static const std::vector<std::string> known = {"file", "face"};
    for (const auto& [k, v] : *t)
      if (std::find(known.begin(), known.end(), k.str()) == known.end())
        return doc::unknown_key(k, "`" + key + "`", known, file.path);
    path_node = t->get("file");
    if (!path_node)
      return error(file.path, doc::position_of(value.source()), "`" + key + "` names no `file`");
    if (const toml::node* face = t->get("face")) {
      if (face->is_integer() && *face->value<int64_t>() >= 0 && *face->value<int64_t>() < 1000)
        source.index = static_cast<int>(*face->value<int64_t>());
      else if (face->is_string())
        source.postscript_name = *face->value<std::string>();
      else
        return error(file.path, doc::position_of(face->source()),
                     "`" + key + ".face` must be a face index (0, 1, ...) or a PostScript name, found " +
                         doc::describe_type(*face));
    }
  }
  if (!path_node->is_string())
    return error(file.path, doc::position_of(path_node->source()),
                 "`" + key + "` must be a font file path or { file = ..., face = ... }, found " +
                     doc::describe_type(*path_node));
  source.path = resolve_relative(file.folder, *path_node->value<std::string>());
  if (std::error_code ec; std::filesystem::is_directory(source.path, ec))
    return error(file.path, doc::position_of(path_node->source()), "font file " + source.path + " is a folder",
                 "name a .ttf, .otf or .ttc file in it");
  if (!may_be_missing && !is_file(source.path))
    return error(file.path, doc::position_of(path_node->source()), "font file not found: " + source.path,
                 "paths are relative to the layout file; for a font not always installed, "
                 "set `optional = true` in its family");
  return source;
}

Status apply_fonts(const File& file, const toml::table& table, Draft& draft) {
  for (const auto& [name, node] : table) {
    std::string key = join("fonts", name.str());
    Status s = ok();
    const toml::table* family_table = as_table(file, node, key, s);
    if (!family_table) return s;
    auto [it, fresh] = draft.fonts.try_emplace(std::string(name.str()));
    if (fresh) draft.font_order.emplace_back(name.str());
    FontFamily& family = it->second;
    family.name = name.str();
    static const std::vector<std::string> known = {"regular", "bold", "latin", "latin-scale", "fallback", "optional"};
    // Whether its files may be missing is known before they are read.
    if (const toml::node* optional = family_table->get("optional")) {
      if (!optional->is_boolean())
        return error(file.path, doc::position_of(optional->source()),
                     "`" + join(key, "optional") + "` must be true or false, found " + doc::describe_type(*optional));
      family.optional = *optional->value<bool>();
      draft.origins[join(key, "optional")] = origin_of(file, *optional);
    }
    for (const auto& [weight, value] : *family_table) {
      std::string weight_key = join(key, weight.str());
      if (std::find(known.begin(), known.end(), weight.str()) == known.end())
        return doc::unknown_key(weight, "[" + key + "]", known, file.path);
      if (weight.str() == "optional") continue;
      if (weight.str() == "fallback") {
        const toml::array* names = value.as_array();
        if (!names || !std::all_of(names->begin(), names->end(), [](const toml::node& n) { return n.is_string(); }))
          return error(file.path, doc::position_of(value.source()),
                       "`" + weight_key + "` must be a list of font family names, found " + doc::describe_type(value));
        family.fallback.clear();
        for (const toml::node& n : *names) family.fallback.push_back(*n.value<std::string>());
        draft.origins[weight_key] = origin_of(file, value);
        continue;
      }
      if (weight.str() == "latin") {
        if (!value.is_string())
          return error(file.path, doc::position_of(value.source()),
                       "`" + weight_key + "` must be a font family name, found " + doc::describe_type(value));
        family.latin = *value.value<std::string>();
        draft.origins[weight_key] = origin_of(file, value);
        continue;
      }
      if (weight.str() == "latin-scale") {
        const std::optional<double> scale = value.is_number() ? value.value<double>() : std::nullopt;
        if (!scale || !(*scale >= 0.5 && *scale <= 2))
          return error(file.path, doc::position_of(value.source()), "`" + weight_key + "` must be a number from 0.5 to 2",
                       "1.05 sets the Latin family 5% larger than the style");
        family.latin_scale = *scale;
        draft.origins[weight_key] = origin_of(file, value);
        continue;
      }
      auto source = read_font_source(file, value, weight_key, family.optional);
      if (!source) return source.error();
      (weight.str() == "regular" ? family.regular : family.bold) = *source;
      draft.origins[weight_key] = origin_of(file, value);
    }
    if (family.regular.empty())
      return error(file.path, doc::position_of(node.source()), "`" + key + "` names no `regular` font file");
    family.absent = family.optional && !is_file(family.regular.path);
    if (family.optional && !family.bold.empty() && !is_file(family.bold.path)) family.bold = {};
  }
  return ok();
}

Status apply_inline(const File& file, const toml::table& table, std::string_view key, InlineStyle& style,
                    Draft& draft) {
  static const std::vector<std::string> known = {"font", "weight", "color"};
  for (const auto& [k, node] : table) {
    std::string full = join(key, k.str());
    if (k.str() == "font") {
      if (!node.is_string())
        return error(file.path, doc::position_of(node.source()),
                     "`" + full + "` must be a font family name, found " + doc::describe_type(node));
      style.font = *node.value<std::string>();
    } else if (k.str() == "weight") {
      auto w = parse_weight(node);
      if (!w) return at(file, node, full, w.error());
      style.set_weight = true, style.weight = *w;
    } else if (k.str() == "color") {
      auto c = parse_color(node);
      if (!c) return at(file, node, full, c.error());
      style.set_color = true, style.color = *c;
    } else {
      return doc::unknown_key(k, "[" + std::string(key) + "]", known, file.path);
    }
    draft.origins[full] = origin_of(file, node);
  }
  return ok();
}

Result<std::string> find_layout(const std::string& name, const std::vector<std::string>& folders) {
  bool is_path = name.find('/') != std::string::npos || name.ends_with(".toml");
  if (is_path) {
    if (!is_file(name)) return error(name, {}, "layout file not found");
    return name;
  }
  std::vector<std::string> available;
  for (const auto& folder : folders) {
    std::string candidate = resolve_relative(folder, name + ".toml");
    if (is_file(candidate)) return candidate;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec))
      if (entry.path().extension() == ".toml") available.push_back(entry.path().stem().string());
  }
  std::sort(available.begin(), available.end());
  available.erase(std::unique(available.begin(), available.end()), available.end());
  std::string near = nearest(name, available);
  std::string list;
  for (const auto& a : available) list += (list.empty() ? "" : ", ") + a;
  return error("", {}, "unknown layout `" + name + "`",
               !near.empty() ? "did you mean `" + near + "`?" : list.empty() ? "" : "available: " + list);
}

Status apply_file(const std::string& path, const LayoutSearch& search, Draft& draft,
                  std::vector<std::string>& chain);

// A layout's text, as if read from `path` (which places its relative paths).
Status apply_text(std::string_view text, const std::string& path, const LayoutSearch& search, Draft& draft,
                  std::vector<std::string>& chain) {
  auto parsed = doc::parse_toml(text, path);
  if (!parsed) return parsed.error();
  const toml::table& root = *parsed;
  File file{path, parent_folder(path)};
  chain.push_back(canonical(path));

  static const std::vector<std::string> known = {"description", "extends", "page",   "text",   "contents",
                                                 "print",       "fonts",   "styles", "header", "footer"};
  for (const auto& [key, node] : root)
    if (std::find(known.begin(), known.end(), key.str()) == known.end())
      return doc::unknown_key(key, "", known, path);

  if (const toml::node* extends = root.get("extends")) {
    Position pos = doc::position_of(extends->source());
    if (!extends->is_string())
      return error(path, pos, "`extends` must be a layout name or path, found " + doc::describe_type(*extends));
    std::string parent_name = *extends->value<std::string>();
    std::vector<std::string> folders = {file.folder};
    folders.insert(folders.end(), search.folders.begin(), search.folders.end());
    bool is_path = parent_name.find('/') != std::string::npos || parent_name.ends_with(".toml");
    auto parent = find_layout(is_path ? resolve_relative(file.folder, parent_name) : parent_name, folders);
    if (!parent) return error(path, pos, parent.error().message, parent.error().hint);
    if (std::find(chain.begin(), chain.end(), canonical(*parent)) != chain.end())
      return error(path, pos, "`extends = \"" + parent_name + "\"` makes a cycle", "a layout cannot extend itself");
    if (Status s = apply_file(*parent, search, draft, chain); !s) return s;
  }

  Status s = ok();
  if (const toml::node* d = root.get("description")) {
    if (!d->is_string())
      return error(path, doc::position_of(d->source()), "`description` must be a string, found " + doc::describe_type(*d));
    draft.description = *d->value<std::string>();
  }
  if (const toml::node* node = root.get("page")) {
    const toml::table* t = as_table(file, *node, "page", s);
    if (!t) return s;
    if (s = apply_fields(file, *t, "page", settings::page(), draft.page, draft); !s) return s;
  }
  if (const toml::node* node = root.get("text")) {
    const toml::table* t = as_table(file, *node, "text", s);
    if (!t) return s;
    if (s = apply_fields(file, *t, "text", settings::text(), draft.text, draft); !s) return s;
  }
  if (const toml::node* node = root.get("print")) {
    const toml::table* t = as_table(file, *node, "print", s);
    if (!t) return s;
    if (s = apply_fields(file, *t, "print", settings::print(), draft.print, draft); !s) return s;
  }
  if (const toml::node* node = root.get("contents")) {
    const toml::table* t = as_table(file, *node, "contents", s);
    if (!t) return s;
    if (s = apply_fields(file, *t, "contents", settings::contents(), draft.contents, draft); !s) return s;
  }
  if (const toml::node* node = root.get("fonts")) {
    const toml::table* t = as_table(file, *node, "fonts", s);
    if (!t) return s;
    if (s = apply_fonts(file, *t, draft); !s) return s;
  }
  if (const toml::node* node = root.get("styles")) {
    const toml::table* t = as_table(file, *node, "styles", s);
    if (!t) return s;
    std::vector<std::string> all = style_names();
    all.insert(all.end(), inline_style_names.begin(), inline_style_names.end());
    for (const auto& [name, style_node] : *t) {
      std::string key = join("styles", name.str());
      const toml::table* st = as_table(file, style_node, key, s);
      if (!st) return s;
      if (std::find(inline_style_names.begin(), inline_style_names.end(), name.str()) != inline_style_names.end()) {
        InlineStyle& in = name.str() == "em"       ? draft.emphasis
                          : name.str() == "strong" ? draft.strong
                          : name.str() == "link"   ? draft.link
                                                   : draft.code;
        s = apply_inline(file, *st, key, in, draft);
      } else if (std::find(all.begin(), all.end(), name.str()) != all.end()) {
        StyleDraft& sd = draft.styles[std::string(name.str())];
        s = apply_fields(file, *st, key, settings::style(), sd.value, draft, &sd.set);
      } else {
        std::string near = nearest(name.str(), all);
        return error(path, doc::position_of(name.source()), "unknown style `" + std::string(name.str()) + "`",
                     near.empty() ? "" : "did you mean `" + near + "`?");
      }
      if (!s) return s;
    }
  }
  for (bool footer : {false, true}) {
    const char* section = footer ? "footer" : "header";
    if (const toml::node* node = root.get(section)) {
      const toml::table* t = as_table(file, *node, section, s);
      if (!t) return s;
      if (s = apply_running_head(file, *t, section, footer, footer ? draft.footer : draft.header, draft); !s) return s;
    }
  }
  chain.pop_back();
  return ok();
}

Status apply_file(const std::string& path, const LayoutSearch& search, Draft& draft,
                  std::vector<std::string>& chain) {
  auto bytes = read_file(path);
  if (!bytes) return bytes.error();
  return apply_text(*bytes, path, search, draft, chain);
}

Diagnostic at_origin(const Layout& layout, std::string_view key, std::string message, std::string hint = {}) {
  Origin o = layout.origin(key);
  return error(o.path, o.pos, std::move(message), std::move(hint));
}

// The styles of blocks inside others, which the layout does not name: each
// is `base` in the face of `container`.
struct Contained {
  std::string_view name, base, container;
};
constexpr Contained contained_styles[] = {
    {"list-in-blockquote", "list", "blockquote"},
    {"list-in-note", "list", "note"},
    {"blockquote-in-note", "blockquote", "note"},
};

Result<Layout> resolve(const std::string& path, Draft draft) {
  Layout out;
  out.name = fs::path(path).stem().string();
  out.path = path;
  out.description = draft.description;
  out.page = draft.page;
  out.text = draft.text;
  out.contents = draft.contents;
  out.print = draft.print;
  for (const auto& name : draft.font_order) out.fonts.push_back(draft.fonts.at(name));
  out.emphasis = draft.emphasis;
  out.strong = draft.strong;
  out.link = draft.link;
  out.code = draft.code;
  out.header = draft.header;
  out.footer = draft.footer;
  out.origins = std::move(draft.origins);
  // Hyphenation patterns named by a layout are looked for beside it, and
  // must be there; the default's absence (no hyphen-en-us) is warned of
  // when a paragraph would need them.
  if (auto it = out.origins.find("text.hyphenation-patterns"); it != out.origins.end()) {
    const Origin& at = it->second;
    out.text.hyphenation_patterns =
        resolve_relative(fs::path(at.path).parent_path().string(), out.text.hyphenation_patterns);
    if (!is_file(out.text.hyphenation_patterns))
      return error(at.path, at.pos, "hyphenation patterns not found: " + out.text.hyphenation_patterns,
                   "a libhyphen .dic file, relative to the layout; Debian's hyphen-* packages put theirs in "
                   "/usr/share/hyphen");
  }

  const StyleDraft& body = draft.styles["body"];
  for (const auto& name : style_names()) {
    Style s;
    settings::apply_defaults(settings::style(), s);
    const StyleDraft& own = draft.styles[name];
    // Code is set as written: flush left and its first line not indented,
    // whatever the body does, unless its own style says otherwise; a
    // section break's mark is centred.
    const bool code = name == "code-block", mark = name == "section-break";
    if (code) s.align = Align::left;
    if (mark) s.align = Align::center;
    for (const auto& f : settings::style()) {
      if (own.set.contains(f.key)) f.copy(own.value, s);
      else if ((code || mark) && (f.key == "align" || f.key == "indent")) continue;
      else if (f.inherited && body.set.contains(f.key)) f.copy(body.value, s);
    }
    out.styles[name] = s;
  }

  // Cross-checks, each reported where the offending value was set. Of
  // several values that together go wrong, the one set in this very file is
  // blamed first (the layout it extends was fine before), else the first set.
  auto to_blame = [](const Layout& l, const std::string& file, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
      if (auto it = l.origins.find(k); it != l.origins.end() && it->second.path == file) return std::string(k);
    for (const char* k : keys)
      if (l.origins.contains(k)) return std::string(k);
    return std::string(*keys.begin());
  };
  if (out.fonts.empty()) return error(path, {1, 1}, "the layout declares no fonts", "add a [fonts.NAME] table");
  for (const auto& [name, s] : out.styles) {
    std::string key = "styles." + name + ".font";
    if (!out.origins.contains(key)) key = "styles.body.font";  // inherited: blamed where the body's is set
    if (s.font.empty())
      return at_origin(out, key, "style `" + name + "` has no font", "set `font` in [styles.body]");
    if (!out.family(s.font))
      return at_origin(out, key, "`" + key + "` names unknown font family `" + s.font + "`",
                       "declare it as [fonts." + s.font + "]");
  }
  for (const auto& [st, key] : {std::pair{&out.emphasis, "styles.em.font"}, std::pair{&out.strong, "styles.strong.font"},
                                std::pair{&out.link, "styles.link.font"}, std::pair{&out.code, "styles.code.font"}})
    if (!st->font.empty() && !out.family(st->font))
      return at_origin(out, key, "unknown font family `" + st->font + "`", "declare it as [fonts." + st->font + "]");
  for (const auto& family : out.text.fallback)
    if (!out.family(family))
      return at_origin(out, "text.fallback", "`text.fallback` names unknown font family `" + family + "`");
  for (const FontFamily& family : out.fonts)
    for (const auto& name : family.fallback)
      if (!out.family(name))
        return at_origin(out, "fonts." + family.name + ".fallback",
                         "`fonts." + family.name + ".fallback` names unknown font family `" + name + "`",
                         "declare it as [fonts." + name + "]");
  for (const FontFamily& family : out.fonts) {
    if (family.latin.empty()) continue;
    const std::string key = "fonts." + family.name + ".latin";
    const FontFamily* latin = out.family(family.latin);
    if (!latin)
      return at_origin(out, key, "`" + key + "` names unknown font family `" + family.latin + "`",
                       "declare it as [fonts." + family.latin + "]");
    if (latin == &family || !latin->latin.empty())
      return at_origin(out, key, "`" + key + "` names a family that has a Latin family of its own, or itself",
                       "name a family without `latin`");
  }

  const Style& text = out.style("body");
  char buf[200];
  if (out.text_width() < text.size) {
    std::snprintf(buf, sizeof buf, "leaves a text block %.1fmm wide, narrower than one character of body text (%gpt)",
                  pt_to_mm(out.text_width()), text.size);
    std::string key = to_blame(out, path, {"page.margin-inner", "page.margin-outer", "page.width", "page.size"});
    return at_origin(out, key, "`" + key + "` " + buf, "reduce the margins or enlarge the page");
  }
  if (out.text_height() < text.leading_pt()) {
    std::snprintf(buf, sizeof buf, "leaves a text block %.1fmm high, lower than one line of body text (%gpt)",
                  pt_to_mm(out.text_height()), text.leading_pt());
    std::string key = to_blame(out, path, {"page.margin-top", "page.margin-bottom", "page.height", "page.size"});
    return at_origin(out, key, "`" + key + "` " + buf, "reduce the margins or enlarge the page");
  }
  // Text inside a quote or a note is set in that one's face (font, weight,
  // size, leading and colour), whatever the style of a list or quote in it
  // says: a note's list is as small as its note. The rest (space, markers)
  // stays that style's, and its margins as wide as they are outside, so that
  // what is nested in it lines up with its text.
  for (const auto& [name, base, container] : contained_styles) {
    Style s = out.styles.at(std::string(base));
    const Style& in = out.styles.at(std::string(container));
    s.margin_left = {Length::Unit::pt, s.margin_left.resolve(s.size)};
    s.margin_right = {Length::Unit::pt, s.margin_right.resolve(s.size)};
    s.font = in.font, s.weight = in.weight, s.size = in.size, s.leading = in.leading, s.color = in.color;
    out.styles[std::string(name)] = s;
  }
  return out;
}

}  // namespace

const std::vector<std::string>& style_names() {
  static const std::vector<std::string> names = {
      "body",        "title",          "subtitle",     "author",         "h1",       "h2",
      "h3",          "blockquote",     "pullquote",    "list",           "credit",   "header",
      "footer",      "cover-title",    "cover-subtitle", "cover-author", "contents-title", "contents",
      "contents-section", "colophon", "code-block", "figure", "table", "table-header", "note",
      "section-break"};
  return names;
}

std::string style_name_for(const doc::Block& block) {
  switch (block.kind) {
    case doc::BlockKind::heading: return "h" + std::to_string(std::clamp(block.level, 1, 3));
    case doc::BlockKind::blockquote: return block.in_note ? "blockquote-in-note" : "blockquote";
    case doc::BlockKind::pullquote: return "pullquote";
    case doc::BlockKind::list_item:
      return block.in_note ? "list-in-note" : block.quotes > 0 ? "list-in-blockquote" : "list";
    case doc::BlockKind::credit: return "credit";
    case doc::BlockKind::code: return "code-block";
    case doc::BlockKind::figure: return "figure";
    case doc::BlockKind::table: return "table";
    case doc::BlockKind::note: return "note";
    default: return "body";
  }
}

const Style& Layout::style(std::string_view name) const {
  auto it = styles.find(name);
  return it != styles.end() ? it->second : styles.at("body");
}

const FontFamily* Layout::family(std::string_view name) const {
  for (const auto& f : fonts)
    if (f.name == name) return &f;
  return nullptr;
}

Origin Layout::origin(std::string_view key) const {
  auto it = origins.find(key);
  return it != origins.end() ? it->second : Origin{path, {1, 1}, {}};
}

namespace {

Draft default_draft() {
  Draft draft;
  settings::apply_defaults(settings::page(), draft.page);
  settings::apply_defaults(settings::text(), draft.text);
  settings::apply_defaults(settings::contents(), draft.contents);
  settings::apply_defaults(settings::print(), draft.print);
  settings::apply_defaults(settings::running_head(false), draft.header);
  settings::apply_defaults(settings::running_head(true), draft.footer);
  return draft;
}

}  // namespace

const std::vector<PrintingCondition>& registered_conditions() {
  static const std::vector<PrintingCondition> conditions = {
      {"FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004), offset on coated paper"},
      {"FOGRA51", "PSO Coated v3 (ISO 12647-2:2013), offset on coated paper"},
      {"FOGRA52", "PSO Uncoated v3 (ISO 12647-2:2013), offset on uncoated paper"},
      {"FOGRA47", "PSO Uncoated ISO 12647 (FOGRA47), offset on uncoated paper"},
      {"FOGRA29", "Uncoated FOGRA29 (ISO 12647-2:2004), offset on uncoated paper"},
      {"JC200103", "Japan Color 2001 Coated, offset on coated paper"},
      {"CGATS21-2-CRPC6", "GRACoL 2013 (CGATS 21-2 CRPC6), offset on coated paper"},
      {"CGATS21-2-CRPC5", "SWOP 2013 (CGATS 21-2 CRPC5), web offset on coated paper"},
  };
  return conditions;
}

const PrintingCondition* find_condition(std::string_view identifier) {
  for (const auto& c : registered_conditions())
    if (c.identifier == identifier) return &c;
  return nullptr;
}

std::string condition_names() {
  std::string names;
  for (const auto& c : registered_conditions()) names += (names.empty() ? "" : ", ") + std::string(c.identifier);
  return names;
}

Result<Layout> load_layout(const std::string& name_or_path, const LayoutSearch& search) {
  auto path = find_layout(name_or_path, search.folders);
  if (!path) return path.error();
  Draft draft = default_draft();
  std::vector<std::string> chain;
  if (Status s = apply_file(*path, search, draft, chain); !s) return s.error();
  return resolve(*path, std::move(draft));
}

Result<Layout> load_layout_text(std::string_view text, const std::string& path, const LayoutSearch& search) {
  Draft draft = default_draft();
  std::vector<std::string> chain;
  if (Status s = apply_text(text, path, search, draft, chain); !s) return s.error();
  return resolve(path, std::move(draft));
}

std::string describe_settings() {
  std::string out;
  auto section = [&](std::string_view title, const auto& fields) {
    out += "[" + std::string(title) + "]\n";
    for (const auto& f : fields) {
      std::string line = "  " + std::string(f.key) + " = " + std::string(f.initial);
      line.resize(std::max<std::size_t>(line.size() + 1, 34), ' ');
      out += line + "# " + std::string(f.type) + ": " + std::string(f.help) + "\n";
    }
  };
  section("page", settings::page());
  section("text", settings::text());
  section("contents", settings::contents());
  section("print", settings::print());
  out += "[fonts.NAME]\n"
         "  regular = \"path.ttf\"            # TrueType or OpenType (CFF) file, relative to the layout,\n"
         "                                  # or { file = \"x.ttc\", face = 1 } (index or PostScript name)\n"
         "  bold = \"path-bold.ttf\"          # optional, the same forms\n"
         "  latin = \"\"                      # optional: a family for Latin, Greek and Cyrillic letters,\n"
         "                                  # and the digits and punctuation among them\n"
         "  latin-scale = 1                 # the Latin family's size as a fraction of the style's (0.5 to 2),\n"
         "                                  # to even out the two x-heights\n"
         "  fallback = []                   # optional: families tried, in order, for characters this one\n"
         "                                  # lacks, before [text] fallback\n"
         "  optional = false                # true: where its files are missing (a font not always installed),\n"
         "                                  # the family is left out of fallback chains\n";
  std::string names;
  for (const auto& n : style_names()) names += (names.empty() ? "" : ", ") + n;
  section("styles.NAME  (NAME: " + names + "; unset inherited keys come from body)", settings::style());
  out += "  # code-block sets code as written: unless its own table says otherwise, flush left and\n"
         "  # with no first-line indent, whatever the body's; section-break centres its mark, unindented\n"
         "[styles.em], [styles.strong], [styles.link], [styles.code]\n"
         "  font, weight, color             # what emphasis, a link's text and inline code change (links: nothing by default)\n";
  section("header", settings::running_head(false));
  section("footer", settings::running_head(true));
  out += "[header.recto], [header.verso], [footer.recto], [footer.verso]\n"
         "  inner, center, outer = \"...\"   # templates: {page} {title} {section} {publication}\n";
  return out;
}

}  // namespace jakpum::style
