#include "common/time/id_generator.h"

#include <gtest/gtest.h>

#include <set>

namespace engage {
namespace {

TEST(IdGeneratorTest, IdsAreOrderedByTimeAndUniqueWithinAMillisecond) {
  FakeClock clock(absl::FromUnixMillis(1800000000000));
  uint64_t counter = 0;
  IdGenerator ids(clock, [&] { return ~(counter++); });
  std::set<std::string> seen;
  std::string last;
  for (int i = 0; i < 1000; ++i) {
    if (i % 100 == 0) clock.Advance(absl::Milliseconds(1));
    std::string id = ids.Next();
    EXPECT_TRUE(IdGenerator::LooksValid(id)) << id;
    EXPECT_GT(id, last);
    EXPECT_TRUE(seen.insert(id).second);
    last = id;
  }
}

TEST(IdGeneratorTest, ClockGoingBackwardsStillIncreases) {
  FakeClock clock(absl::FromUnixMillis(1800000000000));
  IdGenerator ids(clock, [] { return uint64_t{42}; });
  std::string a = ids.Next();
  clock.Advance(-absl::Seconds(5));
  EXPECT_GT(ids.Next(), a);
}

TEST(IdGeneratorTest, LooksValidRejectsOtherShapes) {
  EXPECT_FALSE(IdGenerator::LooksValid(""));
  EXPECT_FALSE(IdGenerator::LooksValid("01M840C4NXVB57KGGQVE3K9PJ"));   // 25
  EXPECT_FALSE(IdGenerator::LooksValid("01M840C4NXVB57KGGQVE3K9PJI"));  // I is not Crockford
  EXPECT_FALSE(IdGenerator::LooksValid("' OR 1=1 --xxxxxxxxxxxxxxxx"));
  EXPECT_TRUE(IdGenerator::LooksValid("01M840C4NXVB57KGGQVE3K9PJ3"));
}

TEST(IdGeneratorTest, RandomTokensCarryAtLeast128Bits) {
  std::string a = RandomToken(32);
  std::string b = RandomToken(32);
  EXPECT_GE(a.size(), 43u);  // 32 bytes in base64url
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace engage
