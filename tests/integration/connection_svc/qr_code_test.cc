// CON-02: the QR image carries the invite link, proved by a real decoder
// (zbarimg from zbar-tools) reading the PNG; the SVG draws the same modules.
#include "connection_svc/qr_code.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "absl/strings/str_cat.h"
#include "tests/support/test_env.h"

namespace engage::connection {
namespace {

std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string WriteTemp(const std::string& name, const std::string& data) {
  const std::string path = absl::StrCat(testing::TestDir(), "/", testing::UniqueName(name));
  std::ofstream(path, std::ios::binary) << data;
  return path;
}

TEST(QrCode, CON02_PngDecodesToTheInviteLink) {
  const std::string link =
      "https://engage.example.com/invite/Zm9vYmFyLWJhei1xdXV4LTAxMjM0NTY3ODktYWJjZGVm";
  auto qr = MakeQrCode(link);
  ASSERT_TRUE(qr.ok()) << qr.status();
  const std::string png = WriteTemp("qr.png", qr->png);
  EXPECT_EQ(RunCommand("zbarimg --quiet --raw " + png), link);
  std::remove(png.c_str());
}

TEST(QrCode, CON02_SvgDrawsExactlyTheDarkModules) {
  auto qr = MakeQrCode("https://engage.example.com/invite/abc");
  ASSERT_TRUE(qr.ok()) << qr.status();
  std::vector<bool> drawn(qr->dark.size(), false);
  std::regex square("M(\\d+) (\\d+)h1v1h-1z");
  for (auto it = std::sregex_iterator(qr->svg.begin(), qr->svg.end(), square);
       it != std::sregex_iterator(); ++it) {
    const int x = std::stoi((*it)[1]) - kQuietZoneModules;
    const int y = std::stoi((*it)[2]) - kQuietZoneModules;
    ASSERT_TRUE(x >= 0 && y >= 0 && x < qr->modules && y < qr->modules);
    drawn[static_cast<size_t>(y) * qr->modules + x] = true;
  }
  EXPECT_EQ(drawn, qr->dark);
  EXPECT_NE(qr->svg.find("<svg"), std::string::npos);
}

}  // namespace
}  // namespace engage::connection
