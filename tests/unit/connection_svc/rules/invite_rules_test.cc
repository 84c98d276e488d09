// Invite rules (CON-01, CON-03) and the checks on the profiles a request names.
#include "connection_svc/rules/invite_rules.h"

#include <gtest/gtest.h>

#include <set>

#include "common/status/errors.h"
#include "common/time/id_generator.h"
#include "connection_svc/png.h"
#include "connection_svc/rules/profile_checks.h"

namespace engage::connection {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1700000000);

Invite Pending() {
  Invite i;
  i.invite_id = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
  i.inviter_subject = "sarah";
  i.state = InviteState::kPending;
  i.create_time = kNow;
  i.expire_time = kNow + absl::Hours(24 * 30);
  return i;
}

TEST(InviteRules, CON01_TokensAreUnguessableAndStoredOnlyAsHash) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string token = RandomToken(kInviteTokenBytes);
    EXPECT_TRUE(LooksLikeToken(token)) << token;
    EXPECT_TRUE(seen.insert(token).second);
    const std::string hash = HashToken(token);
    EXPECT_EQ(hash.size(), 64u);
    EXPECT_EQ(hash.find(token), std::string::npos);
  }
  // 256 random bits, well above the 128 CON-01 asks for.
  EXPECT_GE(kInviteTokenBytes * 8, 128u);
  // SHA-256 of "abc" (FIPS 180-2 example).
  EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(InviteRules, CON01_MalformedTokensAreRecognised) {
  EXPECT_FALSE(LooksLikeToken(""));
  EXPECT_FALSE(LooksLikeToken("short"));
  EXPECT_FALSE(LooksLikeToken(std::string(43, '\'')));
  EXPECT_FALSE(LooksLikeToken(std::string(44, 'a')));
  EXPECT_TRUE(LooksLikeToken(std::string(43, 'a')));
}

TEST(InviteRules, CON01_LinkIsBaseSlashToken) {
  EXPECT_EQ(InviteLink("https://e.example/invite", "tok"), "https://e.example/invite/tok");
  EXPECT_EQ(InviteLink("https://e.example/invite//", "tok"), "https://e.example/invite/tok");
}

TEST(InviteRules, CON03_PendingUnexpiredInviteIsOpen) {
  EXPECT_TRUE(CheckOpen(Pending(), kNow).ok());
  EXPECT_TRUE(CheckOpen(Pending(), kNow + absl::Hours(24 * 30) - absl::Seconds(1)).ok());
}

TEST(InviteRules, CON03_ExpiredInviteIsFailedPrecondition) {
  absl::Status st = CheckOpen(Pending(), kNow + absl::Hours(24 * 30));
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(st), "CON-03");
  EXPECT_TRUE(IsExpired(Pending(), kNow + absl::Hours(24 * 31)));
}

TEST(InviteRules, CON03_UsedDeclinedRevokedInvitesAreFailedPrecondition) {
  for (InviteState s : {InviteState::kAccepted, InviteState::kDeclined, InviteState::kRevoked}) {
    Invite i = Pending();
    i.state = s;
    absl::Status st = CheckOpen(i, kNow);
    EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition) << static_cast<int>(s);
    EXPECT_EQ(ReasonOf(st), "CON-03");
    // A closed invite is never "expired": it keeps the state it was closed with.
    EXPECT_FALSE(IsExpired(i, kNow + absl::Hours(24 * 365)));
  }
}

TEST(InviteRules, CON03_SEC03_OnlyTheInviterMayRevokeAndToOthersItIsNoInvite) {
  EXPECT_TRUE(CheckRevocable(Pending(), "sarah", kNow).ok());
  // Another field user's revoke reads as a missing id, word for word.
  EXPECT_EQ(CheckRevocable(Pending(), "mark", kNow), NoSuchInvite());
  EXPECT_EQ(NoSuchInvite().code(), absl::StatusCode::kNotFound);
  Invite used = Pending();
  used.state = InviteState::kAccepted;
  EXPECT_EQ(CheckRevocable(used, "sarah", kNow).code(), absl::StatusCode::kFailedPrecondition);
  // Nor does its state show through.
  EXPECT_EQ(CheckRevocable(used, "mark", kNow), NoSuchInvite());
}

TEST(ProfileChecks, CON04_OnlyTheHcpThemselfMayAccept) {
  ProfileOwner hcp{"p1", ProfileKind::kHcp, "dr-a", false, ""};
  EXPECT_TRUE(CheckOwnProfile(hcp, "dr-a", ProfileKind::kHcp, "hcp_profile_id").ok());
  // SEC-03: to another HCP the profile does not exist (was PERMISSION_DENIED,
  // which told them it did).
  EXPECT_EQ(CheckOwnProfile(hcp, "dr-b", ProfileKind::kHcp, "hcp_profile_id"),
            NoSuchProfile("hcp_profile_id"));
  ProfileOwner staff{"p2", ProfileKind::kStaff, "dr-a", false, ""};
  absl::Status wrong_kind = CheckOwnProfile(staff, "dr-a", ProfileKind::kHcp, "hcp_profile_id");
  ASSERT_EQ(wrong_kind.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldErrorsOf(wrong_kind)[0].field, "hcp_profile_id");
  hcp.deleted = true;
  EXPECT_EQ(CheckOwnProfile(hcp, "dr-a", ProfileKind::kHcp, "hcp_profile_id").code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(ProfileChecks, SEC03_SomeoneElsesProfileAnswersAsAMissingOneToAnHcpOnly) {
  EXPECT_EQ(NoSuchProfile("profile_id").code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(NoSuchProfile("profile_id").message(), "profile_id: no such profile");
  // Deleted, or a staff profile: neither is told apart from a missing one.
  ProfileOwner deleted{"p1", ProfileKind::kHcp, "dr-a", true, ""};
  EXPECT_EQ(CheckOwnProfile(deleted, "dr-b", ProfileKind::kHcp, "profile_id"),
            NoSuchProfile("profile_id"));
  ProfileOwner staff{"p2", ProfileKind::kStaff, "sarah", false, ""};
  EXPECT_EQ(CheckOwnProfile(staff, "dr-b", ProfileKind::kHcp, "profile_id"),
            NoSuchProfile("profile_id"));
  // A field user naming another's profile as their own: PERMISSION_DENIED
  // (every profile's public card is theirs to see, so nothing is revealed).
  absl::Status st = CheckOwnProfile(staff, "mark", ProfileKind::kStaff, "inviter_profile_id");
  EXPECT_EQ(st.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(st), "SEC-01");
}

TEST(ProfileChecks, SEC03_AnotherHcpsProfileAsHostIsNoProfileToAnHcp) {
  const ProfileOwner carol{"p1", ProfileKind::kHcp, "dr-carol", false, ""};
  const ProfileOwner victor{"p2", ProfileKind::kHcp, "dr-victor", false, ""};
  const ProfileOwner sarah{"p3", ProfileKind::kStaff, "sarah", false, ""};
  // Victor (an HCP) names Carol's profile as the host: the made-up id's answer.
  EXPECT_EQ(CheckStaffSide(carol, true, "dr-victor", "host_profile_id"),
            NoSuchProfile("host_profile_id"));
  ProfileOwner deleted = carol;
  deleted.deleted = true;
  EXPECT_EQ(CheckStaffSide(deleted, true, "dr-victor", "field_user_profile_id"),
            NoSuchProfile("field_user_profile_id"));
  // His own profile, or any HCP's to an INTEGRATION caller: still the wrong kind.
  for (const auto& st : {CheckStaffSide(victor, true, "dr-victor", "host_profile_id"),
                         CheckStaffSide(carol, false, "meetings-app", "host_profile_id")}) {
    ASSERT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << st;
    EXPECT_EQ(FieldErrorsOf(st)[0].field, "host_profile_id");
  }
  // A field user's profile is accepted, from both.
  EXPECT_TRUE(CheckStaffSide(sarah, true, "dr-victor", "host_profile_id").ok());
  EXPECT_TRUE(CheckStaffSide(sarah, false, "meetings-app", "host_profile_id").ok());
  ProfileOwner removed = sarah;
  removed.deleted = true;
  EXPECT_EQ(CheckStaffSide(removed, true, "dr-victor", "host_profile_id").code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(ProfileChecks, PRF11_PRF12_RemovedProfileIsNamedAndConnectsNoMore) {
  // profile_svc reports merged-away profiles (PRF-12) as deleted, like PRF-11.
  ProfileOwner removed{"p1", ProfileKind::kHcp, "dr-a", true, ""};
  for (const char* field : {"hcp_profile_id", "viewer.hcp_profile_id", "attendees[0]"}) {
    absl::Status st = CheckProfile(removed, ProfileKind::kHcp, field);
    EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(st.message().find(field), 0u) << st.message();
  }
  removed.deleted = false;
  EXPECT_TRUE(CheckProfile(removed, ProfileKind::kHcp, "hcp_profile_id").ok());
}

TEST(ProfileChecks, CON07_EmailsMatchCaseInsensitively) {
  EXPECT_EQ(NormalizeEmail("Dr.Evans@Clinic.Example"), "dr.evans@clinic.example");
}

TEST(Png, CON02_ChecksumsMatchTheirStandards) {
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(Adler32("Wikipedia"), 0x11E60398u);
}

TEST(Png, CON02_ImageHasSignatureHeaderAndEnd) {
  std::vector<bool> pixels(9 * 3, false);
  pixels[0] = true;
  const std::string png = EncodePng(9, 3, pixels);
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n"));
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  EXPECT_EQ(png.substr(png.size() - 8, 4), "IEND");
}

}  // namespace
}  // namespace engage::connection
