#include "common/server/background_loops.h"

#include <utility>

#include "common/log/log.h"

namespace engage::server {

void BackgroundLoops::Every(absl::Duration interval, const std::string& what,
                            std::function<absl::Status()> pass) {
  if (interval <= absl::ZeroDuration()) return;
  loops_.push_back(std::make_unique<PeriodicTask>(interval, [what, pass = std::move(pass)] {
    if (absl::Status st = pass(); !st.ok()) {
      log::Warn(what + " failed", {{"error", st.ToString()}});
    }
  }));
}

}  // namespace engage::server
