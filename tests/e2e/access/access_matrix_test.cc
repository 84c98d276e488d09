// SEC-01, SEC-02, SEC-09, SEC-13 end to end through the gateway (and directly
// on the services for what the gateway never lets through): every public
// method x every role x every kind of identity, each expected outcome written
// as data in access_matrix.txt beside this file.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "common/auth/jwt.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "gateway/route_table.h"
#include "tests/support/generic_call.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using auth::Role;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_INTEGRATION;
using engage::common::v1::ROLE_SERVICE;
namespace pv1 = engage::profile::v1;

const Role kRoles[] = {ROLE_ADMIN, ROLE_FIELD_USER, ROLE_HCP, ROLE_INTEGRATION};

// "/pkg.Service/Method" -> allowed per role (in kRoles order).
std::map<std::string, std::vector<bool>> ReadMatrix() {
  std::ifstream in(std::string(ENGAGE_SOURCE_DIR) + "/tests/e2e/access/access_matrix.txt");
  EXPECT_TRUE(in.good()) << "access_matrix.txt not found";
  std::map<std::string, std::vector<bool>> matrix;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string method;
    fields >> method;
    std::vector<bool> allowed;
    for (std::string cell; fields >> cell;) {
      EXPECT_TRUE(cell == "allow" || cell == "deny") << line;
      allowed.push_back(cell == "allow");
    }
    EXPECT_EQ(allowed.size(), std::size(kRoles)) << line;
    EXPECT_EQ(matrix.count("/" + method), 0u) << "two rows for " << method;
    matrix["/" + method] = allowed;
  }
  return matrix;
}

class AccessMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Mesh::Options options;
    // SEC-09's cache off, so a deactivation shows on the next call.
    options.env["*"]["ENGAGE_CALLER_STATE_TTL_MILLIS"] = "0";
    mesh_ = new Mesh(options);
    routes_ = new gateway::RouteTable(
        gateway::RouteTable::FromDescriptors({"profile", "connection", "promomats"}));
  }
  static void TearDownTestSuite() {
    delete mesh_;
    delete routes_;
  }

  static grpc::Status Gateway(const std::string& path, const std::string& token,
                              const std::string& body = "") {
    return CallRaw(mesh_->Channel(), path, token, body);
  }
  static std::string Direct(const std::string& path) {
    if (path.find("engage.profile.") != std::string::npos) return "profile";
    if (path.find("engage.connection.") != std::string::npos) return "connection";
    return "promomats";
  }

  // A company with a field user `subject` (profile id returned).
  static std::string FieldUser(const std::string& tenant, const std::string& subject) {
    auto stub = pv1::ProfileService::NewStub(mesh_->Channel());
    pv1::UpsertCompanyRequest company;
    company.set_name("Acme");
    pv1::UpsertCompanyResponse ignored;
    EXPECT_TRUE(
        stub->UpsertCompany(Mesh::Context(ROLE_ADMIN, tenant, "admin").get(), company, &ignored)
            .ok());
    pv1::CreateFieldUserRequest user;
    user.set_request_id("r-" + subject);
    user.set_subject(subject);
    user.set_first_name("Mark");
    user.set_last_name("Lee");
    user.set_email(subject + "@acme.example");
    user.set_country("US");
    user.set_user_type(pv1::USER_TYPE_FIELD_USER);
    pv1::CreateFieldUserResponse created;
    grpc::Status st =
        stub->CreateFieldUser(Mesh::Context(ROLE_ADMIN, tenant, "admin").get(), user, &created);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return created.profile_id();
  }

  static Mesh* mesh_;
  static gateway::RouteTable* routes_;
};
Mesh* AccessMatrix::mesh_ = nullptr;
gateway::RouteTable* AccessMatrix::routes_ = nullptr;

TEST_F(AccessMatrix, SEC01_EveryPublicMethodHasExactlyOneRowAndEveryRowAMethod) {
  const auto matrix = ReadMatrix();
  for (const auto& [path, route] : routes_->routes()) {
    EXPECT_EQ(matrix.count(path), 1u) << path << " has no row in access_matrix.txt";
  }
  for (const auto& [path, allowed] : matrix) {
    EXPECT_NE(routes_->Find(path), nullptr) << path << " is in the matrix but not a public method";
  }
}

TEST_F(AccessMatrix, SEC01_EveryRoleGetsWhatTheMatrixSays) {
  const std::string tenant = UniqueName("t");
  for (const auto& [path, allowed] : ReadMatrix()) {
    for (size_t i = 0; i < std::size(kRoles); ++i) {
      grpc::Status st = Gateway(path, Token(kRoles[i], tenant, "someone"));
      const std::string cell = path + " as " + auth::RoleName(kRoles[i]);
      if (allowed[i]) {
        EXPECT_NE(st.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << cell << ": " << st.error_message();
        EXPECT_NE(st.error_code(), grpc::StatusCode::UNAUTHENTICATED) << cell;
        EXPECT_NE(st.error_code(), grpc::StatusCode::UNIMPLEMENTED) << cell;
        EXPECT_NE(st.error_code(), grpc::StatusCode::UNKNOWN) << cell << ": " << st.error_message();
      } else {
        EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << cell;
      }
      // The service enforces the same declaration when called directly.
      grpc::Status direct =
          CallRaw(mesh_->Channel(Direct(path)), path, Token(kRoles[i], tenant, "someone"));
      EXPECT_EQ(direct.error_code() == grpc::StatusCode::PERMISSION_DENIED, !allowed[i])
          << cell << " directly: " << direct.error_message();
    }
  }
}

TEST_F(AccessMatrix, SEC01_NoTokenAndExpiredTokensAreUnauthenticatedOnEveryMethod) {
  const std::string tenant = UniqueName("t");
  auto expired = auth::MintHs256(kTestSecret, {"someone", ROLE_ADMIN, tenant},
                                 absl::Now() - absl::Hours(3), absl::Hours(1));
  for (const auto& [path, allowed] : ReadMatrix()) {
    EXPECT_EQ(Gateway(path, "").error_code(), grpc::StatusCode::UNAUTHENTICATED) << path;
    EXPECT_EQ(Gateway(path, *expired).error_code(), grpc::StatusCode::UNAUTHENTICATED) << path;
  }
}

TEST_F(AccessMatrix, SEC02_ServiceTokensAreRefusedOnEveryPublicMethod) {
  const std::string tenant = UniqueName("t");
  for (const std::string& service_tenant : {std::string("*"), tenant}) {
    const std::string token = Token(ROLE_SERVICE, service_tenant, "connection");
    for (const auto& [path, allowed] : ReadMatrix()) {
      EXPECT_EQ(Gateway(path, token).error_code(), grpc::StatusCode::PERMISSION_DENIED) << path;
      // Nor does a service take one on its public methods directly.
      EXPECT_EQ(CallRaw(mesh_->Channel(Direct(path)), path, token).error_code(),
                grpc::StatusCode::PERMISSION_DENIED)
          << path << " directly";
    }
  }
}

TEST_F(AccessMatrix, SEC02_InternalMethodsTakeOnlyServiceTokensOfTheirTenant) {
  const std::string tenant_a = UniqueName("a"), tenant_b = UniqueName("b");
  FieldUser(tenant_b, "bob");
  pv1::ListSignUpsRequest request;
  request.set_tenant_id(tenant_b);
  request.set_page_size(10);
  const std::string path = "/engage.profile.v1.ProfileInternalService/ListSignUps";
  auto profile = mesh_->Channel("profile");
  // Users of any role, even an admin of that tenant: refused.
  for (Role role : kRoles) {
    EXPECT_EQ(CallRaw(profile, path, Token(role, tenant_b, "someone"), request.SerializeAsString())
                  .error_code(),
              grpc::StatusCode::PERMISSION_DENIED)
        << auth::RoleName(role);
  }
  // A service token bound to tenant A cannot read tenant B's sign-ups.
  grpc::Status st = CallRaw(profile, path, Token(ROLE_SERVICE, tenant_a, "connection"),
                            request.SerializeAsString());
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << st.error_message();
  // Bound to B, or to every tenant: served.
  EXPECT_TRUE(CallRaw(profile, path, Token(ROLE_SERVICE, tenant_b, "connection"),
                      request.SerializeAsString())
                  .ok());
  EXPECT_TRUE(
      CallRaw(profile, path, Token(ROLE_SERVICE, "*", "connection"), request.SerializeAsString())
          .ok());
  // Internal methods never through the gateway.
  EXPECT_EQ(Gateway(path, Token(ROLE_SERVICE, "*", "connection"), request.SerializeAsString())
                .error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(AccessMatrix, SEC09_ADeactivatedUserIsRefusedOnEveryMethodOfEveryService) {
  const std::string tenant = UniqueName("t");
  const std::string mark = FieldUser(tenant, "mark");
  const std::string token = Token(ROLE_FIELD_USER, tenant, "mark");
  // Active: the field user's own card reads fine.
  pv1::GetBusinessCardRequest get;
  get.set_profile_id(mark);
  auto stub = pv1::ProfileService::NewStub(mesh_->Channel());
  pv1::GetBusinessCardResponse card;
  ASSERT_TRUE(stub->GetBusinessCard(Mesh::Context(token).get(), get, &card).ok());

  pv1::UpdateProfileRequest deactivate;
  deactivate.set_profile_id(mark);
  deactivate.set_etag(card.card().etag());
  deactivate.mutable_profile()->set_active(false);
  deactivate.mutable_update_mask()->add_paths("active");
  pv1::UpdateProfileResponse updated;
  grpc::Status st =
      stub->UpdateProfile(Mesh::Context(ROLE_ADMIN, tenant, "admin").get(), deactivate, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();

  for (const auto& [path, allowed] : ReadMatrix()) {
    if (!allowed[1]) continue;  // FIELD_USER column: refused by role anyway
    grpc::Status refused = Gateway(path, token);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED) << path;
    EXPECT_NE(refused.error_message().find("SEC-09"), std::string::npos)
        << path << ": " << refused.error_message();
  }
  // Another field user of the same tenant still works.
  FieldUser(tenant, "sarah");
  EXPECT_NE(Gateway("/engage.connection.v1.ConnectionService/ListConnections",
                    Token(ROLE_FIELD_USER, tenant, "sarah"))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(AccessMatrix, SEC09_ARemovedHcpProfileIsRefused) {
  const std::string tenant = UniqueName("t");
  FieldUser(tenant, "sarah");  // the company
  auto stub = pv1::ProfileService::NewStub(mesh_->Channel());
  const std::string token =
      auth::MintHs256(kTestSecret, {"wilson", ROLE_HCP, tenant, "wilson@clinic.example", true},
                      absl::Now(), absl::Hours(1))
          .value();
  pv1::SignUpHcpRequest signup;
  signup.set_email("wilson@clinic.example");
  signup.set_first_name("Will");
  signup.set_last_name("Wilson");
  pv1::SignUpHcpResponse signed_up;
  grpc::Status st = stub->SignUpHcp(Mesh::Context(token).get(), signup, &signed_up);
  ASSERT_TRUE(st.ok()) << st.error_message();
  pv1::DeleteProfileRequest remove;
  remove.set_profile_id(signed_up.profile_id());
  pv1::DeleteProfileResponse removed;
  st = stub->DeleteProfile(Mesh::Context(token).get(), remove, &removed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  for (const auto& [path, allowed] : ReadMatrix()) {
    if (!allowed[2]) continue;  // HCP column
    EXPECT_EQ(Gateway(path, token).error_code(), grpc::StatusCode::PERMISSION_DENIED) << path;
  }
}

TEST_F(AccessMatrix, SEC13_AnotherSpellingOfATenantReachesNothing) {
  const std::string tenant = UniqueName("t");
  const std::string sarah = FieldUser(tenant, "sarah");
  pv1::GetBusinessCardRequest get;
  get.set_profile_id(sarah);
  const std::string path = "/engage.profile.v1.ProfileService/GetBusinessCard";
  ASSERT_TRUE(Gateway(path, Token(ROLE_ADMIN, tenant, "admin"), get.SerializeAsString()).ok());
  for (const std::string& spelling :
       {tenant + " ", " " + tenant, tenant + "\t", "X" + tenant.substr(1)}) {
    grpc::Status st = Gateway(path, Token(ROLE_ADMIN, spelling, "admin"), get.SerializeAsString());
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAUTHENTICATED) << "'" << spelling << "'";
    // Directly on the service too.
    st = CallRaw(mesh_->Channel("profile"), path, Token(ROLE_ADMIN, spelling, "admin"),
                 get.SerializeAsString());
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAUTHENTICATED) << "'" << spelling << "'";
  }
  // An id of another spelling is not an id.
  get.set_profile_id(sarah + " ");
  EXPECT_EQ(Gateway(path, Token(ROLE_ADMIN, tenant, "admin"), get.SerializeAsString()).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace engage::testing
