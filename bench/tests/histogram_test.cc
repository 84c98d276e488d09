#include "bench/loadgen/histogram.h"

#include <gtest/gtest.h>

#include <random>

namespace engage::bench {
namespace {

TEST(Histogram, BucketsCoverEveryValueOnceAndInOrder) {
  int previous = -1;
  for (uint64_t v = 0; v < 1 << 20; ++v) {
    int b = Histogram::BucketOf(v);
    ASSERT_LE(Histogram::BucketLow(b), v) << v;
    ASSERT_GE(Histogram::BucketHigh(b), v) << v;
    ASSERT_GE(b, previous) << v;
    previous = b;
  }
}

TEST(Histogram, BucketWidthIsWithinTwoPercentOfItsValues) {
  for (uint64_t v : {100ULL, 1000ULL, 12345ULL, 999999ULL, 1ULL << 40}) {
    int b = Histogram::BucketOf(v);
    double width = static_cast<double>(Histogram::BucketHigh(b) - Histogram::BucketLow(b));
    EXPECT_LE(width / static_cast<double>(v), 0.02) << v;
  }
}

TEST(Histogram, QuantilesOfAUniformSpreadAreNearTheTrueOnes) {
  Histogram h;
  std::vector<uint64_t> values;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) values.push_back(100 + rng() % 100000);
  for (uint64_t v : values) h.Record(v);
  std::sort(values.begin(), values.end());
  EXPECT_EQ(h.Count(), 100000u);
  for (double q : {0.5, 0.9, 0.99, 0.999}) {
    double truth = static_cast<double>(values[static_cast<size_t>(q * 100000) - 1]);
    EXPECT_NEAR(h.Quantile(q), truth, truth * 0.02) << q;
  }
  EXPECT_EQ(h.Max(), values.back());
}

TEST(Histogram, ATailOfSlowCallsShowsInTheHighQuantilesOnly) {
  Histogram h;
  for (int i = 0; i < 990; ++i) h.Record(1000);
  for (int i = 0; i < 10; ++i) h.Record(500000);
  EXPECT_NEAR(h.Quantile(0.5), 1000, 20);
  EXPECT_NEAR(h.Quantile(0.99), 1000, 20);
  EXPECT_NEAR(h.Quantile(0.999), 500000, 10000);
  h.Reset();
  EXPECT_EQ(h.Count(), 0u);
  EXPECT_EQ(h.Quantile(0.5), 0);
}

}  // namespace
}  // namespace engage::bench
