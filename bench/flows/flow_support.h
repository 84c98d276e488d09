#ifndef ENGAGE_BENCH_FLOWS_FLOW_SUPPORT_H_
#define ENGAGE_BENCH_FLOWS_FLOW_SUPPORT_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/auth/jwt.h"

namespace engage::bench {

// Mints tokens of one tenant for the flows (the bench's own HS256 secret).
class Tokens {
 public:
  Tokens(std::string secret, std::string tenant)
      : secret_(std::move(secret)), tenant_(std::move(tenant)) {}
  std::unique_ptr<grpc::ClientContext> Context(common::v1::Role role,
                                               absl::Duration deadline = absl::Seconds(30)) const {
    auth::Identity who{"bench." + auth::RoleName(role), role, tenant_};
    auto token = auth::MintHs256(secret_, who, absl::Now(), absl::Hours(6));
    auto c = std::make_unique<grpc::ClientContext>();
    c->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    if (token.ok()) c->AddMetadata("authorization", "Bearer " + *token);
    return c;
  }
  const std::string& tenant() const { return tenant_; }

 private:
  std::string secret_;
  std::string tenant_;
};

// A failed gRPC call as a status that names the call.
inline absl::Status CallFailed(const char* what, const grpc::Status& st) {
  return absl::UnavailableError(
      absl::StrCat(what, ": code ", static_cast<int>(st.error_code()), " ", st.error_message()));
}

// One result row (a JSON object of numbers and strings) for render_results.py.
class Row {
 public:
  explicit Row(std::string label) { Set("label", std::move(label)); }
  Row& Set(const std::string& key, const std::string& value) {
    fields_[key] = "\"" + value + "\"";  // labels and enum names only: nothing to escape
    return *this;
  }
  Row& Set(const std::string& key, double value) {
    fields_[key] = absl::StrCat(value);
    return *this;
  }
  Row& Raw(const std::string& key, const std::string& json) {
    fields_[key] = json;
    return *this;
  }
  std::string Json() const {
    std::string out = "{";
    for (const auto& [k, v] : fields_)
      absl::StrAppend(&out, out.size() > 1 ? ", " : "", "\"", k, "\": ", v);
    return out + "}";
  }

 private:
  std::map<std::string, std::string> fields_;
};

}  // namespace engage::bench

#endif  // ENGAGE_BENCH_FLOWS_FLOW_SUPPORT_H_
