#include "gateway/rules/page_rules.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace engage::gateway {

std::string HtmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string JsonQuote(absl::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x7F) {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

bool IsHexColour(absl::string_view colour) {
  if (colour.size() != 6) return false;
  for (char c : colour) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

bool IsSafePhotoUrl(absl::string_view url) {
  if (url.size() > 2000 || !absl::StartsWith(url, "https://") || url.size() == 8) return false;
  for (char c : url) {
    if (c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' ||
        static_cast<unsigned char>(c) <= 0x20) {
      return false;
    }
  }
  return true;
}

std::string PagePathOf(absl::string_view link_base) {
  absl::string_view rest = link_base;
  const size_t scheme = rest.find("://");
  if (scheme != absl::string_view::npos) {
    rest.remove_prefix(scheme + 3);
    const size_t slash = rest.find('/');
    if (slash == absl::string_view::npos) return "";
    rest.remove_prefix(slash);
  }
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (!rest.empty() && rest.front() != '/') return absl::StrCat("/", rest);
  return std::string(rest);
}

PageRoute RouteOf(absl::string_view method, absl::string_view path, absl::string_view page_path) {
  PageRoute route;
  if (!absl::ConsumePrefix(&path, page_path) || !absl::ConsumePrefix(&path, "/")) return route;
  const size_t slash = path.find('/');
  const absl::string_view first = path.substr(0, slash);
  if (first.empty()) return route;
  if (method == "GET" && slash == absl::string_view::npos) {
    if (first == "page.js") {
      route.kind = PageRoute::Kind::kScript;
    } else if (first == "page.css") {
      route.kind = PageRoute::Kind::kStyle;
    } else {
      route.kind = PageRoute::Kind::kShell;
    }
    return route;
  }
  if (method != "POST" || slash == absl::string_view::npos) return route;
  const absl::string_view action = path.substr(slash + 1);
  if (action == "preview") {
    route.kind = PageRoute::Kind::kPreview;
  } else if (action == "accept") {
    route.kind = PageRoute::Kind::kAccept;
  } else if (action == "decline") {
    route.kind = PageRoute::Kind::kDecline;
  } else {
    return route;
  }
  route.token = std::string(first);
  return route;
}

bool OffersAnswer(PageState state) { return state == PageState::kPending; }

const char* StateSentence(PageState state) {
  switch (state) {
    case PageState::kPending:
      return "You are invited to connect.";
    case PageState::kAccepted:
      return "This invitation was already used.";
    case PageState::kDeclined:
      return "This invitation was declined.";
    case PageState::kRevoked:
      return "This invitation was withdrawn.";
    case PageState::kExpired:
      return "This invitation has expired.";
    case PageState::kUnknown:
      break;
  }
  return "This invitation cannot be shown.";
}

const char* StateName(PageState state) {
  switch (state) {
    case PageState::kPending:
      return "PENDING";
    case PageState::kAccepted:
      return "ACCEPTED";
    case PageState::kDeclined:
      return "DECLINED";
    case PageState::kRevoked:
      return "REVOKED";
    case PageState::kExpired:
      return "EXPIRED";
    case PageState::kUnknown:
      break;
  }
  return "UNKNOWN";
}

std::string InviterName(const PageCard& card) {
  if (!card.display_name.empty()) return card.display_name;
  if (card.first_name.empty()) return card.last_name;
  if (card.last_name.empty()) return card.first_name;
  return absl::StrCat(card.first_name, " ", card.last_name);
}

std::string RenderCard(const PageCard& card) {
  std::string html = absl::StrCat("<p class=\"state state-", StateName(card.state), "\">",
                                  HtmlEscape(StateSentence(card.state)), "</p>");
  if (!card.has_inviter) return html;
  absl::StrAppend(&html, "<article class=\"card\">");
  if (!card.company_name.empty()) {
    absl::StrAppend(&html, "<p class=\"company\">", HtmlEscape(card.company_name), "</p>");
  }
  if (IsSafePhotoUrl(card.photo_url)) {
    absl::StrAppend(&html, "<img class=\"photo\" alt=\"\" src=\"", HtmlEscape(card.photo_url),
                    "\">");
  }
  absl::StrAppend(&html, "<h2 class=\"name\">", HtmlEscape(InviterName(card)), "</h2>");
  if (!card.title.empty()) {
    absl::StrAppend(&html, "<p class=\"title\">", HtmlEscape(card.title), "</p>");
  }
  if (!card.medications.empty()) {
    absl::StrAppend(&html, "<h3>Medications</h3><ul class=\"medications\">");
    for (const auto& m : card.medications) absl::StrAppend(&html, "<li>", HtmlEscape(m), "</li>");
    absl::StrAppend(&html, "</ul>");
  }
  absl::StrAppend(&html, "</article>");
  return html;
}

std::string RenderShell(absl::string_view path) {
  const std::string p = HtmlEscape(path);
  return absl::StrCat(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>Engage invitation</title>"
      "<link rel=\"stylesheet\" href=\"",
      p, "/page.css\"><script src=\"", p,
      "/page.js\" defer></script></head>\n<body><main id=\"invite\">"
      "<header id=\"brand\"><h1>Engage invitation</h1></header>"
      "<section id=\"card\" aria-live=\"polite\"><p>Sign in to see who invites you to "
      "connect.</p></section>"
      "<form id=\"signin\"><label for=\"bearer\">Your sign-in token</label>"
      "<textarea id=\"bearer\" rows=\"3\" autocomplete=\"off\" spellcheck=\"false\" "
      "required></textarea>"
      "<label for=\"first-name\">First name</label><input id=\"first-name\" "
      "autocomplete=\"given-name\">"
      "<label for=\"last-name\">Last name</label><input id=\"last-name\" "
      "autocomplete=\"family-name\">"
      "<p class=\"hint\">Your name is used only when you join Engage with this sign-in.</p>"
      "<button type=\"submit\" id=\"show\">Show the invitation</button></form>"
      "<div id=\"answer\" hidden><button type=\"button\" id=\"accept\">Accept</button>"
      "<button type=\"button\" id=\"decline\">Decline</button></div>"
      "<p id=\"status\" role=\"status\"></p></main></body></html>\n");
}

int HttpStatusOf(int grpc_code) {
  switch (grpc_code) {
    case 0:
      return 200;
    case 3:   // INVALID_ARGUMENT
    case 11:  // OUT_OF_RANGE
      return 400;
    case 16:  // UNAUTHENTICATED
      return 401;
    case 7:  // PERMISSION_DENIED
      return 403;
    case 5:  // NOT_FOUND
      return 404;
    case 6:   // ALREADY_EXISTS
    case 9:   // FAILED_PRECONDITION
    case 10:  // ABORTED
      return 409;
    case 8:  // RESOURCE_EXHAUSTED
      return 429;
    case 4:   // DEADLINE_EXCEEDED
    case 14:  // UNAVAILABLE
      return 503;
    default:
      return 500;
  }
}

std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool tls) {
  std::vector<std::pair<std::string, std::string>> h = {
      // Scripts and styles from this origin only (the files the page
      // serves); photos over https; calls to this origin; no framing.
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; "
       "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      // The token is in the URL: no page or photo host may learn it.
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cache-Control", "no-store"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  if (tls) h.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return h;
}

}  // namespace engage::gateway
