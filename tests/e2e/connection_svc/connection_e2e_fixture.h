#ifndef ENGAGE_TESTS_E2E_CONNECTION_CONNECTION_E2E_FIXTURE_H_
#define ENGAGE_TESTS_E2E_CONNECTION_CONNECTION_E2E_FIXTURE_H_

// The whole mesh for the connection flows, with a company, a field user
// (sarah, in CRM org kSarahOrg) and a signed-up HCP (dr-a) per test. The first
// APPROVED_EMAIL invite of a test publishes an approved e-mail invite template
// to sarah's org through promomats_svc (PMX-11, CON-13).
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
#include "engage/promomats/v1/promomats.grpc.pb.h"
#include "tests/support/mesh.h"
#include "tests/support/smtp_sink.h"
#include "tests/support/test_env.h"

namespace engage::testing {

using namespace engage::connection::v1;  // NOLINT: test brevity
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_INTEGRATION;
using engage::common::v1::ROLE_SERVICE;
namespace prf = engage::profile::v1;
namespace pmx = engage::promomats::v1;

// Sarah's CRM org and its domain: the CRM vault of that domain holds the
// approved e-mail templates her e-mail invites are sent with (CON-13).
inline constexpr char kSarahOrg[] = "00D0000000000SARAH";
inline constexpr char kSarahCrmDomain[] = "sarah-crm.example.com";

// A mesh whose gateway does not limit the test and whose post-processing
// timer stays out of the way (the tests run the job on demand).
inline Mesh::Options ConnectionMeshOptions() {
  Mesh::Options options;
  options.env["gateway"] = {{"ENGAGE_RATE_LIMIT_PER_SECOND", "100000"},
                            {"ENGAGE_RATE_LIMIT_BURST", "100000"}};
  options.env["connection"] = {{"ENGAGE_POST_PROCESSING_INTERVAL_SECONDS", "86400"}};
  return options;
}

// The same, with a connection_svc that sends invite e-mails (CON-13) to
// `sink` at once and retries quickly.
inline Mesh::Options MailMeshOptions(const SmtpSink& sink) {
  Mesh::Options options = ConnectionMeshOptions();
  options.env["connection"].insert({{"ENGAGE_SMTP_HOST", "127.0.0.1"},
                                    {"ENGAGE_SMTP_PORT", std::to_string(sink.port())},
                                    {"ENGAGE_SMTP_STARTTLS", "off"},
                                    {"ENGAGE_SMTP_FROM", "engage@mesh.example"},
                                    {"ENGAGE_MAIL_DISPATCH_INTERVAL_MS", "50"},
                                    {"ENGAGE_MAIL_RETRY_FIRST_MS", "100"},
                                    {"ENGAGE_MAIL_RETRY_MAX_MS", "300"}});
  return options;
}

class ConnectionE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { mesh_ = new Mesh(ConnectionMeshOptions()); }
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
    prf::CreateOrgRequest org;
    org.mutable_org()->set_org_id(kSarahOrg);
    org.mutable_org()->set_type(prf::ORG_TYPE_PRODUCTION);
    org.mutable_org()->set_domain(kSarahCrmDomain);
    prf::CreateOrgResponse org_resp;
    st = profiles_->CreateOrg(Ctx(ROLE_ADMIN, "admin").get(), org, &org_resp);
    ASSERT_TRUE(st.ok()) << st.error_message();
    sarah_ = FieldUser("sarah", kSarahOrg);
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

  // Publishes an approved e-mail template from a PromoMats vault to the CRM
  // vault of sarah's org and waits until the CRM holds it (PMX-11).
  void PublishTemplate(const std::string& name, const std::string& subject, const std::string& body,
                       bool invite_mark = true,
                       pmx::LifecycleState lifecycle = pmx::LIFECYCLE_STATE_STEADY) {
    auto pm = pmx::PromoMatsService::NewStub(mesh_->Channel());
    if (pm_vault_.empty()) {
      for (auto kind : {pmx::VAULT_KIND_PROMOMATS, pmx::VAULT_KIND_CRM}) {
        pmx::RegisterVaultRequest vault;
        vault.set_request_id(pmx::VaultKind_Name(kind));
        vault.set_name(pmx::VaultKind_Name(kind));
        vault.set_kind(kind);
        vault.set_type(pmx::VAULT_TYPE_PRODUCTION);
        vault.set_domain(kind == pmx::VAULT_KIND_CRM ? kSarahCrmDomain : "promomats.example.com");
        pmx::RegisterVaultResponse registered;
        grpc::Status st = pm->RegisterVault(Ctx(ROLE_ADMIN, "admin").get(), vault, &registered);
        ASSERT_TRUE(st.ok()) << st.error_message();
        (kind == pmx::VAULT_KIND_CRM ? crm_vault_ : pm_vault_) = registered.vault().vault_id();
      }
      pmx::CreateConnectionRequest connect;
      connect.set_request_id("pm-crm");
      connect.set_promomats_vault_id(pm_vault_);
      connect.set_crm_vault_id(crm_vault_);
      pmx::CreateConnectionResponse connected;
      grpc::Status st = pm->CreateConnection(Ctx(ROLE_ADMIN, "admin").get(), connect, &connected);
      ASSERT_TRUE(st.ok()) << st.error_message();
      pmx::UpdateConnectionSettingsRequest settings;
      settings.set_connection_id(connected.connection().connection_id());
      settings.set_feature(pmx::FEATURE_APPROVED_EMAIL);
      pmx::UpdateConnectionSettingsResponse set;
      st = pm->UpdateConnectionSettings(Ctx(ROLE_ADMIN, "admin").get(), settings, &set);
      ASSERT_TRUE(st.ok()) << st.error_message();
    }
    pmx::CreateDocumentRequest create;
    create.set_request_id("template-" + name);
    pmx::Document* d = create.mutable_document();
    d->set_promomats_vault_id(pm_vault_);
    d->set_name(name);
    d->set_document_type("Email Template");
    d->set_country("GLOBAL");
    d->set_lifecycle_state(lifecycle);
    d->set_feature(pmx::FEATURE_APPROVED_EMAIL);
    d->set_email_kind(pmx::EMAIL_KIND_TEMPLATE);
    (*d->mutable_metadata())["subject"] = subject;
    (*d->mutable_metadata())["body"] = body;
    if (invite_mark) (*d->mutable_metadata())["engage_invite"] = "true";
    pmx::CreateDocumentResponse created;
    grpc::Status st = pm->CreateDocument(Ctx(ROLE_ADMIN, "admin").get(), create, &created);
    ASSERT_TRUE(st.ok()) << st.error_message();
    auto internal = pmx::PromoMatsInternalService::NewStub(mesh_->Channel("promomats"));
    pmx::RunDispatcherRequest run;
    run.set_tenant_id(tenant_);
    pmx::RunDispatcherResponse ran;
    st = internal->RunDispatcher(Mesh::Context(ROLE_SERVICE, "*", "promomats").get(), run, &ran);
    ASSERT_TRUE(st.ok()) << st.error_message();
    // promomats_svc's own dispatcher may hold the delivery: wait for the CrossLink.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
      pmx::ListCrossLinksRequest list;
      list.set_crm_vault_id(crm_vault_);
      list.set_page_size(500);
      pmx::ListCrossLinksResponse links;
      st = pm->ListCrossLinks(Ctx(ROLE_ADMIN, "admin").get(), list, &links);
      ASSERT_TRUE(st.ok()) << st.error_message();
      bool there = false;
      for (const auto& l : links.cross_links()) {
        there = there || (l.source_document_id() == created.document().document_id() &&
                          l.source_version() == created.document().version());
      }
      if (there) break;
      ASSERT_LT(std::chrono::steady_clock::now(), until) << "template never reached the CRM";
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  CreateInviteResponse Invite(InviteChannel channel, const std::string& account = "",
                              const std::string& inviter = "",
                              const std::string& subject = "sarah") {
    CreateInviteRequest request;
    request.set_inviter_profile_id(inviter.empty() ? sarah_ : inviter);
    request.set_channel(channel);
    if (channel == INVITE_CHANNEL_APPROVED_EMAIL) {
      request.set_recipient_email("abernathy@clinic.example");
      // CON-13: no template in the inviter's org, no e-mail invite.
      if (pm_vault_.empty()) {
        PublishTemplate("Connect invite", "{{inviter_name}} would like to connect",
                        "Dear {{recipient_name}},\n\nplease connect with me: {{invite_link}}");
      }
    }
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
  std::string pm_vault_, crm_vault_;  // set once PublishTemplate ran in this test
  std::unique_ptr<prf::ProfileService::Stub> profiles_;
  std::unique_ptr<ConnectionService::Stub> connections_;
};

// The mesh of MailMeshOptions with its SMTP sink, one per suite; `env` adds
// to (or overrides) the binaries' environment ("connection", "profile" ...).
class MailMeshSuite : public ConnectionE2e {
 protected:
  static void StartMailMesh(
      const std::map<std::string, std::map<std::string, std::string>>& env = {}) {
    sink_ = new SmtpSink();
    Mesh::Options options = MailMeshOptions(*sink_);
    for (const auto& [binary, vars] : env) {
      for (const auto& [k, v] : vars) options.env[binary][k] = v;
    }
    mesh_ = new Mesh(options);
  }
  static void SetUpTestSuite() { StartMailMesh(); }
  static void TearDownTestSuite() {
    delete mesh_;
    mesh_ = nullptr;
    delete sink_;
    sink_ = nullptr;
  }

  void SetUp() override {
    ConnectionE2e::SetUp();
    ASSERT_TRUE(sink_->Start());  // a test may have left it stopped
  }

  static inline SmtpSink* sink_ = nullptr;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_E2E_CONNECTION_CONNECTION_E2E_FIXTURE_H_
