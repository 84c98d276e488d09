#ifndef ENGAGE_TESTS_E2E_PRF11_ERASURE_ERASURE_FIXTURE_H_
#define ENGAGE_TESTS_E2E_PRF11_ERASURE_ERASURE_FIXTURE_H_

// PRF-11 end to end: an HCP with a unique marker in every field the mesh can
// hold about them, made through the gateway (sign-up, profile edit, category
// answers with profile-data events, an accepted e-mail invite started from a
// CRM account, a pending one whose e-mail is still queued, meeting and CLM
// interactions, a CRM sync), then deleted through the gateway.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engage/profile/v1/crm_sync.grpc.pb.h"
#include "tests/e2e/connection_svc/connection_e2e_fixture.h"
#include "tests/support/smtp_sink.h"

namespace engage::testing {

// What one HCP holds: every value unique to the test, so a hit anywhere in
// the database after the erasure is this HCP's datum.
struct HcpMarkers {
  explicit HcpMarkers(const std::string& unique) : u(unique) {
    std::mt19937_64 rng(std::random_device{}());
    for (int i = 0; i < 12; ++i) phone_digits += static_cast<char>('0' + rng() % 10);
  }
  std::string u;
  std::string phone_digits;
  std::string subject() const { return "hcp-" + u; }
  std::string first() const { return "Fn" + u; }
  std::string last() const { return "Ln" + u; }
  std::string display() const { return "Disp" + u; }
  // Mixed case: interactions keep e-mails lower case, invites as written.
  std::string email() const { return "Em" + u + "@Clinic.example"; }
  std::string phone() const { return "+1 " + phone_digits; }
  std::string title() const { return "Title" + u; }
  std::string degree() const { return "Deg" + u; }
  std::string practice() const { return "Prac" + u; }
  std::string address() const { return "1 Addr" + u + " Street"; }
  std::string photo() const { return "https://photos.example/" + u + ".png"; }
  std::string recipient_name() const { return "Rn" + u; }
  std::string account() const { return "ACC" + u; }
  // The personal data: none of it may be found anywhere after the erasure.
  std::vector<std::string> Data() const {
    return {first(),  last(),     display(),  email(), phone_digits,    title(),
            degree(), practice(), "Addr" + u, photo(), recipient_name()};
  }
};

class ErasureE2e : public MailMeshSuite {
 protected:
  static void SetUpTestSuite() {
    StartMailMesh({{"profile",
                    {{"ENGAGE_ERASURE_RETRY_TICK_SECONDS", "1"},
                     {"ENGAGE_SYNC_SCHEDULER_TICK_SECONDS", "0"}}}});
  }

  // Signs the HCP up with its verified e-mail and fills every field it owns.
  std::string SignUpWithEveryField(const HcpMarkers& m) {
    emails_[m.subject()] = m.email();
    prf::SignUpHcpRequest sign_up;
    sign_up.set_first_name(m.first());
    sign_up.set_last_name(m.last());
    prf::SignUpHcpResponse signed_up;
    grpc::Status st = profiles_->SignUpHcp(Ctx(ROLE_HCP, m.subject()).get(), sign_up, &signed_up);
    EXPECT_TRUE(st.ok()) << st.error_message();
    prf::UpdateProfileRequest edit;
    edit.set_profile_id(signed_up.profile_id());
    edit.set_etag(Card(signed_up.profile_id(), ROLE_HCP, m.subject()).etag());
    prf::ProfileFields* f = edit.mutable_profile();
    f->set_display_name(m.display());
    f->set_photo_url(m.photo());
    f->set_phone(m.phone());
    f->set_title(m.title());
    f->set_degree(m.degree());
    f->set_practice(m.practice());
    f->set_address(m.address());
    for (const char* path :
         {"display_name", "photo_url", "phone", "title", "degree", "practice", "address"}) {
      edit.mutable_update_mask()->add_paths(path);
    }
    prf::UpdateProfileResponse updated;
    st = profiles_->UpdateProfile(Ctx(ROLE_HCP, m.subject()).get(), edit, &updated);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return signed_up.profile_id();
  }

  prf::BusinessCard Card(const std::string& profile_id, engage::common::v1::Role role,
                         const std::string& subject, grpc::Status* status = nullptr) {
    prf::GetBusinessCardRequest request;
    request.set_profile_id(profile_id);
    prf::GetBusinessCardResponse response;
    grpc::Status st = profiles_->GetBusinessCard(Ctx(role, subject).get(), request, &response);
    if (status != nullptr) *status = st;
    return response.card();
  }

  // CAT-06 on, one category, and the HCP's answer: an undelivered event.
  void AnswerCategory(const std::string& hcp, const std::string& subject) {
    prf::UpdateCategorySettingsRequest settings;
    settings.set_sync_mode(prf::ENGAGEMENT_SYNC_MODE_INTERACT);
    settings.set_send_profile_data(true);
    prf::UpdateCategorySettingsResponse set;
    grpc::Status st =
        profiles_->UpdateCategorySettings(Ctx(ROLE_ADMIN, "admin").get(), settings, &set);
    ASSERT_TRUE(st.ok()) << st.error_message();
    prf::CreateProfileCategoryRequest category;
    category.mutable_category()->set_code("SPECIALTY");
    category.mutable_category()->set_description("Specialty");
    prf::CreateProfileCategoryResponse made;
    st = profiles_->CreateProfileCategory(Ctx(ROLE_ADMIN, "admin").get(), category, &made);
    ASSERT_TRUE(st.ok()) << st.error_message();
    prf::CreateCategoryResponseRequest response;
    response.set_category_code("SPECIALTY");
    response.mutable_response()->set_code("CARDIO");
    response.mutable_response()->set_description("Cardiology");
    prf::CreateCategoryResponseResponse done;
    st = profiles_->CreateCategoryResponse(Ctx(ROLE_ADMIN, "admin").get(), response, &done);
    ASSERT_TRUE(st.ok()) << st.error_message();
    prf::SaveProfileAnswersRequest save;
    save.set_profile_id(hcp);
    auto* answer = save.add_answers();
    answer->set_category_code("SPECIALTY");
    answer->set_response_code("CARDIO");
    prf::SaveProfileAnswersResponse saved;
    st = profiles_->SaveProfileAnswers(Ctx(ROLE_HCP, subject).get(), save, &saved);
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(saved.events_written(), 1);
  }

  // An APPROVED_EMAIL invite from `inviter` (subject `inviter_subject`) to
  // the HCP's address, started from the HCP's CRM account in sarah's org.
  CreateInviteResponse EmailInviteTo(const HcpMarkers& m, const std::string& inviter,
                                     const std::string& inviter_subject) {
    if (pm_vault_.empty()) {
      PublishTemplate("Connect invite",
                      "{{inviter_name}} would like to connect, {{recipient_name}}",
                      "Dear {{recipient_name}},\n\nplease connect with me: {{invite_link}}");
    }
    CreateInviteRequest request;
    request.set_inviter_profile_id(inviter);
    request.set_channel(INVITE_CHANNEL_APPROVED_EMAIL);
    request.set_recipient_email(m.email());
    request.set_recipient_name(m.recipient_name());
    request.set_org_id(kSarahOrg);
    request.set_account_id(m.account());
    CreateInviteResponse response;
    grpc::Status st =
        connections_->CreateInvite(Ctx(ROLE_FIELD_USER, inviter_subject).get(), request, &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response;
  }

  engage::connection::v1::Invite GetInviteAs(const std::string& invite_id,
                                             engage::common::v1::Role role,
                                             const std::string& subject) {
    GetInviteRequest request;
    request.set_invite_id(invite_id);
    GetInviteResponse response;
    grpc::Status st = connections_->GetInvite(Ctx(role, subject).get(), request, &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response.invite();
  }

  // Waits until `done` holds (polling every 50 ms), at most `seconds`.
  template <typename Done>
  static bool Eventually(Done done, int seconds = 15) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!done()) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
  }

  int64_t Count(const std::string& sql, const mysql::Params& params) {
    auto rows = mesh_->db().pool().Query(sql, params);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  // The erasure connection_svc has not confirmed yet (profile_erasures).
  int64_t PendingErasures(const std::string& hcp) {
    return Count("SELECT COUNT(*) FROM profile_erasures WHERE tenant_id = ? AND profile_id = ?",
                 {tenant_, hcp});
  }

  grpc::Status Delete(const std::string& hcp, engage::common::v1::Role role,
                      const std::string& subject, prf::DeleteProfileResponse* response = nullptr) {
    prf::DeleteProfileRequest request;
    request.set_profile_id(hcp);
    prf::DeleteProfileResponse ignored;
    return profiles_->DeleteProfile(Ctx(role, subject).get(), request,
                                    response != nullptr ? response : &ignored);
  }

  // Messages the SMTP sink received for `address` (any case).
  size_t MailsTo(const std::string& address) {
    size_t n = 0;
    const std::string lower = absl::AsciiStrToLower(address);
    for (const auto& m : sink_->Messages()) {
      if (absl::StrContains(absl::AsciiStrToLower(m.json), lower)) ++n;
    }
    return n;
  }
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_E2E_PRF11_ERASURE_ERASURE_FIXTURE_H_
