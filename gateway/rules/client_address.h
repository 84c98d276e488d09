#ifndef ENGAGE_GATEWAY_RULES_CLIENT_ADDRESS_H_
#define ENGAGE_GATEWAY_RULES_CLIENT_ADDRESS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace engage::gateway {

// SEC-11, CON-12 (attack review 5, finding 5): the address of the client a
// request to the invite page came from, the key of its limits. Behind
// `trusted_hops` proxies we run (the chart's Ingress: 1), each appending the
// address it was called from to X-Forwarded-For, that is the entry
// `trusted_hops` from the right of `forwarded_for` (every X-Forwarded-For
// header, joined by commas in order); entries further left were written by
// the client and prove nothing. With 0 hops, or a header shorter than that
// (a request that did not pass our proxies), it is `peer`, and a forged
// header changes nothing. An entry is trimmed of blanks and cut to 64
// characters (it keys a bounded table and reaches log lines).
std::string ClientAddressOf(absl::string_view peer, absl::string_view forwarded_for,
                            int trusted_hops);

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_RULES_CLIENT_ADDRESS_H_
