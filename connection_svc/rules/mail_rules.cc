#include "connection_svc/rules/mail_rules.h"

#include <algorithm>
#include <cstdint>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status/errors.h"
#include "common/validate/text.h"

namespace engage::connection {

namespace {

constexpr char kInviteLink[] = "invite_link";

// Length in bytes of the UTF-8 sequence that starts with `lead`.
size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  return 4;
}

// The code point at `s[i]` of valid UTF-8.
uint32_t CodePointAt(const std::string& s, size_t i, size_t len) {
  const auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[k])); };
  switch (len) {
    case 1:
      return b(i);
    case 2:
      return ((b(i) & 0x1F) << 6) | (b(i + 1) & 0x3F);
    case 3:
      return ((b(i) & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
    default:
      return ((b(i) & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) |
             (b(i + 3) & 0x3F);
  }
}

bool IsControl(uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

// Replaces every {{ name }} of `values` in one pass (a value holding
// "{{...}}" is never expanded again); reports whether the link was placed.
std::string Fill(const std::string& text, const std::map<std::string, std::string>& values,
                 bool* placed_link) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    const size_t open = text.find("{{", pos);
    const size_t close = open == std::string::npos ? open : text.find("}}", open + 2);
    if (close == std::string::npos) break;
    const std::string name(absl::StripAsciiWhitespace(text.substr(open + 2, close - open - 2)));
    auto it = values.find(name);
    if (it == values.end()) {
      out.append(text, pos, close + 2 - pos);  // not ours: left as written
    } else {
      out.append(text, pos, open - pos);
      out.append(it->second);
      if (name == kInviteLink && placed_link != nullptr) *placed_link = true;
    }
    pos = close + 2;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

bool IsAtext(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool IsPrintableAscii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

// "=?UTF-8?B?...?=" words of at most 75 characters (45 bytes of text each),
// never splitting a character.
std::vector<std::string> EncodedWords(const std::string& value) {
  constexpr size_t kBytesPerWord = 45;
  std::vector<std::string> words;
  size_t start = 0;
  while (start < value.size()) {
    size_t end = start;
    while (end < value.size()) {
      const size_t len = SequenceLength(static_cast<unsigned char>(value[end]));
      if (end + len - start > kBytesPerWord) break;
      end += len;
    }
    words.push_back(
        absl::StrCat("=?UTF-8?B?", absl::Base64Escape(value.substr(start, end - start)), "?="));
    start = end;
  }
  return words;
}

}  // namespace

absl::StatusOr<RenderedMail> RenderInviteMail(const InviteTemplate& tmpl,
                                              const InviteMailValues& values) {
  const std::map<std::string, std::string> names = {{"inviter_name", values.inviter_name},
                                                    {"recipient_name", values.recipient_name}};
  std::map<std::string, std::string> all = names;
  all[kInviteLink] = values.invite_link;
  bool subject_link = false;
  RenderedMail mail;
  mail.subject = Fill(tmpl.subject, all, &subject_link);
  if (subject_link) {
    return InvalidField("subject",
                        "the template's subject holds {{invite_link}}; a header must "
                        "not carry the invite's token");
  }
  if (auto st = CheckHeaderText("subject", mail.subject, 998); !st.ok()) return st;
  if (mail.subject.empty()) mail.subject = tmpl.name;
  bool placed = false;
  mail.body = Fill(tmpl.body, all, &placed);
  // CON-13: the link is always in the message.
  if (!placed) absl::StrAppend(&mail.body, "\n\n", values.invite_link, "\n");
  return mail;
}

absl::Status CheckHeaderText(const std::string& field, const std::string& value, size_t max) {
  if (!validate::IsValidUtf8(value)) return InvalidField(field, "is not valid UTF-8");
  size_t count = 0;
  for (size_t i = 0; i < value.size();) {
    const size_t len = SequenceLength(static_cast<unsigned char>(value[i]));
    if (IsControl(CodePointAt(value, i, len))) {
      return InvalidField(field,
                          "must not hold line breaks or other control characters (it "
                          "becomes an e-mail header)");
    }
    i += len;
    ++count;
  }
  if (count > max) return InvalidField(field, absl::StrCat("is longer than ", max, " characters"));
  return absl::OkStatus();
}

absl::Status CheckMailName(const std::string& field, const std::string& name, size_t max) {
  if (auto st = CheckHeaderText(field, name, max); !st.ok()) return st;
  const std::string lower = absl::AsciiStrToLower(name);
  for (const char* link : {"://", "www.", "@"}) {
    if (absl::StrContains(lower, link)) {
      return InvalidField(field,
                          absl::StrCat("CON-13: a name holds no link or address (\"", link, "\")"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckRecipientName(const std::string& name) {
  return CheckMailName("recipient_name", name, kMaxRecipientName);
}

absl::Status CheckMailbox(const std::string& field, const std::string& address) {
  const auto bad = [&](const std::string& why) {
    return InvalidField(field, absl::StrCat("must be one e-mail address (local@domain): ", why));
  };
  if (address.empty()) return bad("it is empty");
  if (address.size() > 254) return bad("longer than 254 characters");
  const size_t at = address.find('@');
  if (at == std::string::npos || address.find('@', at + 1) != std::string::npos) {
    return bad("exactly one '@' is needed");
  }
  const std::string local = address.substr(0, at);
  const std::string domain = address.substr(at + 1);
  if (local.empty() || local.size() > 64) return bad("the local part is 1..64 characters");
  if (local.front() == '.' || local.back() == '.' || absl::StrContains(local, "..")) {
    return bad("the local part has a misplaced dot");
  }
  for (char c : local) {
    if (c != '.' && !IsAtext(c)) {
      return bad(
          "the local part holds a character outside letters, digits and !#$%&'*+-/=?^_`{|}~");
    }
  }
  const std::vector<std::string> labels = absl::StrSplit(domain, '.');
  if (labels.size() < 2) return bad("the domain needs a dot");
  for (const auto& label : labels) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return bad("the domain has an empty or misplaced label");
    }
    for (char c : label) {
      if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') {
        return bad("the domain holds a character outside letters, digits, '-' and '.'");
      }
    }
  }
  return absl::OkStatus();
}

std::string EncodeHeaderText(const std::string& value) {
  if (IsPrintableAscii(value) && !absl::StrContains(value, "=?")) return value;
  return absl::StrJoin(EncodedWords(value), "\r\n ");
}

std::string FormatMailbox(const std::string& display_name, const std::string& address) {
  if (display_name.empty()) return address;
  if (IsPrintableAscii(display_name)) {
    std::string quoted;
    for (char c : display_name) {
      if (c == '"' || c == '\\') quoted.push_back('\\');
      quoted.push_back(c);
    }
    return absl::StrCat("\"", quoted, "\" <", address, ">");
  }
  return absl::StrCat(absl::StrJoin(EncodedWords(display_name), "\r\n "), " <", address, ">");
}

}  // namespace engage::connection
