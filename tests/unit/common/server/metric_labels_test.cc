// Issue 19: the labels of the metrics are go-grpc-prometheus' (type, codes,
// order), and the per-method series exist before the first call.
#include "common/server/metric_labels.h"

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "common/server/metrics.h"
#include "engage/profile/v1/crm_sync.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"

namespace engage::server {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const google::protobuf::MethodDescriptor& Method(const std::string& full_name) {
  const auto* method =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full_name);
  EXPECT_NE(method, nullptr) << full_name;
  return *method;
}

TEST(MetricLabels, GrpcTypeFollowsTheMethodsStreaming) {
  EXPECT_EQ(GrpcTypeOf(Method("engage.profile.v1.ProfileService.UpsertCompany")), "unary");
  EXPECT_EQ(GrpcTypeOf(Method("engage.profile.v1.CrmSyncService.WatchSyncJob")), "server_stream");
  // No contract of ours streams from the client: a service made for the test.
  google::protobuf::FileDescriptorProto file;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(name: "t.proto"
           package: "t"
           message_type { name: "M" }
           service {
             name: "S"
             method { name: "Up" input_type: ".t.M" output_type: ".t.M" client_streaming: true }
             method {
               name: "Both"
               input_type: ".t.M"
               output_type: ".t.M"
               client_streaming: true
               server_streaming: true
             }
           })pb",
      &file));
  google::protobuf::DescriptorPool pool;
  const google::protobuf::FileDescriptor* built = pool.BuildFile(file);
  ASSERT_NE(built, nullptr);
  EXPECT_EQ(GrpcTypeOf(*built->service(0)->method(0)), "client_stream");
  EXPECT_EQ(GrpcTypeOf(*built->service(0)->method(1)), "bidi_stream");
}

TEST(MetricLabels, CodesAreSpelledAsGoSpellsThem) {
  EXPECT_STREQ(GoCodeName(0), "OK");
  EXPECT_STREQ(GoCodeName(1), "Canceled");
  EXPECT_STREQ(GoCodeName(3), "InvalidArgument");
  EXPECT_STREQ(GoCodeName(9), "FailedPrecondition");
  EXPECT_STREQ(GoCodeName(16), "Unauthenticated");
  EXPECT_STREQ(GoCodeName(17), "Unknown");
  EXPECT_STREQ(GoCodeName(-1), "Unknown");
}

TEST(MetricLabels, LabelsAreWrittenInGoGrpcPrometheusOrder) {
  prometheus::MetricFamily family;
  family.metric.resize(1);
  family.metric[0].label = {{"grpc_code", "OK"},    {"grpc_method", "M"}, {"grpc_service", "S"},
                            {"grpc_type", "unary"}, {"zeta", "z"},        {"alpha", "a"}};
  std::vector<prometheus::MetricFamily> families = {family};
  OrderLabels(families);
  std::vector<std::string> names;
  for (const auto& label : families[0].metric[0].label) names.push_back(label.name);
  EXPECT_THAT(
      names, ElementsAre("grpc_type", "grpc_service", "grpc_method", "grpc_code", "zeta", "alpha"));
}

TEST(Metrics, DeclaredMethodsHaveEveryCodeAtZeroAndOthersShareUnknown) {
  Metrics& metrics = Metrics::Get();
  metrics.Declare({"engage.profile.v1.CrmSyncService", "no.Such.Service"});
  MethodMetrics& watch = metrics.For("/engage.profile.v1.CrmSyncService/WatchSyncJob");
  EXPECT_EQ(&metrics.For("/engage.profile.v1.CrmSyncService/Nope"), &metrics.For("/x/y"));
  EXPECT_NE(&watch, &metrics.For("/x/y"));
  watch.Started();
  watch.Handled(5, 0.02);

  const std::string text = metrics.Render();
  const std::string labels =
      "grpc_type=\"server_stream\",grpc_service=\"engage.profile.v1.CrmSyncService\","
      "grpc_method=\"WatchSyncJob\"";
  EXPECT_THAT(text, HasSubstr("grpc_server_started_total{" + labels + "} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("grpc_server_handled_total{" + labels + ",grpc_code=\"NotFound\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{" + labels +
                              ",grpc_code=\"Unauthenticated\"} 0\n"));
  EXPECT_THAT(text,
              HasSubstr("grpc_server_handling_seconds_bucket{" + labels + ",le=\"0.01\"} 0\n"));
  EXPECT_THAT(text,
              HasSubstr("grpc_server_handling_seconds_bucket{" + labels + ",le=\"0.025\"} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("grpc_type=\"unary\",grpc_service=\"unknown\",grpc_method=\"unknown\""));
  EXPECT_THAT(text, Not(HasSubstr("Nope")));
  EXPECT_THAT(text, Not(HasSubstr("no.Such")));
}

}  // namespace
}  // namespace engage::server
