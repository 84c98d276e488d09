#ifndef ENGAGE_COMMON_TRACE_TRACE_CONTEXT_H_
#define ENGAGE_COMMON_TRACE_TRACE_CONTEXT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace engage::trace {

// One hop of a W3C Trace Context (https://www.w3.org/TR/trace-context/):
// the trace every hop shares, this hop's own span, and the span of the hop
// that called it (empty when this hop started the trace).
struct TraceContext {
  std::string trace_id;        // 32 lowercase hex digits, not all zero
  std::string span_id;         // 16 lowercase hex digits, not all zero
  std::string parent_span_id;  // the caller's span, or empty
  uint8_t flags = 0;           // 01: sampled

  bool empty() const { return trace_id.empty(); }
};

// The caller's context from a `traceparent` header ("00-<trace>-<span>-<flags>");
// nullopt when it is absent or malformed (a hop then starts a new trace, as the
// specification says). Versions above 00 are read by their first four fields.
std::optional<TraceContext> ParseTraceparent(absl::string_view header);

// The `traceparent` header that makes `hop` the parent of the next hop.
std::string Traceparent(const TraceContext& hop);

// A new span of this hop: continuing the caller's trace when `caller` is
// given, else starting a new, sampled one.
TraceContext StartSpan(const std::optional<TraceContext>& caller);

}  // namespace engage::trace

#endif  // ENGAGE_COMMON_TRACE_TRACE_CONTEXT_H_
