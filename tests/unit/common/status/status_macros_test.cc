#include "common/status/status_macros.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"

namespace engage {
namespace {

int evaluations = 0;

absl::Status Fails() {
  ++evaluations;
  return absl::NotFoundError("gone");
}
absl::Status Succeeds() {
  ++evaluations;
  return absl::OkStatus();
}
absl::StatusOr<std::unique_ptr<std::string>> Named(bool ok) {
  ++evaluations;
  if (!ok) return absl::InvalidArgumentError("name: empty");
  return std::make_unique<std::string>("ada");
}

absl::Status Chain(bool first_ok, int* reached) {
  RETURN_IF_ERROR(first_ok ? Succeeds() : Fails());
  *reached = 1;
  RETURN_IF_ERROR(Succeeds());
  *reached = 2;
  return absl::OkStatus();
}

absl::StatusOr<std::string> Greeting(bool ok) {
  // Move-only values pass through; two uses in one scope get distinct temporaries.
  ASSIGN_OR_RETURN(std::unique_ptr<std::string> name, Named(ok));
  ASSIGN_OR_RETURN(auto again, Named(true));
  return "hello " + *name + " and " + *again;
}

TEST(StatusMacros, ReturnIfErrorStopsAtTheFirstErrorAndEvaluatesOnce) {
  evaluations = 0;
  int reached = 0;
  absl::Status st = Chain(false, &reached);
  EXPECT_EQ(st.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(reached, 0);
  EXPECT_EQ(evaluations, 1);

  evaluations = 0;
  EXPECT_TRUE(Chain(true, &reached).ok());
  EXPECT_EQ(reached, 2);
  EXPECT_EQ(evaluations, 2);
}

TEST(StatusMacros, AssignOrReturnPassesTheValueOrTheError) {
  auto good = Greeting(true);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, "hello ada and ada");

  evaluations = 0;
  auto bad = Greeting(false);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "name: empty");
  EXPECT_EQ(evaluations, 1);
}

}  // namespace
}  // namespace engage
