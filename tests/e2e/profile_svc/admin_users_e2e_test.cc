// Admin tasks of issue 17 through the gateway: finding users and their ids
// (ListUsers) and moving a field user to another CRM org (MoveUser), with the
// refusals of bad inputs, other tenants and other roles.
#include <gtest/gtest.h>

#include <set>

#include "common/auth/jwt.h"
#include "engage/profile/v1/audit.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using namespace engage::profile::v1;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;

constexpr char kOrgA[] = "00D000000000001AAA";
constexpr char kOrgB[] = "00D000000000002BBB";

class AdminUsersE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { mesh_ = new Mesh(); }
  static void TearDownTestSuite() {
    delete mesh_;
    mesh_ = nullptr;
  }
  void SetUp() override {
    tenant_ = UniqueName("t");
    stub_ = ProfileService::NewStub(mesh_->Channel());
    audit_ = AuditService::NewStub(mesh_->Channel());
    Company(tenant_);
    NewOrg(tenant_, kOrgA);
    NewOrg(tenant_, kOrgB);
    sarah_ = NewUser(tenant_, "sarah", "Sarah", "Jones", "sarah.jones@acme.example", kOrgA);
    mark_ = NewUser(tenant_, "mark", "Mark", "Smith", "mark@acme.example", kOrgB);
    zoe_ = NewUser(tenant_, "zoe", "Zoé", "Jonas", "z.j@acme.example", "");
  }
  std::unique_ptr<grpc::ClientContext> Admin(const std::string& tenant = "") const {
    return Mesh::Context(ROLE_ADMIN, tenant.empty() ? tenant_ : tenant, "admin");
  }
  void Company(const std::string& tenant) {
    UpsertCompanyRequest company;
    company.set_name("Acme");
    UpsertCompanyResponse ignored;
    grpc::Status st = stub_->UpsertCompany(Admin(tenant).get(), company, &ignored);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  void NewOrg(const std::string& tenant, const std::string& org_id) {
    CreateOrgRequest org;
    org.mutable_org()->set_org_id(org_id);
    org.mutable_org()->set_type(ORG_TYPE_PRODUCTION);
    org.mutable_org()->set_domain("acme.example.com");
    CreateOrgResponse created;
    grpc::Status st = stub_->CreateOrg(Admin(tenant).get(), org, &created);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  CreateFieldUserResponse NewUser(const std::string& tenant, const std::string& subject,
                                  const std::string& first, const std::string& last,
                                  const std::string& email, const std::string& org,
                                  UserType type = USER_TYPE_FIELD_USER) {
    CreateFieldUserRequest user;
    user.set_request_id("r-" + subject);
    user.set_subject(subject);
    user.set_first_name(first);
    user.set_last_name(last);
    user.set_email(email);
    user.set_country("US");
    user.set_user_type(type);
    user.set_org_id(org);
    CreateFieldUserResponse created;
    grpc::Status st = stub_->CreateFieldUser(Admin(tenant).get(), user, &created);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return created;
  }
  grpc::Status List(const ListUsersRequest& request, ListUsersResponse* response,
                    const std::string& tenant = "") {
    return stub_->ListUsers(Admin(tenant).get(), request, response);
  }
  // The user ids a query finds, over every page.
  std::vector<std::string> Find(ListUsersRequest request, int page_size = 0) {
    std::vector<std::string> ids;
    request.set_page_size(page_size);
    for (int pages = 0; pages < 20; ++pages) {
      ListUsersResponse page;
      grpc::Status st = List(request, &page);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) break;
      for (const auto& u : page.users()) ids.push_back(u.user_id());
      if (page.next_page_token().empty()) break;
      request.set_page_token(page.next_page_token());
    }
    return ids;
  }
  std::vector<std::string> FindText(const std::string& query) {
    ListUsersRequest request;
    request.set_query(query);
    return Find(request);
  }
  grpc::Status Move(const std::string& user_id, const std::string& org_id,
                    MoveUserResponse* moved = nullptr) {
    MoveUserRequest move;
    move.set_user_id(user_id);
    move.set_org_id(org_id);
    MoveUserResponse ignored;
    return stub_->MoveUser(Admin().get(), move, moved ? moved : &ignored);
  }
  UserEntry Only(const std::string& query) {
    ListUsersRequest request;
    request.set_query(query);
    ListUsersResponse page;
    grpc::Status st = List(request, &page);
    EXPECT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(page.users_size(), 1) << query;
    return page.users_size() > 0 ? page.users(0) : UserEntry();
  }
  // The audit trail is written every 200 ms: wait for `n` events of `object_id`.
  std::vector<AuditEvent> AwaitAudit(const std::string& object_id, size_t n) {
    std::vector<AuditEvent> events;
    for (int i = 0; i < 50; ++i) {
      ListAuditEventsRequest request;
      request.set_object_id(object_id);
      ListAuditEventsResponse page;
      grpc::Status st = audit_->ListAuditEvents(Admin().get(), request, &page);
      EXPECT_TRUE(st.ok()) << st.error_message();
      events.assign(page.events().begin(), page.events().end());
      if (events.size() >= n) break;
      absl::SleepFor(absl::Milliseconds(100));
    }
    return events;
  }

  static Mesh* mesh_;
  std::string tenant_;
  std::unique_ptr<ProfileService::Stub> stub_;
  std::unique_ptr<AuditService::Stub> audit_;
  CreateFieldUserResponse sarah_, mark_, zoe_;
};

Mesh* AdminUsersE2e::mesh_ = nullptr;

TEST_F(AdminUsersE2e, PRF06_ListUsersGivesTheUserIdAddGroupMemberNeeds) {
  const UserEntry found = Only("sarah.jo");
  EXPECT_EQ(found.user_id(), sarah_.user_id());
  EXPECT_EQ(found.profile_id(), sarah_.profile_id());
  EXPECT_EQ(found.subject(), "sarah");
  EXPECT_EQ(found.email(), "sarah.jones@acme.example");
  EXPECT_EQ(found.org_id(), kOrgA);
  EXPECT_EQ(found.state(), USER_STATE_ACTIVE);
  EXPECT_EQ(found.user_type(), USER_TYPE_FIELD_USER);
  EXPECT_TRUE(found.group_id().empty());

  CreateGroupRequest create;
  create.set_request_id("g1");
  create.mutable_group()->set_name("Cardio");
  CreateGroupResponse group;
  ASSERT_TRUE(stub_->CreateGroup(Admin().get(), create, &group).ok());
  AddGroupMemberRequest member;
  member.set_group_id(group.group().group_id());
  member.set_user_id(found.user_id());
  AddGroupMemberResponse added;
  grpc::Status st = stub_->AddGroupMember(Admin().get(), member, &added);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(Only("sarah.jo").group_id(), group.group().group_id());
}

TEST_F(AdminUsersE2e, PRF02_SearchMatchesAPrefixOfFullNameLastNameOrEmailInAnyCase) {
  const std::set<std::string> jo = {sarah_.user_id(), zoe_.user_id()};
  const auto found = FindText("jo");  // last names Jones, Jonas
  EXPECT_EQ(std::set<std::string>(found.begin(), found.end()), jo);
  EXPECT_EQ(FindText("SARAH J"), std::vector<std::string>{sarah_.user_id()});  // full name
  EXPECT_EQ(FindText("zoé"), std::vector<std::string>{zoe_.user_id()});  // not ASCII, any case
  EXPECT_EQ(FindText("ZOÉ JON"), std::vector<std::string>{zoe_.user_id()});
  EXPECT_EQ(FindText("MARK@"), std::vector<std::string>{mark_.user_id()});  // e-mail
  EXPECT_TRUE(FindText("ones").empty());  // a prefix, not a substring
  EXPECT_TRUE(FindText("%%").empty());    // LIKE wildcards match themselves
  EXPECT_TRUE(FindText("_ark").empty());
  EXPECT_EQ(FindText("").size(), 3u);  // no query: every user
}

TEST_F(AdminUsersE2e, PRF02_FiltersByOrgAndStateAndPagesInUserIdOrder) {
  for (int i = 0; i < 5; ++i) {
    const std::string s = "rep" + std::to_string(i);
    NewUser(tenant_, s, "Rep", "Number" + std::to_string(i), s + "@acme.example", kOrgA);
  }
  ListUsersRequest in_a;
  in_a.set_org_id(kOrgA);
  const auto all_a = Find(in_a, 2);
  ASSERT_EQ(all_a.size(), 6u);
  EXPECT_TRUE(std::is_sorted(all_a.begin(), all_a.end()));
  EXPECT_EQ(Find(in_a, 500), all_a);

  // Deactivate one: the state filter sees it.
  GetBusinessCardRequest get;
  get.set_profile_id(sarah_.profile_id());
  GetBusinessCardResponse card;
  ASSERT_TRUE(stub_->GetBusinessCard(Admin().get(), get, &card).ok());
  UpdateProfileRequest off;
  off.set_profile_id(sarah_.profile_id());
  off.set_etag(card.card().etag());
  off.mutable_profile()->set_active(false);
  off.mutable_update_mask()->add_paths("active");
  UpdateProfileResponse updated;
  grpc::Status st = stub_->UpdateProfile(Admin().get(), off, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ListUsersRequest deactivated;
  deactivated.set_state(USER_STATE_DEACTIVATED);
  EXPECT_EQ(Find(deactivated), std::vector<std::string>{sarah_.user_id()});
  ListUsersRequest active_a;
  active_a.set_org_id(kOrgA);
  active_a.set_state(USER_STATE_ACTIVE);
  EXPECT_EQ(Find(active_a).size(), 5u);
  ListUsersRequest text_and_org;
  text_and_org.set_query("rep");
  text_and_org.set_org_id(kOrgB);
  EXPECT_TRUE(Find(text_and_org).empty());

  // A page token continues its own query only.
  ListUsersRequest first;
  first.set_org_id(kOrgA);
  first.set_page_size(2);
  ListUsersResponse page;
  ASSERT_TRUE(List(first, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  ListUsersRequest other;
  other.set_org_id(kOrgB);
  other.set_page_token(page.next_page_token());
  ListUsersResponse refused;
  EXPECT_EQ(List(other, &refused).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AdminUsersE2e, PRF02_BadFiltersAreInvalidArgumentNamingTheField) {
  auto refused = [&](ListUsersRequest request, const std::string& field) {
    ListUsersResponse page;
    grpc::Status st = List(request, &page);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << field;
    EXPECT_NE(st.error_message().find(field), std::string::npos) << st.error_message();
  };
  ListUsersRequest r;
  r.set_query(std::string(101, 'a'));
  refused(r, "query");
  r.set_query("s");  // one letter: every page would read and sort its matches
  refused(r, "query");
  r = {};
  r.set_org_id("00D0000000");
  refused(r, "org_id");
  r = {};
  r.set_state(static_cast<UserState>(7));
  refused(r, "state");
  r = {};
  r.set_page_size(501);
  refused(r, "page_size");
  r = {};
  r.set_page_token("not-a-token");
  refused(r, "page_token");
}

TEST_F(AdminUsersE2e, SEC13_AnotherTenantsUsersNeverAppearEvenByExactEmail) {
  const std::string other = UniqueName("t");
  Company(other);
  const auto theirs = NewUser(other, "sarah", "Sarah", "Jones", "sarah.jones@acme.example", "");
  EXPECT_EQ(FindText("sarah.jones@acme.example"), std::vector<std::string>{sarah_.user_id()});
  EXPECT_EQ(Find(ListUsersRequest()).size(), 3u);
  // Their admin sees only theirs, and cannot move ours.
  ListUsersRequest request;
  request.set_query("sarah.jones@acme.example");
  ListUsersResponse page;
  ASSERT_TRUE(List(request, &page, other).ok());
  ASSERT_EQ(page.users_size(), 1);
  EXPECT_EQ(page.users(0).user_id(), theirs.user_id());
  MoveUserRequest move;
  move.set_user_id(sarah_.user_id());
  move.set_org_id(kOrgB);
  MoveUserResponse moved;
  EXPECT_EQ(stub_->MoveUser(Admin(other).get(), move, &moved).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(AdminUsersE2e, SEC03_HcpsAreNotUsersAndNeverListed) {
  auto token = auth::MintHs256(
      kTestSecret, auth::Identity("house", ROLE_HCP, tenant_, "house@clinic.example", true),
      absl::Now(), absl::Hours(1));
  ASSERT_TRUE(token.ok());
  SignUpHcpRequest sign_up;
  sign_up.set_first_name("Greg");
  sign_up.set_last_name("House");
  SignUpHcpResponse hcp;
  ASSERT_TRUE(stub_->SignUpHcp(Mesh::Context(*token).get(), sign_up, &hcp).ok());
  EXPECT_TRUE(FindText("house").empty());
  EXPECT_TRUE(FindText("greg").empty());
  EXPECT_EQ(Find(ListUsersRequest()).size(), 3u);
}

TEST_F(AdminUsersE2e, SEC01_OnlyAdminsListAndMoveUsers) {
  ListUsersRequest list;
  ListUsersResponse page;
  MoveUserRequest move;
  move.set_user_id(mark_.user_id());
  move.set_org_id(kOrgA);
  MoveUserResponse moved;
  for (auto role : {ROLE_FIELD_USER, ROLE_HCP}) {
    EXPECT_EQ(
        stub_->ListUsers(Mesh::Context(role, tenant_, "sarah").get(), list, &page).error_code(),
        grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(
        stub_->MoveUser(Mesh::Context(role, tenant_, "sarah").get(), move, &moved).error_code(),
        grpc::StatusCode::PERMISSION_DENIED);
  }
  EXPECT_EQ(Only("mark@").org_id(), kOrgB);
}

TEST_F(AdminUsersE2e, PRF02_MoveUserChangesTheOrgAndIsAuditedAsMoveUser) {
  MoveUserResponse moved;
  grpc::Status st = Move(sarah_.user_id(), kOrgB, &moved);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(moved.previous_org_id(), kOrgA);
  EXPECT_EQ(moved.user().org_id(), kOrgB);
  EXPECT_EQ(moved.user().user_id(), sarah_.user_id());
  EXPECT_EQ(Only("sarah.jo").org_id(), kOrgB);
  // From no org into one.
  ASSERT_TRUE(Move(zoe_.user_id(), kOrgA, &moved).ok());
  EXPECT_TRUE(moved.previous_org_id().empty());

  auto events = AwaitAudit(sarah_.profile_id(), 1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action(), "MOVE_USER");
  EXPECT_EQ(events[0].object_type(), "PROFILE");
  EXPECT_EQ(events[0].actor_subject(), "admin");
  EXPECT_EQ(events[0].method(), "/engage.profile.v1.ProfileService/MoveUser");
}

TEST_F(AdminUsersE2e, PRF02_RefusedMovesChangeNothing) {
  const auto admin_user =
      NewUser(tenant_, "alice", "Alice", "Adams", "alice@acme.example", kOrgA, USER_TYPE_ADMIN);
  struct Case {
    std::string user_id, org_id;
    grpc::StatusCode code;
    std::string names;
  };
  const std::vector<Case> cases = {
      {sarah_.user_id(), kOrgA, grpc::StatusCode::FAILED_PRECONDITION, "already in org"},
      {admin_user.user_id(), kOrgB, grpc::StatusCode::FAILED_PRECONDITION, "field users"},
      {sarah_.user_id(), "00D000000000009ZZZ", grpc::StatusCode::NOT_FOUND, "org"},
      {"01HZZZZZZZZZZZZZZZZZZZZZZZ", kOrgB, grpc::StatusCode::NOT_FOUND, "user"},
      {sarah_.user_id(), "short", grpc::StatusCode::INVALID_ARGUMENT, "org_id"},
      {"", kOrgB, grpc::StatusCode::INVALID_ARGUMENT, "user_id"},
      {sarah_.user_id() + " ", kOrgB, grpc::StatusCode::INVALID_ARGUMENT, "user_id"},
  };
  for (const auto& c : cases) {
    grpc::Status st = Move(c.user_id, c.org_id);
    EXPECT_EQ(st.error_code(), c.code) << c.user_id << " -> " << c.org_id;
    EXPECT_NE(st.error_message().find(c.names), std::string::npos) << st.error_message();
  }
  EXPECT_EQ(Only("sarah.jo").org_id(), kOrgA);
  EXPECT_EQ(Only("alice").org_id(), kOrgA);
}

}  // namespace
}  // namespace engage::testing
