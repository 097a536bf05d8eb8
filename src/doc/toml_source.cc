#include "doc/toml_source.h"

namespace jakpum::doc {

Position position_of(const toml::source_region& region, int first_line) {
  if (region.begin.line == 0) return {};
  return {static_cast<int>(region.begin.line) + first_line - 1, static_cast<int>(region.begin.column)};
}

Result<toml::table> parse_toml(std::string_view text, const std::string& path, int first_line) {
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return error(path, position_of(e.source(), first_line),
                 "invalid TOML: " + std::string(e.description()));
  }
}

std::string describe_type(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "a list";
    case toml::node_type::table: return "a table";
    default: return "nothing";
  }
}

Position text_position(const toml::node& node, int first_line) {
  const toml::source_region& region = node.source();
  Position at = position_of(region, first_line);
  if (at.line == 0) return at;
  if (region.end.line > region.begin.line) return {at.line + 1, 1};
  return {at.line, at.column + 1};
}

Result<std::vector<std::string>> read_strings(const toml::node& node, std::string_view key, const std::string& path,
                                              int first_line, bool allow_list, std::vector<Position>* at) {
  std::vector<std::string> out;
  if (auto s = node.value<std::string>(); s && node.is_string()) {
    out.push_back(*s);
    if (at) at->assign(1, text_position(node, first_line));
    return out;
  }
  std::string expected = allow_list ? "a string or a list of strings" : "a string";
  if (allow_list && node.is_array()) {
    for (const auto& item : *node.as_array()) {
      if (!item.is_string())
        return error(path, position_of(item.source(), first_line),
                     "`" + std::string(key) + "` must be " + expected + ", found " + describe_type(item) +
                         " in the list");
      out.push_back(*item.value<std::string>());
    }
    if (at) {
      at->clear();
      for (const auto& item : *node.as_array()) at->push_back(text_position(item, first_line));
    }
    return out;
  }
  return error(path, position_of(node.source(), first_line),
               "`" + std::string(key) + "` must be " + expected + ", found " + describe_type(node));
}

Diagnostic unknown_key(const toml::key& key, std::string_view where, const std::vector<std::string>& known,
                       const std::string& path, int first_line) {
  std::string hint;
  if (std::string suggestion = nearest(key.str(), known); !suggestion.empty()) {
    hint = "did you mean `" + suggestion + "`?";
  } else if (!known.empty() && known.size() <= 8) {  // nothing near: the few there are
    for (std::size_t i = 0; i < known.size(); ++i)
      hint += (i == 0 ? "the keys are `" : i + 1 == known.size() ? " and `" : ", `") + known[i] + "`";
  }
  return error(path, position_of(key.source(), first_line),
               "unknown key `" + std::string(key.str()) + "`" + (where.empty() ? "" : " in " + std::string(where)),
               hint);
}

}  // namespace jakpum::doc
