// Engage Connect Groups through the gateway (PRF-06, PRF-07): company-wide
// branding on members' cards, group medications as they are now, renaming,
// deleting (members fall back to no group) and listing members, with the
// refusals of bad inputs, other tenants and other roles.
#include <gtest/gtest.h>

#include <set>

#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/e2e/profile_svc/profile_e2e_fixture.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using namespace engage::profile::v1;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;

class GroupsE2e : public ProfileE2e {
 protected:
  void SetUp() override {
    ProfileE2e::SetUp();
    if (HasFatalFailure()) return;
    sarah_ = NewUser("sarah", "Sarah", "Jones");
  }
  void Brand(const std::string& primary, const std::vector<std::string>& medications) {
    UpdateBrandingRequest branding;
    branding.mutable_branding()->set_primary_color(primary);
    for (const auto& m : medications) branding.mutable_branding()->add_default_medications(m);
    branding.mutable_update_mask()->add_paths("primary_color");
    branding.mutable_update_mask()->add_paths("default_medications");
    UpdateBrandingResponse done;
    grpc::Status st = stub_->UpdateBranding(Admin().get(), branding, &done);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  Group NewGroup(const std::string& name, const std::vector<std::string>& medications) {
    CreateGroupRequest create;
    create.set_request_id("g-" + name);
    create.mutable_group()->set_name(name);
    for (const auto& m : medications) create.mutable_group()->add_medications(m);
    create.set_override_medications(true);
    CreateGroupResponse created;
    grpc::Status st = stub_->CreateGroup(Admin().get(), create, &created);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return created.group();
  }
  grpc::Status Join(const std::string& group_id, const std::string& user_id) {
    AddGroupMemberRequest member;
    member.set_group_id(group_id);
    member.set_user_id(user_id);
    AddGroupMemberResponse added;
    return stub_->AddGroupMember(Admin().get(), member, &added);
  }
  // The card as its owner reads it (the next read after a change).
  BusinessCard Card(const std::string& profile_id, const std::string& subject) {
    GetBusinessCardRequest get;
    get.set_profile_id(profile_id);
    GetBusinessCardResponse card;
    grpc::Status st =
        stub_->GetBusinessCard(Mesh::Context(ROLE_FIELD_USER, tenant_, subject).get(), get, &card);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return card.card();
  }
  static std::vector<std::string> Meds(const BusinessCard& card) {
    return {card.medications().begin(), card.medications().end()};
  }

  CreateFieldUserResponse sarah_;
};

TEST_F(GroupsE2e, PRF06_AfterARebrandAGroupMembersCardShowsTheNewColour) {
  Brand("112233", {});
  const Group west = NewGroup("West", {"Restolar"});
  ASSERT_TRUE(Join(west.group_id(), sarah_.user_id()).ok());
  CreateFieldUserResponse tom = NewUser("tom", "Tom", "Smith");  // in no group
  EXPECT_EQ(Card(sarah_.profile_id(), "sarah").primary_color(), "112233");

  Brand("ABCDEF", {});
  EXPECT_EQ(Card(sarah_.profile_id(), "sarah").primary_color(), "ABCDEF");
  EXPECT_EQ(Card(tom.profile_id(), "tom").primary_color(), "ABCDEF");
  EXPECT_EQ(Meds(Card(sarah_.profile_id(), "sarah")), std::vector<std::string>{"Restolar"});
}

TEST_F(GroupsE2e, PRF06_AGroupTakesNoColoursItIsMedicationsOnly) {
  CreateGroupRequest create;
  create.set_request_id("g1");
  create.mutable_group()->set_name("West");
  create.mutable_group()->set_primary_color("FF0000");
  CreateGroupResponse created;
  grpc::Status st = stub_->CreateGroup(Admin().get(), create, &created);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("group.primary_color"), std::string::npos)
      << st.error_message();
  EXPECT_NE(st.error_message().find("PRF-06"), std::string::npos) << st.error_message();
  ListGroupsResponse groups;
  ASSERT_TRUE(stub_->ListGroups(Admin().get(), ListGroupsRequest(), &groups).ok());
  EXPECT_EQ(groups.groups_size(), 0);

  const Group west = NewGroup("West", {});
  UpdateGroupRequest colour;
  colour.set_group_id(west.group_id());
  colour.mutable_group()->set_primary_color("FF0000");
  colour.mutable_update_mask()->add_paths("primary_color");
  UpdateGroupResponse updated;
  st = stub_->UpdateGroup(Admin().get(), colour, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("PRF-06"), std::string::npos) << st.error_message();
}

TEST_F(GroupsE2e, PRF07_ChangedMedicationsAndNameShowOnTheNextRead) {
  const Group west = NewGroup("West", {"Restolar"});
  ASSERT_TRUE(Join(west.group_id(), sarah_.user_id()).ok());

  UpdateGroupRequest update;
  update.set_group_id(west.group_id());
  update.mutable_group()->set_name("West Coast");
  update.mutable_group()->add_medications("Zypex");
  update.mutable_group()->add_medications("Cholecap");
  update.mutable_update_mask()->add_paths("name");
  update.mutable_update_mask()->add_paths("medications");
  UpdateGroupResponse updated;
  grpc::Status st = stub_->UpdateGroup(Admin().get(), update, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(updated.group().name(), "West Coast");
  EXPECT_EQ(Meds(Card(sarah_.profile_id(), "sarah")),
            (std::vector<std::string>{"Zypex", "Cholecap"}));

  // Only the named path changes: clearing the medications keeps the name.
  UpdateGroupRequest clear;
  clear.set_group_id(west.group_id());
  clear.mutable_update_mask()->add_paths("medications");
  ASSERT_TRUE(stub_->UpdateGroup(Admin().get(), clear, &updated).ok());
  EXPECT_EQ(updated.group().name(), "West Coast");
  EXPECT_TRUE(Meds(Card(sarah_.profile_id(), "sarah")).empty());
  ListGroupsResponse groups;
  ASSERT_TRUE(stub_->ListGroups(Admin().get(), ListGroupsRequest(), &groups).ok());
  ASSERT_EQ(groups.groups_size(), 1);
  EXPECT_EQ(groups.groups(0).name(), "West Coast");
  EXPECT_EQ(groups.groups(0).medications_size(), 0);
}

TEST_F(GroupsE2e, PRF06_DeletingAGroupReleasesItsMembersToTheCompanyDefaults) {
  Brand("112233", {"Cholecap"});
  const Group west = NewGroup("West", {"Restolar"});
  ASSERT_TRUE(Join(west.group_id(), sarah_.user_id()).ok());
  EXPECT_EQ(Meds(Card(sarah_.profile_id(), "sarah")), std::vector<std::string>{"Restolar"});

  DeleteGroupRequest del;
  del.set_group_id(west.group_id());
  DeleteGroupResponse deleted;
  grpc::Status st = stub_->DeleteGroup(Admin().get(), del, &deleted);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(deleted.released_member_count(), 1);
  EXPECT_EQ(Meds(Card(sarah_.profile_id(), "sarah")), std::vector<std::string>{"Cholecap"});

  // Gone: deleting again, listing its members or joining it is NOT_FOUND.
  EXPECT_EQ(stub_->DeleteGroup(Admin().get(), del, &deleted).error_code(),
            grpc::StatusCode::NOT_FOUND);
  ListGroupMembersRequest list;
  list.set_group_id(west.group_id());
  ListGroupMembersResponse members;
  EXPECT_EQ(stub_->ListGroupMembers(Admin().get(), list, &members).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Join(west.group_id(), sarah_.user_id()).error_code(), grpc::StatusCode::NOT_FOUND);
  // Released, sarah may join another group (PRF-06: at most one).
  const Group east = NewGroup("East", {"Zypex"});
  EXPECT_TRUE(Join(east.group_id(), sarah_.user_id()).ok());
}

TEST_F(GroupsE2e, PRF06_ListGroupMembersPagesThroughTheMembersOfOneGroup) {
  const Group west = NewGroup("West", {});
  const Group east = NewGroup("East", {});
  std::set<std::string> expected = {sarah_.user_id()};
  ASSERT_TRUE(Join(west.group_id(), sarah_.user_id()).ok());
  for (const char* who : {"tom", "ann"}) {
    CreateFieldUserResponse u = NewUser(who, "First", who);
    ASSERT_TRUE(Join(west.group_id(), u.user_id()).ok());
    expected.insert(u.user_id());
  }
  CreateFieldUserResponse eve = NewUser("eve", "Eve", "East");
  ASSERT_TRUE(Join(east.group_id(), eve.user_id()).ok());

  std::set<std::string> seen;
  ListGroupMembersRequest list;
  list.set_group_id(west.group_id());
  list.set_page_size(2);
  ListGroupMembersResponse page;
  ASSERT_TRUE(stub_->ListGroupMembers(Admin().get(), list, &page).ok());
  ASSERT_EQ(page.members_size(), 2);
  ASSERT_FALSE(page.next_page_token().empty());
  for (const auto& m : page.members()) seen.insert(m.user_id());
  EXPECT_EQ(page.members(0).email().empty(), false);

  // A token of one group does not continue another's list.
  ListGroupMembersRequest other = list;
  other.set_group_id(east.group_id());
  other.set_page_token(page.next_page_token());
  ListGroupMembersResponse wrong;
  grpc::Status st = stub_->ListGroupMembers(Admin().get(), other, &wrong);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("page_token"), std::string::npos) << st.error_message();

  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(stub_->ListGroupMembers(Admin().get(), list, &page).ok());
  ASSERT_EQ(page.members_size(), 1);
  EXPECT_TRUE(page.next_page_token().empty());
  seen.insert(page.members(0).user_id());
  EXPECT_EQ(seen, expected);
  for (const auto& m : page.members()) EXPECT_NE(m.user_id(), eve.user_id());
}

TEST_F(GroupsE2e, PRF06_GroupCallsRefuseBadInputsOtherTenantsAndFieldUsers) {
  const Group west = NewGroup("West", {"Restolar"});
  const Group east = NewGroup("East", {});
  UpdateGroupResponse updated;

  UpdateGroupRequest no_mask;
  no_mask.set_group_id(west.group_id());
  grpc::Status st = stub_->UpdateGroup(Admin().get(), no_mask, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("update_mask"), std::string::npos) << st.error_message();

  UpdateGroupRequest bad;
  bad.set_group_id(west.group_id());
  bad.mutable_group()->set_name("");
  bad.mutable_group()->add_medications("Zypex");
  bad.mutable_group()->add_medications("Zypex");
  bad.mutable_update_mask()->add_paths("name");
  bad.mutable_update_mask()->add_paths("medications");
  st = stub_->UpdateGroup(Admin().get(), bad, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("group.name"), std::string::npos) << st.error_message();
  EXPECT_NE(st.error_message().find("group.medications[1]"), std::string::npos)
      << st.error_message();

  UpdateGroupRequest taken;  // East's name: refused, West unchanged
  taken.set_group_id(west.group_id());
  taken.mutable_group()->set_name("East");
  taken.mutable_group()->add_medications("Zypex");
  taken.mutable_update_mask()->add_paths("name");
  taken.mutable_update_mask()->add_paths("medications");
  EXPECT_EQ(stub_->UpdateGroup(Admin().get(), taken, &updated).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  UpdateGroupRequest bad_id = taken;
  bad_id.set_group_id("not an id'");
  st = stub_->UpdateGroup(Admin().get(), bad_id, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("group_id"), std::string::npos) << st.error_message();

  // Another tenant's admin finds no such group, whatever the call.
  const std::string other = UniqueName("t");
  UpdateGroupRequest rename;
  rename.set_group_id(west.group_id());
  rename.mutable_group()->set_name("Mine");
  rename.mutable_update_mask()->add_paths("name");
  EXPECT_EQ(stub_->UpdateGroup(Admin(other).get(), rename, &updated).error_code(),
            grpc::StatusCode::NOT_FOUND);
  DeleteGroupRequest del;
  del.set_group_id(west.group_id());
  DeleteGroupResponse deleted;
  EXPECT_EQ(stub_->DeleteGroup(Admin(other).get(), del, &deleted).error_code(),
            grpc::StatusCode::NOT_FOUND);
  ListGroupMembersRequest list;
  list.set_group_id(west.group_id());
  ListGroupMembersResponse members;
  EXPECT_EQ(stub_->ListGroupMembers(Admin(other).get(), list, &members).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // A field user may not manage groups at all.
  auto sarah = Mesh::Context(ROLE_FIELD_USER, tenant_, "sarah");
  EXPECT_EQ(stub_->DeleteGroup(sarah.get(), del, &deleted).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  ListGroupsResponse groups;
  ASSERT_TRUE(stub_->ListGroups(Admin().get(), ListGroupsRequest(), &groups).ok());
  ASSERT_EQ(groups.groups_size(), 2);
  for (const auto& g : groups.groups()) {
    if (g.group_id() != west.group_id()) continue;
    EXPECT_EQ(g.name(), "West");
    ASSERT_EQ(g.medications_size(), 1);
    EXPECT_EQ(g.medications(0), "Restolar");
  }
}

}  // namespace
}  // namespace engage::testing
