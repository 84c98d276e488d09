// SEC-02: service tokens are short-lived; in production a service re-reads the
// token the identity provider renews into its file.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <utime.h>

#include <cstdio>
#include <fstream>

#include "common/client/service_client.h"

namespace engage::client {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1800000000);

void WriteToken(const std::string& path, const std::string& token, long mtime) {
  std::ofstream(path) << token << "\n";
  struct utimbuf times {
    mtime, mtime
  };
  ASSERT_EQ(utime(path.c_str(), &times), 0);
}

TEST(SEC02_ServiceTokenFile, ARenewedTokenIsUsedWithinTheCheckInterval) {
  const std::string path = ::testing::TempDir() + "/service-token";
  WriteToken(path, "token-one", 1000);
  FakeClock clock(kNow);
  ServiceTokenSource source("", "", "connection", clock);
  ASSERT_TRUE(source.UseTokenFile(path).ok());
  EXPECT_EQ(source.Token(), "token-one");

  WriteToken(path, "token-two", 2000);
  EXPECT_EQ(source.Token(), "token-one");  // not looked at again yet
  clock.Advance(absl::Seconds(11));
  EXPECT_EQ(source.Token(), "token-two");

  // A file that vanishes keeps the last good token.
  std::remove(path.c_str());
  clock.Advance(absl::Seconds(11));
  EXPECT_EQ(source.Token(), "token-two");
}

TEST(SEC02_ServiceTokenFile, AMissingOrEmptyFileIsRefusedAtStart) {
  FakeClock clock(kNow);
  ServiceTokenSource source("", "", "connection", clock);
  EXPECT_EQ(source.UseTokenFile("/nonexistent/token").code(), absl::StatusCode::kInvalidArgument);
  const std::string path = ::testing::TempDir() + "/empty-token";
  WriteToken(path, "  ", 1000);
  EXPECT_EQ(source.UseTokenFile(path).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace engage::client
