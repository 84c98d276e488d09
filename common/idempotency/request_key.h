#ifndef ENGAGE_COMMON_IDEMPOTENCY_REQUEST_KEY_H_
#define ENGAGE_COMMON_IDEMPOTENCY_REQUEST_KEY_H_

#include <string>

#include "absl/status/status.h"

namespace google::protobuf {
class Message;
}

namespace engage::idempotency {

// A create's idempotency key (its request_id, unique per tenant) is bound to
// who sent the request and what it asked: stored with the key is the
// request's fingerprint, and a later request under the same key is a replay,
// answered with the first result, only when its fingerprint is the same.
struct RequestKey {
  std::string request_id;
  std::string fingerprint;  // Fingerprint() of the request that used the key
};

// Lower-case hex SHA-256 of the caller's subject and the request's
// deterministic serialization (a map's entries in one order), so the same
// request from the same caller always gives the same 64 characters.
std::string Fingerprint(const std::string& subject, const google::protobuf::Message& request);

// The key and fingerprint of `request` as `subject` sent it.
RequestKey KeyOf(const std::string& request_id, const std::string& subject,
                 const google::protobuf::Message& request);

// OK when a request whose fingerprint is `given` replays the one that stored
// `stored` under the key; else ALREADY_EXISTS naming request_id: another
// caller, or another request, used it (also a key stored before fingerprints
// were, `stored` empty: nothing tells it was the same request).
absl::Status CheckReplay(const std::string& stored, const std::string& given);

}  // namespace engage::idempotency

#endif  // ENGAGE_COMMON_IDEMPOTENCY_REQUEST_KEY_H_
