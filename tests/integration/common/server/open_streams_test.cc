// SEC-11: the streams a server answers with no token (grpc.health.v1 Watch,
// server reflection) are bounded per client address and in all, and each ends
// after its lifetime, so a client without a token cannot hold an unbounded
// number of server threads (the gateway's public port; attack review 6,
// finding 1). A real ServerRunner on loopback; 127.0.0.2 and 127.0.0.3 are
// other client addresses.
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
  void Start(absl::Duration lifetime) {
    ServerConfig config;
    config.metrics_port = -1;
    config.memory_trim_interval = absl::ZeroDuration();
    config.max_threads = 256;
    config.open_streams = {2, 3, lifetime};
    runner_ = std::make_unique<ServerRunner>(config);
    ASSERT_TRUE(runner_->Start().ok());
  }

  std::shared_ptr<grpc::Channel> From(const std::string& address) {
    // A channel of its own each time (no subchannel sharing between tests).
    grpc::ChannelArguments args;
    args.SetInt("engage.test.unique", ++channels_);
    return grpc::CreateCustomChannel(address + ":" + std::to_string(runner_->port()),
                                     grpc::InsecureChannelCredentials(), args);
  }

  // An open Watch stream, after its first answer (or its refusal).
  struct Watch {
    std::unique_ptr<grpc::ClientContext> context = std::make_unique<grpc::ClientContext>();
    std::unique_ptr<grpc::ClientReader<HealthCheckResponse>> reader;
    bool answered = false;
  };
  Watch OpenWatch(const std::string& address) {
    Watch w;
    w.context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    auto stub = Health::NewStub(From(address));
    HealthCheckRequest request;
    w.reader = stub->Watch(w.context.get(), request);
    HealthCheckResponse response;
    w.answered = w.reader->Read(&response);
    return w;
  }

  std::unique_ptr<ServerRunner> runner_;
  int channels_ = 0;
};

TEST_F(OpenStreamsTest, SEC11_WatchAndReflectionStreamsAreBoundedPerPeerAndInAll) {
  Start(absl::ZeroDuration());
  Watch a1 = OpenWatch("127.0.0.1");
  Watch a2 = OpenWatch("127.0.0.1");
  ASSERT_TRUE(a1.answered && a2.answered);

  // A third stream from the same address is refused, naming the rule.
  Watch a3 = OpenWatch("127.0.0.1");
  EXPECT_FALSE(a3.answered);
  grpc::Status refused = a3.reader->Finish();
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(refused.error_message().find("SEC-11"), std::string::npos) << refused.error_message();

  // Reflection counts against the same bounds: 127.0.0.2 takes the third slot.
  grpc::ClientContext reflect_context;
  reflect_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  auto reflection = ServerReflection::NewStub(From("127.0.0.2"));
  auto stream = reflection->ServerReflectionInfo(&reflect_context);
  ServerReflectionRequest list;
  list.set_list_services("");
  ASSERT_TRUE(stream->Write(list));
  ServerReflectionResponse answer;
  ASSERT_TRUE(stream->Read(&answer));  // reflection still answers (buf curl, grpcurl)
  EXPECT_GT(answer.list_services_response().service_size(), 0);

  // The server holds 3 in all: another address is refused too.
  Watch c = OpenWatch("127.0.0.3");
  EXPECT_FALSE(c.answered);
  EXPECT_EQ(c.reader->Finish().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);

  // Health Check (unary) is not a stream and stays open to everyone.
  HealthCheckRequest check;
  HealthCheckResponse checked;
  grpc::ClientContext check_context;
  EXPECT_TRUE(Health::NewStub(From("127.0.0.3"))->Check(&check_context, check, &checked).ok());

  // A stream that ends frees its slot.
  a1.context->TryCancel();
  a1.reader->Finish();
  grpc::Status ended;
  for (int i = 0; i < 50; ++i) {
    Watch again = OpenWatch("127.0.0.1");
    if (again.answered) {
      again.context->TryCancel();
      again.reader->Finish();
      break;
    }
    ended = again.reader->Finish();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_LT(i, 49) << "the slot of the ended stream was not freed: " << ended.error_message();
  }
  a2.context->TryCancel();
  a2.reader->Finish();
  stream->WritesDone();
  reflect_context.TryCancel();
  stream->Finish();
}

TEST_F(OpenStreamsTest, SEC11_AnOpenWatchEndsAfterItsLifetime) {
  Start(absl::Seconds(1));
  const auto start = std::chrono::steady_clock::now();
  Watch w = OpenWatch("127.0.0.1");
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
