// Work spread over threads: each index done exactly once, results kept in
// index order, so what a run produces never depends on how many threads it had.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>

namespace jakpum {

// The threads to use when nothing says otherwise: one a core.
inline unsigned default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

// Starts the helper threads a run of `threads` will ask for, so they are
// up before the first work comes. Helpers are kept for the life of the
// process, asleep between tasks: a new thread can wait a scheduler tick
// (milliseconds) for a core of its own, while a sleeping one wakes in tens
// of microseconds. Optional: the first parallel_for starts what it needs.
void start_workers(unsigned threads);

// Says that the helper threads are about to do a large share of a run's
// work (paragraphs set on several threads), so that the program's allocator
// may give their heaps what it gives the first thread's (large pages):
// calls what set_helpers_work_hook installed, if anything.
void helpers_work();
void set_helpers_work_hook(void (*hook)());

namespace detail {
// Runs worker(context, w) on `threads` threads, the caller's among them as
// w = 0, and returns when all have. Each w is on one thread only.
void run_workers(unsigned threads, void (*worker)(void* context, unsigned w), void* context);
}  // namespace detail

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
  struct Shared {
    std::size_t count;
    Work& work;
    std::atomic<std::size_t> next{0};
  } shared{count, work};
  detail::run_workers(
      threads,
      [](void* context, unsigned w) {
        auto& s = *static_cast<Shared*>(context);
        for (std::size_t i; (i = s.next.fetch_add(1, std::memory_order_relaxed)) < s.count;) s.work(i, w);
      },
      &shared);
}

// Calls work(i) for every i in [0, count) on up to `threads` threads.
template <class Work>
void parallel_for(std::size_t count, unsigned threads, Work&& work) {
  parallel_for_workers(count, threads, [&](std::size_t i, unsigned) { work(i); });
}

// Does `work` on the calling thread and, beside it on a helper, `aside`:
// work that only readies later work (reads what it will read), called with
// a flag that turns true once `work` is done, when it should stop. Returns
// when both are done. With one thread, or no helper awake before `work` is
// done, `aside` is not done at all.
template <class Work, class Aside>
void with_aside(unsigned threads, Work&& work, Aside&& aside) {
  if (threads <= 1) {
    work();
    return;
  }
  struct Shared {
    Work& work;
    Aside& aside;
    std::atomic<bool> done{false};
  } shared{work, aside};
  detail::run_workers(
      2,
      [](void* context, unsigned w) {
        auto& s = *static_cast<Shared*>(context);
        if (w == 0) {
          s.work();
          s.done.store(true, std::memory_order_relaxed);
        } else if (!s.done.load(std::memory_order_relaxed)) {
          s.aside(static_cast<const std::atomic<bool>&>(s.done));
        }
      },
      &shared);
}

}  // namespace jakpum
