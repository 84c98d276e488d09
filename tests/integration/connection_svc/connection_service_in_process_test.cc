// connection_svc's handlers in process (its real wiring, stores on a fresh
// test database, the real Gatekeeper): request validation and the mapping of
// stored values to the contract. profile_svc is served in process too, on a
// loopback port, as connection_svc's profile-target: the Gatekeeper asks it
// for callers' state (SEC-09) and the handlers for profile owners.
#include "absl/time/clock.h"
#include "connection_svc/mysql_connection_store.h"
#include "connection_svc/wiring.h"
#include "engage/connection/v1/connection.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/in_process_service.h"
#include "tests/support/mesh.h"

namespace engage::testing {
namespace {

using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_SERVICE;
namespace cv1 = engage::connection::v1;

constexpr char kTenant[] = "acme";
constexpr char kFieldUser[] = "01HSARAH000000000000000000";
constexpr char kHcp[] = "01HHCP00000000000000000000";

class ConnectionServiceInProcessTest
    : public WithProfilesTest<connection::ConnectionServiceBinary> {
 protected:
  void SetUp() override {
    stub_ = cv1::ConnectionService::NewStub(service().channel());
    internal_ = cv1::ConnectionInternalService::NewStub(service().channel());
  }

  std::unique_ptr<cv1::ConnectionService::Stub> stub_;
  std::unique_ptr<cv1::ConnectionInternalService::Stub> internal_;
};

bool Names(const grpc::Status& st, const std::string& field) {
  return st.error_message().find(field) != std::string::npos;
}

TEST_F(ConnectionServiceInProcessTest, CON01_CreateInviteRefusalNamesEveryWrongField) {
  cv1::CreateInviteRequest request;  // no inviter, no channel
  request.set_recipient_email("dr@example.com");
  request.set_org_id("short");
  cv1::CreateInviteResponse response;
  grpc::Status st = stub_->CreateInvite(Mesh::Context(ROLE_FIELD_USER, kTenant, "sarah").get(),
                                        request, &response);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << st.error_message();
  EXPECT_TRUE(Names(st, "inviter_profile_id")) << st.error_message();
  EXPECT_TRUE(Names(st, "channel")) << st.error_message();
  EXPECT_TRUE(Names(st, "recipient_email")) << st.error_message();
  EXPECT_TRUE(Names(st, "org_id")) << st.error_message();
  EXPECT_TRUE(Names(st, "account_id")) << st.error_message();
  EXPECT_FALSE(response.has_invite());
}

TEST_F(ConnectionServiceInProcessTest,
       CON01_CreateInviteForAProfileProfileSvcDoesNotKnowIsNotFound) {
  cv1::CreateInviteRequest request;
  request.set_inviter_profile_id(kFieldUser);
  request.set_channel(cv1::INVITE_CHANNEL_LINK);
  cv1::CreateInviteResponse response;
  // Through profile_svc (callers' state, then the inviter's owner), with the
  // call's deadline carried on.
  auto context = Mesh::Context(ROLE_FIELD_USER, kTenant, "sarah");
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  grpc::Status st = stub_->CreateInvite(context.get(), request, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << st.error_message();
  EXPECT_TRUE(Names(st, "inviter_profile_id: no such profile")) << st.error_message();
  auto invites = service().pool().Query("SELECT COUNT(*) FROM invites");
  ASSERT_TRUE(invites.ok()) << invites.status();
  EXPECT_EQ((*invites)[0].Int(0), 0);
}

TEST_F(ConnectionServiceInProcessTest, CON11_ReadChangeFeedMapsStoredChangesInOrder) {
  connection::MysqlConnectionStore connections(service().pool());
  const absl::Time now = absl::FromUnixSeconds(1700000000);
  auto made = connections.Connect(kTenant, kFieldUser, kHcp, connection::Origin::kInvite,
                                  {auth::kHcp, now}, "01HCNN00000000000000000000", now);
  ASSERT_TRUE(made.ok()) << made.status();
  ASSERT_TRUE(connections
                  .Disconnect(kTenant, made->connection.connection_id, connection::EndedBy::kHcp,
                              now + absl::Seconds(1))
                  .ok());

  cv1::ReadChangeFeedRequest request;
  request.set_tenant_id(kTenant);
  cv1::ReadChangeFeedResponse response;
  grpc::Status st = internal_->ReadChangeFeed(Mesh::Context(ROLE_SERVICE, kTenant, "profile").get(),
                                              request, &response);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(response.changes_size(), 2);
  EXPECT_EQ(response.changes(0).sequence(), 1);
  EXPECT_EQ(response.changes(0).kind(), cv1::CHANGE_KIND_CREATED);
  EXPECT_EQ(response.changes(0).connection_id(), "01HCNN00000000000000000000");
  EXPECT_EQ(response.changes(0).field_user_profile_id(), kFieldUser);
  EXPECT_EQ(response.changes(0).hcp_profile_id(), kHcp);
  EXPECT_EQ(response.changes(0).change_time().seconds(), 1700000000);
  EXPECT_EQ(response.changes(1).kind(), cv1::CHANGE_KIND_DEACTIVATED);
  EXPECT_EQ(response.changes(1).change_time().seconds(), 1700000001);
  EXPECT_EQ(response.last_sequence(), 2);
}

TEST_F(ConnectionServiceInProcessTest, CON11_ReadChangeFeedRefusalNamesTheField) {
  cv1::ReadChangeFeedRequest request;
  request.set_tenant_id(kTenant);
  request.set_after_sequence(-1);
  request.set_page_size(1001);
  cv1::ReadChangeFeedResponse response;
  grpc::Status st = internal_->ReadChangeFeed(Mesh::Context(ROLE_SERVICE, kTenant, "profile").get(),
                                              request, &response);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(Names(st, "after_sequence")) << st.error_message();
  EXPECT_TRUE(Names(st, "page_size")) << st.error_message();
}

}  // namespace
}  // namespace engage::testing
