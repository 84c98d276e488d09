#include "common/time/clock.h"

namespace engage {

const Clock& SystemClock::Get() {
  static const SystemClock* clock = new SystemClock();
  return *clock;
}

}  // namespace engage
