// The gateway as the one public entry: reflection and health for every public
// service, authentication, the roles declared in the protos, tenancy, limits.
#include <gtest/gtest.h>

#include "common/auth/jwt.h"
#include "common/status/errors.h"
#include "engage/common/v1/common.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "gateway/route_table.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "tests/support/generic_call.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using engage::common::v1::Role;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;

class GatewayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Mesh::Options options;
    // The role sweep makes many calls as one caller and presents three bad
    // tokens on every method; the limits are tested apart (SEC-11 in
    // e2e/gateway/fair_sharing_test.cc).
    options.env["gateway"] = {{"ENGAGE_RATE_LIMIT_PER_SECOND", "100000"},
                              {"ENGAGE_RATE_LIMIT_BURST", "100000"},
                              {"ENGAGE_TENANT_RATE_LIMIT_PER_SECOND", "100000"},
                              {"ENGAGE_TENANT_RATE_LIMIT_BURST", "100000"},
                              {"ENGAGE_AUTH_FAILURES_PER_PEER_BURST", "0"}};
    mesh_ = new Mesh(options);
  }
  static void TearDownTestSuite() {
    delete mesh_;
    mesh_ = nullptr;
  }
  static Mesh* mesh_;
};
Mesh* GatewayTest::mesh_ = nullptr;

std::vector<std::string> AllBackends() { return {"profile", "connection", "promomats"}; }

TEST_F(GatewayTest, ReflectionListsEveryPublicServiceAndNoInternalOne) {
  auto stub = grpc::reflection::v1::ServerReflection::NewStub(mesh_->Channel());
  grpc::ClientContext context;
  auto stream = stub->ServerReflectionInfo(&context);
  grpc::reflection::v1::ServerReflectionRequest request;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  grpc::reflection::v1::ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  stream->WritesDone();
  std::set<std::string> names;
  for (const auto& s : response.list_services_response().service()) names.insert(s.name());
  for (const auto& name : gateway::RouteTable::FromDescriptors(AllBackends()).PublicServices()) {
    EXPECT_EQ(names.count(name), 1u) << name;
  }
  EXPECT_EQ(names.count("engage.profile.v1.ProfileInternalService"), 0u);
  EXPECT_EQ(names.count("grpc.health.v1.Health"), 1u);
}

TEST_F(GatewayTest, HealthOfEveryPublicServiceIsServingThroughTheGateway) {
  auto stub = grpc::health::v1::Health::NewStub(mesh_->Channel());
  for (const auto& name : gateway::RouteTable::FromDescriptors(AllBackends()).PublicServices()) {
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(name);
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_TRUE(stub->Check(&context, request, &response).ok()) << name;
    EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING) << name;
  }
}

// Every public method, every role: the gateway lets exactly the roles the
// proto declares through (and the service agrees: it never answers
// PERMISSION_DENIED to a declared role for an empty request).
TEST_F(GatewayTest, EveryMethodAgainstEveryRoleMatchesTheProtoDeclaration) {
  const auto table = gateway::RouteTable::FromDescriptors(AllBackends());
  ASSERT_FALSE(table.routes().empty());
  const std::string tenant = UniqueName("tenant");
  for (const auto& [path, route] : table.routes()) {
    for (int r = engage::common::v1::Role_MIN + 1; r <= engage::common::v1::Role_MAX; ++r) {
      const Role role = static_cast<Role>(r);
      grpc::Status st = CallRaw(mesh_->Channel(), path, Token(role, tenant, "someone"));
      const bool allowed = route.allowed_roles.count(role) > 0;
      if (allowed) {
        EXPECT_NE(st.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << path << " " << auth::RoleName(role);
        EXPECT_NE(st.error_code(), grpc::StatusCode::UNAUTHENTICATED) << path;
        EXPECT_NE(st.error_code(), grpc::StatusCode::UNIMPLEMENTED) << path;
        EXPECT_NE(st.error_code(), grpc::StatusCode::UNKNOWN) << path << " " << st.error_message();
      } else {
        EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << path << " " << auth::RoleName(role);
      }
    }
    // No token, an expired token, a token signed with another key.
    EXPECT_EQ(CallRaw(mesh_->Channel(), path, "").error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << path;
    auto expired = auth::MintHs256(kTestSecret, {"someone", ROLE_ADMIN, tenant},
                                   absl::Now() - absl::Hours(3), absl::Hours(1));
    EXPECT_EQ(CallRaw(mesh_->Channel(), path, *expired).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    auto forged = auth::MintHs256("a-different-secret-0123456789abcdef012345",
                                  {"someone", ROLE_ADMIN, tenant}, absl::Now(), absl::Hours(1));
    EXPECT_EQ(CallRaw(mesh_->Channel(), path, *forged).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
}

TEST_F(GatewayTest, InternalMethodIsUnimplementedThroughTheGateway) {
  grpc::Status st =
      CallRaw(mesh_->Channel(), "/engage.profile.v1.ProfileInternalService/GetProfileOwner",
              Token(engage::common::v1::ROLE_SERVICE, "*", "connection"));
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(GatewayTest, AnotherTenantsProfileIsNotFound) {
  using namespace engage::profile::v1;
  auto stub = ProfileService::NewStub(mesh_->Channel());
  const std::string tenant_a = UniqueName("a"), tenant_b = UniqueName("b");
  UpsertCompanyRequest company;
  company.set_name("A");
  UpsertCompanyResponse company_resp;
  ASSERT_TRUE(stub->UpsertCompany(Mesh::Context(ROLE_ADMIN, tenant_a, "admin").get(), company,
                                  &company_resp)
                  .ok());
  CreateFieldUserRequest user;
  user.set_request_id("r1");
  user.set_subject("sarah");
  user.set_first_name("Sarah");
  user.set_last_name("Jones");
  user.set_email("sarah@a.example");
  user.set_country("US");
  user.set_user_type(USER_TYPE_FIELD_USER);
  CreateFieldUserResponse created;
  ASSERT_TRUE(
      stub->CreateFieldUser(Mesh::Context(ROLE_ADMIN, tenant_a, "admin").get(), user, &created)
          .ok());

  GetBusinessCardRequest get;
  get.set_profile_id(created.profile_id());
  GetBusinessCardResponse card;
  ASSERT_TRUE(
      stub->GetBusinessCard(Mesh::Context(ROLE_FIELD_USER, tenant_a, "sarah").get(), get, &card)
          .ok());
  EXPECT_EQ(card.card().display_name(), "Sarah Jones");
  grpc::Status other =
      stub->GetBusinessCard(Mesh::Context(ROLE_ADMIN, tenant_b, "admin").get(), get, &card);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST(GatewayLimitTest, CallerOverItsRateIsRefusedOthersAreNot) {
  Mesh::Options options;
  options.env["gateway"] = {{"ENGAGE_RATE_LIMIT_PER_SECOND", "1"},
                            {"ENGAGE_RATE_LIMIT_BURST", "3"}};
  Mesh mesh(options);
  const std::string path = "/engage.promomats.v1.PromoMatsService/ListVaults";
  const std::string greedy = Token(ROLE_ADMIN, "t1", "greedy");
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(CallRaw(mesh.Channel(), path, greedy).ok());
  grpc::Status refused = CallRaw(mesh.Channel(), path, greedy);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  engage::common::v1::RpcStatus details;
  ASSERT_TRUE(details.ParseFromString(refused.error_details()));
  engage::common::v1::RetryInfo retry;
  ASSERT_EQ(details.details_size(), 1);
  ASSERT_EQ(details.details(0).type_url(), kRetryInfoTypeUrl);  // google.rpc's name
  ASSERT_TRUE(retry.ParseFromString(details.details(0).value()));
  EXPECT_GT(retry.retry_delay().nanos() + retry.retry_delay().seconds(), 0);
  EXPECT_TRUE(CallRaw(mesh.Channel(), path, Token(ROLE_ADMIN, "t1", "modest")).ok());
}

}  // namespace
}  // namespace engage::testing
