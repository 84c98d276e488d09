#include "connection_svc/smtp_sender.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "connection_svc/rules/mail_rules.h"

namespace engage::connection {

namespace {

// libcurl's global state is set up once, before any thread sends.
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_mime* m) const { curl_mime_free(m); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

absl::Status Append(std::unique_ptr<curl_slist, CurlFree>& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr) return absl::ResourceExhaustedError("smtp: out of memory");
  (void)list.release();
  list.reset(grown);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<StartTls> ParseStartTls(const std::string& field, const std::string& value) {
  if (value == "required") return StartTls::kRequired;
  if (value == "optional") return StartTls::kOptional;
  if (value == "off") return StartTls::kOff;
  return InvalidField(field, "must be required, optional or off");
}

SmtpSender::SmtpSender(SmtpSettings settings) : settings_(std::move(settings)) { InitCurlOnce(); }

absl::Status SmtpSender::Send(const OutgoingMail& mail, const std::string& message_id) {
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return absl::UnavailableError("smtp: cannot start a libcurl session");
  CURL* c = curl.get();
  char error[CURL_ERROR_SIZE] = {0};
  const std::string url = absl::StrCat("smtp://", settings_.host, ":", settings_.port);
  const std::string from = absl::StrCat("<", settings_.from_address, ">");
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(settings_.timeout)));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(settings_.timeout)));
  switch (settings_.starttls) {
    case StartTls::kRequired:
      curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
      break;
    case StartTls::kOptional:
      curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
      break;
    case StartTls::kOff:
      curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_NONE));
      break;
  }
  if (!settings_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings_.ca_file.c_str());
  if (!settings_.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  std::unique_ptr<curl_slist, CurlFree> rcpt;
  if (auto st = Append(rcpt, absl::StrCat("<", mail.to_address, ">")); !st.ok()) return st;
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());

  // Every value below passed mail_rules' checks when the e-mail was queued:
  // no line break reaches a header but the folding EncodeHeaderText adds.
  std::unique_ptr<curl_slist, CurlFree> headers;
  for (const std::string& line :
       {absl::StrCat("Date: ", absl::FormatTime("%a, %d %b %Y %H:%M:%S +0000", absl::Now(),
                                                absl::UTCTimeZone())),
        absl::StrCat("From: ", FormatMailbox(mail.from_name, settings_.from_address)),
        absl::StrCat("To: ", FormatMailbox(mail.to_name, mail.to_address)),
        absl::StrCat("Subject: ", EncodeHeaderText(mail.content.subject)),
        absl::StrCat("Message-ID: <", message_id, "@",
                     settings_.from_address.substr(settings_.from_address.find('@') + 1), ">")}) {
    if (auto st = Append(headers, line); !st.ok()) return st;
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

  std::unique_ptr<curl_mime, CurlFree> mime(curl_mime_init(c));
  curl_mimepart* part = curl_mime_addpart(mime.get());
  if (part == nullptr) return absl::ResourceExhaustedError("smtp: out of memory");
  curl_mime_data(part, mail.content.body.data(), mail.content.body.size());
  curl_mime_type(part, "text/plain; charset=UTF-8");
  curl_mime_encoder(part, "quoted-printable");
  curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());

  const CURLcode res = curl_easy_perform(c);
  if (res == CURLE_OK) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat("smtp ", settings_.host, ":", settings_.port, ": ",
                                             error[0] != '\0' ? error : curl_easy_strerror(res)));
}

}  // namespace engage::connection
