#include "gateway/peer_throttle.h"

namespace engage::gateway {

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
