#include "common/server/metrics_endpoint.h"

#include <prometheus/exposer.h>

#include <exception>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/server/metrics.h"

namespace engage::server {

MetricsEndpoint::MetricsEndpoint() = default;

MetricsEndpoint::~MetricsEndpoint() { Stop(); }

absl::Status MetricsEndpoint::Start(const std::string& host, int port) {
  // civetweb writes an IPv6 address in brackets.
  const std::string address = absl::StrContains(host, ':') ? absl::StrCat("[", host, "]:", port)
                                                           : absl::StrCat(host, ":", port);
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(address, 2);
  } catch (const std::exception& e) {  // civetweb's CivetException: the port is taken
    return absl::UnavailableError(
        absl::StrCat("cannot listen for metrics on ", address, ": ", e.what()));
  }
  exposer_->RegisterCollectable(Metrics::Get().Collectable());
  const std::vector<int> ports = exposer_->GetListeningPorts();
  port_ = ports.empty() ? 0 : ports.front();
  return absl::OkStatus();
}

void MetricsEndpoint::Stop() { exposer_.reset(); }

}  // namespace engage::server
