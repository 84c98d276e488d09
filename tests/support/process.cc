#include "tests/support/process.h"

#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/support/test_env.h"

extern char** environ;

namespace engage::testing {

// This build's binaries, or ENGAGE_TEST_BIN_DIR's: scripts/sanitize.sh runs the
// e2e suite of build/ against the sanitized binaries of build-asan/.
std::string BinaryPath(const std::string& name) {
  const char* dir = std::getenv("ENGAGE_TEST_BIN_DIR");
  return std::string(dir != nullptr && *dir != '\0' ? dir : ENGAGE_BIN_DIR) + "/" + name;
}

Process::Process(const std::string& binary, const std::map<std::string, std::string>& env) {
  log_path_ = absl::StrCat(TestDir(), "/test-logs/", UniqueName(binary + "-"), ".log");
  // Everything of the parent's environment but ENGAGE_* (the test decides those).
  std::vector<std::string> entries;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string(*e).rfind("ENGAGE_", 0) != 0) entries.emplace_back(*e);
  }
  for (const auto& [k, v] : env) entries.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : entries) envp.push_back(s.data());
  envp.push_back(nullptr);
  const std::string path = BinaryPath(binary);
  pid_ = fork();
  if (pid_ == 0) {
    int fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    // The test runner may block signals; the child starts clean.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    char* argv[] = {const_cast<char*>(path.c_str()), nullptr};
    execve(path.c_str(), argv, envp.data());
    _exit(127);
  }
}

Process::~Process() { Kill(); }

bool Process::Running() {
  if (exited_ || pid_ <= 0) return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exited_ = true;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return false;
  }
  return true;
}

int Process::WaitExit(absl::Duration timeout) {
  const absl::Time end = absl::Now() + timeout;
  while (Running()) {
    if (absl::Now() > end) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return exit_code_;
}

void Process::RequestStop() {
  if (Running() && !stop_requested_) kill(pid_, SIGTERM);
  stop_requested_ = true;
}

int Process::Terminate(absl::Duration timeout) {
  RequestStop();
  int code = WaitExit(timeout);
  if (code == -1) Kill();
  return code;
}

void Process::Kill() {
  if (Running()) {
    kill(pid_, SIGKILL);
    WaitExit(absl::Seconds(10));
  }
}

std::string Process::Output() const {
  std::ifstream in(log_path_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool WaitServing(const std::string& address, const std::string& service, absl::Duration timeout) {
  const absl::Time end = absl::Now() + timeout;
  while (absl::Now() < end) {
    // A fresh channel with its own subchannel per attempt: a shared one would
    // sit out gRPC's reconnect backoff (seconds) after the first refusal.
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto stub = grpc::health::v1::Health::NewStub(
        grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    if (stub->Check(&context, request, &response).ok() &&
        response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace engage::testing
