#include "common/mysql/row.h"

#include <gtest/gtest.h>

namespace engage::mysql {
namespace {

enum class Colour { kNone = 0, kRed = 1, kBlue = 2 };

TEST(RowTest, IntoReadsEachCellByTheTypeOfItsField) {
  const Row r({std::string("id-1"), std::string("2"), std::string("1"), std::string("2.5"),
               std::string("2026-12-01 10:00:00.250000"), std::string("-7"), std::nullopt});
  std::string id;
  Colour colour = Colour::kNone;
  bool flag = false;
  double share = 0;
  absl::Time when;
  int delta = 0;
  std::string missing = "x";
  r.Into(id, colour, flag, share, when, delta, missing);
  EXPECT_EQ(id, "id-1");
  EXPECT_EQ(colour, Colour::kBlue);
  EXPECT_TRUE(flag);
  EXPECT_DOUBLE_EQ(share, 2.5);
  EXPECT_EQ(when, FromSqlTime("2026-12-01 10:00:00.250000"));
  EXPECT_EQ(delta, -7);
  EXPECT_EQ(missing, "");  // NULL reads as String does: empty
}

}  // namespace
}  // namespace engage::mysql
