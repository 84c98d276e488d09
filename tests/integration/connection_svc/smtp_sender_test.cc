// The SMTP sender of e-mail invites (CON-13), libcurl against a real SMTP
// server on loopback (tests/support/smtp_sink, python3-aiosmtpd): proper MIME
// on the wire, STARTTLS as configured, a server that is down.
#include <gtest/gtest.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "tests/integration/connection_svc/invite_mail_fixture.h"
#include "tests/support/smtp_sink.h"

namespace engage::connection {
namespace {

using testing::SmtpSink;

TEST(CON13_SmtpSender, DeliversProperMimeThroughARealServer) {
  SmtpSink sink;
  SmtpSender sender(LoopbackSmtp(sink.port()));
  ASSERT_TRUE(sender.Send(SampleMail(), "invite.t1.01ABC").ok());
  auto got = sink.WaitMessages(1, absl::Seconds(10));
  ASSERT_EQ(got.size(), 1u);
  const std::string& raw = got[0].raw;
  const std::string& json = got[0].json;
  // Python's e-mail package decodes it back to what was sent.
  EXPECT_TRUE(absl::StrContains(json,
                                "\"subject\": \"Zo\\u00eb \\u00c5ngstr\\u00f6m invites you "
                                "to connect\""))
      << json;
  EXPECT_TRUE(absl::StrContains(json, "https://engage.example.com/invite/TOKEN123")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"rcpt_tos\": [\"abernathy@clinic.example\"]")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"mail_from\": \"engage@mesh.example\"")) << json;
  EXPECT_TRUE(absl::StrContains(json, "Zo\\u00eb \\u00c5ngstr\\u00f6m <engage@mesh.example>"))
      << json;
  // On the wire: ASCII headers with encoded-words, a quoted-printable UTF-8 part.
  EXPECT_TRUE(absl::StrContains(raw, "Subject: =?UTF-8?B?")) << raw;
  EXPECT_TRUE(absl::StrContains(raw, "Content-Type: text/plain; charset=UTF-8")) << raw;
  EXPECT_TRUE(absl::StrContains(raw, "Content-Transfer-Encoding: quoted-printable")) << raw;
  EXPECT_TRUE(absl::StrContains(raw, "Message-ID: <invite.t1.01ABC@mesh.example>")) << raw;
  EXPECT_TRUE(absl::StrContains(absl::AsciiStrToLower(raw), "mime-version: 1.0")) << raw;
  for (char c : raw) ASSERT_LT(static_cast<unsigned char>(c), 0x80) << "8-bit byte on the wire";
}

TEST(CON13_SmtpSender, StartTlsRequiredRefusesAServerWithoutIt) {
  SmtpSink sink;
  SmtpSender sender(LoopbackSmtp(sink.port(), StartTls::kRequired));
  absl::Status st = sender.Send(SampleMail(), "invite.t1.02");
  EXPECT_EQ(st.code(), absl::StatusCode::kUnavailable) << st;
  // Optional: the server offers none, the message goes in the clear.
  SmtpSender optional(LoopbackSmtp(sink.port(), StartTls::kOptional));
  EXPECT_TRUE(optional.Send(SampleMail(), "invite.t1.03").ok());
  auto got = sink.WaitMessages(1, absl::Seconds(10));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(absl::StrContains(got[0].raw, "invite.t1.03")) << "only the optional one arrived";
}

TEST(CON13_SmtpSender, AServerThatIsDownIsUnavailable) {
  SmtpSink sink;
  sink.Stop();
  SmtpSender sender(LoopbackSmtp(sink.port()));
  absl::Status st = sender.Send(SampleMail(), "invite.t1.04");
  EXPECT_EQ(st.code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(absl::StrContains(st.message(), "smtp 127.0.0.1")) << st;
}

}  // namespace
}  // namespace engage::connection
