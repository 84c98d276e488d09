// SEC-11: a peer presenting bad tokens is refused before its next signature check.
#include "gateway/peer_throttle.h"

#include <gtest/gtest.h>

namespace engage::gateway {
namespace {

TEST(SEC11_PeerAddress, PortIsStripped) {
  EXPECT_EQ(PeerAddress("ipv4:10.0.0.7:51234"), "ipv4:10.0.0.7");
  EXPECT_EQ(PeerAddress("ipv6:[::1]:443"), "ipv6:[::1]");
  EXPECT_EQ(PeerAddress("ipv6:[2001:db8::7]:5"), "ipv6:[2001:db8::7]");
  EXPECT_EQ(PeerAddress("ipv6:%5B::1%5D:443"), "ipv6:%5B::1%5D:443");  // not bracketed: kept
  EXPECT_EQ(PeerAddress("ipv4:10.0.0.7"), "ipv4:10.0.0.7");
  EXPECT_EQ(PeerAddress("unix:/tmp/sock"), "unix:/tmp/sock");
  EXPECT_EQ(PeerAddress(""), "");
}

TEST(SEC11_PeerThrottle, PeerOverItsBudgetIsRefusedOthersAreNot) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  PeerThrottleLimits limits;
  limits.burst = 3;
  limits.refill_per_second = 1;
  PeerThrottle throttle(limits, clock);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(throttle.RetryAfter("ipv4:10.0.0.1"), absl::ZeroDuration());
    throttle.Failed("ipv4:10.0.0.1");
  }
  const absl::Duration wait = throttle.RetryAfter("ipv4:10.0.0.1");
  EXPECT_GT(wait, absl::ZeroDuration());
  EXPECT_LE(wait, absl::Seconds(1));
  EXPECT_EQ(throttle.RetryAfter("ipv4:10.0.0.2"), absl::ZeroDuration());
  // Asking does not spend: the budget comes back with time.
  clock.Advance(absl::Seconds(1));
  EXPECT_EQ(throttle.RetryAfter("ipv4:10.0.0.1"), absl::ZeroDuration());
}

TEST(SEC11_PeerThrottle, BurstZeroTurnsItOff) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  PeerThrottleLimits limits;
  limits.burst = 0;
  PeerThrottle throttle(limits, clock);
  for (int i = 0; i < 100; ++i) throttle.Failed("ipv4:10.0.0.1");
  EXPECT_EQ(throttle.RetryAfter("ipv4:10.0.0.1"), absl::ZeroDuration());
}

// The invite page's in-process calls count against the client they name,
// only with the process's relay key; without it (a call from outside naming
// any client it likes), against the peer.
TEST(SEC11_PeerThrottle, OnlyThePagesRelayKeyNamesAnotherClient) {
  const std::string key(43, 'k');
  EXPECT_EQ(ThrottleKeyOf("inproc", "203.0.113.7", key, key), "page:203.0.113.7");
  EXPECT_EQ(ThrottleKeyOf("ipv4:6.6.6.6", "203.0.113.7", "", key), "ipv4:6.6.6.6");
  EXPECT_EQ(ThrottleKeyOf("ipv4:6.6.6.6", "203.0.113.7", std::string(43, 'x'), key),
            "ipv4:6.6.6.6");
  EXPECT_EQ(ThrottleKeyOf("ipv4:6.6.6.6", "203.0.113.7", "k", key), "ipv4:6.6.6.6");
  // No page (no key): nothing a caller sends names another client.
  EXPECT_EQ(ThrottleKeyOf("ipv4:6.6.6.6", "203.0.113.7", "", ""), "ipv4:6.6.6.6");
  EXPECT_EQ(ThrottleKeyOf("inproc", "", key, key), "inproc");
}

}  // namespace
}  // namespace engage::gateway
