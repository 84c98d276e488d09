#include "bench/flows/sync_flow.h"

#include <iostream>
#include <thread>

#include "absl/strings/str_join.h"
#include "common/time/id_generator.h"
#include "engage/profile/v1/crm_sync.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"

namespace engage::bench {
namespace {

namespace pv1 = engage::profile::v1;
using common::v1::ROLE_ADMIN;

constexpr char kOrg[] = "00DBENCH000000ORG1";
constexpr size_t kRowsPerInsert = 1000;

// Buffers rows of one table and writes them 1000 a statement.
class BulkWriter {
 public:
  BulkWriter(mysql::Pool& pool, std::string table, std::string columns)
      : pool_(pool), table_(std::move(table)), columns_(std::move(columns)) {}
  absl::Status Add(mysql::Params row) {
    width_ = row.size();
    params_.insert(params_.end(), std::make_move_iterator(row.begin()),
                   std::make_move_iterator(row.end()));
    if (++rows_ == kRowsPerInsert) return Flush();
    return absl::OkStatus();
  }
  absl::Status Flush() {
    if (rows_ == 0) return absl::OkStatus();
    std::vector<std::string> marks(width_, "?");
    const std::string tuple = "(" + absl::StrJoin(marks, ",") + ")";
    std::vector<std::string> tuples(rows_, tuple);
    auto st = pool_.Execute(absl::StrCat("INSERT INTO ", table_, " (", columns_, ") VALUES ",
                                         absl::StrJoin(tuples, ",")),
                            params_);
    params_.clear();
    rows_ = 0;
    if (!st.ok())
      return absl::Status(st.status().code(), table_ + ": " + std::string(st.status().message()));
    return absl::OkStatus();
  }

 private:
  mysql::Pool& pool_;
  std::string table_, columns_;
  mysql::Params params_;
  size_t rows_ = 0, width_ = 0;
};

absl::Status SetUpOrg(const std::shared_ptr<grpc::Channel>& gateway, const Tokens& tokens) {
  auto profiles = pv1::ProfileService::NewStub(gateway);
  pv1::UpsertCompanyRequest company;
  company.set_name("Bench Pharma");
  pv1::UpsertCompanyResponse company_done;
  grpc::Status st =
      profiles->UpsertCompany(tokens.Context(ROLE_ADMIN).get(), company, &company_done);
  if (!st.ok()) return CallFailed("UpsertCompany", st);
  pv1::CreateOrgRequest org;
  org.mutable_org()->set_org_id(kOrg);
  org.mutable_org()->set_type(pv1::ORG_TYPE_PRODUCTION);
  org.mutable_org()->set_domain("bench.example.com");
  pv1::CreateOrgResponse org_done;
  st = profiles->CreateOrg(tokens.Context(ROLE_ADMIN).get(), org, &org_done);
  if (!st.ok()) return CallFailed("CreateOrg", st);
  auto crm = pv1::CrmOrgService::NewStub(gateway);
  pv1::ProvisionCrmIntegrationUserRequest provision;
  provision.set_org_id(kOrg);
  provision.set_username("integration@bench");
  provision.set_password("bench-secret");
  provision.set_active(true);
  pv1::ProvisionCrmIntegrationUserResponse provisioned;
  st = crm->ProvisionCrmIntegrationUser(tokens.Context(ROLE_ADMIN).get(), provision, &provisioned);
  if (!st.ok()) return CallFailed("ProvisionCrmIntegrationUser", st);
  auto sync = pv1::CrmSyncService::NewStub(gateway);
  pv1::SetIntegrationUserRequest user;
  user.set_org_id(kOrg);
  user.set_username("integration@bench");
  user.set_password("bench-secret");
  pv1::SetIntegrationUserResponse set;
  st = sync->SetIntegrationUser(tokens.Context(ROLE_ADMIN).get(), user, &set);
  if (!st.ok()) return CallFailed("SetIntegrationUser", st);
  return absl::OkStatus();
}

struct Seeded {
  int64_t profiles = 0;
  int64_t connections = 0;
  double seconds = 0;
};

// The same shape as tests/integration/profile_svc/crm_sync/sync_scale_test.cc, streamed: 1%
// CRM users of the org, every HCP connected to three of them. Their times
// are a day old, so the incremental run's watermark margin (5 minutes)
// does not pick the seed up as changes.
absl::StatusOr<Seeded> Seed(mysql::Pool& pool, const std::string& tenant,
                            const SyncFlowOptions& o) {
  const absl::Time start = absl::Now();
  const absl::Time then = start - absl::Hours(24);
  IdGenerator& ids = IdGenerator::Default();
  // At least as many users as an HCP has connections: one pair, one connection.
  const int staff = std::max(o.connections_per_hcp + 1, o.profiles / 100);
  const int spread = std::max(1, staff / (o.connections_per_hcp + 1));
  const int hcps = o.profiles - staff;
  BulkWriter users(pool, "users",
                   "tenant_id, user_id, subject, first_name, last_name, email, country, user_type, "
                   "request_id, org_id, create_time, update_time");
  BulkWriter details(pool, "user_details", "tenant_id, user_id, update_time");
  BulkWriter profiles(pool, "profiles",
                      "tenant_id, profile_id, kind, subject, user_id, create_time, update_time");
  BulkWriter hcp_details(pool, "hcp_details",
                         "tenant_id, profile_id, first_name, last_name, email, sign_up_time");
  BulkWriter connections(pool, "connections",
                         "tenant_id, connection_id, field_user_profile_id, hcp_profile_id, active, "
                         "create_time, update_time");
  BulkWriter changes(pool, "connection_changes",
                     "tenant_id, sequence, kind, connection_id, field_user_profile_id, "
                     "hcp_profile_id, change_time");
  std::vector<std::string> staff_profiles;
  for (int i = 0; i < staff; ++i) {
    const std::string user_id = ids.Next(), profile_id = ids.Next(), n = std::to_string(i);
    if (auto st =
            users.Add({tenant, user_id, "rep" + n, "Rep", n, "rep" + n + "@bench.example",
                       std::string("US"), int64_t{1}, "req" + n, std::string(kOrg), then, then});
        !st.ok())
      return st;
    if (auto st = details.Add({tenant, user_id, then}); !st.ok()) return st;
    if (auto st = profiles.Add({tenant, profile_id, int64_t{1}, "rep" + n, user_id, then, then});
        !st.ok())
      return st;
    staff_profiles.push_back(profile_id);
  }
  int64_t sequence = 0;
  for (int h = 0; h < hcps; ++h) {
    const std::string profile_id = ids.Next(), n = std::to_string(h);
    if (auto st = profiles.Add({tenant, profile_id, int64_t{2}, "hcp" + n, nullptr, then, then});
        !st.ok())
      return st;
    if (auto st =
            hcp_details.Add({tenant, profile_id, "Doctor", n, "hcp" + n + "@hcp.example", then});
        !st.ok())
      return st;
    // One more connection for the first HCPs, so the org holds exactly
    // connections_per_hcp x profiles connections (3,000,000 for 1,000,000).
    const int64_t extra = int64_t{o.connections_per_hcp} * staff;
    for (int k = 0; k < o.connections_per_hcp + (h < extra ? 1 : 0); ++k) {
      const std::string& rep = staff_profiles[(h + k * spread) % staff];
      const std::string connection_id = ids.Next();
      if (auto st = connections.Add({tenant, connection_id, rep, profile_id, true, then, then});
          !st.ok())
        return st;
      if (auto st =
              changes.Add({tenant, ++sequence, int64_t{1}, connection_id, rep, profile_id, then});
          !st.ok())
        return st;
    }
  }
  for (BulkWriter* w : {&users, &details, &profiles, &hcp_details, &connections, &changes}) {
    if (auto st = w->Flush(); !st.ok()) return st;
  }
  auto counter =
      pool.Execute("INSERT INTO connection_feed_counters VALUES (?, ?)", {tenant, sequence});
  if (!counter.ok()) return counter.status();
  return Seeded{staff + int64_t{hcps}, sequence, absl::ToDoubleSeconds(absl::Now() - start)};
}

struct Timed {
  pv1::SyncJob job;
  double seconds = 0;
};

// Starts a sync through the gateway and polls it to its end; the time is
// from the StartSync call to the first poll that sees the job ended (polls
// every 20 ms, so at most that much late).
absl::StatusOr<Timed> SyncToEnd(const std::shared_ptr<grpc::Channel>& gateway, const Tokens& tokens,
                                bool full) {
  auto sync = pv1::CrmSyncService::NewStub(gateway);
  pv1::StartSyncRequest request;
  request.set_org_id(kOrg);
  request.set_full(full);
  pv1::StartSyncResponse started;
  const absl::Time start = absl::Now();
  grpc::Status st = sync->StartSync(tokens.Context(ROLE_ADMIN).get(), request, &started);
  if (!st.ok()) return CallFailed("StartSync", st);
  for (;;) {
    pv1::GetSyncJobRequest get;
    get.set_org_id(kOrg);
    get.set_job_id(started.job().job_id());
    pv1::GetSyncJobResponse got;
    st = sync->GetSyncJob(tokens.Context(ROLE_ADMIN).get(), get, &got);
    if (!st.ok()) return CallFailed("GetSyncJob", st);
    if (got.job().status() != pv1::SYNC_STATUS_RUNNING &&
        got.job().status() != pv1::SYNC_STATUS_QUEUED) {
      return Timed{got.job(), absl::ToDoubleSeconds(absl::Now() - start)};
    }
    if (absl::Now() - start > absl::Hours(2))
      return absl::DeadlineExceededError("sync ran 2 hours");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

Row JobRow(const std::string& label, const Timed& t) {
  Row row(label);
  row.Set("seconds", t.seconds)
      .Set("written", static_cast<double>(t.job.written_records()))
      .Set("failed", static_cast<double>(t.job.failed_records()))
      .Set("total", static_cast<double>(t.job.total_records()))
      .Set("rows_per_second", t.seconds > 0 ? t.job.written_records() / t.seconds : 0)
      .Set("mode", pv1::SyncMode_Name(t.job.mode()))
      .Set("status", pv1::SyncStatus_Name(t.job.status()))
      .Raw("codes", t.job.status() == pv1::SYNC_STATUS_SUCCESS && t.job.failed_records() == 0
                        ? "{\"OK\": 1}"
                        : "{\"FAILED\": 1}");
  return row;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> RunSyncFlow(const std::shared_ptr<grpc::Channel>& gateway,
                                                     mysql::Pool& pool, const Tokens& tokens,
                                                     const SyncFlowOptions& o) {
  std::vector<std::string> rows;
  if (auto st = SetUpOrg(gateway, tokens); !st.ok()) return st;
  auto seeded = Seed(pool, tokens.tenant(), o);
  if (!seeded.ok()) return seeded.status();
  std::cerr << "bench: seeded " << seeded->profiles << " profiles and " << seeded->connections
            << " connections in " << seeded->seconds << " s\n";

  auto full = SyncToEnd(gateway, tokens, /*full=*/true);
  if (!full.ok()) return full.status();
  rows.push_back(JobRow("s4.full." + o.label_suffix, *full)
                     .Set("profiles", static_cast<double>(seeded->profiles))
                     .Set("connections", static_cast<double>(seeded->connections))
                     .Set("seed_seconds", seeded->seconds)
                     .Json());
  std::cerr << "bench: full sync " << full->job.written_records() << " records in " << full->seconds
            << " s (" << pv1::SyncStatus_Name(full->job.status()) << ")\n";

  // SYN-07 keeps syncs of an org 60 minutes apart: an hour passes for the
  // rule (the watermark stays where the full run put it).
  auto moved = pool.Execute(
      "UPDATE sync_runs SET start_time = start_time - INTERVAL 61 MINUTE WHERE tenant_id = ?",
      {tokens.tenant()});
  if (!moved.ok()) return moved.status();
  // The changes: `changes` HCP profiles edited now (spread over the whole
  // set, so they are not one contiguous range of the table).
  const int stride = std::max(1, (o.profiles - o.profiles / 100) / o.changes);
  auto changed = pool.Execute(
      "UPDATE profiles p JOIN (SELECT profile_id FROM (SELECT profile_id, ROW_NUMBER() OVER "
      "(ORDER BY profile_id) AS n FROM profiles WHERE tenant_id = ? AND kind = 2) numbered "
      "WHERE MOD(n, ?) = 0 LIMIT ?) picked ON p.profile_id = picked.profile_id "
      "SET p.update_time = ? WHERE p.tenant_id = ?",
      {tokens.tenant(), int64_t{stride}, int64_t{o.changes}, absl::Now(), tokens.tenant()});
  if (!changed.ok()) return changed.status();
  auto incremental = SyncToEnd(gateway, tokens, /*full=*/false);
  if (!incremental.ok()) return incremental.status();
  rows.push_back(JobRow("s5.incremental." + o.label_suffix, *incremental)
                     .Set("profiles", static_cast<double>(seeded->profiles))
                     .Set("changes", static_cast<double>(*changed))
                     .Json());
  std::cerr << "bench: incremental sync of " << *changed
            << " changes: " << incremental->job.written_records() << " records in "
            << incremental->seconds << " s (" << pv1::SyncMode_Name(incremental->job.mode())
            << ")\n";
  return rows;
}

}  // namespace engage::bench
