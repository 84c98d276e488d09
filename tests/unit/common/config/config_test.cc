#include "common/config/config.h"

#include <gtest/gtest.h>

#include "common/config/standard_options.h"

namespace engage::config {
namespace {

Options ServerOptions() {
  Options o("test", "test binary");
  AddServerOptions(o, 50051);
  AddDatabaseOptions(o);
  return o;
}

TEST(ConfigTest, DefaultsApplyWhenNothingIsSet) {
  Options o = ServerOptions();
  ASSERT_TRUE(o.ParseFrom({}, {}).ok());
  EXPECT_EQ(o.GetInt("grpc-port"), 50051);
  EXPECT_EQ(o.GetString("db-host"), "127.0.0.1");
}

TEST(ConfigTest, EnvironmentOverridesDefaultAndFlagOverridesEnvironment) {
  Options o = ServerOptions();
  ASSERT_TRUE(o.ParseFrom({}, {{"ENGAGE_GRPC_PORT", "6000"}}).ok());
  EXPECT_EQ(o.GetInt("grpc-port"), 6000);
  ASSERT_TRUE(o.ParseFrom({{"grpc-port", "7000"}}, {{"ENGAGE_GRPC_PORT", "6000"}}).ok());
  EXPECT_EQ(o.GetInt("grpc-port"), 7000);
}

TEST(ConfigTest, BadValueIsRefusedNamingTheVariable) {
  Options o = ServerOptions();
  absl::Status st = o.ParseFrom({}, {{"ENGAGE_DB_POOL_SIZE", "lots"}});
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("ENGAGE_DB_POOL_SIZE"), std::string::npos) << st.message();
  st = o.ParseFrom({{"grpc-port", "70000"}}, {});
  EXPECT_NE(st.message().find("--grpc-port"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("between 0 and 65535"), std::string::npos) << st.message();
}

TEST(ConfigTest, BadChoiceListsTheChoices) {
  Options o = ServerOptions();
  absl::Status st = o.ParseFrom({}, {{"ENGAGE_LOG_LEVEL", "loud"}});
  EXPECT_NE(st.message().find("debug|info|warn|error"), std::string::npos) << st.message();
}

TEST(ConfigTest, SecretValuesAreNeverEchoed) {
  Options o("test", "t");
  AddAuthOptions(o);
  o.AddInt("n", 1, 0, 2, "n");
  ASSERT_TRUE(o.ParseFrom({}, {{"ENGAGE_JWT_HS256_SECRET", "s3cr3t-value"}}).ok());
  EXPECT_EQ(o.Help().find("s3cr3t-value"), std::string::npos);
}

TEST(ConfigTest, UnknownFlagIsRefused) {
  Options o = ServerOptions();
  absl::Status st = o.ParseFrom({{"grpc-prot", "1"}}, {});
  EXPECT_NE(st.message().find("unknown flag --grpc-prot"), std::string::npos);
}

TEST(ConfigTest, VerifierNeedsExactlyOneKey) {
  Options o("test", "t");
  AddAuthOptions(o);
  ASSERT_TRUE(o.ParseFrom({}, {}).ok());
  EXPECT_FALSE(VerifierFrom(o, SystemClock::Get()).ok());
  ASSERT_TRUE(o.ParseFrom({}, {{"ENGAGE_JWT_HS256_SECRET", "short"}}).ok());
  EXPECT_NE(VerifierFrom(o, SystemClock::Get()).status().message().find("at least 32"),
            std::string::npos);
  ASSERT_TRUE(o.ParseFrom({}, {{"ENGAGE_JWT_RS256_PUBLIC_KEY_FILE", "/nonexistent.pem"}}).ok());
  EXPECT_NE(VerifierFrom(o, SystemClock::Get())
                .status()
                .message()
                .find("ENGAGE_JWT_RS256_PUBLIC_KEY_FILE"),
            std::string::npos);
}

TEST(ConfigTest, RetryPolicyIsReadFromTheOutboxsOwnOptions) {
  Options o("test", "test binary");
  o.AddInt("mail-retry-first-ms", 5000, 1, 86400000, "first wait");
  o.AddInt("mail-retry-max-ms", 600000, 1, 86400000, "longest wait");
  o.AddInt("mail-max-attempts", 10, 0, 1000, "attempts");
  ASSERT_TRUE(
      o.ParseFrom({{"mail-retry-first-ms", "250"}}, {{"ENGAGE_MAIL_MAX_ATTEMPTS", "3"}}).ok());
  const outbox::RetryPolicy policy = RetryPolicyFrom(o, "mail");
  EXPECT_EQ(policy.first, absl::Milliseconds(250));
  EXPECT_EQ(policy.max, absl::Minutes(10));
  EXPECT_EQ(policy.max_attempts, 3);
  EXPECT_EQ(policy.jitter, outbox::RetryPolicy().jitter);
}

}  // namespace
}  // namespace engage::config
