#include "common/server/peer_address.h"

namespace engage::server {

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

}  // namespace engage::server
