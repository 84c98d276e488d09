#include "common/trace/trace_context.h"

#include "gtest/gtest.h"

namespace engage::trace {
namespace {

constexpr char kExample[] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

TEST(TraceContext, ReadsTheSpecificationsExample) {
  auto caller = ParseTraceparent(kExample);
  ASSERT_TRUE(caller.has_value());
  EXPECT_EQ(caller->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(caller->span_id, "00f067aa0ba902b7");
  EXPECT_EQ(caller->flags, 0x01);
  EXPECT_EQ(Traceparent(*caller), kExample);
}

TEST(TraceContext, MalformedHeadersAreIgnored) {
  for (const char* bad : {
           "", "garbage",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",        // three fields
           "00-00000000000000000000000000000000-00f067aa0ba902b7-01",     // zero trace
           "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",     // zero span
           "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",     // upper case
           "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",     // forbidden version
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-xx",  // extra field in 00
           "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",      // short trace
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",      // short flags
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bz-01",     // not hex
       }) {
    EXPECT_FALSE(ParseTraceparent(bad).has_value()) << bad;
  }
}

TEST(TraceContext, LaterVersionsAreReadByTheirFirstFields) {
  auto caller = ParseTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-extra");
  ASSERT_TRUE(caller.has_value());
  EXPECT_EQ(caller->flags, 0x00);
}

TEST(TraceContext, ASpanContinuesItsCallersTraceUnderANewId) {
  auto caller = ParseTraceparent(kExample);
  TraceContext span = StartSpan(caller);
  EXPECT_EQ(span.trace_id, caller->trace_id);
  EXPECT_EQ(span.parent_span_id, caller->span_id);
  EXPECT_NE(span.span_id, caller->span_id);
  EXPECT_EQ(span.flags, caller->flags);
  // What this hop passes on parses back to itself.
  auto next = ParseTraceparent(Traceparent(span));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->span_id, span.span_id);
}

TEST(TraceContext, WithoutACallerANewSampledTraceStarts) {
  TraceContext a = StartSpan(std::nullopt);
  TraceContext b = StartSpan(std::nullopt);
  EXPECT_TRUE(ParseTraceparent(Traceparent(a)).has_value()) << Traceparent(a);
  EXPECT_NE(a.trace_id, b.trace_id);
  EXPECT_TRUE(a.parent_span_id.empty());
  EXPECT_EQ(a.flags, 0x01);
}

}  // namespace
}  // namespace engage::trace
