// Worker counters, shared between a worker's threads, and their record in the worker
// bucket that `dyad status` reads.
#ifndef DYAD_QUEUE_WORKER_STATS_H_
#define DYAD_QUEUE_WORKER_STATS_H_

#include <atomic>
#include <cstdint>
#include <string>

#include "dyad/queue.h"
#include "dyad/status.h"

namespace dyad::queue {

struct WorkerCounters {
  std::atomic<int64_t> received{0}, redelivered{0}, stored{0}, unchanged{0}, changed{0},
      events{0},
      dead_letters{0}, naked{0}, db_retries{0};
  WorkerStats Snapshot() const;
};

// {"name":..,"state":..,"last_seen":..,"received":..,...}
std::string WorkerRecordJson(const std::string& name, const std::string& state,
                             const std::string& last_seen, const WorkerStats& stats);
Result<WorkerSeen> ParseWorkerRecord(const std::string& json);

}  // namespace dyad::queue

#endif  // DYAD_QUEUE_WORKER_STATS_H_
