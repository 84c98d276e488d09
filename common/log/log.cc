#include "common/log/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

#include "common/trace/current_call.h"
#include "common/validate/text.h"

namespace engage::log {
namespace {

// Appends `s` as a JSON string literal. Most values (ids, codes, times) are
// plain printable ASCII and are copied in one piece.
void AppendJson(std::string& out, const std::string& s) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char ch) {
    return ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\';
  });
  if (plain) {
    out.push_back('"');
    out.append(s);
    out.push_back('"');
  } else {
    out.append(JsonString(s));
  }
}

// One line's JSON body, built in one string (it is rendered for every call).
std::string Render(const std::string& msg, const Fields& fields) {
  std::string out;
  out.reserve(64 + msg.size() + fields.size() * 48);
  out.append("\"msg\":");
  AppendJson(out, msg);
  bool has_trace = false;
  for (const auto& [k, v] : fields) {
    out.push_back(',');
    AppendJson(out, k);
    out.push_back(':');
    AppendJson(out, v);
    has_trace = has_trace || k == "trace_id";
  }
  // A line written while a call is handled names that call's trace.
  const trace::CurrentCall* call = trace::CurrentCall::Get();
  if (!has_trace && call != nullptr && !call->trace.empty()) {
    out.append(",\"trace_id\":");
    AppendJson(out, call->trace.trace_id);
  }
  return out;
}

}  // namespace

void Init(const std::string& level) {
  auto logger = spdlog::stdout_logger_mt("engage");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l",%v})",
                      spdlog::pattern_time_type::utc);
  spdlog::set_level(spdlog::level::from_str(level));
  // Flushing every line would cost a write per call on the hot path; warnings
  // and errors go out at once, the rest within a second.
  spdlog::flush_on(spdlog::level::warn);
  spdlog::flush_every(std::chrono::seconds(1));
}

void Info(const std::string& msg, const Fields& fields) {
  // Not rendered at all when the level leaves info lines out.
  if (spdlog::should_log(spdlog::level::info)) spdlog::info(Render(msg, fields));
}
void Warn(const std::string& msg, const Fields& fields) { spdlog::warn(Render(msg, fields)); }
void Error(const std::string& msg, const Fields& fields) { spdlog::error(Render(msg, fields)); }

std::string JsonString(const std::string& s) {
  // Invalid UTF-8 is rare (it never passes request validation), so a hostile
  // value simply loses every non-ASCII byte rather than being repaired.
  const bool utf8_ok = validate::IsValidUtf8(s);
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    if (c >= 0x80 && !utf8_ok) {
      out += "\\ufffd";
      continue;
    }
    if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out + "\"";
}

}  // namespace engage::log
