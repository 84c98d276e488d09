// The fault suite (issue 18, CTest label "fault"): two replicas of every
// service and of the gateway, real binaries, and faults made to them while
// work is under way: kill -9 of the replica running post-processing, SIGTERM
// of replicas under steady calls, a rolling restart of every replica, and a
// MariaDB restart. The figures of each run are printed ("FIGURES ...").
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <future>
#include <iostream>
#include <thread>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/auth/jwt.h"
#include "engage/connection/v1/connection.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/faults/private_mariadb.h"
#include "tests/faults/replicated_mesh.h"
#include "tests/faults/steady_load.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

namespace cv1 = engage::connection::v1;
namespace pv1 = engage::profile::v1;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_INTEGRATION;

std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

// A tenant with a company and a field user; returns the field user's profile.
std::string SetUpTenant(const std::shared_ptr<grpc::Channel>& channel, const std::string& tenant) {
  auto profiles = pv1::ProfileService::NewStub(channel);
  const std::string admin = Token(ROLE_ADMIN, tenant, "admin");
  pv1::UpsertCompanyRequest company;
  company.set_name("Acme");
  pv1::UpsertCompanyResponse company_resp;
  grpc::Status st =
      WhenReady([&] { return profiles->UpsertCompany(Ctx(admin).get(), company, &company_resp); });
  EXPECT_TRUE(st.ok()) << st.error_message();
  pv1::CreateFieldUserRequest user;
  user.set_request_id("sarah");
  user.set_subject("sarah");
  user.set_first_name("Sarah");
  user.set_last_name("Jones");
  user.set_email("sarah@acme.example");
  user.set_country("US");
  user.set_user_type(pv1::USER_TYPE_FIELD_USER);
  pv1::CreateFieldUserResponse created;
  st = WhenReady([&] { return profiles->CreateFieldUser(Ctx(admin).get(), user, &created); });
  EXPECT_TRUE(st.ok()) << st.error_message();
  // Every service answers through the gateway before the faults begin.
  auto connections = cv1::ConnectionService::NewStub(channel);
  cv1::ListConnectionsRequest list;
  list.set_profile_id(created.profile_id());
  cv1::ListConnectionsResponse listed;
  st = WhenReady([&] { return connections->ListConnections(Ctx(admin).get(), list, &listed); });
  EXPECT_TRUE(st.ok()) << st.error_message();
  return created.profile_id();
}

void Figures(const std::string& what, const SteadyLoad::Figures& f) {
  std::cout << "FIGURES " << what << ": " << f.Summary() << std::endl;
}

// (a) CON-08: the replica running post-processing is killed (kill -9) in the
// middle of a run; its lease lapses (3 s here: ENGAGE_POST_PROCESSING_LEASE_
// SECONDS) and the other replica's run connects every attendee, none twice
// and none lost.
TEST(Faults, CON08_KilledRunnersLeaseLapsesAndTheOtherReplicaConnectsEachAttendeeOnce) {
  TestDatabase db;
  ReplicatedMesh::Options options;
  options.db = db.config();
  options.env["connection"] = {{"ENGAGE_POST_PROCESSING_INTERVAL_SECONDS", "1"},
                               {"ENGAGE_POST_PROCESSING_LEASE_SECONDS", "3"}};
  options.later = {"connection/1"};  // started once the first replica's run is under way
  ReplicatedMesh mesh(options);
  auto channel = mesh.ClientChannel();
  const std::string tenant = UniqueName("t");
  const std::string sarah = SetUpTenant(channel, tenant);
  ASSERT_FALSE(sarah.empty());

  auto profiles = pv1::ProfileService::NewStub(channel);
  std::vector<std::string> hcps;
  for (int i = 0; i < 5; ++i) {
    const std::string subject = absl::StrCat("dr-", i);
    auto token = auth::MintHs256(
        kTestSecret,
        auth::Identity(subject, ROLE_HCP, tenant, absl::StrCat(subject, "@clinic.example"), true),
        absl::Now(), absl::Hours(1));
    ASSERT_TRUE(token.ok());
    pv1::SignUpHcpRequest sign_up;
    sign_up.set_first_name("Dr");
    sign_up.set_last_name(subject);
    pv1::SignUpHcpResponse signed_up;
    grpc::Status st = profiles->SignUpHcp(Ctx(*token).get(), sign_up, &signed_up);
    ASSERT_TRUE(st.ok()) << st.error_message();
    hcps.push_back(signed_up.profile_id());
  }

  // The third attendee's connection row is held by an uncommitted insert, so
  // the run that reaches it waits there, holding the tenant's lease.
  std::promise<void> locked;
  std::promise<void> release;
  std::thread holder([&] {
    (void)db.pool().Transaction([&](mysql::Session& s) {
      auto ins = s.Execute(
          "INSERT INTO connections (tenant_id, connection_id, field_user_profile_id, "
          "hcp_profile_id, active, create_time, update_time) "
          "VALUES (?, '01HFAULTHOLD00000000000000', ?, ?, 1, NOW(6), NOW(6))",
          {tenant, sarah, hcps[2]});
      locked.set_value();
      release.get_future().wait();
      // Not ABORTED: Transaction would run this again.
      return absl::CancelledError("rolled back: the row only held a lock");
    });
  });
  locked.get_future().wait();

  auto connections = cv1::ConnectionService::NewStub(channel);
  cv1::RecordMeetingAttendanceRequest meeting;
  meeting.set_meeting_id("meeting-faults");
  meeting.set_host_profile_id(sarah);
  for (const auto& hcp : hcps) meeting.add_attendees()->set_hcp_profile_id(hcp);
  cv1::RecordMeetingAttendanceResponse recorded;
  grpc::Status st = connections->RecordMeetingAttendance(
      Ctx(Token(ROLE_INTEGRATION, tenant, "meeting-system")).get(), meeting, &recorded);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(recorded.recorded_count(), 5);

  // The first replica's timer claims the run (within about a second).
  auto state = [&] {
    auto rows = db.pool().Query(
        "SELECT state, lease_holder, lease_until IS NULL FROM post_processing WHERE tenant_id = ?",
        {tenant});
    return rows.ok() && !rows->empty()
               ? std::make_tuple((*rows)[0].Int(0), (*rows)[0].String(1), (*rows)[0].Int(2) == 1)
               : std::make_tuple(int64_t{-1}, std::string(), true);
  };
  const absl::Time until = absl::Now() + absl::Seconds(10);
  while (std::get<0>(state()) != 2 && absl::Now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::string dead_holder = std::get<1>(state());
  ASSERT_EQ(std::get<0>(state()), 2) << "no run started";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // it reaches the held row

  mesh.Start("connection", 1);
  const absl::Time killed = absl::Now();
  mesh.process("connection", 0).Kill();  // SIGKILL: no stop, no release
  release.set_value();
  holder.join();

  // The other replica takes the tenant once the lease lapses and finishes.
  auto connected = [&] {
    auto rows = db.pool().Query(
        "SELECT COUNT(*) FROM connections WHERE tenant_id = ? AND field_user_profile_id = ? "
        "AND active = 1",
        {tenant, sarah});
    return rows.ok() ? (*rows)[0].Int(0) : -1;
  };
  while (connected() < 5 && absl::Now() < killed + absl::Seconds(20)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const double took = absl::ToDoubleSeconds(absl::Now() - killed);
  EXPECT_EQ(connected(), 5);
  // One connection and one CONNECTED change (kind 1) per attendee, none twice.
  auto changes = db.pool().Query(
      "SELECT hcp_profile_id, COUNT(*) FROM connection_changes WHERE tenant_id = ? "
      "GROUP BY hcp_profile_id",
      {tenant});
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_EQ(changes->size(), 5u);
  for (const auto& row : *changes) EXPECT_EQ(row.Int(1), 1) << row.String(0);
  // The interactions are all resolved, and the new run let go of the tenant.
  while (std::get<0>(state()) == 2 && absl::Now() < killed + absl::Seconds(25)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  auto [job_state, holder_now, no_lease] = state();
  EXPECT_NE(job_state, 2) << "the lease is still held by " << holder_now;
  EXPECT_TRUE(no_lease);
  std::cout << "FIGURES kill -9 mid post-processing: all 5 attendees connected once, " << took
            << " s after the kill (lease 3 s, timer 1 s; dead holder " << dead_holder << ")"
            << std::endl;
}

// A mesh on a database of its own, a tenant, and steady calls through the
// gateways from the start.
class MeshUnderLoad {
 public:
  MeshUnderLoad()
      : mesh_(OptionsFor(db_)),
        channel_(mesh_.ClientChannel()),
        tenant_(UniqueName("t")),
        sarah_(SetUpTenant(channel_, tenant_)),
        load_(channel_, tenant_, sarah_) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  ReplicatedMesh& mesh() { return mesh_; }

  // Half a second more of calls, then the figures: no call may have failed.
  void ExpectNoFailedCall(const std::string& what) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    SteadyLoad::Figures f = load_.Stop();
    Figures(what, f);
    EXPECT_GT(f.calls, 100);
    EXPECT_EQ(f.failed, 0) << f.Summary();
  }

 private:
  static ReplicatedMesh::Options OptionsFor(const TestDatabase& db) {
    ReplicatedMesh::Options options;
    options.db = db.config();
    return options;
  }

  TestDatabase db_;
  ReplicatedMesh mesh_;
  std::shared_ptr<grpc::Channel> channel_;
  const std::string tenant_;
  const std::string sarah_;
  SteadyLoad load_;
};

// (b) SIGTERM of one replica of each service in turn while calls are in
// flight: the draining replica finishes its calls, the gateways send new ones
// to the other replica, no client call fails.
TEST(Faults, SigtermOfAReplicaOfEachServiceUnderLoadFailsNoCall) {
  MeshUnderLoad run;
  for (const std::string name : {"profile", "connection", "promomats"}) {
    const absl::Time t0 = absl::Now();
    EXPECT_EQ(run.mesh().process(name, 0).Terminate(absl::Seconds(10)), 0) << name;
    std::cout << "FIGURES " << name << "/0 stopped on SIGTERM in "
              << absl::ToDoubleMilliseconds(absl::Now() - t0) << " ms" << std::endl;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // served by one replica
    run.mesh().Start(name, 0);
  }
  run.ExpectNoFailedCall("SIGTERM of one replica of each service");
}

// (d) Every replica of every service and of the gateway restarted one at a
// time (SIGTERM, start, serving, settle) under steady calls: no client call
// fails.
constexpr auto kSettle = std::chrono::milliseconds(1500);
TEST(Faults, RollingRestartOfEveryReplicaUnderLoadFailsNoCall) {
  MeshUnderLoad run;
  const absl::Time t0 = absl::Now();
  for (const auto& name : ReplicatedMesh::Names()) {
    for (int i = 0; i < ReplicatedMesh::kReplicas; ++i) {
      EXPECT_EQ(run.mesh().process(name, i).Terminate(absl::Seconds(10)), 0) << name << "/" << i;
      run.mesh().Start(name, i);
      // A roll waits until the new replica has traffic before stopping the
      // next (Kubernetes: readiness, minReadySeconds): here the clients'
      // reconnect backoff to the port it reuses (at most 2 s, about 0.5 s
      // after a restart this quick) and their first health answer.
      std::this_thread::sleep_for(kSettle);
    }
  }
  run.ExpectNoFailedCall(absl::StrCat("rolling restart of 8 replicas (",
                                      absl::ToDoubleSeconds(absl::Now() - t0), " s)"));
}

// (c) MariaDB stops under steady calls and starts again: while it is down the
// services answer UNAVAILABLE at once (no crash, no hang); once it is back
// they serve again without a restart (the pools replace their dead
// connections).
TEST(Faults, MariaDbRestartAnswersUnavailableWhileDownAndRecoversWithoutRestart) {
  PrivateMariaDb database;
  ReplicatedMesh::Options options;
  options.db = database.config();
  options.env["*"] = {{"ENGAGE_DB_CONNECT_TIMEOUT_SECONDS", "1"}};
  ReplicatedMesh mesh(options);
  auto channel = mesh.ClientChannel();
  const std::string tenant = UniqueName("t");
  const std::string sarah = SetUpTenant(channel, tenant);
  ASSERT_FALSE(sarah.empty());

  database.Stop();
  // Through one gateway on a plain channel: what the mesh answers, without
  // the client's own retries on top.
  auto profiles = pv1::ProfileService::NewStub(
      grpc::CreateChannel(mesh.Address("gateway", 0), grpc::InsecureChannelCredentials()));
  const std::string admin = Token(ROLE_ADMIN, tenant, "admin");
  absl::Duration slowest;
  for (int i = 0; i < 6; ++i) {
    const absl::Time t0 = absl::Now();
    pv1::ListGroupsResponse groups;
    grpc::Status st = profiles->ListGroups(Ctx(admin).get(), pv1::ListGroupsRequest(), &groups);
    slowest = std::max(slowest, absl::Now() - t0);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
  }
  // Answered well before the 10 s deadline, after the gateway's retries.
  EXPECT_LT(slowest, absl::Seconds(5)) << "a call hung while the database was down";
  for (const auto& name : ReplicatedMesh::Names()) {
    for (int i = 0; i < ReplicatedMesh::kReplicas; ++i) {
      EXPECT_TRUE(mesh.process(name, i).Running()) << name << "/" << i << " died";
    }
  }

  const absl::Time back = absl::Now();
  database.Start();
  grpc::Status st = WhenReady(
      [&] {
        pv1::ListGroupsResponse groups;
        return profiles->ListGroups(Ctx(admin).get(), pv1::ListGroupsRequest(), &groups);
      },
      absl::Seconds(20));
  ASSERT_TRUE(st.ok()) << st.error_message();
  const double recovered_s = absl::ToDoubleSeconds(absl::Now() - back);
  SteadyLoad load(channel, tenant, sarah);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  SteadyLoad::Figures f = load.Stop();
  Figures(absl::StrCat("after the MariaDB restart (first call OK ", recovered_s,
                       " s after start; down-time calls UNAVAILABLE, slowest ",
                       absl::ToDoubleMilliseconds(slowest), " ms)"),
          f);
  EXPECT_EQ(f.failed, 0) << f.Summary();
}

}  // namespace
}  // namespace engage::testing
