#include "core/diagnostics.h"

#include <algorithm>
#include <numeric>

namespace jakpum {

Diagnostic error(std::string path, Position pos, std::string message, std::string hint) {
  return {Severity::error, std::move(path), pos, std::move(message), std::move(hint)};
}

Diagnostic warning(std::string path, Position pos, std::string message, std::string hint) {
  return {Severity::warning, std::move(path), pos, std::move(message), std::move(hint)};
}

std::string format(const Diagnostic& d) {
  std::string out;
  if (!d.path.empty()) {
    out += d.path;
    if (d.pos.line > 0) {
      out += ':' + std::to_string(d.pos.line);
      if (d.pos.column > 0) out += ':' + std::to_string(d.pos.column);
    }
    out += ": ";
  }
  out += d.severity == Severity::error ? "error: " : "warning: ";
  out += d.message;
  if (!d.hint.empty()) out += " (" + d.hint + ")";
  // One diagnostic is one line, whatever the message quotes.
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

std::string line_of(const Diagnostic& d) {
  return d.path.empty() ? "jakpum: " + format(d) : format(d);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) best_distance = d, best = c;
  }
  return best;
}

}  // namespace jakpum
