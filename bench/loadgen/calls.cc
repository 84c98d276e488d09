#include "bench/loadgen/calls.h"

#include <atomic>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace engage::bench {
namespace {

// Spreads calls over the channels in turn.
class ChannelRing {
 public:
  explicit ChannelRing(std::vector<std::shared_ptr<grpc::Channel>> channels)
      : channels_(std::move(channels)) {}
  size_t Next() { return next_.fetch_add(1, std::memory_order_relaxed) % channels_.size(); }
  const std::vector<std::shared_ptr<grpc::Channel>>& channels() const { return channels_; }

 private:
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
  std::atomic<size_t> next_{0};
};

// Everything one unary call needs alive until its callback runs.
template <typename Request, typename Response>
struct UnaryCall {
  grpc::ClientContext context;
  Request request;
  Response response;
};

class HealthCall final : public CallKind {
 public:
  HealthCall(std::vector<std::shared_ptr<grpc::Channel>> channels, std::string service,
             absl::Duration deadline)
      : ring_(std::move(channels)), service_(std::move(service)), deadline_(deadline) {
    for (const auto& c : ring_.channels()) stubs_.push_back(grpc::health::v1::Health::NewStub(c));
  }

  void Start(CallDone done) override {
    using Call =
        UnaryCall<grpc::health::v1::HealthCheckRequest, grpc::health::v1::HealthCheckResponse>;
    auto* call = new Call;
    call->context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
    call->request.set_service(service_);
    stubs_[ring_.Next()]->async()->Check(&call->context, &call->request, &call->response,
                                         [call, done = std::move(done)](grpc::Status status) {
                                           delete call;
                                           done(status.error_code());
                                         });
  }

 private:
  ChannelRing ring_;
  std::vector<std::unique_ptr<grpc::health::v1::Health::Stub>> stubs_;
  std::string service_;
  absl::Duration deadline_;
};

class CardCall final : public CallKind {
 public:
  CardCall(std::vector<std::shared_ptr<grpc::Channel>> channels, std::string token,
           std::string profile_id, absl::Duration deadline)
      : ring_(std::move(channels)),
        authorization_("Bearer " + token),
        profile_id_(std::move(profile_id)),
        deadline_(deadline) {
    for (const auto& c : ring_.channels()) {
      stubs_.push_back(profile::v1::ProfileService::NewStub(c));
    }
  }

  void Start(CallDone done) override {
    using Call =
        UnaryCall<profile::v1::GetBusinessCardRequest, profile::v1::GetBusinessCardResponse>;
    auto* call = new Call;
    call->context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
    call->context.AddMetadata("authorization", authorization_);
    call->request.set_profile_id(profile_id_);
    stubs_[ring_.Next()]->async()->GetBusinessCard(
        &call->context, &call->request, &call->response,
        [call, done = std::move(done)](grpc::Status status) {
          // A card that came back without its id is a wrong answer, not a success.
          grpc::StatusCode code = status.error_code();
          if (status.ok() && call->response.card().profile_id() != call->request.profile_id()) {
            code = grpc::StatusCode::DATA_LOSS;
          }
          delete call;
          done(code);
        });
  }

 private:
  ChannelRing ring_;
  std::vector<std::unique_ptr<profile::v1::ProfileService::Stub>> stubs_;
  std::string authorization_;
  std::string profile_id_;
  absl::Duration deadline_;
};

}  // namespace

std::vector<std::shared_ptr<grpc::Channel>> MakeChannels(const std::string& target, int count) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < count; ++i) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetInt("engage.bench.channel", i);
    channels.push_back(grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args));
  }
  return channels;
}

std::unique_ptr<CallKind> MakeHealthCall(std::vector<std::shared_ptr<grpc::Channel>> channels,
                                         std::string service, absl::Duration deadline) {
  return std::make_unique<HealthCall>(std::move(channels), std::move(service), deadline);
}

std::unique_ptr<CallKind> MakeCardCall(std::vector<std::shared_ptr<grpc::Channel>> channels,
                                       std::string token, std::string profile_id,
                                       absl::Duration deadline) {
  return std::make_unique<CardCall>(std::move(channels), std::move(token), std::move(profile_id),
                                    deadline);
}

absl::StatusOr<std::string> SetUpCardProfile(const std::shared_ptr<grpc::Channel>& channel,
                                             const std::string& admin_token) {
  auto stub = profile::v1::ProfileService::NewStub(channel);
  auto context = [&] {
    auto c = std::make_unique<grpc::ClientContext>();
    c->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    c->AddMetadata("authorization", "Bearer " + admin_token);
    return c;
  };
  profile::v1::UpsertCompanyRequest company;
  company.set_name("Bench Pharma");
  profile::v1::UpsertCompanyResponse company_response;
  grpc::Status st = stub->UpsertCompany(context().get(), company, &company_response);
  if (!st.ok()) {
    return absl::UnavailableError(
        absl::StrCat("UpsertCompany: ", CodeName(st.error_code()), " ", st.error_message()));
  }
  profile::v1::CreateFieldUserRequest user;
  user.set_request_id("bench-card-user");
  user.set_subject("bench.rep");
  user.set_first_name("Bench");
  user.set_last_name("Rep");
  user.set_email("bench.rep@bench.example");
  user.set_country("US");
  user.set_user_type(profile::v1::USER_TYPE_FIELD_USER);
  profile::v1::CreateFieldUserResponse user_response;
  st = stub->CreateFieldUser(context().get(), user, &user_response);
  if (!st.ok()) {
    return absl::UnavailableError(
        absl::StrCat("CreateFieldUser: ", CodeName(st.error_code()), " ", st.error_message()));
  }
  return user_response.profile_id();
}

std::string CodeName(grpc::StatusCode code) {
  // gRPC's codes are absl's codes, number for number.
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

}  // namespace engage::bench
