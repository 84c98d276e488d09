// The gateway's edge behaviour: per-request balancing over replicas, TLS on
// its port, RS256 tokens, deadline caps, message size and concurrency limits.
#include <gtest/gtest.h>
#include <jwt.h>

#include <cstdlib>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "engage/connection/v1/connection.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/support/generic_call.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using namespace engage::profile::v1;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs a shell command (openssl) and fails the test when it fails.
void Shell(const std::string& command) { ASSERT_EQ(std::system(command.c_str()), 0) << command; }

int CountCalls(const std::string& log, const std::string& method) {
  int n = 0;
  for (size_t at = log.find(method); at != std::string::npos; at = log.find(method, at + 1)) ++n;
  return n;
}

TEST(GatewayEdgeTest, CallsSpreadOverTwoReplicasPerRequest) {
  Mesh mesh;
  // A second profile replica on another port, and a gateway that knows both
  // addresses behind one target: round robin must use both.
  auto env = mesh.Env("profile");
  const int port = FreePort();
  env["ENGAGE_GRPC_PORT"] = std::to_string(port);
  Process replica("engage-profile", env);
  ASSERT_TRUE(WaitServing(absl::StrCat("127.0.0.1:", port), "", absl::Seconds(20)))
      << replica.Output();
  auto gateway_env = mesh.Env("gateway");
  const int gateway_port = FreePort();
  gateway_env["ENGAGE_GRPC_PORT"] = std::to_string(gateway_port);
  gateway_env["ENGAGE_PROFILE_TARGET"] =
      absl::StrCat("ipv4:", mesh.Address("profile"), ",127.0.0.1:", port);
  Process gateway("engage-gateway", gateway_env);
  const std::string address = absl::StrCat("127.0.0.1:", gateway_port);
  ASSERT_TRUE(WaitServing(address, "", absl::Seconds(20))) << gateway.Output();

  auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  const std::string token = Token(ROLE_ADMIN, UniqueName("t"), "admin");
  for (int i = 0; i < 20; ++i) {
    EXPECT_TRUE(CallRaw(channel, "/engage.profile.v1.ProfileService/UpsertCompany", token,
                        [] {
                          UpsertCompanyRequest r;
                          r.set_name("Spread");
                          return r.SerializeAsString();
                        }())
                    .ok());
  }
  const std::string method = "/engage.profile.v1.ProfileService/UpsertCompany";
  int first = CountCalls(mesh.process("profile").Output(), method);
  int second = CountCalls(replica.Output(), method);
  EXPECT_EQ(first + second, 20);
  EXPECT_GE(first, 5);
  EXPECT_GE(second, 5);
}

TEST(GatewayEdgeTest, TlsOnTheGatewayPortAndRs256Tokens) {
  const std::string dir = absl::StrCat(TestDir(), "/test-logs/", UniqueName("tls"));
  Shell("mkdir -p " + dir);
  Shell(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext "
      "subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
      dir + "/tls.key -out " + dir + "/tls.crt 2>/dev/null");
  Shell("openssl genrsa -out " + dir + "/jwt.key 2048 2>/dev/null && openssl rsa -in " + dir +
        "/jwt.key -pubout -out " + dir + "/jwt.pub 2>/dev/null");
  Mesh::Options options;
  options.env["gateway"] = {{"ENGAGE_TLS_CERT_FILE", dir + "/tls.crt"},
                            {"ENGAGE_TLS_KEY_FILE", dir + "/tls.key"},
                            {"ENGAGE_JWT_HS256_SECRET", ""},
                            {"ENGAGE_JWT_RS256_PUBLIC_KEY_FILE", dir + "/jwt.pub"}};
  // The services keep HS256 here; they must accept the same token, so they get the RS256 key too.
  for (const char* svc : {"profile", "connection", "promomats"}) {
    options.env[svc] = {{"ENGAGE_JWT_RS256_PUBLIC_KEY_FILE", dir + "/jwt.pub"},
                        {"ENGAGE_JWT_HS256_SECRET", ""},
                        {"ENGAGE_SERVICE_TOKEN", "unused-in-this-test"}};
  }
  // Mesh waits for the gateway in plaintext: start it apart.
  auto gateway_tls = options.env["gateway"];
  options.env.erase("gateway");
  Mesh mesh(options);
  auto env = mesh.Env("gateway");
  for (const auto& [k, v] : gateway_tls) env[k] = v;
  const int port = FreePort();
  const int health_port = FreePort();
  env["ENGAGE_GRPC_PORT"] = std::to_string(port);
  env["ENGAGE_HEALTH_PORT"] = std::to_string(health_port);
  Process gateway("engage-gateway", env);
  // Probes that cannot speak TLS (the kubelet's) use the plaintext health port.
  EXPECT_TRUE(WaitServing(absl::StrCat("127.0.0.1:", health_port), "", absl::Seconds(20)))
      << gateway.Output();

  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadAll(dir + "/tls.crt");
  std::shared_ptr<grpc::Channel> channel;
  bool serving = false;
  grpc::Status last;
  for (int i = 0; i < 100 && !serving; ++i) {
    // A fresh channel per attempt, so a refusal before the server listens
    // does not leave it in reconnect backoff.
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    channel = grpc::CreateCustomChannel(absl::StrCat("localhost:", port), grpc::SslCredentials(ssl),
                                        args);
    auto health = grpc::health::v1::Health::NewStub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    last = health->Check(&context, request, &response);
    serving = last.ok();
    if (!serving) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(serving) << last.error_message() << "\n" << gateway.Output();

  // An RS256 token signed with the private key is accepted end to end.
  jwt_t* jwt = nullptr;
  ASSERT_EQ(jwt_new(&jwt), 0);
  const std::string key = ReadAll(dir + "/jwt.key");
  const long now = static_cast<long>(absl::ToUnixSeconds(absl::Now()));
  jwt_add_grant(jwt, "sub", "admin");
  jwt_add_grant(jwt, "role", "ADMIN");
  jwt_add_grant(jwt, "tenant", "rs-tenant");
  jwt_add_grant_int(jwt, "exp", now + 600);
  jwt_set_alg(jwt, JWT_ALG_RS256, reinterpret_cast<const unsigned char*>(key.data()),
              static_cast<int>(key.size()));
  char* encoded = jwt_encode_str(jwt);
  std::string rs_token(encoded);
  free(encoded);
  jwt_free(jwt);
  UpsertCompanyRequest request;
  request.set_name("Over TLS");
  EXPECT_TRUE(CallRaw(channel, "/engage.profile.v1.ProfileService/UpsertCompany", rs_token,
                      request.SerializeAsString())
                  .ok());
  // An HS256 token is refused by an RS256 verifier, even a well-formed one.
  EXPECT_EQ(CallRaw(channel, "/engage.profile.v1.ProfileService/UpsertCompany",
                    Token(ROLE_ADMIN, "rs-tenant", "admin"), request.SerializeAsString())
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // Plaintext to a TLS port fails.
  auto plain = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
  grpc::health::v1::HealthCheckRequest hr;
  grpc::health::v1::HealthCheckResponse hresp;
  EXPECT_FALSE(plain->Check(&context, hr, &hresp).ok());
}

// With ENGAGE_JWT_ISSUER/AUDIENCE set, a token from another issuer or for
// another audience is refused at the gateway, and the services' own tokens to
// each other carry the scope (for a field user, connection_svc asks
// profile_svc who owns the profile: NOT_FOUND comes from profile_svc).
TEST(GatewayEdgeTest, TokensMustComeFromTheIssuerForTheAudience) {
  const auth::TokenScope scope{"https://login.example.com/", "engage-mesh"};
  Mesh::Options options;
  options.env["*"] = {{"ENGAGE_JWT_ISSUER", scope.issuer}, {"ENGAGE_JWT_AUDIENCE", scope.audience}};
  Mesh mesh(options);
  const std::string tenant = UniqueName("t");
  engage::connection::v1::ListConnectionsRequest request;
  request.set_profile_id("01JZZZZZZZZZZZZZZZZZZZZZZZ");
  const std::string path = "/engage.connection.v1.ConnectionService/ListConnections";
  grpc::Status scoped = CallRaw(mesh.Channel(), path, Token(ROLE_FIELD_USER, tenant, "rep", scope),
                                request.SerializeAsString());
  EXPECT_EQ(scoped.error_code(), grpc::StatusCode::NOT_FOUND) << scoped.error_message();
  for (const auth::TokenScope& wrong :
       {auth::TokenScope{}, auth::TokenScope{"https://other.example.com/", scope.audience},
        auth::TokenScope{scope.issuer, "crm"}}) {
    grpc::Status st = CallRaw(mesh.Channel(), path, Token(ROLE_FIELD_USER, tenant, "rep", wrong),
                              request.SerializeAsString());
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << wrong.issuer << " " << wrong.audience << ": " << st.error_message();
  }
}

// Holds the company row of `tenant` locked so an update of it stays in flight.
class RowLock {
 public:
  RowLock(TestDatabase& db, const std::string& tenant) {
    holder_ = std::thread([&db, tenant, this] {
      (void)db.pool().Transaction([&](mysql::Session& s) {
        auto r = s.Query("SELECT name FROM companies WHERE tenant_id = ? FOR UPDATE", {tenant});
        // A lock that was not taken would make the test below pass for the
        // wrong reason or fail for an unclear one: say so.
        EXPECT_TRUE(r.ok() && r->size() == 1u)
            << "row lock not taken: " << (r.ok() ? "no company row" : r.status().ToString());
        locked_.set_value();
        release_.get_future().wait();
        return r.status();
      });
    });
    locked_.get_future().wait();
  }
  ~RowLock() {
    release_.set_value();
    holder_.join();
  }

 private:
  std::promise<void> locked_;
  std::promise<void> release_;
  std::thread holder_;
};

// Creates the tenant's company (the row RowLock holds) and returns the request.
UpsertCompanyRequest CompanyOf(Mesh& mesh, const std::string& token) {
  UpsertCompanyRequest request;
  request.set_name("Acme");
  EXPECT_TRUE(CallRaw(mesh.Channel(), "/engage.profile.v1.ProfileService/UpsertCompany", token,
                      request.SerializeAsString())
                  .ok());
  return request;
}

TEST(GatewayEdgeTest, DeadlineIsCappedConcurrencyAndMessageSizeAreBounded) {
  Mesh::Options options;
  options.env["gateway"] = {{"ENGAGE_MAX_DEADLINE_MILLIS", "700"},
                            {"ENGAGE_MAX_CONCURRENT_CALLS", "1"},
                            {"ENGAGE_MAX_MESSAGE_BYTES", "2048"}};
  Mesh mesh(options);
  const std::string tenant = UniqueName("t");
  const std::string token = Token(ROLE_ADMIN, tenant, "admin");
  const UpsertCompanyRequest request = CompanyOf(mesh, token);
  {
    RowLock lock(mesh.db(), tenant);
    // The caller asks for 10 s; the gateway passes on at most 700 ms.
    absl::Time start = absl::Now();
    auto slow = std::async(std::launch::async, [&] {
      return CallRaw(mesh.Channel(), "/engage.profile.v1.ProfileService/UpsertCompany", token,
                     request.SerializeAsString());
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    // While that call is in flight, the limit of one concurrent call refuses another caller.
    grpc::Status second =
        CallRaw(mesh.Channel(), "/engage.promomats.v1.PromoMatsService/ListVaults",
                Token(ROLE_ADMIN, tenant, "other"));
    EXPECT_EQ(second.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << second.error_message();
    grpc::Status st = slow.get();
    EXPECT_EQ(st.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << st.error_message();
    EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  }
  UpsertCompanyRequest big;
  big.set_name(std::string(4096, 'x'));
  EXPECT_EQ(CallRaw(mesh.Channel(), "/engage.profile.v1.ProfileService/UpsertCompany", token,
                    big.SerializeAsString())
                .error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

// A connection that opens more streams than max-streams-per-connection waits
// in the client instead of piling calls into the server's memory (what kept
// the gateway's memory flat under overload in bench row 7); other
// connections are served meanwhile.
TEST(GatewayEdgeTest, StreamsPerConnectionAreBounded) {
  Mesh::Options options;
  options.env["gateway"] = {{"ENGAGE_MAX_STREAMS_PER_CONNECTION", "1"}};
  Mesh mesh(options);
  const std::string tenant = UniqueName("t");
  const std::string token = Token(ROLE_ADMIN, tenant, "admin");
  const UpsertCompanyRequest request = CompanyOf(mesh, token);
  // Each its own connection: channels share subchannels unless told not to.
  auto own_connection = [&] {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return grpc::CreateCustomChannel(mesh.Address("gateway"), grpc::InsecureChannelCredentials(),
                                     args);
  };
  auto busy = own_connection();
  auto other = own_connection();
  auto health = [](const std::shared_ptr<grpc::Channel>& channel) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
    grpc::health::v1::HealthCheckResponse response;
    return grpc::health::v1::Health::NewStub(channel)->Check(
        &context, grpc::health::v1::HealthCheckRequest(), &response);
  };
  ASSERT_TRUE(health(busy).ok());
  std::future<grpc::Status> slow;
  {
    RowLock lock(mesh.db(), tenant);
    slow = std::async(std::launch::async, [&] {
      return CallRaw(busy, "/engage.profile.v1.ProfileService/UpsertCompany", token,
                     request.SerializeAsString());
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(health(busy).error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
    EXPECT_TRUE(health(other).ok());
  }
  EXPECT_TRUE(slow.get().ok());
  EXPECT_TRUE(health(busy).ok());
}

}  // namespace
}  // namespace engage::testing
