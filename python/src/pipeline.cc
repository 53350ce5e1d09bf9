#include "python/src/pipeline.h"

#include <algorithm>
#include <utility>

#include "dyad/event_writer.h"

namespace dyad::python {

std::string EventsJsonArray(const std::vector<Event>& events) {
  std::string out = "[";
  for (size_t i = 0; i < events.size(); ++i) {
    if (i) out.push_back(',');
    out += EventToJson(events[i]);
  }
  out.push_back(']');
  return out;
}

CodingPipeline::CodingPipeline(const Coder* coder, int jobs, bool want_json)
    : coder_(coder), want_json_(want_json) {
  if (jobs <= 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  window_ = 4 * static_cast<size_t>(jobs);
  for (int i = 0; i < jobs; ++i) workers_.emplace_back([this] { Work(); });
}

CodingPipeline::~CodingPipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
}

bool CodingPipeline::Full() const {
  std::lock_guard<std::mutex> lock(mu_);
  return slots_.size() >= window_;
}

bool CodingPipeline::Empty() const {
  std::lock_guard<std::mutex> lock(mu_);
  return slots_.empty();
}

void CodingPipeline::Push(Item item) {
  bool code = !item.skip && item.status.ok();
  {
    std::lock_guard<std::mutex> lock(mu_);
    slots_.push_back(Slot{std::move(item), !code, !code});
  }
  if (code) cv_.notify_all();
}

CodingPipeline::Item CodingPipeline::Pop() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return slots_.front().done; });
  Item item = std::move(slots_.front().item);
  slots_.pop_front();
  if (first_untaken_ > 0) --first_untaken_;
  return item;
}

void CodingPipeline::Work() {
  while (true) {
    Slot* slot = nullptr;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] {
        while (first_untaken_ < slots_.size() && slots_[first_untaken_].taken) ++first_untaken_;
        return stop_ || first_untaken_ < slots_.size();
      });
      if (stop_) return;
      slot = &slots_[first_untaken_++];
      slot->taken = true;
    }
    // Only this worker touches the slot's item until `done` is set under the lock.
    Item& item = slot->item;
    item.coded = coder_->Code(item.article);
    if (want_json_ && item.coded.status.ok()) item.events_json = EventsJsonArray(item.coded.events);
    {
      std::lock_guard<std::mutex> lock(mu_);
      slot->done = true;
    }
    cv_.notify_all();
  }
}

}  // namespace dyad::python
