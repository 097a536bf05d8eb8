#include "style/values.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "doc/toml_source.h"

namespace jakpum::style {
namespace {

Diagnostic mismatch(std::string expected, const toml::node& node) {
  return error("", {}, "expected " + std::move(expected) + ", found " + doc::describe_type(node));
}

template <class E>
Result<E> parse_keyword(const toml::node& node, std::initializer_list<std::pair<std::string_view, E>> words) {
  std::string expected;
  for (const auto& [w, e] : words) expected += (expected.empty() ? "" : " | ") + std::string(w);
  if (auto s = node.value<std::string_view>(); s && node.is_string()) {
    for (const auto& [w, e] : words)
      if (*s == w) return e;
    return error("", {}, "`" + std::string(*s) + "` is not one of " + expected);
  }
  return mismatch(expected, node);
}

}  // namespace

Result<Length> parse_length(std::string_view text, bool absolute_only) {
  double value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  while (begin < end && *begin == ' ') ++begin;
  auto [rest, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || !std::isfinite(value))
    return error("", {}, "`" + std::string(text) + "` is not a length", "write e.g. \"12mm\", \"10pt\" or \"1.5em\"");
  std::string_view unit(rest, static_cast<std::size_t>(end - rest));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  while (!unit.empty() && unit.back() == ' ') unit.remove_suffix(1);
  Length out;
  if (unit == "pt" || unit.empty()) out = {Length::Unit::pt, value};
  else if (unit == "mm") out = {Length::Unit::pt, mm_to_pt(value)};
  else if (unit == "cm") out = {Length::Unit::pt, mm_to_pt(value * 10)};
  else if (unit == "in") out = {Length::Unit::pt, value * points_per_inch};
  else if (unit == "em" && !absolute_only) out = {Length::Unit::em, value};
  else if (unit == "%" && !absolute_only) out = {Length::Unit::em, value / 100};
  else if (unit == "em" || unit == "%")
    return error("", {}, "`" + std::string(text) + "` is relative; this setting needs an absolute length",
                 "use pt, mm, cm or in");
  else
    return error("", {}, "unknown unit `" + std::string(unit) + "` in `" + std::string(text) + "`",
                 absolute_only ? "use pt, mm, cm or in" : "use pt, mm, cm, in, em or %");
  return out;
}

Result<Length> parse_length(const toml::node& node, bool absolute_only) {
  if (node.is_integer() || node.is_floating_point()) return Length{Length::Unit::pt, *node.value<double>()};
  if (node.is_string()) return parse_length(*node.value<std::string_view>(), absolute_only);
  return mismatch(absolute_only ? "a length such as \"12mm\"" : "a length such as \"12mm\" or \"1.5em\"", node);
}

Result<Color> parse_color(const toml::node& node) {
  if (!node.is_string()) return mismatch("a colour such as \"#1a1a1a\" or \"cmyk(0, 0, 0, 100)\"", node);
  std::string_view s = *node.value<std::string_view>();
  auto bad = [&] {
    return error("", {}, "`" + std::string(s) + "` is not a colour",
                 "write \"#rrggbb\", \"#rgb\" or \"cmyk(c, m, y, k)\" with inks from 0 to 100");
  };
  if (s.starts_with("cmyk(") && s.ends_with(")")) {
    // cmyk(c, m, y, k), each ink 0–100 percent.
    std::string_view inside = s.substr(5, s.size() - 6);
    double ink[4];
    for (int i = 0; i < 4; ++i) {
      while (!inside.empty() && inside.front() == ' ') inside.remove_prefix(1);
      auto [end, ec] = std::from_chars(inside.data(), inside.data() + inside.size(), ink[i]);
      if (ec != std::errc() || ink[i] < 0 || ink[i] > 100) return Result<Color>(bad());
      inside.remove_prefix(static_cast<std::size_t>(end - inside.data()));
      while (!inside.empty() && inside.front() == ' ') inside.remove_prefix(1);
      if (i < 3) {
        if (inside.empty() || inside.front() != ',') return Result<Color>(bad());
        inside.remove_prefix(1);
      }
    }
    if (!inside.empty()) return Result<Color>(bad());
    return Color::cmyk(ink[0] / 100, ink[1] / 100, ink[2] / 100, ink[3] / 100);
  }
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  bool ok = (s.size() == 7 || s.size() == 4) && s[0] == '#';
  for (std::size_t i = 1; ok && i < s.size(); ++i) ok = hex(s[i]) >= 0;
  if (!ok) return Result<Color>(bad());
  auto channel = [&](int i) {
    if (s.size() == 4) return (hex(s[1 + i]) * 17) / 255.0;
    return (hex(s[1 + 2 * i]) * 16 + hex(s[2 + 2 * i])) / 255.0;
  };
  return Color::rgb(channel(0), channel(1), channel(2));
}

Result<Align> parse_align(const toml::node& node) {
  return parse_keyword<Align>(
      node, {{"justify", Align::justify}, {"left", Align::left}, {"center", Align::center}, {"right", Align::right}});
}

Result<WordBreak> parse_word_break(const toml::node& node) {
  return parse_keyword<WordBreak>(
      node, {{"auto", WordBreak::auto_}, {"keep-all", WordBreak::keep_all}, {"normal", WordBreak::normal}});
}

Result<Weight> parse_weight(const toml::node& node) {
  return parse_keyword<Weight>(node, {{"regular", Weight::regular}, {"bold", Weight::bold}});
}

std::string to_string(const Length& length) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g%s", length.value, length.unit == Length::Unit::em ? "em" : "pt");
  return buf;
}

std::string to_string(const Color& c) {
  char buf[96];
  if (c.space == Color::Space::cmyk) {
    std::snprintf(buf, sizeof buf, "cmyk(%g, %g, %g, %g)", c.v[0] * 100, c.v[1] * 100, c.v[2] * 100, c.v[3] * 100);
    return buf;
  }
  auto byte = [](double v) { return static_cast<int>(std::lround(v * 255)); };
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(c.v[0]), byte(c.v[1]), byte(c.v[2]));
  return buf;
}

const char* to_string(Align align) {
  switch (align) {
    case Align::justify: return "justify";
    case Align::left: return "left";
    case Align::center: return "center";
    case Align::right: return "right";
  }
  return "?";
}

const char* to_string(WordBreak w) {
  return w == WordBreak::keep_all ? "keep-all" : w == WordBreak::normal ? "normal" : "auto";
}
const char* to_string(Weight w) { return w == Weight::bold ? "bold" : "regular"; }

const std::vector<PageSize>& page_sizes() {
  static const std::vector<PageSize> sizes = {
      {"A4", 210, 297},    {"A5", 148, 210},     {"A6", 105, 148},          {"B5", 176, 250},
      {"B5-JIS", 182, 257}, {"Letter", 215.9, 279.4}, {"Shinguk", 152, 225},  // 신국판
  };
  return sizes;
}

const std::vector<PageSize>& sheet_sizes() {
  static const std::vector<PageSize> sizes = [] {
    std::vector<PageSize> s = page_sizes();
    s.insert(s.end(), {{"A3", 297, 420}, {"SRA4", 225, 320}, {"SRA3", 320, 450}, {"Tabloid", 279.4, 431.8}});
    return s;
  }();
  return sizes;
}

}  // namespace jakpum::style
