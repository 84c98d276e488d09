#ifndef ENGAGE_TESTS_SUPPORT_PROCESS_H_
#define ENGAGE_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <map>
#include <string>

#include "absl/time/time.h"

namespace engage::testing {

// Path of a binary built by this project (bin folder of the build).
std::string BinaryPath(const std::string& name);

// A real binary of the mesh running as a child process, its output captured to
// a log file. Killed when the object goes if it still runs.
class Process {
 public:
  Process(const std::string& binary, const std::map<std::string, std::string>& env);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  bool Running();
  // SIGTERM, then waits; returns the exit code, or -1 (and kills) on timeout.
  int Terminate(absl::Duration timeout);
  // SIGTERM without waiting (stop several at once, then Terminate each).
  void RequestStop();
  // Waits for the process to end by itself; exit code, or -1 on timeout.
  int WaitExit(absl::Duration timeout);
  void Kill();
  // Everything it wrote to stdout and stderr so far.
  std::string Output() const;

 private:
  pid_t pid_ = -1;
  int exit_code_ = -1;
  bool exited_ = false;
  bool stop_requested_ = false;
  std::string log_path_;
};

// True once the grpc.health.v1 status of `service` at `address` is SERVING.
bool WaitServing(const std::string& address, const std::string& service, absl::Duration timeout);

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_PROCESS_H_
