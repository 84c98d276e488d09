// Profile category administration through the gateway (issue 17): list,
// rename, reorder, change a response's text, retire; retired categories and
// responses stop being offered to HCPs and cannot be answered anew, while
// existing answers keep reading with their labels.
#include <gtest/gtest.h>

#include "common/auth/jwt.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/e2e/profile_svc/profile_e2e_fixture.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using namespace engage::profile::v1;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;

class AdminCategoriesE2e : public ProfileE2e {
 protected:
  void SetUp() override {
    ProfileE2e::SetUp();
    if (HasFatalFailure()) return;
    NewCategory("AGE", "Age", true);
    NewResponse("AGE", "18", "18 to 30", false);
    NewResponse("AGE", "31", "31 and over", false);
    NewCategory("COLOR", "Favourite colour", false);
    NewResponse("COLOR", "RED", "Red", true);
    NewResponse("COLOR", "BLUE", "Blue", false);
    NewCategory("HOME", "Homeowner", false);
    NewResponse("HOME", "Y", "Yes", false);
    auto token = auth::MintHs256(
        kTestSecret, auth::Identity("house", ROLE_HCP, tenant_, "house@clinic.example", true),
        absl::Now(), absl::Hours(1));
    ASSERT_TRUE(token.ok());
    hcp_token_ = *token;
    SignUpHcpRequest sign_up;
    sign_up.set_first_name("Greg");
    sign_up.set_last_name("House");
    SignUpHcpResponse hcp;
    ASSERT_TRUE(stub_->SignUpHcp(Mesh::Context(hcp_token_).get(), sign_up, &hcp).ok());
    hcp_ = hcp.profile_id();
  }
  void NewCategory(const std::string& code, const std::string& description, bool required) {
    CreateProfileCategoryRequest create;
    create.mutable_category()->set_code(code);
    create.mutable_category()->set_description(description);
    create.mutable_category()->set_required(required);
    CreateProfileCategoryResponse created;
    grpc::Status st = stub_->CreateProfileCategory(Admin().get(), create, &created);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  void NewResponse(const std::string& category, const std::string& code,
                   const std::string& description, bool is_default) {
    CreateCategoryResponseRequest create;
    create.set_category_code(category);
    create.mutable_response()->set_code(code);
    create.mutable_response()->set_description(description);
    create.mutable_response()->set_is_default(is_default);
    CreateCategoryResponseResponse created;
    grpc::Status st = stub_->CreateCategoryResponse(Admin().get(), create, &created);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  // Every category, over pages of `page_size`.
  std::vector<CategoryDefinition> ListAll(int page_size) {
    std::vector<CategoryDefinition> all;
    ListProfileCategoriesRequest request;
    request.set_page_size(page_size);
    for (int pages = 0; pages < 20; ++pages) {
      ListProfileCategoriesResponse page;
      grpc::Status st = stub_->ListProfileCategories(Admin().get(), request, &page);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) break;
      all.insert(all.end(), page.categories().begin(), page.categories().end());
      if (page.next_page_token().empty()) break;
      request.set_page_token(page.next_page_token());
    }
    return all;
  }
  std::vector<std::string> Codes(const std::vector<CategoryDefinition>& categories) {
    std::vector<std::string> codes;
    for (const auto& c : categories) codes.push_back(c.code());
    return codes;
  }
  grpc::Status UpdateCategory(const std::string& code, const CategoryDefinition& values,
                              const std::vector<std::string>& paths,
                              UpdateProfileCategoryResponse* out = nullptr) {
    UpdateProfileCategoryRequest update;
    update.set_category_code(code);
    *update.mutable_category() = values;
    for (const auto& p : paths) update.mutable_update_mask()->add_paths(p);
    UpdateProfileCategoryResponse ignored;
    return stub_->UpdateProfileCategory(Admin().get(), update, out ? out : &ignored);
  }
  grpc::Status UpdateResponse(const std::string& code, const std::string& response,
                              const CategoryResponseDefinition& values,
                              const std::vector<std::string>& paths,
                              UpdateCategoryResponseResponse* out = nullptr) {
    UpdateCategoryResponseRequest update;
    update.set_category_code(code);
    update.set_response_code(response);
    *update.mutable_response() = values;
    for (const auto& p : paths) update.mutable_update_mask()->add_paths(p);
    UpdateCategoryResponseResponse ignored;
    return stub_->UpdateCategoryResponse(Admin().get(), update, out ? out : &ignored);
  }
  grpc::Status RetireCategory(const std::string& code) {
    RetireProfileCategoryRequest retire;
    retire.set_category_code(code);
    RetireProfileCategoryResponse retired;
    return stub_->RetireProfileCategory(Admin().get(), retire, &retired);
  }
  grpc::Status RetireResponse(const std::string& code, const std::string& response) {
    RetireCategoryResponseRequest retire;
    retire.set_category_code(code);
    retire.set_response_code(response);
    RetireCategoryResponseResponse retired;
    return stub_->RetireCategoryResponse(Admin().get(), retire, &retired);
  }
  // The form as the HCP reads it.
  GetProfileAnswersResponse Form() {
    GetProfileAnswersRequest get;
    get.set_profile_id(hcp_);
    GetProfileAnswersResponse form;
    grpc::Status st = stub_->GetProfileAnswers(Mesh::Context(hcp_token_).get(), get, &form);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return form;
  }
  const ProfileAnswerField* FieldOf(const GetProfileAnswersResponse& form,
                                    const std::string& code) {
    for (const auto& f : form.fields()) {
      if (f.category_code() == code) return &f;
    }
    return nullptr;
  }
  grpc::Status Save(const std::vector<std::pair<std::string, std::string>>& answers) {
    SaveProfileAnswersRequest save;
    save.set_profile_id(hcp_);
    for (const auto& [category, response] : answers) {
      ProfileAnswer* a = save.add_answers();
      a->set_category_code(category);
      a->set_response_code(response);
    }
    SaveProfileAnswersResponse saved;
    return stub_->SaveProfileAnswers(Mesh::Context(hcp_token_).get(), save, &saved);
  }

  std::string hcp_token_;
  std::string hcp_;
};

TEST_F(AdminCategoriesE2e, CAT01_ListGivesCategoriesAndResponsesInDisplayOrderPageByPage) {
  const auto all = ListAll(0);
  EXPECT_EQ(Codes(all), (std::vector<std::string>{"AGE", "COLOR", "HOME"}));
  ASSERT_EQ(all[1].responses_size(), 2);
  EXPECT_EQ(all[1].responses(0).code(), "BLUE");  // same position: code order
  EXPECT_TRUE(all[1].responses(1).is_default());
  EXPECT_TRUE(all[0].required());
  EXPECT_EQ(Codes(ListAll(1)), Codes(all));
  EXPECT_EQ(Codes(ListAll(2)), Codes(all));

  ListProfileCategoriesRequest bad;
  bad.set_page_size(501);
  ListProfileCategoriesResponse page;
  EXPECT_EQ(stub_->ListProfileCategories(Admin().get(), bad, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  bad.set_page_size(0);
  bad.set_page_token("junk");
  EXPECT_EQ(stub_->ListProfileCategories(Admin().get(), bad, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AdminCategoriesE2e, CAT01_RenameReorderAndChangeAResponsesTextShowOnTheHcpsForm) {
  CategoryDefinition values;
  values.set_description("Your age");
  values.set_position(20);
  UpdateProfileCategoryResponse updated;
  grpc::Status st = UpdateCategory("AGE", values, {"description", "position"}, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(updated.category().description(), "Your age");
  EXPECT_EQ(updated.category().position(), 20);
  EXPECT_TRUE(updated.category().required());  // not in the mask: unchanged
  CategoryResponseDefinition red;
  red.set_description("Crimson");
  red.set_position(5);
  ASSERT_TRUE(UpdateResponse("COLOR", "RED", red, {"description", "position"}).ok());

  EXPECT_EQ(Codes(ListAll(1)), (std::vector<std::string>{"COLOR", "HOME", "AGE"}));
  const auto form = Form();
  ASSERT_EQ(form.fields_size(), 3);
  EXPECT_EQ(form.fields(2).category_code(), "AGE");
  EXPECT_EQ(form.fields(2).description(), "Your age");
  const ProfileAnswerField* color = FieldOf(form, "COLOR");
  ASSERT_NE(color, nullptr);
  ASSERT_EQ(color->responses_size(), 2);
  EXPECT_EQ(color->responses(0).code(), "BLUE");
  EXPECT_EQ(color->responses(1).description(), "Crimson");
}

TEST_F(AdminCategoriesE2e, CAT01_ADefaultChangeKeepsAtMostOneDefault) {
  CategoryResponseDefinition values;
  values.set_is_default(true);
  grpc::Status st = UpdateResponse("COLOR", "BLUE", values, {"is_default"});
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("CAT-01"), std::string::npos) << st.error_message();
  values.set_is_default(false);
  ASSERT_TRUE(UpdateResponse("COLOR", "RED", values, {"is_default"}).ok());
  values.set_is_default(true);
  UpdateCategoryResponseResponse updated;
  ASSERT_TRUE(UpdateResponse("COLOR", "BLUE", values, {"is_default"}, &updated).ok());
  int defaults = 0;
  for (const auto& r : updated.category().responses()) defaults += r.is_default();
  EXPECT_EQ(defaults, 1);
  EXPECT_EQ(FieldOf(Form(), "COLOR")->selected_response_code(), "BLUE");  // CAT-03
}

TEST_F(AdminCategoriesE2e, CAT02_ARetiredCategoryIsNoLongerOfferedButItsAnswerKeepsItsLabel) {
  ASSERT_TRUE(Save({{"AGE", "31"}, {"HOME", "Y"}}).ok());
  ASSERT_TRUE(RetireCategory("HOME").ok());
  ASSERT_TRUE(RetireCategory("HOME").ok());  // again: a no-op
  const auto form = Form();
  const ProfileAnswerField* home = FieldOf(form, "HOME");
  ASSERT_NE(home, nullptr);
  EXPECT_TRUE(home->retired());
  EXPECT_EQ(home->description(), "Homeowner");
  EXPECT_EQ(home->selected_response_code(), "Y");
  ASSERT_EQ(home->responses_size(), 1);
  EXPECT_EQ(home->responses(0).description(), "Yes");
  const auto listed = ListAll(0);
  EXPECT_TRUE(listed[2].retired());

  // Another HCP, who never answered it, is not offered it.
  auto token = auth::MintHs256(
      kTestSecret, auth::Identity("wilson", ROLE_HCP, tenant_, "wilson@clinic.example", true),
      absl::Now(), absl::Hours(1));
  ASSERT_TRUE(token.ok());
  SignUpHcpRequest sign_up;
  sign_up.set_first_name("James");
  sign_up.set_last_name("Wilson");
  SignUpHcpResponse wilson;
  ASSERT_TRUE(stub_->SignUpHcp(Mesh::Context(*token).get(), sign_up, &wilson).ok());
  GetProfileAnswersRequest get;
  get.set_profile_id(wilson.profile_id());
  GetProfileAnswersResponse theirs;
  ASSERT_TRUE(stub_->GetProfileAnswers(Mesh::Context(*token).get(), get, &theirs).ok());
  EXPECT_EQ(FieldOf(theirs, "HOME"), nullptr);
  SaveProfileAnswersRequest save;
  save.set_profile_id(wilson.profile_id());
  save.add_answers()->set_category_code("AGE");
  save.mutable_answers(0)->set_response_code("18");
  save.add_answers()->set_category_code("HOME");
  save.mutable_answers(1)->set_response_code("Y");
  SaveProfileAnswersResponse saved;
  grpc::Status st = stub_->SaveProfileAnswers(Mesh::Context(*token).get(), save, &saved);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("CAT-02"), std::string::npos) << st.error_message();
  EXPECT_NE(st.error_message().find("HOME"), std::string::npos) << st.error_message();
  // Nothing of the refused save was kept.
  ASSERT_TRUE(stub_->GetProfileAnswers(Mesh::Context(*token).get(), get, &theirs).ok());
  EXPECT_TRUE(FieldOf(theirs, "AGE")->selected_response_code().empty());
}

TEST_F(AdminCategoriesE2e, CAT02_ARetiredResponseIsNotOfferedNorChosenAnew) {
  ASSERT_TRUE(Save({{"AGE", "18"}, {"COLOR", "RED"}}).ok());
  ASSERT_TRUE(RetireResponse("COLOR", "RED").ok());
  ASSERT_TRUE(RetireResponse("AGE", "18").ok());
  // The stored answers keep their labels, marked retired; resubmitting them is fine.
  const auto form = Form();
  const ProfileAnswerField* color = FieldOf(form, "COLOR");
  ASSERT_NE(color, nullptr);
  EXPECT_EQ(color->selected_response_code(), "RED");
  ASSERT_EQ(color->responses_size(), 2);
  EXPECT_TRUE(color->responses(1).retired());
  EXPECT_EQ(color->responses(1).description(), "Red");
  EXPECT_FALSE(color->responses(1).is_default());  // a retired response is no default
  EXPECT_TRUE(Save({{"AGE", "18"}, {"COLOR", "RED"}}).ok());
  // Moving away is fine; coming back to a retired response is not.
  ASSERT_TRUE(Save({{"COLOR", "BLUE"}}).ok());
  grpc::Status st = Save({{"COLOR", "RED"}});
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("CAT-02"), std::string::npos) << st.error_message();
  const auto form_after = Form();
  const ProfileAnswerField* after = FieldOf(form_after, "COLOR");
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->selected_response_code(), "BLUE");
  ASSERT_EQ(after->responses_size(), 1);  // RED no longer offered
  // A retired response cannot be made the default.
  CategoryResponseDefinition values;
  values.set_is_default(true);
  EXPECT_EQ(UpdateResponse("COLOR", "RED", values, {"is_default"}).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(AdminCategoriesE2e, CAT05_ARetiredRequiredCategoryNoLongerBlocksSaving) {
  EXPECT_EQ(Save({{"COLOR", "BLUE"}}).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(RetireCategory("AGE").ok());
  EXPECT_TRUE(Save({{"COLOR", "BLUE"}}).ok());
  EXPECT_EQ(FieldOf(Form(), "AGE"), nullptr);
}

TEST_F(AdminCategoriesE2e, CAT01_BadEditsAreRefusedAndChangeNothing) {
  CategoryDefinition values;
  values.set_description("x");
  EXPECT_EQ(UpdateCategory("AGE", values, {}).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(UpdateCategory("AGE", values, {"required"}).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  values.set_description("");
  EXPECT_EQ(UpdateCategory("AGE", values, {"description"}).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  values.set_position(-1);
  grpc::Status st = UpdateCategory("AGE", values, {"position"});
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("category.position"), std::string::npos);
  values.set_position(10001);
  EXPECT_EQ(UpdateCategory("AGE", values, {"position"}).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  values.set_description("Nope");
  EXPECT_EQ(UpdateCategory("NOPE", values, {"description"}).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(UpdateCategory("AGE ", values, {"description"}).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  CategoryResponseDefinition response;
  response.set_description("Nope");
  EXPECT_EQ(UpdateResponse("AGE", "99", response, {"description"}).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(RetireCategory("NOPE").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(RetireResponse("AGE", "99").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(RetireResponse("AGE", "").error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto all = ListAll(0);
  EXPECT_EQ(all[0].description(), "Age");
  EXPECT_EQ(all[0].position(), 0);
  EXPECT_FALSE(all[0].retired());
}

TEST_F(AdminCategoriesE2e, SEC01_OnlyAdminsAdministerCategoriesAndOnlyTheirOwnTenants) {
  ListProfileCategoriesRequest list;
  ListProfileCategoriesResponse page;
  RetireProfileCategoryRequest retire;
  retire.set_category_code("AGE");
  RetireProfileCategoryResponse retired;
  for (auto role : {ROLE_FIELD_USER, ROLE_HCP}) {
    EXPECT_EQ(stub_->ListProfileCategories(Mesh::Context(role, tenant_, "house").get(), list, &page)
                  .error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(
        stub_->RetireProfileCategory(Mesh::Context(role, tenant_, "house").get(), retire, &retired)
            .error_code(),
        grpc::StatusCode::PERMISSION_DENIED);
  }
  const std::string other = UniqueName("t");
  EXPECT_EQ(
      stub_
          ->RetireProfileCategory(Mesh::Context(ROLE_ADMIN, other, "admin").get(), retire, &retired)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(
      stub_->ListProfileCategories(Mesh::Context(ROLE_ADMIN, other, "admin").get(), list, &page)
          .ok());
  EXPECT_EQ(page.categories_size(), 0);
  EXPECT_FALSE(ListAll(0)[0].retired());
}

}  // namespace
}  // namespace engage::testing
