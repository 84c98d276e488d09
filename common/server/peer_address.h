#ifndef ENGAGE_COMMON_SERVER_PEER_ADDRESS_H_
#define ENGAGE_COMMON_SERVER_PEER_ADDRESS_H_

#include <string>
#include <string_view>

namespace engage::server {

// The address of a gRPC peer without its port: "ipv4:10.0.0.7:51234" ->
// "ipv4:10.0.0.7", "ipv6:[::1]:443" -> "ipv6:[::1]". Anything else (unix
// sockets) is returned as it is.
std::string PeerAddress(std::string_view peer);

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_PEER_ADDRESS_H_
