// Work over threads: every index once, each worker on one thread, with the
// helpers kept from one call to the next, called from work itself, and
// called from two threads at once.
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/parallel.h"

using namespace jakpum;

namespace {

// Runs count indices on `threads` and checks what each call saw.
void check_once_each(std::size_t count, unsigned threads) {
  std::vector<std::atomic<int>> done(count);
  std::vector<std::set<std::thread::id>> threads_of_worker(threads);
  std::mutex m;
  parallel_for_workers(count, threads, [&](std::size_t i, unsigned worker) {
    REQUIRE(worker < threads);
    ++done[i];
    std::lock_guard lock(m);
    threads_of_worker[worker].insert(std::this_thread::get_id());
  });
  for (std::size_t i = 0; i < count; ++i) CHECK(done[i] == 1);
  std::set<std::thread::id> all;
  for (const auto& ids : threads_of_worker) {
    CHECK(ids.size() <= 1);  // a worker's state is one thread's
    for (auto id : ids) CHECK(all.insert(id).second);
  }
}

}  // namespace

TEST_CASE("every index is done once, a worker on one thread, call after call") {
  start_workers(4);
  for (int round = 0; round < 200; ++round) check_once_each(1 + round % 37, 1 + round % 4);
  check_once_each(0, 2);
  check_once_each(10000, 3);
}

TEST_CASE("work may spread work of its own") {
  std::atomic<int> sum{0};
  parallel_for(8, 2, [&](std::size_t i) {
    parallel_for(8, 2, [&](std::size_t j) { sum += static_cast<int>(i * 8 + j); });
  });
  CHECK(sum == 63 * 64 / 2);
}

TEST_CASE("two threads may spread work at once") {
  std::atomic<long> sum{0};
  auto spread = [&] {
    for (int round = 0; round < 50; ++round) parallel_for(100, 2, [&](std::size_t i) { sum += static_cast<long>(i); });
  };
  std::thread a(spread), b(spread);
  a.join(), b.join();
  CHECK(sum == 2 * 50 * (99 * 100 / 2));
}

TEST_CASE("work aside runs on a helper beside the caller's, and is told when that is done") {
  start_workers(2);
  const auto caller = std::this_thread::get_id();
  std::atomic<bool> work_on_caller{false}, aside_saw_done{false}, aside_ran{false};
  std::thread::id aside_thread;
  with_aside(
      2,
      [&] {
        work_on_caller = std::this_thread::get_id() == caller;
        // Until the helper comes, so that the aside certainly runs.
        while (!aside_ran) std::this_thread::yield();
      },
      [&](const std::atomic<bool>& done) {
        aside_thread = std::this_thread::get_id();
        aside_ran = true;
        while (!done) std::this_thread::yield();
        aside_saw_done = true;
      });
  CHECK(work_on_caller);
  CHECK(aside_thread != caller);
  CHECK(aside_saw_done);  // and with_aside waited for it

  bool aside_alone = false, worked = false;
  with_aside(
      1, [&] { worked = true; }, [&](const std::atomic<bool>&) { aside_alone = true; });
  CHECK(worked);
  CHECK_FALSE(aside_alone);  // one thread: nothing aside
}
