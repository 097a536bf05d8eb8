// Work spread over threads: each index done exactly once, results kept in
// index order, so what a run produces never depends on how many threads it had.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace jakpum {

// The threads to use when nothing says otherwise: one a core.
inline unsigned default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

// Calls work(i) for every i in [0, count) on up to `threads` threads (the
// caller's among them). `work` must touch only what index i owns.
template <class Work>
void parallel_for(std::size_t count, unsigned threads, Work&& work) {
  threads = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, threads), count));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) work(i);
  };
  std::vector<std::jthread> helpers;
  for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(worker);
  worker();
}

}  // namespace jakpum
