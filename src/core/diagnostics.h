// Diagnostics: errors and warnings as values, each with a source location.
// Libraries report; only src/app prints. One diagnostic prints as one line:
//   path:line:col: error: message (hint)
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace jakpum {

// A place in a source file; line and column count from 1, 0 means unknown.
// Columns count Unicode code points, as editors do.
struct Position {
  int line = 0;
  int column = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string path;  // empty when no file is involved
  Position pos;
  std::string message;
  std::string hint;  // optional, e.g. "did you mean `leading`?"
};

Diagnostic error(std::string path, Position pos, std::string message, std::string hint = {});
Diagnostic warning(std::string path, Position pos, std::string message, std::string hint = {});

// "path:line:col: error: message (hint)"; omits what is unknown.
std::string format(const Diagnostic& d);

// The line the program prints: one that names no file is the program's own,
// "jakpum: error: message", as compilers print theirs.
std::string line_of(const Diagnostic& d);

// Collects warnings while a stage runs.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

// Either a value or the error that prevented it.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Diagnostic error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Diagnostic& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Diagnostic> v_;
};

struct Done {};
using Status = Result<Done>;
inline Status ok() { return Done{}; }

// Edit distance, for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word`, or empty if none is close enough.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace jakpum
