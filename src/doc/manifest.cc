#include "doc/manifest.h"

#include <algorithm>
#include <sstream>

#include "core/files.h"
#include "doc/read.h"
#include "doc/toml_source.h"

namespace jakpum::doc {

Result<Publication> read_manifest(std::string_view text, const std::string& path, Diagnostics& diags) {
  auto table = parse_toml(text, path);
  if (!table) return table.error();
  Publication pub;
  pub.path = path;
  static const std::vector<std::string> known = {"title",      "subtitle", "author",   "editor",   "date",
                                                 "identifier", "layout",   "documents", "cover",    "contents",
                                                 "colophon"};
  // A manifest makes a book; each part can be left out.
  pub.cover = pub.contents = pub.colophon = true;
  const toml::node* documents = nullptr;
  Position documents_pos;
  for (const auto& [key, node] : *table) {
    std::string_view k = key.str();
    if (k == "documents") {
      documents = &node;
      documents_pos = position_of(key.source());
      continue;
    }
    if (k == "cover" || k == "contents" || k == "colophon") {
      if (!node.is_boolean())
        return error(path, position_of(node.source()),
                     "`" + std::string(k) + "` must be true or false, found " + describe_type(node));
      (k == "cover" ? pub.cover : k == "contents" ? pub.contents : pub.colophon) = *node.value<bool>();
      continue;
    }
    if (k == "date" && (node.is_date() || node.is_date_time())) {
      std::ostringstream date;
      if (node.is_date()) date << *node.as_date(); else date << *node.as_date_time();
      pub.date = date.str();
      pub.at.date = position_of(node.source());
      continue;
    }
    if (std::find(known.begin(), known.end(), k) == known.end()) return unknown_key(key, "manifest", known, path);
    std::vector<Position> at;
    auto value = read_strings(node, k, path, 1, k == "author" || k == "editor", &at);
    if (!value) return value.error();
    if (k == "title") pub.title = value->front(), pub.at.title = at.front();
    if (k == "subtitle") pub.subtitle = value->front(), pub.at.subtitle = at.front();
    if (k == "author") pub.authors = *value, pub.at.authors = at;
    if (k == "editor") pub.editors = *value, pub.at.editors = at;
    if (k == "date") pub.date = value->front(), pub.at.date = at.front();
    if (k == "identifier") pub.identifier = value->front(), pub.at.identifier = at.front();
    if (k == "layout") pub.layout = value->front(), pub.layout_pos = position_of(node.source());
  }
  if (!documents) return error(path, {1, 1}, "manifest names no documents", "add `documents = [\"essay.md\"]`");
  if (!documents->is_array())
    return error(path, position_of(documents->source()),
                 "`documents` must be a list of file names, found " + describe_type(*documents));
  if (documents->as_array()->empty()) return error(path, documents_pos, "`documents` is empty");

  std::string folder = parent_folder(path);
  for (const auto& item : *documents->as_array()) {
    Position pos = position_of(item.source());
    if (!item.is_string())
      return error(path, pos, "`documents` must list file names, found " + describe_type(item));
    std::string file = resolve_relative(folder, *item.value<std::string>());
    if (file.ends_with(".toml")) return error(path, pos, "a manifest cannot list another manifest ('" + file + "')");
    auto doc = read_document(file, diags);
    if (!doc) {
      // Point at the manifest entry when the file itself could not be opened.
      if (doc.error().pos.line == 0) return error(path, pos, doc.error().message + " ('" + file + "')");
      return doc.error();
    }
    pub.documents.push_back(std::move(*doc));
  }
  return pub;
}

}  // namespace jakpum::doc
