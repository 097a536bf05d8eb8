// The declaration of every layout setting: key, type, default, unit, help, and
// how it is read. The loader (layout.cc) and `jakpum --settings` both use these
// tables, so a setting exists in exactly one place.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/diagnostics.h"
#include "style/layout.h"

namespace jakpum::style::settings {

template <class Owner>
struct Field {
  std::string_view key;
  std::string_view type;     // for help text: "length", "boolean", ...
  std::string_view initial;  // the default, as TOML text
  std::string_view help;
  bool inherited = false;    // styles: taken from `body` when a style does not set it
  // Reads the node into the owner; an error carries no position (the caller adds it).
  std::function<Status(const toml::node&, Owner&)> read;
  std::function<void(const Owner& from, Owner& to)> copy;
};

const std::vector<Field<PageSetup>>& page();
const std::vector<Field<TextSetup>>& text();
const std::vector<Field<ContentsSetup>>& contents();
const std::vector<Field<PrintSetup>>& print();
const std::vector<Field<Style>>& style();
const std::vector<Field<RunningHead>>& running_head(bool footer);

// Sets every field of `owner` to its default.
// The defaults are TOML text, read once for each list of fields.
template <class Owner>
void apply_defaults(const std::vector<Field<Owner>>& fields, Owner& owner) {
  static std::mutex mutex;
  static std::map<const std::vector<Field<Owner>>*, Owner> read;
  std::lock_guard lock(mutex);
  auto [known, fresh] = read.try_emplace(&fields);
  if (fresh)
    for (const auto& f : fields) {
      auto table = toml::parse("v = " + std::string(f.initial));
      Status s = f.read(*table.get("v"), known->second);
      (void)s;  // defaults are valid by construction; tests load them
    }
  for (const auto& f : fields) f.copy(known->second, owner);
}

template <class Owner>
std::vector<std::string> keys(const std::vector<Field<Owner>>& fields) {
  std::vector<std::string> out;
  for (const auto& f : fields) out.emplace_back(f.key);
  return out;
}

}  // namespace jakpum::style::settings
