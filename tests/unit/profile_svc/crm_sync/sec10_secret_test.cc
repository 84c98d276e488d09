// SEC-10: the integration user's password is sealed with AES-256-GCM under
// the deployment's key, bound to its tenant and org, and keys rotate.
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "common/crypto/secret_box.h"
#include "profile_svc/crm_sync/integration_secret.h"

namespace engage::profile::sync {
namespace {

std::string Key(char fill) { return absl::Base64Escape(std::string(32, fill)); }

crypto::SecretBox Box(const std::string& current, const std::string& previous = "") {
  auto box = crypto::SecretBox::FromBase64Keys(current, previous);
  EXPECT_TRUE(box.ok()) << box.status();
  return box.ok() ? *box : crypto::SecretBox();
}

TEST(SEC10_SealedPassword, RoundTripsAndNeverHoldsThePlaintext) {
  crypto::SecretBox box = Box(Key('a'));
  auto sealed = SealIntegrationPassword(box, "verteo", "00DA00000000000AAA", "s3cret-Passw0rd");
  ASSERT_TRUE(sealed.ok()) << sealed.status();
  EXPECT_EQ(sealed->find("s3cret"), std::string::npos);
  EXPECT_EQ(sealed->rfind("v1." + box.current_key_id() + ".", 0), 0u) << *sealed;
  auto opened = box.Open(*sealed, IntegrationSecretContext("verteo", "00DA00000000000AAA"));
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, "s3cret-Passw0rd");
}

TEST(SEC10_SealedPassword, EverySealUsesAFreshNonce) {
  crypto::SecretBox box = Box(Key('a'));
  auto one = box.Seal("pw", "ctx");
  auto two = box.Seal("pw", "ctx");
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_NE(*one, *two);
}

TEST(SEC10_SealedPassword, DoesNotOpenForAnotherTenantOrOrg) {
  crypto::SecretBox box = Box(Key('a'));
  auto sealed = SealIntegrationPassword(box, "verteo", "00DA00000000000AAA", "pw");
  ASSERT_TRUE(sealed.ok());
  for (const auto& [tenant, org] :
       {std::pair<std::string, std::string>{"acme", "00DA00000000000AAA"},
        {"verteo", "00DB00000000000BBB"}}) {
    auto opened = box.Open(*sealed, IntegrationSecretContext(tenant, org));
    EXPECT_TRUE(absl::IsDataLoss(opened.status())) << opened.status();
  }
}

TEST(SEC10_SealedPassword, TamperingIsDetected) {
  crypto::SecretBox box = Box(Key('a'));
  auto sealed = box.Seal("pw", "ctx");
  ASSERT_TRUE(sealed.ok());
  std::string bad = *sealed;
  bad[bad.size() - 3] = bad[bad.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(box.Open(bad, "ctx").ok());
  EXPECT_TRUE(absl::IsInvalidArgument(box.Open("sha256-hash-of-old", "ctx").status()));
}

TEST(SEC10_KeyRotation, PreviousKeyStillOpensAndCurrentKeySeals) {
  crypto::SecretBox old_box = Box(Key('a'));
  auto sealed_old = old_box.Seal("pw", "ctx");
  ASSERT_TRUE(sealed_old.ok());
  crypto::SecretBox rotated = Box(Key('b'), Key('a'));
  auto opened = rotated.Open(*sealed_old, "ctx");
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, "pw");
  EXPECT_FALSE(rotated.SealedWithCurrentKey(*sealed_old));
  auto sealed_new = rotated.Seal("pw", "ctx");
  ASSERT_TRUE(sealed_new.ok());
  EXPECT_TRUE(rotated.SealedWithCurrentKey(*sealed_new));
  // Once the previous key is dropped, what it sealed no longer opens.
  auto dropped = Box(Key('b')).Open(*sealed_old, "ctx");
  EXPECT_TRUE(absl::IsFailedPrecondition(dropped.status())) << dropped.status();
}

TEST(SEC10_Keys, MalformedKeysAreRefusedByNameWithoutEchoingThem) {
  auto short_key = crypto::SecretBox::FromBase64Keys(absl::Base64Escape("too-short"), "");
  EXPECT_TRUE(absl::IsInvalidArgument(short_key.status()));
  EXPECT_NE(short_key.status().message().find("secret-key"), std::string::npos);
  EXPECT_EQ(short_key.status().message().find(absl::Base64Escape("too-short")), std::string::npos);
  auto bad_previous = crypto::SecretBox::FromBase64Keys(Key('a'), "not base64 !!");
  EXPECT_TRUE(absl::IsInvalidArgument(bad_previous.status()));
  EXPECT_NE(bad_previous.status().message().find("secret-key-previous"), std::string::npos);
}

TEST(SEC10_Keys, WithoutAKeyNothingIsStoredAndTheRefusalNamesTheRule) {
  crypto::SecretBox none = Box("");
  EXPECT_FALSE(none.configured());
  auto sealed = SealIntegrationPassword(none, "verteo", "00DA00000000000AAA", "Zq9-unique");
  EXPECT_TRUE(absl::IsFailedPrecondition(sealed.status()));
  EXPECT_NE(sealed.status().message().find("SEC-10"), std::string::npos);
  EXPECT_EQ(sealed.status().message().find("Zq9-unique"), std::string::npos);
}

}  // namespace
}  // namespace engage::profile::sync
