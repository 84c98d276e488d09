#include "gateway/peer_throttle.h"

namespace engage::gateway {

std::string PeerAddress(std::string_view peer) {
  const bool v4 = peer.substr(0, 5) == "ipv4:";
  const bool v6 = peer.substr(0, 5) == "ipv6:";
  if (!v4 && !v6) return std::string(peer);
  const size_t colon = peer.rfind(':');
  // "ipv6:[::1]:443": the port follows the bracket; "ipv6:[::1]" has none.
  if (v6 && (colon == std::string_view::npos || colon == 0 || peer[colon - 1] != ']')) {
    return std::string(peer);
  }
  if (colon <= 4) return std::string(peer);  // "ipv4:" with no port
  return std::string(peer.substr(0, colon));
}

std::string ThrottleKeyOf(const std::string& peer_address, std::string_view page_client,
                          std::string_view sent_key, std::string_view relay_key) {
  if (relay_key.empty() || page_client.empty() || sent_key.size() != relay_key.size()) {
    return peer_address;
  }
  // Constant time: a guesser learns nothing from how long a wrong key took.
  unsigned char diff = 0;
  for (size_t i = 0; i < relay_key.size(); ++i) diff |= sent_key[i] ^ relay_key[i];
  if (diff != 0) return peer_address;
  return "page:" + std::string(page_client.substr(0, 64));
}

PeerThrottle::PeerThrottle(PeerThrottleLimits limits, const Clock& clock) {
  if (limits.burst > 0) {
    failures_ = std::make_unique<RateLimiter>(limits.refill_per_second, limits.burst, clock,
                                              limits.max_peers);
  }
}

absl::Duration PeerThrottle::RetryAfter(const std::string& peer) {
  return failures_ ? failures_->Wait(peer) : absl::ZeroDuration();
}

void PeerThrottle::Failed(const std::string& peer) {
  if (failures_) (void)failures_->Acquire(peer);
}

}  // namespace engage::gateway
