#ifndef ENGAGE_BENCH_LOADGEN_REPORT_H_
#define ENGAGE_BENCH_LOADGEN_REPORT_H_

#include <string>

#include "bench/loadgen/driver.h"

namespace engage::bench {

// What was run, echoed into the result so a row explains itself.
struct RunDescription {
  std::string label;
  std::string target;
  std::string call;
  LoadOptions load;
  int channels = 1;
};

// One JSON object on one line (bench/render_results.py reads these).
std::string ResultJson(const RunDescription& run, const LoadResult& result);

}  // namespace engage::bench

#endif  // ENGAGE_BENCH_LOADGEN_REPORT_H_
