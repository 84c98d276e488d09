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
      {Template("d1", "Product news", true), Template("d2", "Invite", true)}, "Product news");
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
  EXPECT_EQ(PickEmailTemplate({Template("d1", "A", true), Template("d2", "A", true)}, "A")
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
  EXPECT_TRUE(IsUsableTemplate(Template("d6", "Invite", true)));
}

// CON-13: "rendered from an approved e-mail template"; seed 001: field users
// send "a pre-approved email template"; seed 003: non-steady documents reach
// the CRM "which allows users to test emails before sending". A draft or a
// template in review is never sent to an HCP, by name or by mark.
TEST(CON13_TemplateChoice, ANonSteadyTemplateIsNeverSent) {
  CrossLink non_steady = Template("d1", "Invite", true);
  non_steady.lifecycle_state = LifecycleState::kNonSteady;
  EXPECT_FALSE(IsUsableTemplate(non_steady));
  EXPECT_EQ(PickEmailTemplate({non_steady}, "").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(PickEmailTemplate({non_steady}, "Invite").status().code(), absl::StatusCode::kNotFound);
  // Beside a steady one, the draft neither wins nor makes the choice ambiguous.
  auto picked = PickEmailTemplate({non_steady, Template("d2", "Invite", true)}, "");
  ASSERT_TRUE(picked.ok()) << picked.status();
  EXPECT_EQ(picked->document_id, "d2");
}

// CON-13: the field user names a template, but only among those the company
// marked for invites; any other approved e-mail template (product news, ...)
// is answered as missing.
TEST(CON13_TemplateChoice, ANamedTemplateMustBeMarkedForInvites) {
  auto unmarked = PickEmailTemplate(
      {Template("d1", "Product news", false), Template("d2", "Invite", true)}, "Product news");
  EXPECT_EQ(unmarked.status().code(), absl::StatusCode::kNotFound);
  CrossLink marked_false = Template("d3", "Product news", false);
  marked_false.metadata["engage_invite"] = "false";
  EXPECT_EQ(PickEmailTemplate({marked_false}, "Product news").status().code(),
            absl::StatusCode::kNotFound);
  auto marked = PickEmailTemplate({Template("d4", "Product news", true)}, "Product news");
  ASSERT_TRUE(marked.ok()) << marked.status();
  EXPECT_EQ(marked->document_id, "d4");
}

}  // namespace
}  // namespace engage::promomats
