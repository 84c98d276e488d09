#include "tests/support/smtp_sink.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/support/test_env.h"

namespace engage::testing {

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

SmtpSink::SmtpSink()
    : port_(FreePort()),
      folder_(absl::StrCat(TestDir(), "/test-logs/", UniqueName("smtp-"))),
      server_("smtp_sink.py", {std::to_string(port_), folder_}, folder_ + "/server") {
  mkdir(folder_.c_str(), 0755);
  Start();
}

SmtpSink::~SmtpSink() { Stop(); }

bool SmtpSink::Start() { return server_.Start(); }

void SmtpSink::Stop() { server_.Stop(); }

std::vector<SmtpSink::Received> SmtpSink::Messages() const {
  std::vector<std::string> names;
  if (DIR* dir = opendir(folder_.c_str())) {
    while (dirent* e = readdir(dir)) {
      const std::string name = e->d_name;
      if (absl::EndsWith(name, ".json")) names.push_back(name.substr(0, name.size() - 5));
    }
    closedir(dir);
  }
  std::sort(names.begin(), names.end());
  std::vector<Received> out;
  for (const auto& n : names) {
    out.push_back({ReadFile(absl::StrCat(folder_, "/", n, ".eml")),
                   ReadFile(absl::StrCat(folder_, "/", n, ".json"))});
  }
  return out;
}

std::vector<SmtpSink::Received> SmtpSink::WaitMessages(size_t count, absl::Duration timeout) const {
  const absl::Time until = absl::Now() + timeout;
  auto got = Messages();
  while (got.size() < count && absl::Now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    got = Messages();
  }
  return got;
}

}  // namespace engage::testing
