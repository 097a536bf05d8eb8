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

// Calls work(i, worker) for every i in [0, count) on up to `threads`
// threads (the caller's among them, as worker 0); `worker` < `threads` says
// which thread runs it, for state kept one a thread. `work` must touch only
// what index i and its worker own.
template <class Work>
void parallel_for_workers(std::size_t count, unsigned threads, Work&& work) {
  threads = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, threads), count));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i, 0u);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto worker = [&](unsigned w) {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) work(i, w);
  };
  std::vector<std::jthread> helpers;
  for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(worker, t);
  worker(0);
}

// Calls work(i) for every i in [0, count) on up to `threads` threads.
template <class Work>
void parallel_for(std::size_t count, unsigned threads, Work&& work) {
  parallel_for_workers(count, threads, [&](std::size_t i, unsigned) { work(i); });
}

}  // namespace jakpum
