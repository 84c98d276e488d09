#include "bench/loadgen/histogram.h"

#include <cmath>

namespace engage::bench {

int Histogram::BucketOf(uint64_t v) {
  constexpr uint64_t kSub = uint64_t{1} << kSubBits;
  if (v < 2 * kSub) return static_cast<int>(v);
  int msb = 63 - __builtin_clzll(v);
  int shift = msb - kSubBits;  // v >> shift lies in [64, 127]
  int bucket = shift * static_cast<int>(kSub) + static_cast<int>(v >> shift);
  return bucket < kBuckets ? bucket : kBuckets - 1;
}

uint64_t Histogram::BucketLow(int bucket) {
  constexpr int kSub = 1 << kSubBits;
  if (bucket < 2 * kSub) return static_cast<uint64_t>(bucket);
  int shift = bucket / kSub - 1;
  uint64_t mantissa = static_cast<uint64_t>(bucket - shift * kSub);
  return mantissa << shift;
}

uint64_t Histogram::BucketHigh(int bucket) {
  if (bucket < 2 * (1 << kSubBits)) return static_cast<uint64_t>(bucket);
  return BucketLow(bucket + 1) - 1;
}

void Histogram::Record(uint64_t micros) {
  counts_[BucketOf(micros)].fetch_add(1, std::memory_order_relaxed);
  uint64_t seen = max_.load(std::memory_order_relaxed);
  while (micros > seen && !max_.compare_exchange_weak(seen, micros, std::memory_order_relaxed)) {
  }
}

void Histogram::Reset() {
  for (auto& c : counts_) c.store(0, std::memory_order_relaxed);
  max_.store(0, std::memory_order_relaxed);
}

uint64_t Histogram::Count() const {
  uint64_t total = 0;
  for (const auto& c : counts_) total += c.load(std::memory_order_relaxed);
  return total;
}

double Histogram::Quantile(double q) const {
  uint64_t total = Count();
  if (total == 0) return 0;
  // The rank of the value sought, 1-based: the smallest value with at least
  // q of the samples at or below it.
  auto rank = static_cast<uint64_t>(std::ceil(q * static_cast<double>(total)));
  if (rank == 0) rank = 1;
  uint64_t seen = 0;
  for (int b = 0; b < kBuckets; ++b) {
    seen += counts_[b].load(std::memory_order_relaxed);
    if (seen >= rank) {
      return (static_cast<double>(BucketLow(b)) + static_cast<double>(BucketHigh(b))) / 2;
    }
  }
  return static_cast<double>(Max());
}

}  // namespace engage::bench
