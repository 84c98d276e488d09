#ifndef ENGAGE_TESTS_SUPPORT_PYTHON_SERVER_H_
#define ENGAGE_TESTS_SUPPORT_PYTHON_SERVER_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace engage::testing {

// A test server written in Python (tests/support/<script>.py) as a child
// process: started with `args`, its output in `log_prefix`-<n>.log, ready
// once it prints "ready". Stop and Start again run it anew with the same
// arguments (a test takes the server away and brings it back).
class PythonServer {
 public:
  PythonServer(std::string script, std::vector<std::string> args, std::string log_prefix);
  ~PythonServer();
  PythonServer(const PythonServer&) = delete;
  PythonServer& operator=(const PythonServer&) = delete;

  // Starts it (stopping a running one) and waits until it is ready (false
  // after 15 s, or when it exits first).
  bool Start();
  // SIGTERM, and waits until it has gone (SIGKILL after 5 s).
  void Stop();

 private:
  std::string script_;
  std::vector<std::string> args_;
  std::string log_prefix_;
  pid_t pid_ = -1;
  int starts_ = 0;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_PYTHON_SERVER_H_
