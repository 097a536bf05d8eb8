// Time spent per stage of one run, for `jakpum --timings` and the benchmark.
#pragma once

#include <chrono>
#include <string>

namespace jakpum {

struct Timings {
  // Seconds: reading the input; loading the layout and opening fonts; the
  // stages of setting text; embedding fonts; drawing pages; saving the file.
  double read = 0, setup = 0, text = 0, shape = 0, lines = 0, paginate = 0, fonts = 0, pages = 0, save = 0;
  double total = 0;  // the whole run, from start to the file written

  std::string summary() const;
  // Adds another thread's stage times (not its total).
  void add(const Timings& other);
};

// Adds the time from its making to its end to one of the fields.
class Stopwatch {
 public:
  explicit Stopwatch(double* into) : into_(into), start_(std::chrono::steady_clock::now()) {}
  ~Stopwatch() {
    if (into_) *into_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  Stopwatch(const Stopwatch&) = delete;
  Stopwatch& operator=(const Stopwatch&) = delete;

 private:
  double* into_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace jakpum
