#ifndef ENGAGE_GATEWAY_REQUEST_WATCH_H_
#define ENGAGE_GATEWAY_REQUEST_WATCH_H_

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/time/time.h"

namespace engage::gateway {

// Ends the calls whose request message is late (SEC-11), for every call of
// the gateway with one thread that looks every `tick`. A timer per call
// (grpc::Alarm) cost a timer and a hop to gRPC's executor thread per call,
// on the path of every card read; here a call pays two short critical
// sections. A call is ended at most `tick` after it is due.
class RequestWatch {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  // A call waiting for its request message.
  class Waiter {
   public:
    virtual ~Waiter() = default;
    // Its message did not come in time. Called once, on the watch's thread,
    // after the waiter has left the watch (Remove returns false from then on).
    virtual void OnRequestTimeout() = 0;

   private:
    friend class RequestWatch;
    Waiter* prev_ = nullptr;
    Waiter* next_ = nullptr;
    TimePoint due_;
    bool watched_ = false;
  };

  // `tick` zero: no thread; Sweep is called by hand (tests).
  explicit RequestWatch(absl::Duration tick);
  ~RequestWatch();
  RequestWatch(const RequestWatch&) = delete;
  RequestWatch& operator=(const RequestWatch&) = delete;

  void Add(Waiter* waiter, TimePoint due);
  // True when `waiter` left before its time came (OnRequestTimeout will not
  // be called); false when the watch has taken it to end it.
  bool Remove(Waiter* waiter);
  // Ends every waiter due by `now`; how many.
  int Sweep(TimePoint now);
  int size();

 private:
  void Unlink(Waiter* waiter);  // requires mu_

  std::mutex mu_;
  Waiter* head_ = nullptr;
  int size_ = 0;
  bool stopping_ = false;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_REQUEST_WATCH_H_
