#include "profile_svc/rules/engagement_rules.h"

#include <arpa/inet.h>

#include <vector>

#include "absl/status/statusor.h"
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

// The scope of an IP-literal host ("1.2.3.4" or "[v6]"); a host name is
// kPublic here: what it resolves to is checked when connecting.
absl::StatusOr<AddressScope> LiteralScope(const std::string& host) {
  int o[4];
  if (ParseIpv4(host, o)) {
    return ClassifyIpv4({static_cast<uint8_t>(o[0]), static_cast<uint8_t>(o[1]),
                         static_cast<uint8_t>(o[2]), static_cast<uint8_t>(o[3])});
  }
  if (host.size() >= 2 && host.front() == '[') {
    std::array<uint8_t, 16> v6{};
    if (inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), v6.data()) != 1) {
      return absl::InvalidArgumentError("not an IPv6 address");
    }
    return ClassifyIpv6(v6);
  }
  return AddressScope::kPublic;
}

}  // namespace

AddressScope ClassifyIpv4(const std::array<uint8_t, 4>& a) {
  if (a[0] == 127) return AddressScope::kLoopback;
  const bool internal = a[0] == 0 || a[0] == 10 || (a[0] == 100 && (a[1] & 0xc0) == 64) ||
                        (a[0] == 169 && a[1] == 254) || (a[0] == 172 && (a[1] & 0xf0) == 16) ||
                        (a[0] == 192 && a[1] == 168) || a[0] >= 224;  // multicast, reserved
  return internal ? AddressScope::kInternal : AddressScope::kPublic;
}

AddressScope ClassifyIpv6(const std::array<uint8_t, 16>& a) {
  auto zero = [&a](int from, int to) {
    for (int i = from; i < to; ++i) {
      if (a[i] != 0) return false;
    }
    return true;
  };
  const std::array<uint8_t, 4> v4{a[12], a[13], a[14], a[15]};
  if (zero(0, 15) && a[15] == 1) return AddressScope::kLoopback;  // ::1
  if (zero(0, 16)) return AddressScope::kInternal;                // ::
  // Mapped ::ffff:a.b.c.d and compatible ::a.b.c.d reach the IPv4 address.
  if (zero(0, 10) && ((a[10] == 0xff && a[11] == 0xff) || (a[10] == 0 && a[11] == 0))) {
    return ClassifyIpv4(v4);
  }
  // NAT64's well-known prefix 64:ff9b::/96 translates to the IPv4 address.
  if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b && zero(4, 12)) {
    return ClassifyIpv4(v4);
  }
  const bool internal = (a[0] & 0xfe) == 0xfc ||                    // unique local fc00::/7
                        (a[0] == 0xfe && (a[1] & 0x80) == 0x80) ||  // fe80::/10, fec0::/10
                        a[0] == 0xff;                               // multicast
  return internal ? AddressScope::kInternal : AddressScope::kPublic;
}

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
  const absl::StatusOr<AddressScope> scope = LiteralScope(host);
  if (!scope.ok()) return InvalidField(field, "host is not a valid IPv6 address");
  if (loopback || *scope != AddressScope::kPublic) {
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
