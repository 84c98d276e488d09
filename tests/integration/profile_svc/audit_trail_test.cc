// SEC-12: the audit trail records every read; the same act repeated within
// one write is one row that counts them.
#include <gtest/gtest.h>

#include "common/audit/mysql_audit_trail.h"
#include "tests/integration/profile_svc/profile_fixture.h"

namespace engage::profile {
namespace {

using engage::common::v1::ROLE_ADMIN;

class AuditTrailTest : public ProfileDbTest {};

audit::AuditEvent Read(const std::string& tenant, const std::string& actor,
                       const std::string& profile) {
  audit::AuditEvent e;
  e.tenant = tenant;
  e.actor_subject = actor;
  e.actor_role = ROLE_ADMIN;
  e.method = "/engage.profile.v1.ProfileService/GetBusinessCard";
  e.action = "READ_CONTACT";
  e.object_type = "PROFILE";
  e.object_id = profile;
  return e;
}

TEST_F(AuditTrailTest, SEC12_RepeatedReadsInOneWriteAreOneRowThatCountsThem) {
  // A long flush interval: the test writes with Flush().
  audit::MysqlAuditTrail trail(db_.pool(), clock_, ids_, absl::Hours(1));
  for (int i = 0; i < 5; ++i) {
    trail.Record(Read(tenant_, "alice", "01HPROFILEAAAAAAAAAAAAAAAA"));
    clock_.Advance(absl::Milliseconds(10));
  }
  trail.Record(Read(tenant_, "bob", "01HPROFILEAAAAAAAAAAAAAAAA"));
  trail.Record(Read("other", "alice", "01HPROFILEAAAAAAAAAAAAAAAA"));
  ASSERT_TRUE(trail.Flush().ok());
  auto events = trail.List(tenant_, "", "", 100);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 2u);
  int64_t total = 0;
  for (const auto& e : *events) {
    total += e.repeat_count;
    if (e.actor_subject == "alice") {
      EXPECT_EQ(e.repeat_count, 5);
      EXPECT_EQ(e.last_time - e.time, absl::Milliseconds(40));
    } else {
      EXPECT_EQ(e.repeat_count, 1);
    }
  }
  EXPECT_EQ(total, 6);  // every read of this tenant counted, none of the other's listed
  // A later write starts a new row.
  trail.Record(Read(tenant_, "alice", "01HPROFILEAAAAAAAAAAAAAAAA"));
  ASSERT_TRUE(trail.Flush().ok());
  EXPECT_EQ(trail.List(tenant_, "", "", 100)->size(), 3u);
}

}  // namespace
}  // namespace engage::profile
