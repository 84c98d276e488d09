#include "common/server/metrics.h"

#include <arpa/inet.h>
#include <google/protobuf/descriptor.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "absl/strings/str_cat.h"

namespace engage::server {
namespace {

// Prometheus' default histogram bounds, as go-grpc-prometheus uses them.
constexpr std::array<double, 11> kBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                            0.5,   1,    2.5,   5,    10};

// Go's spelling of the codes (codes.Code.String()), which the label carries.
constexpr std::array<const char*, 17> kCodeNames = {
    "OK",       "Canceled",       "Unknown",          "InvalidArgument",   "DeadlineExceeded",
    "NotFound", "AlreadyExists",  "PermissionDenied", "ResourceExhausted", "FailedPrecondition",
    "Aborted",  "OutOfRange",     "Unimplemented",    "Internal",          "Unavailable",
    "DataLoss", "Unauthenticated"};

std::string TypeOf(const google::protobuf::MethodDescriptor& method) {
  if (method.client_streaming()) return method.server_streaming() ? "bidi_stream" : "client_stream";
  return method.server_streaming() ? "server_stream" : "unary";
}

}  // namespace

MethodMetrics::MethodMetrics(std::string type, std::string service, std::string method)
    : labels_(absl::StrCat("grpc_type=\"", type, "\",grpc_service=\"", service, "\",grpc_method=\"",
                           method, "\"")) {}

void MethodMetrics::Handled(int code, double seconds) {
  if (code < 0 || code >= static_cast<int>(handled_.size())) code = 2;  // Unknown
  handled_[code].fetch_add(1, std::memory_order_relaxed);
  for (size_t i = 0; i < kBounds.size(); ++i) {
    if (seconds <= kBounds[i]) buckets_[i].fetch_add(1, std::memory_order_relaxed);
  }
  count_.fetch_add(1, std::memory_order_relaxed);
  double sum = sum_.load(std::memory_order_relaxed);
  while (!sum_.compare_exchange_weak(sum, sum + seconds, std::memory_order_relaxed)) {
  }
}

void MethodMetrics::Render(std::string& out, const std::string& metric) const {
  auto line = [&](const std::string& name, const std::string& extra, auto value) {
    absl::StrAppend(&out, name, "{", labels_, extra, "} ", value, "\n");
  };
  if (metric == "grpc_server_started_total") line(metric, "", started_.load());
  if (metric == "grpc_server_msg_received_total") line(metric, "", received_.load());
  if (metric == "grpc_server_msg_sent_total") line(metric, "", sent_.load());
  if (metric == "grpc_server_handled_total") {
    for (size_t code = 0; code < handled_.size(); ++code) {
      if (long long n = handled_[code].load(); n > 0) {
        line(metric, absl::StrCat(",grpc_code=\"", kCodeNames[code], "\""), n);
      }
    }
  }
  if (metric == "grpc_server_handling_seconds" && count_.load() > 0) {
    for (size_t i = 0; i < kBounds.size(); ++i) {
      line(metric + "_bucket", absl::StrCat(",le=\"", kBounds[i], "\""), buckets_[i].load());
    }
    line(metric + "_bucket", ",le=\"+Inf\"", count_.load());
    line(metric + "_sum", "", sum_.load());
    line(metric + "_count", "", count_.load());
  }
}

Metrics& Metrics::Get() {
  static Metrics* metrics = new Metrics();
  return *metrics;
}

MethodMetrics& Metrics::For(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = methods_.find(path); it != methods_.end()) return *it->second;
  const size_t slash = path.rfind('/');
  const google::protobuf::MethodDescriptor* method =
      slash == std::string::npos || slash == 0
          ? nullptr
          : google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
                absl::StrCat(path.substr(1, slash - 1), ".", path.substr(slash + 1)));
  if (method == nullptr) {
    if (unknown_ == nullptr)
      unknown_ = std::make_unique<MethodMetrics>("unary", "unknown", "unknown");
    return *unknown_;
  }
  auto& series = methods_[path];
  series = std::make_unique<MethodMetrics>(TypeOf(*method), method->service()->full_name(),
                                           method->name());
  return *series;
}

int Metrics::AddCollector(std::function<std::string()> collect) {
  std::lock_guard<std::mutex> lock(mu_);
  collectors_[next_collector_] = std::move(collect);
  return next_collector_++;
}

void Metrics::RemoveCollector(int id) {
  std::lock_guard<std::mutex> lock(mu_);
  collectors_.erase(id);
}

std::string Metrics::Render() const {
  static const std::array<std::pair<const char*, const char*>, 5> kFamilies = {{
      {"grpc_server_started_total", "counter"},
      {"grpc_server_handled_total", "counter"},
      {"grpc_server_msg_received_total", "counter"},
      {"grpc_server_msg_sent_total", "counter"},
      {"grpc_server_handling_seconds", "histogram"},
  }};
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  for (const auto& [name, type] : kFamilies) {
    absl::StrAppend(&out, "# TYPE ", name, " ", type, "\n");
    for (const auto& [path, series] : methods_) series->Render(out, name);
    if (unknown_ != nullptr) unknown_->Render(out, name);
  }
  for (const auto& [id, collect] : collectors_) out += collect();
  return out;
}

MetricsHttpServer::~MetricsHttpServer() { Stop(); }

bool MetricsHttpServer::Start(const std::string& host, int port) {
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return false;
  int one = 1;
  setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1)
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd_, 16) != 0) {
    close(fd_);
    fd_ = -1;
    return false;
  }
  socklen_t len = sizeof addr;
  getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Loop(); });
  return true;
}

void MetricsHttpServer::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

void MetricsHttpServer::Loop() {
  while (!stop_) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    int client = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    // A scrape is one small request; read its first line with a short timeout.
    timeval tv{2, 0};
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[1024];
    ssize_t n = recv(client, buf, sizeof buf - 1, 0);
    std::string request(buf, n > 0 ? static_cast<size_t>(n) : 0);
    std::string body;
    std::string status = "404 Not Found";
    if (request.rfind("GET /metrics", 0) == 0) {
      body = Metrics::Get().Render();
      status = "200 OK";
    }
    std::string response =
        absl::StrCat("HTTP/1.1 ", status,
                     "\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: ", body.size(),
                     "\r\nConnection: close\r\n\r\n", body);
    size_t sent = 0;
    while (sent < response.size()) {
      ssize_t w = send(client, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
      if (w <= 0) break;
      sent += static_cast<size_t>(w);
    }
    close(client);
  }
}

}  // namespace engage::server
