#include "common/server/metrics.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "absl/strings/str_cat.h"

namespace engage::server {
namespace {

const std::vector<double>& Bounds() {
  static const auto* bounds = new std::vector<double>{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                      0.25,  0.5,    1,     2.5,  5,     10};
  return *bounds;
}

}  // namespace

Metrics& Metrics::Get() {
  static Metrics* metrics = new Metrics();
  return *metrics;
}

void Metrics::RecordCall(const std::string& method, const std::string& code, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++handled_[{method, code}];
  Histogram& h = handling_[method];
  if (h.buckets.empty()) h.buckets.assign(Bounds().size(), 0);
  for (size_t i = 0; i < Bounds().size(); ++i) {
    if (seconds <= Bounds()[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::AddCollector(std::function<std::string()> collect) {
  std::lock_guard<std::mutex> lock(mu_);
  collectors_.push_back(std::move(collect));
}

std::string Metrics::Render() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out = "# TYPE grpc_server_handled_total counter\n";
  for (const auto& [key, n] : handled_) {
    absl::StrAppend(&out, "grpc_server_handled_total{grpc_method=\"", key.first, "\",grpc_code=\"",
                    key.second, "\"} ", n, "\n");
  }
  out += "# TYPE grpc_server_handling_seconds histogram\n";
  for (const auto& [method, h] : handling_) {
    for (size_t i = 0; i < Bounds().size(); ++i) {
      absl::StrAppend(&out, "grpc_server_handling_seconds_bucket{grpc_method=\"", method,
                      "\",le=\"", Bounds()[i], "\"} ", h.buckets[i], "\n");
    }
    absl::StrAppend(&out, "grpc_server_handling_seconds_bucket{grpc_method=\"", method,
                    "\",le=\"+Inf\"} ", h.count, "\n");
    absl::StrAppend(&out, "grpc_server_handling_seconds_sum{grpc_method=\"", method, "\"} ", h.sum,
                    "\n");
    absl::StrAppend(&out, "grpc_server_handling_seconds_count{grpc_method=\"", method, "\"} ",
                    h.count, "\n");
  }
  for (const auto& collect : collectors_) out += collect();
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
