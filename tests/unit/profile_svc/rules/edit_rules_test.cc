#include "profile_svc/rules/edit_rules.h"

#include <gtest/gtest.h>

#include <set>

#include "profile_svc/rules/business_card.h"

namespace engage::profile {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;

const EditTarget kSarah{ProfileKind::kStaff, "sarah", /*can_edit_details=*/true, false};
const EditTarget kHouse{ProfileKind::kHcp, "house", false, false};

TEST(EditRules, PRF02_UserFieldsBelongToTheAdminDetailFieldsToTheUserDetail) {
  EXPECT_EQ(OwnerOf(ProfileKind::kStaff, "email"), FieldOwner::kAdmin);
  EXPECT_EQ(OwnerOf(ProfileKind::kStaff, "user_type"), FieldOwner::kAdmin);
  EXPECT_EQ(OwnerOf(ProfileKind::kStaff, "photo_url"), FieldOwner::kDetail);
  EXPECT_EQ(OwnerOf(ProfileKind::kStaff, "title"), FieldOwner::kDetail);
  EXPECT_EQ(OwnerOf(ProfileKind::kStaff, "degree"), FieldOwner::kNotAField);
}

TEST(EditRules, PRF03_FieldUserEditsOwnDetailButNotOwnEmail) {
  auth::Identity sarah{"sarah", ROLE_FIELD_USER, "t"};
  EXPECT_TRUE(CheckEdit(sarah, kSarah, {"photo_url", "title"}).ok());
  absl::Status email = CheckEdit(sarah, kSarah, {"photo_url", "email"});
  EXPECT_EQ(email.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(email), "PRF-03");
  EXPECT_NE(std::string(email.message()).find("email"), std::string::npos);
}

TEST(EditRules, PRF03_PermissionOffRefusesTheFieldUserButNotTheAdmin) {
  EditTarget locked = kSarah;
  locked.can_edit_details = false;
  EXPECT_EQ(CheckEdit({"sarah", ROLE_FIELD_USER, "t"}, locked, {"photo_url"}).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckEdit({"admin", ROLE_ADMIN, "t"}, locked, {"photo_url", "email"}).ok());
}

TEST(EditRules, PRF03_AnotherFieldUserCannotEditSomeoneElsesDetail) {
  EXPECT_EQ(CheckEdit({"tom", ROLE_FIELD_USER, "t"}, kSarah, {"photo_url"}).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(EditRules, PRF04_OnlyTheHcpEditsTheirProfileNotEvenAnAdmin) {
  const std::vector<std::string> all = {"address", "phone",    "email",    "title",
                                        "degree",  "practice", "photo_url"};
  EXPECT_TRUE(CheckEdit({"house", ROLE_HCP, "t"}, kHouse, all).ok());
  for (const auth::Identity& other :
       {auth::Identity{"admin", ROLE_ADMIN, "t"}, auth::Identity{"wilson", ROLE_HCP, "t"},
        auth::Identity{"house", ROLE_FIELD_USER, "t"}}) {
    absl::Status st = CheckEdit(other, kHouse, {"address"});
    EXPECT_EQ(st.code(), absl::StatusCode::kPermissionDenied) << other.subject;
    EXPECT_EQ(ReasonOf(st), "PRF-04");
  }
}

TEST(EditRules, PRF11_DeletedProfileIsNotEditable) {
  EditTarget gone = kHouse;
  gone.deleted = true;
  EXPECT_EQ(CheckEdit({"house", ROLE_HCP, "t"}, gone, {"title"}).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(EditRules, MaskMustNameKnownFieldsWithValidValues) {
  ProfileEdit edit;
  edit.etag = EtagOf(1);
  FieldErrors none;
  ValidateEdit(none, edit);
  EXPECT_EQ(FieldErrorsOf(none.ToStatus()).front().field, "update_mask");
  edit.paths = {"photo_url", "phone", "email", "nope"};
  edit.fields.photo_url = "ftp://x";
  edit.fields.phone = "call me";
  edit.fields.email = std::string("a\xff@b.example");
  FieldErrors errors;
  ValidateEdit(errors, edit);
  std::set<std::string> fields;
  for (const auto& e : FieldErrorsOf(errors.ToStatus())) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"update_mask", "profile.photo_url", "profile.phone",
                                           "profile.email"}));
}

TEST(BusinessCardRules, PRF11_DeletedCardReadsDeletedUserWithEverythingElseCleared) {
  CardSource s;
  s.profile_id = "p";
  s.kind = ProfileKind::kHcp;
  s.first_name = "Greg";
  s.email = "g@x.example";
  s.degree = "MD";
  s.deleted = true;
  s.status_time = absl::FromUnixSeconds(5);
  BusinessCard card = ComposeCard(s);
  EXPECT_EQ(card.display_name, "Deleted User");
  EXPECT_TRUE(card.fields.first_name.empty());
  EXPECT_TRUE(card.fields.email.empty());
  EXPECT_TRUE(card.fields.degree.empty());
  EXPECT_EQ(card.fields.status_time, absl::FromUnixSeconds(5));
}

TEST(BusinessCardRules, PRF02_DisplayNameFallsBackToFirstAndLastName) {
  CardSource s;
  s.first_name = "Sarah";
  s.last_name = "Jones";
  EXPECT_EQ(ComposeCard(s).display_name, "Sarah Jones");
  s.display_name = "Dr. Sarah";
  EXPECT_EQ(ComposeCard(s).display_name, "Dr. Sarah");
}

}  // namespace
}  // namespace engage::profile
