#ifndef ENGAGE_TESTS_INTEGRATION_PROFILE_SVC_PROFILE_FIXTURE_H_
#define ENGAGE_TESTS_INTEGRATION_PROFILE_SVC_PROFILE_FIXTURE_H_

#include <gtest/gtest.h>

#include <string>

#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "profile_svc/mysql_account_store.h"
#include "profile_svc/mysql_profile_store.h"
#include "tests/support/test_database.h"

namespace engage::profile {

// A fresh migrated database per test with one company and helpers to make
// field users and HCPs in it.
class ProfileDbTest : public ::testing::Test {
 protected:
  ProfileDbTest()
      : clock_(absl::FromUnixSeconds(1700000000)),
        ids_(clock_,
             [] {
               static uint64_t n = 0x9E3779B97F4A7C15ULL;
               n = n * 6364136223846793005ULL + 1442695040888963407ULL;
               return n;
             }),
        profiles_(db_.pool()),
        accounts_(db_.pool()) {}

  void SetUp() override {
    ASSERT_TRUE(profiles_.UpsertCompany(tenant_, "Acme Pharma", clock_.Now()).ok());
  }

  std::string NewHcp(const std::string& subject, const std::string& email = "") {
    auto r = profiles_.SignUpHcp(
        tenant_, {subject, email.empty() ? subject + "@hcp.example" : email, "Greg", "House"},
        ids_.Next(), clock_.Now());
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->profile_id : "";
  }

  CreatedUser NewStaff(const std::string& subject) {
    profile::NewFieldUser u{
        "req-" + subject,     subject, "Sarah",        "Jones", subject + "@acme.example", "US",
        UserType::kFieldUser, "",      "fp-" + subject};
    auto r = profiles_.CreateFieldUser(tenant_, u, ids_.Next(), ids_.Next(), clock_.Now());
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : CreatedUser{};
  }

  void NewOrg(const std::string& org_id, OrgType type = OrgType::kProduction) {
    auto r = accounts_.CreateOrg(tenant_, {org_id, type, "acme.example.com"}, clock_.Now());
    ASSERT_TRUE(r.ok()) << r.status();
  }

  testing::TestDatabase db_;
  FakeClock clock_;
  IdGenerator ids_;
  MysqlProfileStore profiles_;
  MysqlAccountStore accounts_;
  const std::string tenant_ = "acme";
};

}  // namespace engage::profile

#endif  // ENGAGE_TESTS_INTEGRATION_PROFILE_SVC_PROFILE_FIXTURE_H_
