#include "common/server/open_streams.h"

#include <chrono>
#include <limits>

#include "common/server/peer_address.h"

namespace engage::server {
namespace {

int BoundOf(int limit) { return limit > 0 ? limit : std::numeric_limits<int>::max(); }

}  // namespace

OpenStreams::OpenStreams(Limits limits)
    : lifetime_(limits.lifetime),
      slots_(work::StreamSlots::Bounds{BoundOf(limits.per_peer), BoundOf(limits.per_peer),
                                       BoundOf(limits.total),
                                       "open health watches and reflection streams"}) {}

OpenStreams::Held::~Held() {
  if (target_ != nullptr) {
    std::lock_guard<std::mutex> lock(target_->mu);
    target_->context = nullptr;  // an alarm firing from now on finds no stream
  }
}

absl::StatusOr<std::unique_ptr<OpenStreams::Held>> OpenStreams::Open(grpc::ServerContext& context) {
  auto slot = slots_.Take("", PeerAddress(context.peer()));
  if (!slot.ok()) return slot.status();
  std::unique_ptr<Held> held(new Held());
  held->slot_ = *std::move(slot);
  if (lifetime_ > absl::ZeroDuration()) {
    held->target_ = std::make_shared<Held::Target>();
    held->target_->context = &context;
    held->alarm_ = std::make_unique<grpc::Alarm>();
    held->alarm_->Set(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(lifetime_),
                      [target = held->target_](bool fired) {
                        if (!fired) return;  // cancelled: the stream ended first
                        std::lock_guard<std::mutex> lock(target->mu);
                        if (target->context != nullptr) target->context->TryCancel();
                      });
  }
  return held;
}

}  // namespace engage::server
