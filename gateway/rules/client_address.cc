#include "gateway/rules/client_address.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"

namespace engage::gateway {

namespace {
constexpr size_t kMaxAddress = 64;
}  // namespace

std::string ClientAddressOf(absl::string_view peer, absl::string_view forwarded_for,
                            int trusted_hops) {
  if (trusted_hops <= 0) return std::string(peer.substr(0, kMaxAddress));
  std::vector<absl::string_view> hops = absl::StrSplit(forwarded_for, ',');
  if (forwarded_for.empty() || hops.size() < static_cast<size_t>(trusted_hops)) {
    return std::string(peer.substr(0, kMaxAddress));
  }
  absl::string_view client = absl::StripAsciiWhitespace(hops[hops.size() - trusted_hops]);
  if (client.empty()) return std::string(peer.substr(0, kMaxAddress));
  return std::string(client.substr(0, kMaxAddress));
}

}  // namespace engage::gateway
