#ifndef ENGAGE_TESTS_FAULTS_MEETING_RUN_H_
#define ENGAGE_TESTS_FAULTS_MEETING_RUN_H_

// The post-processing run the seeded fault scenarios interrupt (CON-08): a
// meeting of a field user with kAttendees signed-in HCPs, recorded through
// the gateways; the connection replicas' timers (every second) turn it into
// connections, one item at a time under the tenant's lease. The host is in
// no org and the HCPs are connected to no CRM user, so the CRM sync of the
// org writes nothing for them (SYN-03, SYN-05): its end state stays the
// reference's, while the post-processing lease still holds it back (SYN-07).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/mysql/pool.h"
#include "common/time/id_generator.h"
#include "engage/connection/v1/connection.grpc.pb.h"
#include "profile_svc/mysql_profile_store.h"
#include "tests/faults/replicated_mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {

class MeetingRun {
 public:
  static constexpr int kAttendees = 150;

  MeetingRun(ReplicatedMesh& mesh, mysql::Pool& pool, std::string tenant)
      : mesh_(mesh), pool_(pool), tenant_(std::move(tenant)) {}

  // The host and the attendees, written with profile_svc's own store.
  void SetUp() {
    profile::MysqlProfileStore profiles(pool_);
    IdGenerator& ids = IdGenerator::Default();
    auto host = profiles.CreateFieldUser(
        tenant_,
        {"meeting-host", "meeting-host", "Mia", "Host", "mia@verteo.example", "US",
         profile::UserType::kFieldUser, "", "fp-meeting-host"},
        ids.Next(), ids.Next(), absl::Now());
    ASSERT_TRUE(host.ok()) << host.status();
    host_ = host->profile_id;
    for (int i = 0; i < kAttendees; ++i) {
      const std::string n = std::to_string(i);
      auto hcp = profiles.SignUpHcp(
          tenant_, {"attendee" + n, "attendee" + n + "@clinic.example", "Attendee", n}, ids.Next(),
          absl::Now());
      ASSERT_TRUE(hcp.ok()) << hcp.status();
      attendees_.push_back(hcp->profile_id);
    }
  }

  // RecordMeetingAttendance through the gateways: the run's work.
  void Record() {
    namespace cv1 = engage::connection::v1;
    auto stub = cv1::ConnectionService::NewStub(mesh_.ClientChannel());
    cv1::RecordMeetingAttendanceRequest meeting;
    meeting.set_meeting_id("meeting-seeded-faults");
    meeting.set_host_profile_id(host_);
    for (const auto& hcp : attendees_) meeting.add_attendees()->set_hcp_profile_id(hcp);
    cv1::RecordMeetingAttendanceResponse recorded;
    // A write: repeated only when it was never taken (UNAVAILABLE before any
    // replica answered); a repeat records nothing twice (the interactions
    // of one meeting and attendee are one row).
    grpc::Status st = WhenReady([&] {
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + Token(engage::common::v1::ROLE_INTEGRATION,
                                                             tenant_, "meeting-system"));
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      return stub->RecordMeetingAttendance(&context, meeting, &recorded);
    });
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  // Attendees connected to the host so far.
  int64_t Connected() {
    auto rows = pool_.Query(
        "SELECT COUNT(*) FROM connections WHERE tenant_id = ? AND field_user_profile_id = ? AND "
        "active = 1",
        {tenant_, host_});
    return rows.ok() ? (*rows)[0].Int(0) : -1;
  }
  // The run holding the tenant's lease ("" when none).
  std::string LeaseHolder() {
    auto rows = pool_.Query(
        "SELECT lease_holder FROM post_processing WHERE tenant_id = ? AND state = 2 AND "
        "lease_until > NOW(6)",
        {tenant_});
    return rows.ok() && !rows->empty() ? (*rows)[0].String(0) : "";
  }
  struct Runner {
    int replica = -1;  // none found
    std::string holder;
  };
  // The connection replica whose run holds the tenant's lease and has begun
  // its items (its log names the run: "post-processing run under way").
  Runner FindRunner() {
    Runner out;
    out.holder = LeaseHolder();
    if (out.holder.empty()) return out;
    const std::string needle = absl::StrCat("\"run\":\"", out.holder, "\"");
    for (int i = 0; i < ReplicatedMesh::kReplicas; ++i) {
      if (mesh_.process("connection", i).Output().find(needle) != std::string::npos) {
        out.replica = i;
      }
    }
    return out;
  }
  bool WaitConnected(absl::Duration limit) {
    const absl::Time until = absl::Now() + limit;
    while (Connected() < kAttendees && absl::Now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return Connected() == kAttendees;
  }

  // An uninterrupted run's end: every attendee connected to the host once,
  // with one CONNECTED change, and every interaction resolved.
  void ExpectEndState() {
    EXPECT_EQ(Connected(), kAttendees) << "attendees connected to the host";
    auto changes = pool_.Query(
        "SELECT COUNT(*), COUNT(DISTINCT hcp_profile_id) FROM connection_changes WHERE "
        "tenant_id = ? AND field_user_profile_id = ?",
        {tenant_, host_});
    ASSERT_TRUE(changes.ok()) << changes.status();
    EXPECT_EQ((*changes)[0].Int(0), kAttendees) << "changes of the host's connections";
    EXPECT_EQ((*changes)[0].Int(1), kAttendees) << "attendees with a change";
    auto pending = pool_.Query(
        "SELECT COUNT(*) FROM interactions WHERE tenant_id = ? AND state = 1", {tenant_});
    ASSERT_TRUE(pending.ok()) << pending.status();
    EXPECT_EQ((*pending)[0].Int(0), 0) << "interactions left unresolved";
  }

 private:
  ReplicatedMesh& mesh_;
  mysql::Pool& pool_;
  const std::string tenant_;
  std::string host_;
  std::vector<std::string> attendees_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_FAULTS_MEETING_RUN_H_
