#include "tests/support/smtp_sink.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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
    : port_(FreePort()), folder_(absl::StrCat(TestDir(), "/test-logs/", UniqueName("smtp-"))) {
  mkdir(folder_.c_str(), 0755);
  Start();
}

SmtpSink::~SmtpSink() { Stop(); }

bool SmtpSink::Start() {
  Stop();
  const std::string log = absl::StrCat(folder_, "/server-", ++starts_, ".log");
  const std::string script = std::string(ENGAGE_SOURCE_DIR) + "/tests/support/smtp_sink.py";
  const std::string port = std::to_string(port_);
  pid_ = fork();
  if (pid_ == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    const char* argv[] = {"/usr/bin/python3", script.c_str(), port.c_str(), folder_.c_str(),
                          nullptr};
    execv(argv[0], const_cast<char* const*>(argv));
    _exit(127);
  }
  const absl::Time until = absl::Now() + absl::Seconds(15);
  while (absl::Now() < until) {
    if (absl::StrContains(ReadFile(log), "ready")) return true;
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

void SmtpSink::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  const absl::Time until = absl::Now() + absl::Seconds(5);
  while (waitpid(pid_, nullptr, WNOHANG) != pid_) {
    if (absl::Now() > until) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
}

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
