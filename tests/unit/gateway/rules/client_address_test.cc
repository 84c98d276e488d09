// SEC-11, CON-12: the invite page's limits key on the client's address, taken
// from X-Forwarded-For only as far as our own proxies wrote it.
#include "gateway/rules/client_address.h"

#include <gtest/gtest.h>

#include <string>

namespace engage::gateway {
namespace {

TEST(SEC11_ClientAddress, WithoutTrustedProxiesThePeerWhateverTheHeaderSays) {
  EXPECT_EQ(ClientAddressOf("10.1.0.5", "", 0), "10.1.0.5");
  EXPECT_EQ(ClientAddressOf("10.1.0.5", "203.0.113.7", 0), "10.1.0.5");
  EXPECT_EQ(ClientAddressOf("10.1.0.5", "1.1.1.1, 2.2.2.2", 0), "10.1.0.5");
}

TEST(SEC11_ClientAddress, BehindOneProxyTheAddressItAppended) {
  EXPECT_EQ(ClientAddressOf("10.1.0.5", "203.0.113.7", 1), "203.0.113.7");
  // The client's own entries come first and are ignored.
  EXPECT_EQ(ClientAddressOf("10.1.0.5", "6.6.6.6, 203.0.113.7", 1), "203.0.113.7");
  EXPECT_EQ(ClientAddressOf("10.1.0.5", "6.6.6.6,203.0.113.7 ", 1), "203.0.113.7");
}

TEST(SEC11_ClientAddress, BehindTwoProxiesTheSecondFromTheRight) {
  EXPECT_EQ(ClientAddressOf("10.1.0.5", "6.6.6.6, 198.51.100.2, 10.2.0.9", 2), "198.51.100.2");
}

TEST(SEC11_ClientAddress, AShorterHeaderOrAnEmptyEntryFallsBackToThePeer) {
  EXPECT_EQ(ClientAddressOf("10.1.0.5", "", 1), "10.1.0.5");
  EXPECT_EQ(ClientAddressOf("10.1.0.5", "198.51.100.2", 2), "10.1.0.5");
  EXPECT_EQ(ClientAddressOf("10.1.0.5", "1.1.1.1, ", 1), "10.1.0.5");
}

TEST(SEC11_ClientAddress, AnEntryIsCutTo64Characters) {
  EXPECT_EQ(ClientAddressOf("p", std::string(500, 'a'), 1), std::string(64, 'a'));
}

}  // namespace
}  // namespace engage::gateway
