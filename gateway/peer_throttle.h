#ifndef ENGAGE_GATEWAY_PEER_THROTTLE_H_
#define ENGAGE_GATEWAY_PEER_THROTTLE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "common/limits/rate_limiter.h"
#include "common/server/peer_address.h"
#include "common/time/clock.h"

namespace engage::gateway {

using server::PeerAddress;

// The invite page's calls reach the gateway in-process, all from one peer:
// each names the page's client (ClientAddressOf) in kPageClientHeader and
// proves it is the page's with the process's random relay key in
// kPageRelayKeyHeader, so its bad tokens count against that client alone.
inline constexpr char kPageClientHeader[] = "x-engage-page-client";
inline constexpr char kPageRelayKeyHeader[] = "x-engage-page-key";

// The address a call's failed authentications count against: "page:<client>"
// when `sent_key` is this process's non-empty `relay_key`, else the peer
// `peer_address` (a forged page header from outside changes nothing).
std::string ThrottleKeyOf(const std::string& peer_address, std::string_view page_client,
                          std::string_view sent_key, std::string_view relay_key);

struct PeerThrottleLimits {
  // Failed authentications a peer may have in a burst; 0 turns the throttle off.
  int burst = 200;
  // How fast that budget comes back, per second.
  double refill_per_second = 20;
  // Peers remembered at most (the table's bound).
  size_t max_peers = 10000;
};

// Counts the UNAUTHENTICATED outcomes of each peer address and refuses a peer
// that has spent its budget, before its next token's signature is checked
// (SEC-11): a flood of bad tokens costs the gateway a table look-up per
// call, not a signature verification, and does not slow other callers.
class PeerThrottle {
 public:
  PeerThrottle(PeerThrottleLimits limits, const Clock& clock);

  // Zero when `peer` (an address from PeerAddress) may present a token;
  // otherwise how long until it may again.
  absl::Duration RetryAfter(const std::string& peer);
  // Records that a token from `peer` was refused as UNAUTHENTICATED.
  void Failed(const std::string& peer);

 private:
  std::unique_ptr<RateLimiter> failures_;  // null when off
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_PEER_THROTTLE_H_
