#ifndef ENGAGE_COMMON_SERVER_BACKGROUND_LOOPS_H_
#define ENGAGE_COMMON_SERVER_BACKGROUND_LOOPS_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/time/periodic_task.h"

namespace engage::server {

// The periodic passes of a service's background work (Wiring::Start), each on
// a thread of its own. A failed pass is logged as "<what> failed" and the next
// one comes at the next interval. A wiring declares it after what the passes
// use, so that it ends first.
class BackgroundLoops {
 public:
  // Runs `pass` every `interval` until Stop; no loop when `interval` is not
  // positive.
  void Every(absl::Duration interval, const std::string& what, std::function<absl::Status()> pass);
  // Ends every loop, waiting for a pass under way (also on destruction).
  void Stop() { loops_.clear(); }

 private:
  std::vector<std::unique_ptr<PeriodicTask>> loops_;
};

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_BACKGROUND_LOOPS_H_
