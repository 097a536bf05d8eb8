// Reading TOML with toml++ so that every problem is a diagnostic naming
// file:line:column and the key. Used by front matter, manifests and layouts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/diagnostics.h"

namespace jakpum::doc {

// Parses `text` (which starts at line `first_line` of `path`).
Result<toml::table> parse_toml(std::string_view text, const std::string& path, int first_line = 1);

// The position of a node or key, shifted to the file's own line numbers.
Position position_of(const toml::source_region& region, int first_line = 1);

// "a string", "an integer", ... for messages.
std::string describe_type(const toml::node& node);

// Where a string value's text starts: after its opening quote, or on the
// next line for a multi-line string that starts with a line's end.
Position text_position(const toml::node& node, int first_line = 1);

// Reads a key that must be a string (or, if `allow_list`, a list of strings),
// and, given `at`, where each string's text starts.
Result<std::vector<std::string>> read_strings(const toml::node& node, std::string_view key, const std::string& path,
                                              int first_line, bool allow_list, std::vector<Position>* at = nullptr);

// An "unknown key" error with a "did you mean" hint from `known`.
Diagnostic unknown_key(const toml::key& key, std::string_view where, const std::vector<std::string>& known,
                       const std::string& path, int first_line = 1);

}  // namespace jakpum::doc
