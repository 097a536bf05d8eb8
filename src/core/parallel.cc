#include "core/parallel.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <vector>

namespace jakpum {
namespace {

// The helper threads, and the one piece of work they share at a time.
class Pool {
 public:
  // Runs worker on the caller (as 0) and on helpers 1 to threads - 1, those
  // that wake before the caller is done; false, doing nothing, when the
  // helpers are already at work for another caller.
  bool run(unsigned threads, void (*worker)(void*, unsigned), void* context) {
    std::unique_lock lock(mutex_);
    if (busy_) return false;
    busy_ = true;
    grow(threads - 1);
    worker_ = worker, context_ = context, wanted_ = threads - 1, open_ = true;
    ++round_;
    lock.unlock();
    wake_.notify_all();
    worker(context, 0);
    lock.lock();
    open_ = false;  // a helper not in by now finds the work done
    idle_.wait(lock, [&] { return active_ == 0; });
    busy_ = false;
    return true;
  }

  void start(unsigned helpers) {
    std::lock_guard lock(mutex_);
    grow(helpers);
  }

 private:
  void grow(unsigned helpers) {
    for (; started_ < helpers; ++started_) std::thread([this, id = started_ + 1] { serve(id); }).detach();
  }

  void serve(unsigned id) {
    std::uint64_t seen = 0;
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return round_ != seen; });
      seen = round_;
      if (!open_ || id > wanted_) continue;
      ++active_;
      auto* worker = worker_;
      void* context = context_;
      lock.unlock();
      worker(context, id);
      lock.lock();
      if (--active_ == 0 && !open_) idle_.notify_one();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_, idle_;
  unsigned started_ = 0;  // helpers 1 to started_ exist
  bool busy_ = false, open_ = false;
  std::uint64_t round_ = 0;
  unsigned wanted_ = 0, active_ = 0;
  void (*worker_)(void*, unsigned) = nullptr;
  void* context_ = nullptr;
};

// Never destroyed: its helpers wait on it until the process ends.
Pool& pool() {
  static Pool* p = new Pool;
  return *p;
}

}  // namespace

void start_workers(unsigned threads) {
  if (threads > 1) pool().start(threads - 1);
}

namespace {
std::atomic<void (*)()> helpers_work_hook{nullptr};
}  // namespace

void set_helpers_work_hook(void (*hook)()) { helpers_work_hook = hook; }

void helpers_work() {
  if (auto* hook = helpers_work_hook.load()) hook();
}

namespace detail {

void run_workers(unsigned threads, void (*worker)(void*, unsigned), void* context) {
  if (pool().run(threads, worker, context)) return;
  // Work inside work, or a second caller at once: threads of its own.
  std::vector<std::jthread> helpers;
  for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(worker, context, t);
  worker(context, 0);
}

}  // namespace detail
}  // namespace jakpum
