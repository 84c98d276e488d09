#ifndef ENGAGE_BENCH_LOADGEN_HISTOGRAM_H_
#define ENGAGE_BENCH_LOADGEN_HISTOGRAM_H_

#include <array>
#include <atomic>
#include <cstdint>

namespace engage::bench {

// A latency histogram in microseconds with log-linear buckets (64 per power
// of two, so any reported quantile is within 1.6% of the true value). Fixed
// size and lock-free: gRPC callback threads record into it concurrently, and
// a 10-minute soak uses no more memory than a 1-second smoke.
class Histogram {
 public:
  void Record(uint64_t micros);
  void Reset();
  uint64_t Count() const;
  // The value below which a fraction `q` (0..1) of the recorded values lie,
  // in microseconds (the middle of its bucket); 0 when empty.
  double Quantile(double q) const;
  uint64_t Max() const { return max_.load(std::memory_order_relaxed); }

  // Bucket arithmetic, exposed for the tests.
  static int BucketOf(uint64_t micros);
  static uint64_t BucketLow(int bucket);
  static uint64_t BucketHigh(int bucket);

 private:
  static constexpr int kSubBits = 6;
  static constexpr int kBuckets = 64 * 44;  // values up to 2^48 us (~9 years)
  std::array<std::atomic<uint64_t>, kBuckets> counts_{};
  std::atomic<uint64_t> max_{0};
};

}  // namespace engage::bench

#endif  // ENGAGE_BENCH_LOADGEN_HISTOGRAM_H_
