#include "profile_svc/http_engagement_system.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "absl/strings/str_cat.h"

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
