#ifndef ENGAGE_TESTS_E2E_CONNECTION_CONNECTION_E2E_FIXTURE_H_
#define ENGAGE_TESTS_E2E_CONNECTION_CONNECTION_E2E_FIXTURE_H_

// The whole mesh for the connection flows, with a company, a field user
// (sarah) and a signed-up HCP (dr-a) per test.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/auth/jwt.h"
#include "engage/connection/v1/connection.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {

using namespace engage::connection::v1;  // NOLINT: test brevity
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_INTEGRATION;
using engage::common::v1::ROLE_SERVICE;
namespace prf = engage::profile::v1;

class ConnectionE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Mesh::Options options;
    options.env["gateway"] = {{"ENGAGE_RATE_LIMIT_PER_SECOND", "100000"},
                              {"ENGAGE_RATE_LIMIT_BURST", "100000"}};
    // The timer stays out of the way: the tests run the job on demand.
    options.env["connection"] = {{"ENGAGE_POST_PROCESSING_INTERVAL_SECONDS", "86400"}};
    mesh_ = new Mesh(options);
  }
  static void TearDownTestSuite() {
    delete mesh_;
    mesh_ = nullptr;
  }

  void SetUp() override {
    tenant_ = UniqueName("t");
    profiles_ = prf::ProfileService::NewStub(mesh_->Channel());
    connections_ = ConnectionService::NewStub(mesh_->Channel());
    prf::UpsertCompanyRequest company;
    company.set_name("Acme");
    prf::UpsertCompanyResponse company_resp;
    grpc::Status st = WhenMeshReady([&] {
      return profiles_->UpsertCompany(Ctx(ROLE_ADMIN, "admin").get(), company, &company_resp);
    });
    ASSERT_TRUE(st.ok()) << st.error_message();
    sarah_ = FieldUser("sarah");
    dr_a_ = Hcp("dr-a", "abernathy@clinic.example");
    // connection_svc's own channel to profile_svc (SEC-09 caller checks) is up too.
    ListConnectionsRequest list;
    list.set_profile_id(sarah_);
    ListConnectionsResponse listed;
    st = WhenMeshReady([&] {
      return connections_->ListConnections(Ctx(ROLE_FIELD_USER, "sarah").get(), list, &listed);
    });
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  // Repeats `call` while it is UNAVAILABLE (a channel between freshly started
  // services still connecting, on a loaded machine), for at most 10 s.
  template <typename Call>
  static grpc::Status WhenMeshReady(Call call) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    grpc::Status st = call();
    while (st.error_code() == grpc::StatusCode::UNAVAILABLE &&
           std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      st = call();
    }
    return st;
  }

  // An HCP signed up by Hcp() carries the verified e-mail of their identity
  // (SEC-07, SEC-08), as an identity provider issues it.
  std::unique_ptr<grpc::ClientContext> Ctx(engage::common::v1::Role role,
                                           const std::string& subject) {
    auto email = emails_.find(subject);
    if (role != ROLE_HCP || email == emails_.end()) return Mesh::Context(role, tenant_, subject);
    return Mesh::Context(EmailToken(subject, email->second, true));
  }

  std::string EmailToken(const std::string& subject, const std::string& email, bool verified) {
    auto token =
        auth::MintHs256(kTestSecret, auth::Identity(subject, ROLE_HCP, tenant_, email, verified),
                        absl::Now(), absl::Hours(1));
    EXPECT_TRUE(token.ok()) << token.status();
    return token.ok() ? *token : "";
  }

  std::string FieldUser(const std::string& subject, const std::string& org_id = "",
                        const std::string& first_name = "Sarah",
                        const std::string& last_name = "Jones") {
    prf::CreateFieldUserRequest user;
    user.set_org_id(org_id);
    user.set_request_id(subject);
    user.set_subject(subject);
    user.set_first_name(first_name);
    user.set_last_name(last_name);
    user.set_email(subject + "@acme.example");
    user.set_country("US");
    user.set_user_type(prf::USER_TYPE_FIELD_USER);
    prf::CreateFieldUserResponse created;
    grpc::Status st = profiles_->CreateFieldUser(Ctx(ROLE_ADMIN, "admin").get(), user, &created);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return created.profile_id();
  }

  std::string Hcp(const std::string& subject, const std::string& email) {
    emails_[subject] = email;
    prf::SignUpHcpRequest sign_up;
    // SEC-07: the e-mail is the token's; the request field, while the contract
    // still has it, says the same.
    if (const auto* field = sign_up.GetDescriptor()->FindFieldByName("email")) {
      sign_up.GetReflection()->SetString(&sign_up, field, email);
    }
    sign_up.set_first_name("Dr");
    sign_up.set_last_name(subject);
    prf::SignUpHcpResponse signed_up;
    grpc::Status st = profiles_->SignUpHcp(Ctx(ROLE_HCP, subject).get(), sign_up, &signed_up);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return signed_up.profile_id();
  }

  CreateInviteResponse Invite(InviteChannel channel, const std::string& account = "",
                              const std::string& inviter = "",
                              const std::string& subject = "sarah") {
    CreateInviteRequest request;
    request.set_inviter_profile_id(inviter.empty() ? sarah_ : inviter);
    request.set_channel(channel);
    if (channel == INVITE_CHANNEL_APPROVED_EMAIL)
      request.set_recipient_email("abernathy@clinic.example");
    if (!account.empty()) {
      request.set_org_id("00D000000000001AAA");
      request.set_account_id(account);
    }
    CreateInviteResponse response;
    grpc::Status st =
        connections_->CreateInvite(Ctx(ROLE_FIELD_USER, subject).get(), request, &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response;
  }

  // Time alone turns an invite expired (CON-03); tests move its expiry
  // into the past instead of waiting.
  void Expire(const std::string& invite_id) {
    auto st = mesh_->db().pool().Execute(
        "UPDATE invites SET expire_time = ? WHERE tenant_id = ? AND invite_id = ?",
        {absl::Now() - absl::Minutes(1), tenant_, invite_id});
    EXPECT_TRUE(st.ok()) << st.status();
  }

  static std::string TokenOf(const std::string& link) { return link.substr(link.rfind('/') + 1); }

  grpc::Status Accept(const std::string& link, const std::string& hcp, const std::string& subject,
                      AcceptInviteResponse* response) {
    AcceptInviteRequest request;
    request.set_token(TokenOf(link));
    request.set_hcp_profile_id(hcp);
    return connections_->AcceptInvite(Ctx(ROLE_HCP, subject).get(), request, response);
  }

  std::vector<ConnectionChange> Feed(int page_size) {
    auto internal = ConnectionInternalService::NewStub(mesh_->Channel("connection"));
    std::vector<ConnectionChange> all;
    ReadChangeFeedRequest request;
    request.set_tenant_id(tenant_);
    request.set_page_size(page_size);
    for (;;) {
      ReadChangeFeedResponse response;
      grpc::Status st = internal->ReadChangeFeed(Mesh::Context(ROLE_SERVICE, "*", "profile").get(),
                                                 request, &response);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok() || response.changes().empty()) break;
      for (const auto& c : response.changes()) all.push_back(c);
      request.set_after_sequence(response.last_sequence());
    }
    return all;
  }

  ConnectionStatus StatusOf(const std::string& hcp) {
    BatchGetConnectionStatusesRequest request;
    request.set_field_user_profile_id(sarah_);
    request.add_hcp_profile_ids(hcp);
    BatchGetConnectionStatusesResponse response;
    grpc::Status st = connections_->BatchGetConnectionStatuses(Ctx(ROLE_FIELD_USER, "sarah").get(),
                                                               request, &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response.statuses_size() == 1 ? response.statuses(0).status()
                                         : CONNECTION_STATUS_UNSPECIFIED;
  }

  // The post-processing job, run now by the admin (CON-08).
  RunPostProcessingResponse RunJob() {
    RunPostProcessingResponse run;
    grpc::Status st = connections_->RunPostProcessing(Ctx(ROLE_ADMIN, "admin").get(),
                                                      RunPostProcessingRequest(), &run);
    EXPECT_TRUE(st.ok()) << st.error_message();
    EXPECT_TRUE(run.ran());
    return run;
  }

  static inline Mesh* mesh_ = nullptr;
  std::map<std::string, std::string> emails_;  // HCP subject -> verified e-mail
  std::string tenant_, sarah_, dr_a_;
  std::unique_ptr<prf::ProfileService::Stub> profiles_;
  std::unique_ptr<ConnectionService::Stub> connections_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_E2E_CONNECTION_CONNECTION_E2E_FIXTURE_H_
