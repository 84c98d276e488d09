#ifndef ENGAGE_TESTS_SUPPORT_CRM_SYNC_DATA_H_
#define ENGAGE_TESTS_SUPPORT_CRM_SYNC_DATA_H_

// What the CRM sync's end-to-end and fault tests sync, and what they compare:
// the Engage data made with the services' own stores (fast, and through their
// real code) and the org's CRM tables as text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/mysql/pool.h"
#include "common/time/id_generator.h"
#include "connection_svc/mysql_connection_store.h"
#include "profile_svc/mysql_profile_store.h"

namespace engage::testing {

// `staff` CRM users of `org`, `hcps` HCPs, each HCP connected to `per_hcp`
// users (the HCP accepting an invite now, SEC-05).
inline void SeedCrmSyncData(mysql::Pool& pool, const std::string& tenant, const std::string& org,
                            int staff, int hcps, int per_hcp) {
  profile::MysqlProfileStore profiles(pool);
  connection::MysqlConnectionStore connections(pool);
  IdGenerator& ids = IdGenerator::Default();
  std::vector<std::string> users;
  for (int i = 0; i < staff; ++i) {
    const std::string n = std::to_string(i);
    profile::NewFieldUser u{"r" + n,
                            "rep" + n,
                            "Rep",
                            n,
                            "rep" + n + "@verteo.example",
                            "US",
                            profile::UserType::kFieldUser,
                            org,
                            "fp-" + n};
    auto r = profiles.CreateFieldUser(tenant, u, ids.Next(), ids.Next(), absl::Now());
    ASSERT_TRUE(r.ok()) << r.status();
    users.push_back(r->profile_id);
  }
  for (int h = 0; h < hcps; ++h) {
    const std::string n = std::to_string(h);
    auto r = profiles.SignUpHcp(tenant, {"hcp" + n, "hcp" + n + "@hcp.example", "Doctor", n},
                                ids.Next(), absl::Now());
    ASSERT_TRUE(r.ok()) << r.status();
    for (int k = 0; k < per_hcp; ++k) {
      auto c = connections.Connect(
          tenant, users[(h + k) % users.size()], r->profile_id, connection::Origin::kInvite,
          {engage::common::v1::ROLE_HCP, absl::Now()}, ids.Next(), absl::Now());
      ASSERT_TRUE(c.ok()) << c.status();
    }
  }
}

// The tenant's CRM tables, every field but the modification times.
inline std::vector<std::string> CrmSnapshot(mysql::Pool& pool, const std::string& tenant) {
  std::vector<std::string> out;
  for (const char* sql :
       {"SELECT CONCAT_WS('|', external_id, record_type, account_id, connection_status, "
        "COALESCE(connection_status_time, ''), degree, display_name, COALESCE(signup_time, ''), "
        "first_name, last_name, photo_url, title, record_id) FROM crm_engage_profiles WHERE "
        "tenant_id = ? ORDER BY external_id",
        "SELECT CONCAT_WS('|', external_id, record_id, record_type, from_user_id, "
        "to_profile_record_id, active, COALESCE(inactivation_time, '')) FROM "
        "crm_engage_connections WHERE tenant_id = ? ORDER BY external_id"}) {
    auto rows = pool.Query(sql, {tenant});
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (!rows.ok()) continue;
    for (const auto& r : *rows) out.push_back(r.String(0));
  }
  return out;
}

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_CRM_SYNC_DATA_H_
