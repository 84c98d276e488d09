// common/idempotency: what binds a create's request_id to its caller and
// request (attack review 5, finding 9).
#include "common/idempotency/request_key.h"

#include <gtest/gtest.h>

#include "common/status/errors.h"
#include "engage/promomats/v1/promomats.pb.h"

namespace engage::idempotency {
namespace {

using promomats::v1::TransferRecordsRequest;

TransferRecordsRequest Batch(const std::string& name) {
  TransferRecordsRequest request;
  request.set_request_id("t1");
  auto* record = request.add_records();
  record->set_name(name);
  for (int i = 0; i < 20; ++i) (*record->mutable_fields())["k" + std::to_string(i)] = "v";
  return request;
}

TEST(RequestKey, SEC01_Ownership_TheFingerprintTellsCallersAndRequestsApart) {
  const std::string fp = Fingerprint("admin", Batch("Cholecap"));
  EXPECT_EQ(fp.size(), 64u);
  EXPECT_EQ(Fingerprint("admin", Batch("Cholecap")), fp);
  EXPECT_NE(Fingerprint("admin-2", Batch("Cholecap")), fp);
  EXPECT_NE(Fingerprint("admin", Batch("Restolar")), fp);
  // The subject and the request do not run into each other.
  TransferRecordsRequest empty;
  EXPECT_NE(Fingerprint("a", empty), Fingerprint("", empty));
  EXPECT_EQ(KeyOf("t1", "admin", Batch("Cholecap")).fingerprint, fp);
  EXPECT_EQ(KeyOf("t1", "admin", Batch("Cholecap")).request_id, "t1");
}

TEST(RequestKey, PMX05_AMapsEntriesInAnotherOrderAreTheSameRequest) {
  TransferRecordsRequest forward = Batch("Cholecap");
  TransferRecordsRequest backward;
  backward.set_request_id("t1");
  auto* record = backward.add_records();
  record->set_name("Cholecap");
  for (int i = 19; i >= 0; --i) (*record->mutable_fields())["k" + std::to_string(i)] = "v";
  EXPECT_EQ(Fingerprint("admin", backward), Fingerprint("admin", forward));
}

TEST(RequestKey, SEC01_Ownership_OnlyTheSameFingerprintReplays) {
  const std::string fp = Fingerprint("admin", Batch("Cholecap"));
  EXPECT_TRUE(CheckReplay(fp, fp).ok());
  for (const std::string& stored : {Fingerprint("admin-2", Batch("Cholecap")), std::string()}) {
    const absl::Status st = CheckReplay(stored, fp);
    EXPECT_EQ(st.code(), absl::StatusCode::kAlreadyExists);
    EXPECT_EQ(st.message().substr(0, 11), "request_id:");
    EXPECT_EQ(ReasonOf(st), "REQUEST_ID_REUSED");
  }
  // A key stored before fingerprints were (empty) replays nothing, not even
  // a request without one.
  EXPECT_FALSE(CheckReplay("", "").ok());
}

}  // namespace
}  // namespace engage::idempotency
