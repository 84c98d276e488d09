// CON-12: what the preview of an invite may show, and its rate per caller.
#include "connection_svc/rules/preview_rules.h"

#include <gtest/gtest.h>

#include "common/status/errors.h"
#include "connection_svc/rules/invite_rules.h"

namespace engage::connection {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1700000000);

Invite Pending(InviteChannel channel = InviteChannel::kQrCode) {
  Invite i;
  i.invite_id = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
  i.channel = channel;
  i.inviter_subject = "sarah";
  i.state = InviteState::kPending;
  i.create_time = kNow;
  i.expire_time = kNow + absl::Hours(24 * 30);
  if (channel == InviteChannel::kApprovedEmail) i.recipient_email = "dr.a@clinic.example";
  return i;
}

TEST(CON12_Preview, OpenInviteShowsPendingWithTheCard) {
  auto facts = PreviewOf(Pending(), "", auth::CallerState::kActive, kNow);
  ASSERT_TRUE(facts.ok()) << facts.status();
  EXPECT_EQ(facts->state, PreviewState::kPending);
  EXPECT_TRUE(facts->show_card);
}

TEST(CON12_Preview, EveryClosedStateSaysSo) {
  Invite expired = Pending();
  EXPECT_EQ(PreviewOf(expired, "", auth::CallerState::kActive, expired.expire_time)->state,
            PreviewState::kExpired);
  for (auto [stored, shown] : {std::pair{InviteState::kAccepted, PreviewState::kAccepted},
                               std::pair{InviteState::kDeclined, PreviewState::kDeclined},
                               std::pair{InviteState::kRevoked, PreviewState::kRevoked}}) {
    Invite i = Pending();
    i.state = stored;
    // A used invite stays used after its expiry: the stored state wins.
    auto facts = PreviewOf(i, "", auth::CallerState::kActive, i.expire_time + absl::Hours(1));
    ASSERT_TRUE(facts.ok());
    EXPECT_EQ(facts->state, shown);
    EXPECT_TRUE(facts->show_card);
  }
}

TEST(CON12_Preview, SEC09_GoneInviterReadsRevokedWithoutCard) {
  for (auto gone : {auth::CallerState::kDeactivated, auth::CallerState::kRemoved}) {
    auto facts = PreviewOf(Pending(), "", gone, kNow);
    ASSERT_TRUE(facts.ok());
    EXPECT_EQ(facts->state, PreviewState::kRevoked);
    EXPECT_FALSE(facts->show_card);
  }
  Invite used = Pending();
  used.state = InviteState::kAccepted;
  EXPECT_EQ(PreviewOf(used, "", auth::CallerState::kDeactivated, kNow)->state,
            PreviewState::kAccepted);
}

TEST(CON12_Preview, SEC08_EmailInviteIsNotFoundToAnyoneButItsRecipient) {
  const Invite mail = Pending(InviteChannel::kApprovedEmail);
  EXPECT_TRUE(PreviewOf(mail, "DR.A@clinic.example", auth::CallerState::kActive, kNow).ok());
  for (const char* other : {"", "someone@else.example"}) {
    auto facts = PreviewOf(mail, other, auth::CallerState::kActive, kNow);
    EXPECT_EQ(facts.status().code(), absl::StatusCode::kNotFound);
    // Word for word the answer of a wrong token.
    EXPECT_EQ(facts.status(), NoInviteWithToken());
  }
}

TEST(CON12_PreviewRate, RefusalIsResourceExhaustedWithRetryInfo) {
  const absl::Status st = PreviewRateExceeded(absl::Milliseconds(1500));
  EXPECT_EQ(st.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ReasonOf(st), "CON-12");
  EXPECT_TRUE(st.GetPayload(kRetryInfoTypeUrl).has_value());
  EXPECT_NE(st.message().find("2s"), absl::string_view::npos) << st.message();
}

}  // namespace
}  // namespace engage::connection
