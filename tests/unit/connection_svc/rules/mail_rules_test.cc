// The e-mail of an approved-e-mail invite (CON-13): rendering, what may reach
// a header, and the MIME header forms. Plain functions, no I/O.
#include "connection_svc/rules/mail_rules.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "common/status/errors.h"
#include "common/validate/text.h"

namespace engage::connection {
namespace {

const InviteMailValues kValues{"https://engage.example.com/invite/TOKEN", "Sarah Jones",
                               "Dr Abernathy"};

// The field a refusal names (its BadRequest violation).
std::string FieldOf(const absl::Status& st) {
  auto errors = FieldErrorsOf(st);
  return errors.empty() ? "" : errors.front().field;
}

TEST(CON13_Render, FillsEveryPlaceholderInSubjectAndBody) {
  auto mail = RenderInviteMail({"Invite", "{{inviter_name}} invites you, {{ recipient_name }}",
                                "Dear {{recipient_name}},\n{{inviter_name}} would like to "
                                "connect: {{invite_link}}\nRegards"},
                               kValues);
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_EQ(mail->subject, "Sarah Jones invites you, Dr Abernathy");
  EXPECT_EQ(mail->body,
            "Dear Dr Abernathy,\nSarah Jones would like to connect: "
            "https://engage.example.com/invite/TOKEN\nRegards");
}

TEST(CON13_Render, TheLinkIsAlwaysInTheBody) {
  auto mail = RenderInviteMail({"Invite", "Hello", "Let us connect."}, kValues);
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_TRUE(absl::StrContains(mail->body, kValues.invite_link)) << mail->body;
  EXPECT_TRUE(absl::StartsWith(mail->body, "Let us connect.\n\n"));
}

TEST(CON13_Render, ValuesAreNotExpandedAgainAndUnknownPlaceholdersStay) {
  InviteMailValues values = kValues;
  values.recipient_name = "{{invite_link}}";
  auto mail =
      RenderInviteMail({"Invite", "Hi", "{{recipient_name}} {{unknown}} {{invite_link"}, values);
  ASSERT_TRUE(mail.ok()) << mail.status();
  // The name is shown as written; the link is appended, not taken from the name.
  EXPECT_TRUE(absl::StartsWith(mail->body, "{{invite_link}} {{unknown}} {{invite_link\n\n"))
      << mail->body;
  EXPECT_TRUE(absl::EndsWith(mail->body, kValues.invite_link + "\n"));
}

TEST(CON13_Render, EmptySubjectFallsBackToTheTemplateName) {
  auto mail = RenderInviteMail({"Connect with me", "", "{{invite_link}}"}, kValues);
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(mail->subject, "Connect with me");
}

TEST(CON13_Render, TheTokenNeverGoesInAHeader) {
  auto mail = RenderInviteMail({"Invite", "Open {{invite_link}}", "x"}, kValues);
  EXPECT_EQ(mail.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(mail.status()), "subject");
}

TEST(CON13_HeaderInjection, SubjectWithALineBreakFromTheTemplateOrANameIsRefused) {
  for (const std::string& subject : std::vector<std::string>{
           "Hi\r\nBcc: all@evil.example", "Hi\nBcc: x@y.example", "Hi\rX", "Hi {{inviter_name}}"}) {
    InviteMailValues values = kValues;
    values.inviter_name = "Sarah\r\nBcc: all@evil.example";
    auto mail = RenderInviteMail({"Invite", subject, "{{invite_link}}"}, values);
    EXPECT_EQ(mail.status().code(), absl::StatusCode::kInvalidArgument) << subject;
    EXPECT_EQ(FieldOf(mail.status()), "subject") << subject;
  }
}

TEST(CON13_HeaderInjection, ControlCharactersAreRefusedNamingTheField) {
  for (const std::string& bad : {std::string("a\rb"), std::string("a\nb"), std::string("a\tb"),
                                 std::string("a\0b", 3), std::string("a\x7f"),
                                 std::string("a\xc2\x85"
                                             "b"),  // U+0085 NEL
                                 std::string("a\xe2\x80\xa8"
                                             "b"),  // U+2028 LINE SEPARATOR
                                 std::string("\xff\xfe")}) {
    absl::Status st = CheckHeaderText("recipient_name", bad, 200);
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << absl::CEscape(bad);
    EXPECT_EQ(FieldOf(st), "recipient_name");
  }
  EXPECT_TRUE(CheckHeaderText("recipient_name", "Dr Zoë Ångström-O'Brien", 200).ok());
  EXPECT_FALSE(CheckHeaderText("recipient_name", std::string(201, 'a'), 200).ok());
}

TEST(CON13_RecipientName, ALinkOrAnAddressInTheNameIsRefusedNamingTheField) {
  for (const char* bad : {"Dr A, see https://evil.example", "Dr A ftp://x",
                          "Visit WWW.evil.example", "Dr A www.x", "write to a@evil.example", "@"}) {
    absl::Status st = CheckRecipientName(bad);
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(FieldOf(st), "recipient_name") << bad;
    EXPECT_TRUE(absl::StrContains(st.message(), "CON-13")) << st;
  }
  EXPECT_TRUE(CheckRecipientName("Dr Zoë Ångström-O'Brien").ok());
  EXPECT_TRUE(CheckRecipientName("").ok());
  EXPECT_TRUE(CheckRecipientName("Dr Www").ok());  // a name, not a host
}

TEST(CON13_RecipientName, TheNameIsAtMostOneHundredCharactersOnOneLine) {
  EXPECT_TRUE(CheckRecipientName(std::string(100, 'a')).ok());
  EXPECT_EQ(FieldOf(CheckRecipientName(std::string(101, 'a'))), "recipient_name");
  std::string accented;
  for (int i = 0; i < 100; ++i) accented += "\xc3\xa9";  // 100 characters, 200 bytes
  EXPECT_TRUE(CheckRecipientName(accented).ok());
  EXPECT_EQ(FieldOf(CheckRecipientName("Dr A\r\nBcc: x")), "recipient_name");
}

TEST(CON13_HeaderInjection, AnAddressIsExactlyOneMailbox) {
  for (const std::string& good : std::vector<std::string>{
           "abernathy@clinic.example", "dr.a+engage@mail.clinic-1.example", "o'brien@x.example"}) {
    EXPECT_TRUE(CheckMailbox("recipient_email", good).ok()) << good;
  }
  for (const std::string& bad : std::vector<std::string>{
           "", "a@b.example, c@d.example", "a@b.example\r\nBcc: c@d.example", "Dr A <a@b.example>",
           "a@b.example (comment)", "\"a b\"@b.example", "a@@b.example", "a@b", "a@-b.example",
           "a..b@c.example", ".a@c.example", "a@b.example;c@d.example", "a b@c.example",
           "a@b_c.example", "zoë@b.example", "a@b.example\n"}) {
    absl::Status st = CheckMailbox("recipient_email", bad);
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << absl::CEscape(bad);
    EXPECT_EQ(FieldOf(st), "recipient_email");
  }
}

// Decodes "=?UTF-8?B?...?=" words separated by folding.
std::string DecodeWords(const std::string& header) {
  std::string out;
  for (absl::string_view word : absl::StrSplit(header, "\r\n ")) {
    EXPECT_TRUE(absl::StartsWith(word, "=?UTF-8?B?") && absl::EndsWith(word, "?=")) << word;
    EXPECT_LE(word.size(), 75u) << word;
    std::string text;
    EXPECT_TRUE(absl::Base64Unescape(word.substr(10, word.size() - 12), &text));
    out += text;
  }
  return out;
}

TEST(CON13_Mime, AsciiHeadersStayAsTheyAre) {
  EXPECT_EQ(EncodeHeaderText("Sarah Jones invites you"), "Sarah Jones invites you");
  // Text that looks like an encoded-word is encoded, so it reads as written.
  EXPECT_EQ(DecodeWords(EncodeHeaderText("=?UTF-8?B?eA==?=")), "=?UTF-8?B?eA==?=");
}

TEST(CON13_Mime, NonAsciiHeadersBecomeEncodedWordsThatNeverSplitACharacter) {
  const std::string subject =
      "Zoë Ångström vous invite — 日本語のテキスト — " + std::string(60, 'x') + " 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉";
  const std::string encoded = EncodeHeaderText(subject);
  EXPECT_TRUE(absl::StrContains(encoded, "\r\n ")) << "long text is folded";
  for (char c : encoded) EXPECT_TRUE(c == '\r' || c == '\n' || (c >= 0x20 && c < 0x7f));
  EXPECT_EQ(DecodeWords(encoded), subject);
  // Every word decodes to whole characters: valid UTF-8 on its own.
  for (absl::string_view word : absl::StrSplit(encoded, "\r\n ")) {
    std::string text;
    ASSERT_TRUE(absl::Base64Unescape(word.substr(10, word.size() - 12), &text));
    EXPECT_TRUE(validate::IsValidUtf8(text)) << word;
  }
}

TEST(CON13_Mime, MailboxesQuoteOrEncodeTheDisplayName) {
  EXPECT_EQ(FormatMailbox("", "a@b.example"), "a@b.example");
  EXPECT_EQ(FormatMailbox("Sarah \"SJ\" Jones, PhD", "a@b.example"),
            "\"Sarah \\\"SJ\\\" Jones, PhD\" <a@b.example>");
  const std::string encoded = FormatMailbox("Zoë", "a@b.example");
  EXPECT_EQ(encoded, "=?UTF-8?B?Wm/Dqw==?= <a@b.example>");
}

}  // namespace
}  // namespace engage::connection
