#include "common/config/config.h"

#include <cstdlib>
#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

extern char** environ;

namespace engage::config {

Options::Options(std::string program, std::string summary)
    : program_(std::move(program)), summary_(std::move(summary)) {}

void Options::AddString(const std::string& name, std::string default_value, std::string help,
                        bool secret) {
  options_.push_back({name, std::move(help), std::move(default_value), secret,
                      [](const std::string&) { return std::string(); }});
}

void Options::AddInt(const std::string& name, long long default_value, long long min, long long max,
                     std::string help) {
  options_.push_back({name, std::move(help), std::to_string(default_value), false,
                      [min, max](const std::string& v) {
                        long long parsed = 0;
                        if (!absl::SimpleAtoi(v, &parsed)) return std::string("not an integer");
                        if (parsed < min || parsed > max) {
                          return absl::StrCat("must be between ", min, " and ", max);
                        }
                        return std::string();
                      }});
}

void Options::AddChoice(const std::string& name, std::string default_value,
                        std::vector<std::string> choices, std::string help) {
  std::string listed = absl::StrJoin(choices, "|");
  options_.push_back({name, absl::StrCat(help, " (", listed, ")"), std::move(default_value), false,
                      [choices, listed](const std::string& v) {
                        for (const auto& c : choices) {
                          if (c == v) return std::string();
                        }
                        return absl::StrCat("must be one of ", listed);
                      }});
}

std::string Options::EnvName(const std::string& name) {
  return "ENGAGE_" + absl::AsciiStrToUpper(absl::StrReplaceAll(name, {{"-", "_"}}));
}

const Options::Option* Options::Find(const std::string& name) const {
  for (const auto& o : options_) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

absl::Status Options::ParseFrom(const std::map<std::string, std::string>& flags,
                                const std::map<std::string, std::string>& env) {
  for (const auto& [name, value] : flags) {
    if (Find(name) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
  }
  values_.clear();
  for (const auto& o : options_) {
    std::string value = o.default_value;
    std::string source = "default";
    if (auto e = env.find(EnvName(o.name)); e != env.end()) {
      value = e->second;
      source = EnvName(o.name);
    }
    if (auto f = flags.find(o.name); f != flags.end()) {
      value = f->second;
      source = "--" + o.name;
    }
    if (std::string why = o.check(value); !why.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid ", source == "default" ? "default of --" + o.name : source, "=",
                       o.secret ? "<secret>" : "\"" + value + "\"", ": ", why));
    }
    values_[o.name] = value;
  }
  return absl::OkStatus();
}

absl::Status Options::Parse(int argc, const char* const* argv, bool* help_requested) {
  *help_requested = false;
  std::map<std::string, std::string> flags;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      *help_requested = true;
      return absl::OkStatus();
    }
    if (arg.rfind("--", 0) != 0) {
      return absl::InvalidArgumentError(absl::StrCat("unexpected argument \"", arg, "\""));
    }
    std::string body = arg.substr(2);
    auto eq = body.find('=');
    if (eq != std::string::npos) {
      flags[body.substr(0, eq)] = body.substr(eq + 1);
    } else if (i + 1 < argc) {
      flags[body] = argv[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat("flag --", body, " needs a value"));
    }
  }
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry = *e;
    if (entry.rfind("ENGAGE_", 0) != 0) continue;
    auto eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return ParseFrom(flags, env);
}

std::string Options::GetString(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::string() : it->second;
}

long long Options::GetInt(const std::string& name) const {
  long long v = 0;
  (void)absl::SimpleAtoi(GetString(name), &v);
  return v;
}

std::string Options::Help() const {
  std::string out = absl::StrCat(program_, ": ", summary_,
                                 "\n\nOptions (flag, environment variable, default):\n");
  for (const auto& o : options_) {
    absl::StrAppend(&out, "  --", o.name, "  ", EnvName(o.name), "  [",
                    o.secret ? "secret" : o.default_value, "]\n      ", o.help, "\n");
  }
  return out;
}

void ParseOrExit(Options& options, int argc, char** argv) {
  bool help = false;
  absl::Status status = options.Parse(argc, argv, &help);
  if (help) {
    std::cout << options.Help();
    std::exit(0);
  }
  if (!status.ok()) {
    std::cerr << argv[0] << ": " << status.message() << "\n";
    std::exit(2);
  }
}

}  // namespace engage::config
