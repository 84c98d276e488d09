// SEC-11: the streams a server answers with no token (grpc.health.v1 Watch,
// server reflection) are bounded per client address and in all, and each ends
// after its lifetime, so a client without a token cannot hold an unbounded
// number of server threads (the gateway's public port; attack review 6,
// finding 1). A real ServerRunner on loopback (every client is 127.0.0.1).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/server/server_runner.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"

namespace engage::server {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;
using grpc::reflection::v1::ServerReflection;
using grpc::reflection::v1::ServerReflectionRequest;
using grpc::reflection::v1::ServerReflectionResponse;

class OpenStreamsTest : public ::testing::Test {
 protected:
  void Start(OpenStreams::Limits limits) {
    ServerConfig config;
    config.metrics_port = -1;
    config.memory_trim_interval = absl::ZeroDuration();
    config.max_threads = 256;
    config.open_streams = limits;
    runner_ = std::make_unique<ServerRunner>(config);
    ASSERT_TRUE(runner_->Start().ok());
  }

  // A connection of its own each time, all from 127.0.0.1.
  std::shared_ptr<grpc::Channel> Channel() {
    grpc::ChannelArguments args;
    args.SetInt("engage.test.unique", ++channels_);
    return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(runner_->port()),
                                     grpc::InsecureChannelCredentials(), args);
  }

  // One reflection stream listing the services: OK, or why it was refused.
  absl::Status Reflect() {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    auto stub = ServerReflection::NewStub(Channel());
    auto stream = stub->ServerReflectionInfo(&context);
    ServerReflectionRequest list;
    list.set_list_services("");
    ServerReflectionResponse answer;
    const bool answered = stream->Write(list) && stream->Read(&answer);
    stream->WritesDone();
    grpc::Status st = stream->Finish();
    if (!answered || !st.ok()) return absl::ResourceExhaustedError(st.error_message());
    if (answer.list_services_response().service_size() == 0) {
      return absl::InternalError("no services listed");
    }
    return absl::OkStatus();
  }

  // An open Watch stream, after its first answer (or its refusal).
  struct Watch {
    std::unique_ptr<grpc::ClientContext> context = std::make_unique<grpc::ClientContext>();
    std::unique_ptr<grpc::ClientReader<HealthCheckResponse>> reader;
    bool answered = false;
  };
  Watch OpenWatch() {
    Watch w;
    w.context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    auto stub = Health::NewStub(Channel());
    HealthCheckRequest request;
    w.reader = stub->Watch(w.context.get(), request);
    HealthCheckResponse response;
    w.answered = w.reader->Read(&response);
    return w;
  }

  std::unique_ptr<ServerRunner> runner_;
  int channels_ = 0;
};

TEST_F(OpenStreamsTest, SEC11_OneClientAddressHoldsAtMostItsWatchAndReflectionStreams) {
  Start({2, 0, absl::ZeroDuration()});
  Watch a1 = OpenWatch();
  Watch a2 = OpenWatch();
  ASSERT_TRUE(a1.answered && a2.answered);

  // A third stream from the same address is refused, naming the rule.
  Watch a3 = OpenWatch();
  EXPECT_FALSE(a3.answered);
  grpc::Status refused = a3.reader->Finish();
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(refused.error_message().find("SEC-11"), std::string::npos) << refused.error_message();
  // So is a reflection stream: both kinds count against the same slots.
  EXPECT_FALSE(Reflect().ok());

  // Health Check (unary) is not a stream and stays open to everyone.
  HealthCheckRequest check;
  HealthCheckResponse checked;
  grpc::ClientContext check_context;
  EXPECT_TRUE(Health::NewStub(Channel())->Check(&check_context, check, &checked).ok());

  // A stream that ends frees its slot: reflection answers again (buf curl, grpcurl).
  a1.context->TryCancel();
  a1.reader->Finish();
  absl::Status reflected;
  for (int i = 0; i < 50; ++i) {
    reflected = Reflect();
    if (reflected.ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(reflected.ok()) << reflected;
  a2.context->TryCancel();
  a2.reader->Finish();
}

TEST_F(OpenStreamsTest, SEC11_TheServerHoldsAtMostItsTotalOfSuchStreams) {
  Start({0, 3, absl::ZeroDuration()});
  std::vector<Watch> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(OpenWatch());
    ASSERT_TRUE(held.back().answered);
  }
  Watch over = OpenWatch();
  EXPECT_FALSE(over.answered);
  grpc::Status refused = over.reader->Finish();
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(refused.error_message().find("holds 3"), std::string::npos) << refused.error_message();
  for (auto& w : held) {
    w.context->TryCancel();
    w.reader->Finish();
  }
}

TEST_F(OpenStreamsTest, SEC11_AnOpenWatchEndsAfterItsLifetime) {
  Start({2, 3, absl::Seconds(1)});
  const auto start = std::chrono::steady_clock::now();
  Watch w = OpenWatch();
  ASSERT_TRUE(w.answered);
  HealthCheckResponse more;
  while (w.reader->Read(&more)) {
  }
  w.reader->Finish();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took, std::chrono::milliseconds(900));
  EXPECT_LT(took, std::chrono::seconds(10)) << "the watch outlived its lifetime";
}

}  // namespace
}  // namespace engage::server
