#include "common/trace/trace_context.h"

#include <cstdint>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace engage::trace {
namespace {

bool IsLowerHex(absl::string_view s, size_t size) {
  if (s.size() != size) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

bool AllZero(absl::string_view s) { return s.find_first_not_of('0') == absl::string_view::npos; }

// Random lowercase hex of `bytes` bytes, never all zero. Trace and span ids
// must be unique, not secret: a generator per thread, seeded from the system's
// entropy (absl::BitGen), instead of OpenSSL's RAND_bytes, which took a lock
// on every call and was 3-4% of the gateway's samples (bench/NOTES.md).
std::string RandomHex(size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  thread_local absl::BitGen bits;
  std::string hex(bytes * 2, '0');
  do {
    uint64_t v = 0;
    for (size_t i = 0; i < hex.size(); ++i) {
      if (i % 16 == 0) v = bits();
      hex[i] = kHex[v & 0xf];
      v >>= 4;
    }
  } while (AllZero(hex));
  return hex;
}

}  // namespace

std::optional<TraceContext> ParseTraceparent(absl::string_view header) {
  std::vector<absl::string_view> parts = absl::StrSplit(header, '-');
  if (parts.size() < 4) return std::nullopt;
  absl::string_view version = parts[0];
  if (!IsLowerHex(version, 2) || version == "ff") return std::nullopt;
  // Version 00 has exactly four fields; later versions may append more.
  if (version == "00" && parts.size() != 4) return std::nullopt;
  if (!IsLowerHex(parts[1], 32) || AllZero(parts[1])) return std::nullopt;
  if (!IsLowerHex(parts[2], 16) || AllZero(parts[2])) return std::nullopt;
  if (!IsLowerHex(parts[3], 2)) return std::nullopt;
  TraceContext caller;
  caller.trace_id = std::string(parts[1]);
  caller.span_id = std::string(parts[2]);
  caller.flags = static_cast<uint8_t>(std::stoi(std::string(parts[3]), nullptr, 16));
  return caller;
}

std::string Traceparent(const TraceContext& hop) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string flags = {kHex[hop.flags >> 4], kHex[hop.flags & 0xf]};
  return absl::StrCat("00-", hop.trace_id, "-", hop.span_id, "-", flags);
}

TraceContext StartSpan(const std::optional<TraceContext>& caller) {
  TraceContext span;
  if (caller.has_value()) {
    span.trace_id = caller->trace_id;
    span.parent_span_id = caller->span_id;
    span.flags = caller->flags;
  } else {
    span.trace_id = RandomHex(16);
    span.flags = 0x01;
  }
  span.span_id = RandomHex(8);
  return span;
}

}  // namespace engage::trace
