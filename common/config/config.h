#ifndef ENGAGE_COMMON_CONFIG_CONFIG_H_
#define ENGAGE_COMMON_CONFIG_CONFIG_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace engage::config {

// Declares the options of one binary and reads them from `--flag=value`
// arguments and `ENGAGE_*` environment variables (flags win). Every option is
// validated when parsed, so a bad value stops the process at start with a
// message naming the option, never later in a request.
class Options {
 public:
  explicit Options(std::string program, std::string summary);

  // `name` is the flag without dashes (e.g. "grpc-port"); the environment
  // variable is ENGAGE_ + upper snake case of it (ENGAGE_GRPC_PORT).
  void AddString(const std::string& name, std::string default_value, std::string help,
                 bool secret = false);
  void AddInt(const std::string& name, long long default_value, long long min, long long max,
              std::string help);
  void AddChoice(const std::string& name, std::string default_value,
                 std::vector<std::string> choices, std::string help);

  // Parses arguments and environment. Returns InvalidArgument naming the
  // option on a bad value; `*help_requested` is set for --help.
  absl::Status Parse(int argc, const char* const* argv, bool* help_requested);
  // Same, from explicit maps (tests).
  absl::Status ParseFrom(const std::map<std::string, std::string>& flags,
                         const std::map<std::string, std::string>& env);

  std::string GetString(const std::string& name) const;
  long long GetInt(const std::string& name) const;
  std::string Help() const;

  static std::string EnvName(const std::string& name);

 private:
  struct Option {
    std::string name;
    std::string help;
    std::string default_value;
    bool secret = false;
    // Returns an empty string when valid, else why not.
    std::function<std::string(const std::string&)> check;
  };
  const Option* Find(const std::string& name) const;

  std::string program_;
  std::string summary_;
  std::vector<Option> options_;
  std::map<std::string, std::string> values_;
};

// Parses `options` from the process arguments; prints help and exits 0 on
// --help, prints a one-line reason and exits 2 on a bad value.
void ParseOrExit(Options& options, int argc, char** argv);

}  // namespace engage::config

#endif  // ENGAGE_COMMON_CONFIG_CONFIG_H_
