#include "tests/support/python_server.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace engage::testing {

namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

PythonServer::PythonServer(std::string script, std::vector<std::string> args,
                           std::string log_prefix)
    : script_(std::string(ENGAGE_SOURCE_DIR) + "/tests/support/" + std::move(script)),
      args_(std::move(args)),
      log_prefix_(std::move(log_prefix)) {}

PythonServer::~PythonServer() { Stop(); }

bool PythonServer::Start() {
  Stop();
  const std::string log = absl::StrCat(log_prefix_, "-", ++starts_, ".log");
  std::vector<const char*> argv = {"/usr/bin/python3", script_.c_str()};
  for (const auto& a : args_) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execv(argv[0], const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  const absl::Time until = absl::Now() + absl::Seconds(15);
  while (absl::Now() < until) {
    if (absl::StrContains(ReadAll(log), "ready")) return true;
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

void PythonServer::Stop() {
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

}  // namespace engage::testing
