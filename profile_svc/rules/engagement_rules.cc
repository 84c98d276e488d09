#include "profile_svc/rules/engagement_rules.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/errors.h"

namespace engage::profile {

namespace {

constexpr size_t kMaxUrl = 2000;
constexpr size_t kMaxSnippet = 200;

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xf]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

bool IsLoopbackName(const std::string& host) {
  return host == "localhost" || absl::EndsWith(host, ".localhost") || host == "[::1]" ||
         absl::StartsWith(host, "127.");
}

// An IPv4 literal's octets, or false when `host` is not one.
bool ParseIpv4(const std::string& host, int octets[4]) {
  std::vector<std::string> parts = absl::StrSplit(host, '.');
  if (parts.size() != 4) return false;
  for (int i = 0; i < 4; ++i) {
    if (parts[i].empty() || parts[i].size() > 3) return false;
    for (char c : parts[i]) {
      if (!absl::ascii_isdigit(c)) return false;
    }
    if (!absl::SimpleAtoi(parts[i], &octets[i]) || octets[i] > 255) return false;
  }
  return true;
}

// The mesh's own network: an admin's URL must not reach it (SSRF).
bool IsInternalIpLiteral(const std::string& host) {
  int o[4];
  if (ParseIpv4(host, o)) {
    return o[0] == 0 || o[0] == 10 || o[0] == 127 || (o[0] == 169 && o[1] == 254) ||
           (o[0] == 172 && o[1] >= 16 && o[1] <= 31) || (o[0] == 192 && o[1] == 168) ||
           (o[0] == 100 && o[1] >= 64 && o[1] <= 127);
  }
  if (host.size() >= 2 && host.front() == '[') {
    const std::string v6 = absl::AsciiStrToLower(host.substr(1, host.size() - 2));
    // Loopback, unspecified, link-local (fe80::/10), unique local (fc00::/7)
    // and IPv4-mapped addresses.
    return v6 == "::1" || v6 == "::" || absl::StartsWith(v6, "fe8") ||
           absl::StartsWith(v6, "fe9") || absl::StartsWith(v6, "fea") ||
           absl::StartsWith(v6, "feb") || absl::StartsWith(v6, "fc") ||
           absl::StartsWith(v6, "fd") || absl::StrContains(v6, "::ffff:");
  }
  return false;
}

}  // namespace

std::string ProfileDataJson(const ProfileDataPayload& e) {
  std::string out = "{\"event_id\":";
  AppendJsonString(out, e.event_id);
  out += ",\"profile_id\":";
  AppendJsonString(out, e.profile_id);
  out += ",\"category_code\":";
  AppendJsonString(out, e.category_code);
  out += ",\"response_code\":";
  AppendJsonString(out, e.response_code);
  absl::StrAppend(&out, ",\"sequence\":", e.sequence, ",\"occurred_at\":");
  AppendJsonString(out,
                   absl::FormatTime("%Y-%m-%d%ET%H:%M:%E6SZ", e.occurred_at, absl::UTCTimeZone()));
  out += "}";
  return out;
}

DeliveryVerdict ClassifyHttpStatus(long status) {
  if (status >= 200 && status <= 299) return DeliveryVerdict::kDelivered;
  // 1xx as the last answer is no answer: tried again.
  if (status == 408 || status == 429 || status >= 500 || status < 200) {
    return DeliveryVerdict::kRetry;
  }
  return DeliveryVerdict::kRefused;
}

absl::Status CheckEngagementEndpoint(const std::string& field, const std::string& url,
                                     bool allow_loopback_http) {
  if (url.empty()) return InvalidField(field, "is required");
  if (url.size() > kMaxUrl) {
    return InvalidField(field, absl::StrCat("must be at most ", kMaxUrl, " characters"));
  }
  for (unsigned char c : url) {
    if (c <= 0x20 || c >= 0x7f) {
      return InvalidField(field, "must be printable ASCII without spaces");
    }
  }
  const std::string lower = absl::AsciiStrToLower(url);
  const bool https = absl::StartsWith(lower, "https://");
  const bool http = absl::StartsWith(lower, "http://");
  if (!https && !http) return InvalidField(field, "must be an https:// URL");
  if (absl::StrContains(url, "#")) return InvalidField(field, "must not have a fragment");
  const std::string rest = url.substr(https ? 8 : 7);
  const std::string authority = rest.substr(0, rest.find_first_of("/?"));
  if (absl::StrContains(authority, "@")) {
    return InvalidField(field, "must not carry user info (credentials do not belong in the URL)");
  }
  std::string host = authority;
  std::string port;
  if (!host.empty() && host.front() == '[') {
    const size_t close = host.find(']');
    if (close == std::string::npos) return InvalidField(field, "has an unclosed IPv6 host");
    port = host.substr(close + 1);
    host = host.substr(0, close + 1);
  } else if (const size_t colon = host.find(':'); colon != std::string::npos) {
    port = host.substr(colon);
    host = host.substr(0, colon);
  }
  host = absl::AsciiStrToLower(host);
  if (host.empty() || host == "[]") return InvalidField(field, "must name a host");
  if (host.front() != '[') {
    for (char c : host) {
      if (!(absl::ascii_isalnum(c) || c == '.' || c == '-')) {
        return InvalidField(field, "host must hold letters, digits, '.' or '-' only");
      }
    }
  }
  if (!port.empty()) {
    int number = 0;
    if (port.front() != ':' || port.size() < 2 || port.size() > 6 ||
        !absl::SimpleAtoi(port.substr(1), &number) || number < 1 || number > 65535 ||
        !absl::ascii_isdigit(port[1])) {
      return InvalidField(field, "port must be a number from 1 to 65535");
    }
  }
  const bool loopback = IsLoopbackName(host);
  if (loopback && allow_loopback_http) return absl::OkStatus();
  if (!https) return InvalidField(field, "must be an https:// URL");
  if (loopback || IsInternalIpLiteral(host)) {
    return InvalidField(field, "must not name a loopback, private or link-local address");
  }
  return absl::OkStatus();
}

std::string AnswerSnippet(std::string_view body) {
  std::string out;
  for (unsigned char c : body) {
    if (out.size() >= kMaxSnippet) break;
    out.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : ' ');
  }
  return std::string(absl::StripAsciiWhitespace(out));
}

}  // namespace engage::profile
