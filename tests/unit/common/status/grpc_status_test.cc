#include "common/status/grpc_status.h"

#include <gtest/gtest.h>

#include "common/status/errors.h"
#include "engage/common/v1/common.pb.h"

namespace engage {
namespace {

TEST(GrpcStatusTest, FieldViolationsTravelAsBadRequestDetails) {
  absl::Status st = InvalidFields({{"email", "must be an email address"}, {"country", "bad"}});
  grpc::Status g = ToGrpcStatus(st);
  EXPECT_EQ(g.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  engage::common::v1::RpcStatus details;
  ASSERT_TRUE(details.ParseFromString(g.error_details()));
  ASSERT_EQ(details.details_size(), 1);
  engage::common::v1::BadRequest bad;
  ASSERT_EQ(details.details(0).type_url(), "type.googleapis.com/google.rpc.BadRequest");
  ASSERT_TRUE(bad.ParseFromString(details.details(0).value()));
  ASSERT_EQ(bad.field_violations_size(), 2);
  EXPECT_EQ(bad.field_violations(0).field(), "email");
}

TEST(GrpcStatusTest, RoundTripKeepsCodeReasonAndFields) {
  absl::Status st = WithReason(InvalidField("name", "is required"), "PRF-05");
  absl::Status back = FromGrpcStatus(ToGrpcStatus(st));
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(back), "PRF-05");
  ASSERT_EQ(FieldErrorsOf(back).size(), 1u);
}

TEST(GrpcStatusTest, UnknownNeverLeaves) {
  EXPECT_EQ(ToGrpcStatus(absl::UnknownError("x")).error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

}  // namespace
}  // namespace engage
