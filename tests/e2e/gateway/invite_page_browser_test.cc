// CON-12 in a real browser: headless Chromium (Debian's), driven by
// playwright-core (tools/package.json), opens the link a QR code holds, shows
// the inviter's name in the company's colours, takes a pasted HCP token and
// accepts; an expired invite says so; markup in a name stays text.
// The browser's part is invite_page_browser.cjs beside this file.
#include <cstdio>
#include <fstream>

#include "tests/e2e/gateway/invite_page_fixture.h"

namespace engage::testing {
namespace {

std::string RunCommand(const std::string& command, int* exit_code) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *exit_code = -1;
    return out;
  }
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int status = pclose(pipe);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

TEST_F(InvitePageE2e, CON12_BrowserOpensTheQrLinkShowsTheCardAndAccepts) {
  if (std::system("test -x /usr/bin/chromium") != 0) {
    GTEST_FAIL() << "Debian's chromium is missing: scripts/install-deps.sh installs it";
  }
  // The company's colours and medications (PRF-05, PRF-07).
  prf::UpdateBrandingRequest branding;
  branding.mutable_branding()->set_primary_color("0A7E8C");
  branding.mutable_branding()->set_secondary_color("F2A900");
  branding.mutable_branding()->set_company_name("Verteo BioPharma");
  branding.mutable_branding()->add_default_medications("Cholecap");
  branding.mutable_branding()->add_default_medications("Restolar");
  for (const char* path :
       {"primary_color", "secondary_color", "company_name", "default_medications"}) {
    branding.mutable_update_mask()->add_paths(path);
  }
  prf::UpdateBrandingResponse branded;
  grpc::Status st = profiles_->UpdateBranding(Ctx(ROLE_ADMIN, "admin").get(), branding, &branded);
  ASSERT_TRUE(st.ok()) << st.error_message();

  // The field user's QR code, scanned (zbarimg) as a phone would.
  const auto invite = Invite(INVITE_CHANNEL_QR_CODE);
  const std::string dir = absl::StrCat(TestDir(), "/test-logs/", UniqueName("browser"));
  ASSERT_EQ(std::system(("mkdir -p " + dir).c_str()), 0);
  std::ofstream(dir + "/qr.png", std::ios::binary) << invite.qr_png();
  int code = 0;
  std::string link = RunCommand("zbarimg --raw -q " + dir + "/qr.png 2>/dev/null", &code);
  while (!link.empty() && (link.back() == '\n' || link.back() == '\r')) link.pop_back();
  ASSERT_EQ(code, 0) << link;
  ASSERT_EQ(link, invite.link());

  const auto expired = Invite(INVITE_CHANNEL_QR_CODE);
  Expire(expired.invite().invite_id());
  const std::string mallory = FieldUser("mallory", "", "<script>window.pwned=1</script>", "Jones");
  const auto marked = Invite(INVITE_CHANNEL_LINK, "", mallory, "mallory");

  // The README's screenshot comes from this run when ENGAGE_SCREENSHOT names a file.
  const char* screenshot = std::getenv("ENGAGE_SCREENSHOT");
  const std::string command = absl::StrCat(
      "ENGAGE_TOOLS_DIR=", ENGAGE_SOURCE_DIR, "/tools", " INVITE_LINK='", link, "' EXPIRED_LINK='",
      expired.link(), "' MARKUP_LINK='", marked.link(), "' HCP_TOKEN='", HcpToken("dr-a"),
      "' PROFILE_DIR='", dir, "/chromium' SCREENSHOT='",
      screenshot != nullptr ? screenshot : dir + "/invite-page.png", "' node ", ENGAGE_SOURCE_DIR,
      "/tests/e2e/gateway/invite_page_browser.cjs 2>&1");
  const std::string output = RunCommand(command, &code);
  EXPECT_EQ(code, 0) << output;

  // The connection, seen through the API as the HCP.
  ListConnectionsRequest list;
  list.set_profile_id(dr_a_);
  ListConnectionsResponse listed;
  st = connections_->ListConnections(Ctx(ROLE_HCP, "dr-a").get(), list, &listed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(listed.connections_size(), 1) << output;
  EXPECT_EQ(listed.connections(0).field_user_profile_id(), sarah_);
  EXPECT_EQ(listed.connections(0).state(), CONNECTION_STATE_ACTIVE);
}

}  // namespace
}  // namespace engage::testing
