#ifndef ENGAGE_COMMON_SERVER_OPEN_STREAMS_H_
#define ENGAGE_COMMON_SERVER_OPEN_STREAMS_H_

#include <grpcpp/alarm.h>
#include <grpcpp/server_context.h>

#include <memory>
#include <mutex>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/work/stream_slots.h"

namespace engage::server {

// SEC-11: the long-lived streams a server answers before any token is
// checked (grpc.health.v1.Health/Watch, server reflection): at most
// `per_peer` open from one client address and `total` in all, each ended
// after `lifetime`, so that no client without a token holds an unbounded
// number of the sync server's threads (attack review 6, finding 1).
class OpenStreams {
 public:
  struct Limits {
    int per_peer = 0;                                // 0: no bound
    int total = 0;                                   // 0: no bound
    absl::Duration lifetime = absl::ZeroDuration();  // zero: none
  };

  // Held for the life of one stream: its slot, and the alarm that cancels the
  // stream when its lifetime is over.
  class Held {
   public:
    ~Held();
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;

   private:
    friend class OpenStreams;
    struct Target {
      std::mutex mu;
      grpc::ServerContext* context = nullptr;  // null once the stream ended
    };
    Held() = default;
    std::unique_ptr<work::StreamSlots::Slot> slot_;
    std::shared_ptr<Target> target_;
    std::unique_ptr<grpc::Alarm> alarm_;
  };

  explicit OpenStreams(Limits limits);

  // A slot for the stream of `context`, or RESOURCE_EXHAUSTED naming SEC-11
  // (with a RetryInfo) when its peer or the server holds its bound.
  absl::StatusOr<std::unique_ptr<Held>> Open(grpc::ServerContext& context);

 private:
  const absl::Duration lifetime_;
  work::StreamSlots slots_;
};

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_OPEN_STREAMS_H_
