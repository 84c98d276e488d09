#ifndef ENGAGE_TESTS_SUPPORT_REQUEST_KEYS_H_
#define ENGAGE_TESTS_SUPPORT_REQUEST_KEYS_H_

// The idempotency-key check every create with a request_id shares (attack
// review 5, finding 9): a key is bound to its caller and its request.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/strings/match.h"

namespace engage::testing {

using ContextFn = std::function<std::unique_ptr<grpc::ClientContext>()>;

// Sends `first` as `owner` (it creates), the same again as `owner` (the same
// object back: `IdOf` alike), `other` under the same key as `owner`, and
// `first` as `stranger`: both ALREADY_EXISTS naming request_id. `call` is the
// stub method, e.g. bound with a lambda.
template <typename Request, typename Response>
void ExpectKeyBoundToCallerAndRequest(
    const std::function<grpc::Status(grpc::ClientContext*, const Request&, Response*)>& call,
    const Request& first, const Request& other, const ContextFn& owner, const ContextFn& stranger,
    const std::function<std::string(const Response&)>& IdOf) {
  Response created, replayed;
  grpc::Status st = call(owner().get(), first, &created);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_FALSE(IdOf(created).empty());
  st = call(owner().get(), first, &replayed);
  ASSERT_TRUE(st.ok()) << "the replay: " << st.error_message();
  EXPECT_EQ(IdOf(replayed), IdOf(created));
  Response refused;
  const grpc::Status other_request = call(owner().get(), other, &refused);
  const grpc::Status other_caller = call(stranger().get(), first, &refused);
  for (const grpc::Status& status : {other_request, other_caller}) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
    EXPECT_TRUE(absl::StartsWith(status.error_message(), "request_id:")) << status.error_message();
  }
  // Refused keys changed nothing: the owner's replay still gets the first.
  st = call(owner().get(), first, &replayed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(IdOf(replayed), IdOf(created));
}

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_REQUEST_KEYS_H_
