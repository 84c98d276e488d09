// Which approved e-mail template an e-mail invite is sent with (PMX-11 ->
// CON-13): plain functions, no I/O.
#include "promomats_svc/rules/email_template_rules.h"

#include <gtest/gtest.h>

namespace engage::promomats {
namespace {

CrossLink Template(const std::string& doc, const std::string& name, bool invite_mark) {
  CrossLink link;
  link.crm_vault_id = "crm1";
  link.source_document_id = doc;
  link.source_version = 3;
  link.name = name;
  link.feature = Feature::kApprovedEmail;
  link.email_kind = EmailKind::kTemplate;
  link.lifecycle_state = LifecycleState::kSteady;
  link.state = CrossLinkState::kActive;
  link.metadata = {{"subject", "S " + name}, {"body", "B {{invite_link}}"}};
  if (invite_mark) link.metadata["engage_invite"] = "true";
  return link;
}

TEST(CON13_TemplateChoice, TheNamedTemplateIsPicked) {
  auto picked = PickEmailTemplate(
      {Template("d1", "Product news", false), Template("d2", "Invite", true)}, "Product news");
  ASSERT_TRUE(picked.ok()) << picked.status();
  EXPECT_EQ(picked->document_id, "d1");
  EXPECT_EQ(picked->subject, "S Product news");
  EXPECT_EQ(picked->body, "B {{invite_link}}");
  EXPECT_EQ(picked->version, 3);
  EXPECT_EQ(picked->crm_vault_id, "crm1");
}

TEST(CON13_TemplateChoice, WithoutANameTheOneMarkedForInvitesIsPicked) {
  auto picked = PickEmailTemplate(
      {Template("d1", "Product news", false), Template("d2", "Invite", true)}, "");
  ASSERT_TRUE(picked.ok()) << picked.status();
  EXPECT_EQ(picked->name, "Invite");
}

TEST(CON13_TemplateChoice, NoneIsNotFoundAndSeveralAreNeverPickedByChance) {
  EXPECT_EQ(PickEmailTemplate({Template("d1", "Product news", false)}, "").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(PickEmailTemplate({Template("d1", "Product news", false)}, "Other").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(PickEmailTemplate({}, "").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(
      PickEmailTemplate({Template("d1", "A", true), Template("d2", "B", true)}, "").status().code(),
      absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(PickEmailTemplate({Template("d1", "A", false), Template("d2", "A", false)}, "A")
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(PMX11_TemplateChoice, OnlyWhatIsInTheCrmNowCounts) {
  CrossLink withdrawn = Template("d1", "Invite", true);
  withdrawn.state = CrossLinkState::kWithdrawn;
  CrossLink obsolete = Template("d2", "Invite", true);
  obsolete.lifecycle_state = LifecycleState::kObsolete;
  CrossLink fragment = Template("d3", "Invite", true);
  fragment.email_kind = EmailKind::kFragment;
  CrossLink clm = Template("d4", "Invite", true);
  clm.feature = Feature::kClm;
  CrossLink no_body = Template("d5", "Invite", true);
  no_body.metadata.erase("body");
  for (const auto& link : {withdrawn, obsolete, fragment, clm, no_body}) {
    EXPECT_FALSE(IsUsableTemplate(link)) << link.source_document_id;
  }
  EXPECT_EQ(PickEmailTemplate({withdrawn, obsolete, fragment, clm, no_body}, "").status().code(),
            absl::StatusCode::kNotFound);
  CrossLink non_steady = Template("d6", "Invite", true);
  non_steady.lifecycle_state = LifecycleState::kNonSteady;
  EXPECT_TRUE(IsUsableTemplate(non_steady));
}

}  // namespace
}  // namespace engage::promomats
