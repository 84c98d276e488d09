#include "tests/support/http_receiver.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/support/test_env.h"

namespace engage::testing {

namespace {

std::string NewFolder() {
  const std::string folder = absl::StrCat(TestDir(), "/test-logs/", UniqueName("receiver-"));
  mkdir(folder.c_str(), 0755);
  return folder;
}

HttpReceiver::Request ReadRequest(const std::string& path) {
  HttpReceiver::Request r;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const size_t space = line.find(' ');
    const std::string name = line.substr(0, space);
    const std::string value = space == std::string::npos ? "" : line.substr(space + 1);
    if (name == "answered") r.answered = value;
    if (name == "path") r.path = value;
    if (name == "idempotency_key") r.idempotency_key = value;
    if (name == "content_type") r.content_type = value;
    if (name == "body") r.body = value;
    if (absl::StartsWith(name, "json.")) r.json[name.substr(5)] = value;
  }
  return r;
}

template <typename Fn>
std::vector<HttpReceiver::Request> WaitFor(Fn read, size_t count, absl::Duration timeout) {
  const absl::Time until = absl::Now() + timeout;
  auto got = read();
  while (got.size() < count && absl::Now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    got = read();
  }
  return got;
}

}  // namespace

HttpReceiver::HttpReceiver()
    : port_(FreePort()),
      folder_(NewFolder()),
      server_("http_receiver.py", {std::to_string(port_), folder_}, folder_ + "/server") {
  server_.Start();
}

std::string HttpReceiver::Url(const std::string& path) const {
  return absl::StrCat("http://127.0.0.1:", port_, path);
}

void HttpReceiver::AnswerWith(int status, absl::Duration delay) {
  const std::string tmp = folder_ + "/mode.tmp";
  {
    std::ofstream out(tmp);
    out << (status == kHang ? std::string("hang") : std::to_string(status));
    if (status != kHang && delay > absl::ZeroDuration()) {
      out << " after " << absl::ToInt64Milliseconds(delay);
    }
    out << "\n";
  }
  std::rename(tmp.c_str(), (folder_ + "/mode").c_str());
}

std::vector<HttpReceiver::Request> HttpReceiver::Requests() const {
  std::vector<std::string> names;
  if (DIR* dir = opendir(folder_.c_str())) {
    while (dirent* e = readdir(dir)) {
      const std::string name = e->d_name;
      if (absl::EndsWith(name, ".req")) names.push_back(name);
    }
    closedir(dir);
  }
  std::sort(names.begin(), names.end());
  std::vector<Request> out;
  for (const auto& n : names) out.push_back(ReadRequest(absl::StrCat(folder_, "/", n)));
  return out;
}

std::vector<HttpReceiver::Request> HttpReceiver::Accepted() const {
  std::vector<Request> out;
  for (auto& r : Requests()) {
    if (r.answered.size() == 3 && r.answered[0] == '2') out.push_back(std::move(r));
  }
  return out;
}

std::vector<HttpReceiver::Request> HttpReceiver::WaitAccepted(size_t count,
                                                              absl::Duration timeout) const {
  return WaitFor([this] { return Accepted(); }, count, timeout);
}

std::vector<HttpReceiver::Request> HttpReceiver::WaitRequests(size_t count,
                                                              absl::Duration timeout) const {
  return WaitFor([this] { return Requests(); }, count, timeout);
}

}  // namespace engage::testing
