#include "profile_svc/http_engagement_system.h"

#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstring>
#include <memory>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "profile_svc/rules/engagement_rules.h"

namespace engage::profile {

namespace {

// The most of a receiver's answer kept: enough for an error message.
constexpr size_t kMaxAnswer = 4096;

// libcurl's global state is set up once, before any thread sends.
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

size_t KeepAnswer(char* data, size_t size, size_t count, void* user) {
  auto* answer = static_cast<std::string*>(user);
  const size_t n = size * count;
  if (answer->size() < kMaxAnswer) answer->append(data, std::min(n, kMaxAnswer - answer->size()));
  return n;
}

// What the socket guard knows and saw during one Deliver.
struct SocketGuard {
  bool allow_loopback = false;
  bool refused = false;  // an address was internal: never connected to
};

AddressScope ScopeOf(const curl_sockaddr& address) {
  if (address.family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&address.addr);
    std::array<uint8_t, 4> bytes{};
    std::memcpy(bytes.data(), &in->sin_addr, bytes.size());
    return ClassifyIpv4(bytes);
  }
  if (address.family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address.addr);
    std::array<uint8_t, 16> bytes{};
    std::memcpy(bytes.data(), &in6->sin6_addr, bytes.size());
    return ClassifyIpv6(bytes);
  }
  return AddressScope::kInternal;  // not IP (a Unix socket): not a receiver
}

// libcurl opens every connection's socket here, with the address it is about
// to connect to (after DNS): checking there leaves no window between a check
// and a second resolution (DNS rebinding).
curl_socket_t OpenCheckedSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* guard = static_cast<SocketGuard*>(user);
  const AddressScope scope = ScopeOf(*address);
  const bool allowed = purpose == CURLSOCKTYPE_IPCXN &&
                       (scope == AddressScope::kPublic ||
                        (scope == AddressScope::kLoopback && guard->allow_loopback));
  if (!allowed) {
    guard->refused = true;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

}  // namespace

HttpEngagementSystem::HttpEngagementSystem(Settings settings) : settings_(std::move(settings)) {
  InitCurlOnce();
}

EngagementAnswer HttpEngagementSystem::Deliver(const std::string& endpoint_url,
                                               const ProfileDataPayload& event) {
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return {DeliveryVerdict::kRetry, "cannot start a libcurl session"};
  CURL* c = curl.get();
  char error[CURL_ERROR_SIZE] = {0};
  const std::string body = ProfileDataJson(event);
  std::string answer;
  std::unique_ptr<curl_slist, CurlFree> headers;
  for (const std::string& h :
       {std::string("Content-Type: application/json"),
        absl::StrCat("Idempotency-Key: ", event.event_id), std::string("Expect:")}) {
    curl_slist* grown = curl_slist_append(headers.get(), h.c_str());
    if (grown == nullptr) return {DeliveryVerdict::kRetry, "out of memory"};
    (void)headers.release();
    headers.reset(grown);
  }
  const long timeout_ms = static_cast<long>(absl::ToInt64Milliseconds(settings_.timeout));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_URL, endpoint_url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  // No proxy, whatever http(s)_proxy says: the socket guard must see the
  // receiver's address (through a proxy it would see only the proxy's).
  curl_easy_setopt(c, CURLOPT_PROXY, "");
  SocketGuard guard{settings_.allow_loopback, false};
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, OpenCheckedSocket);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &guard);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  if (!settings_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings_.ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, KeepAnswer);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  const CURLcode done = curl_easy_perform(c);
  if (done != CURLE_OK && guard.refused) {
    // The tenant's endpoint leads into the mesh's network (SSRF): a
    // configuration error, permanent like a 4xx. The address itself is not
    // named: it would tell the tenant about the cluster's network.
    return {DeliveryVerdict::kRefused,
            "CAT-08: the endpoint resolves to an internal address (loopback, private, "
            "link-local, unique-local or multicast); not sent"};
  }
  if (done != CURLE_OK) {
    // No answer (refused, reset, timeout, TLS): the receiver may be back later.
    return {DeliveryVerdict::kRetry,
            absl::StrCat("no answer: ", error[0] != 0 ? error : curl_easy_strerror(done))};
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  const DeliveryVerdict verdict = ClassifyHttpStatus(status);
  if (verdict == DeliveryVerdict::kDelivered) return {verdict, ""};
  std::string detail = absl::StrCat("HTTP ", status);
  if (const std::string snippet = AnswerSnippet(answer); !snippet.empty()) {
    absl::StrAppend(&detail, ": ", snippet);
  }
  return {verdict, detail};
}

}  // namespace engage::profile
