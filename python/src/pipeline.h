// CodingPipeline: codes articles on worker threads while the caller feeds them and takes the
// results back in input order, one at a time. It is the engine of the Python module's
// Coder.code_many and Store.ingest, which must hand each result to Python as soon as it is
// ready (a generator), so it is pull-based, unlike OrderedParallelMap, which drives the loop.
//
//   CodingPipeline p(coder, /*jobs=*/2, /*want_json=*/true);
//   while (more input) {
//     while (!p.Full() && Read(&item)) p.Push(std::move(item));
//     CodingPipeline::Item done = p.Pop();   // blocks; call without the GIL
//   }
//
// Workers touch only C++ objects, never Python: they run while the caller has released the
// GIL, which is what lets Python threads scale.
#ifndef DYAD_PYTHON_PIPELINE_H_
#define DYAD_PYTHON_PIPELINE_H_

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dyad/article.h"
#include "dyad/coder.h"
#include "dyad/event.h"
#include "dyad/status.h"

namespace dyad::python {

// The JSON array of `events`, each element exactly the record `dyad code` writes (EventToJson).
std::string EventsJsonArray(const std::vector<Event>& events);

class CodingPipeline {
 public:
  struct Item {
    size_t index = 0;     // position in the input, for messages
    Article article;
    // Set by the caller to skip coding: a conversion error, or an article already stored.
    Status status;
    bool skip = false;
    CodedArticle coded;       // filled by a worker unless skipped
    std::string events_json;  // EventsJsonArray(coded.events), when want_json
  };

  // `coder` is not owned and must outlive the pipeline. jobs <= 0: one per core.
  CodingPipeline(const Coder* coder, int jobs, bool want_json);
  // Stops the workers after their current article and joins them.
  ~CodingPipeline();
  CodingPipeline(const CodingPipeline&) = delete;
  CodingPipeline& operator=(const CodingPipeline&) = delete;

  // True when the window (4 items per thread, bounding memory) is full.
  bool Full() const;
  // True when no item is in flight.
  bool Empty() const;
  // Queues an item; it is coded unless item.skip or !item.status.ok().
  void Push(Item item);
  // Waits for the oldest item and returns it. Requires !Empty().
  Item Pop();

 private:
  struct Slot {
    Item item;
    bool taken = false;  // a worker has it (or it needs none)
    bool done = false;
  };
  void Work();

  const Coder* coder_;
  const bool want_json_;
  size_t window_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Slot> slots_;  // input order; addresses stay valid across push_back/pop_front
  size_t first_untaken_ = 0;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace dyad::python

#endif  // DYAD_PYTHON_PIPELINE_H_
