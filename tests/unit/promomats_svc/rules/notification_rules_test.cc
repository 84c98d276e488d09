// PMX-13: what the owner of a document hears about each delivery attempt.
#include "promomats_svc/rules/notification_rules.h"

#include <gtest/gtest.h>

namespace engage::promomats {
namespace {

DeliveryAttempt Publish(int failed_before, bool succeeded) {
  DeliveryAttempt a;
  a.action = DeliveryAction::kPublish;
  a.document_name = "Cholecap deck";
  a.target_vault_id = "crm-a";
  a.version = 3;
  a.failed_before = failed_before;
  a.succeeded = succeeded;
  a.outcome = succeeded ? ApplyOutcome::kUpversioned : ApplyOutcome::kNothing;
  a.error = succeeded ? "" : "CRM vault unreachable";
  return a;
}

TEST(PMX13_Notifications, EveryPublishAndWithdrawalNotifies) {
  auto n = NotificationFor(Publish(0, true));
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->kind, NotificationKind::kPublished);
  EXPECT_EQ(n->key, "done");
  EXPECT_EQ(n->message.find("failed"), std::string::npos) << n->message;
  DeliveryAttempt w = Publish(0, true);
  w.action = DeliveryAction::kWithdraw;
  w.outcome = ApplyOutcome::kWithdrawn;
  EXPECT_EQ(NotificationFor(w)->kind, NotificationKind::kWithdrawn);
}

TEST(PMX13_Notifications, OnlyTheFirstFailureOfARetriedDeliveryNotifies) {
  auto first = NotificationFor(Publish(0, false));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->kind, NotificationKind::kFailed);
  EXPECT_EQ(first->key, "failed");
  EXPECT_NE(first->message.find("will be retried: CRM vault unreachable"), std::string::npos);
  EXPECT_FALSE(NotificationFor(Publish(1, false)).has_value());
  EXPECT_FALSE(NotificationFor(Publish(7, false)).has_value());
}

TEST(PMX13_Notifications, SuccessAfterFailuresSaysHowManyFailed) {
  auto n = NotificationFor(Publish(4, true));
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->kind, NotificationKind::kPublished);
  EXPECT_NE(n->message.find("after 4 failed attempts"), std::string::npos) << n->message;
  EXPECT_NE(NotificationFor(Publish(1, true))->message.find("after 1 failed attempt"),
            std::string::npos);
}

TEST(PMX13_Notifications, SuccessWithNothingToChangeIsReportedOnlyAfterAFailure) {
  DeliveryAttempt a = Publish(0, true);
  a.action = DeliveryAction::kWithdraw;
  a.outcome = ApplyOutcome::kNothing;
  EXPECT_FALSE(NotificationFor(a).has_value());
  a.failed_before = 2;
  auto n = NotificationFor(a);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->kind, NotificationKind::kRecovered);
  EXPECT_EQ(n->key, "done");
  EXPECT_NE(n->message.find("succeeded after 2 failed attempts"), std::string::npos) << n->message;
}

TEST(PMX13_Notifications, GivingUpNotifiesWithTheLastError) {
  DeliveryAttempt a = Publish(9, false);
  a.last_attempt = true;
  auto n = NotificationFor(a);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->kind, NotificationKind::kGivenUp);
  EXPECT_EQ(n->key, "given-up");
  EXPECT_NE(n->message.find("given up after 10 failed attempts: CRM vault unreachable"),
            std::string::npos)
      << n->message;
  // A limit of one attempt: the first failure is the end, told once.
  DeliveryAttempt once = Publish(0, false);
  once.last_attempt = true;
  EXPECT_EQ(NotificationFor(once)->kind, NotificationKind::kGivenUp);
}

}  // namespace
}  // namespace engage::promomats
