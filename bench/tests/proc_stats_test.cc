#include "bench/loadgen/proc_stats.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <vector>

namespace engage::bench {
namespace {

TEST(ProcStats, CpuSecondsAreUtimePlusStimeEvenWithSpacesInTheName) {
  // Fields 14 (utime) and 15 (stime) are 250 and 50 ticks.
  const std::string stat =
      "4242 (engage prof) ile) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 50 0 0 20 0 9 0";
  auto cpu = CpuSecondsFromStat(stat, 100);
  ASSERT_TRUE(cpu.has_value());
  EXPECT_DOUBLE_EQ(*cpu, 3.0);
  EXPECT_FALSE(CpuSecondsFromStat("garbage", 100).has_value());
}

TEST(ProcStats, StatusFieldsAreReadInKilobytes) {
  const std::string status = "Name:\tx\nVmHWM:\t  20480 kB\nVmRSS:\t   10240 kB\n";
  EXPECT_EQ(StatusFieldKb(status, "VmRSS"), 10240);
  EXPECT_EQ(StatusFieldKb(status, "VmHWM"), 20480);
  EXPECT_FALSE(StatusFieldKb(status, "VmSwap").has_value());
}

TEST(ProcStats, ThisProcessGrowsWhenItTouchesMemoryAndUsesCpu) {
  ProcSampler sampler({{"self", getpid()}});
  sampler.BeginPhase();
  std::vector<char> block(64 << 20, 1);  // 64 MiB, touched
  volatile unsigned sum = 0;
  for (size_t i = 0; i < block.size(); i += 64) sum = sum + static_cast<unsigned>(block[i]);
  for (int i = 0; i < 30000000; ++i) sum = sum + static_cast<unsigned>(i);
  auto usage = sampler.EndPhase();
  ASSERT_EQ(usage.count("self"), 1u);
  EXPECT_GE(usage["self"].rss_end_kb - usage["self"].rss_start_kb, 60 * 1024);
  EXPECT_GE(usage["self"].hwm_kb, usage["self"].rss_end_kb);
  EXPECT_GT(usage["self"].cpu_seconds, 0.0);
  EXPECT_FALSE(usage["self"].gone);
}

}  // namespace
}  // namespace engage::bench
