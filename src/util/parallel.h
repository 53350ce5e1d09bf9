// Ordered parallel map: items are produced by one thread, transformed by N workers, and
// consumed in input order. The coder and the ingester use it so that `-j N` scales with
// cores while output stays deterministic.
//
//   OrderedParallelMap<Article, Coded>(
//       threads, [&](Article* a) { return source.Next(a); },      // produce; false = end
//       [&](const Article& a) { return coder.Code(a); },           // transform (thread-safe)
//       [&](Article& a, Coded& c) { return Write(a, c); });       // consume, in order
#ifndef DYAD_UTIL_PARALLEL_H_
#define DYAD_UTIL_PARALLEL_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "dyad/status.h"

namespace dyad {

// Runs produce -> transform -> consume. `produce` fills its argument and returns true,
// false at the end, or an error. `consume` returning an error stops the pipeline; the
// first error (from produce or consume) is returned. At most `window` items are in
// flight (default 4 per thread), bounding memory. threads <= 1 runs inline.
template <typename In, typename Out>
Status OrderedParallelMap(int threads, std::function<Result<bool>(In*)> produce,
                          std::function<Out(const In&)> transform,
                          std::function<Status(In&, Out&)> consume, int window = 0) {
  if (threads <= 1) {
    while (true) {
      In in{};
      DYAD_ASSIGN_OR_RETURN(bool more, produce(&in));
      if (!more) return Status::OK();
      Out out = transform(in);
      DYAD_RETURN_IF_ERROR(consume(in, out));
    }
  }
  if (window <= 0) window = 4 * threads;
  struct Slot {
    In in{};
    std::optional<Out> out;
    bool taken = false;
  };
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Slot> slots;  // in input order; front is the next to consume
  bool input_done = false, stop = false;
  Status error;

  auto worker = [&] {
    while (true) {
      Slot* slot = nullptr;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] {
          if (stop) return true;
          for (auto& s : slots) {
            if (!s.taken) return true;
          }
          return input_done;
        });
        if (stop) return;
        for (auto& s : slots) {
          if (!s.taken) {
            s.taken = true;
            slot = &s;
            break;
          }
        }
        if (slot == nullptr) return;  // input done and nothing left to take
      }
      Out out = transform(slot->in);
      {
        std::lock_guard<std::mutex> lock(mu);
        slot->out.emplace(std::move(out));
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back(worker);

  // This thread produces and consumes: it refills the window and drains finished items.
  while (true) {
    std::unique_lock<std::mutex> lock(mu);
    while (!input_done && static_cast<int>(slots.size()) < window) {
      In in{};
      lock.unlock();
      Result<bool> more = produce(&in);
      lock.lock();
      if (!more.ok()) {
        error = more.status();
        input_done = true;
        stop = true;
        break;
      }
      if (!*more) {
        input_done = true;
        break;
      }
      slots.push_back(Slot{std::move(in), std::nullopt, false});
      cv.notify_all();
    }
    if (stop) break;
    if (slots.empty() && input_done) break;
    cv.wait(lock, [&] { return !slots.empty() && slots.front().out.has_value(); });
    // std::deque keeps element addresses stable on pop_front, so workers' slot pointers
    // to other elements stay valid.
    Slot front = std::move(slots.front());
    slots.pop_front();
    lock.unlock();
    cv.notify_all();
    Status s = consume(front.in, *front.out);
    if (!s.ok()) {
      std::lock_guard<std::mutex> l(mu);
      error = s;
      stop = true;
      break;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    stop = true;
  }
  cv.notify_all();
  for (auto& t : pool) t.join();
  return error;
}

}  // namespace dyad

#endif  // DYAD_UTIL_PARALLEL_H_
