#include "common/work/stream_slots.h"

#include "absl/strings/str_cat.h"

namespace engage::work {

StreamSlots::Slot::~Slot() { owner_.Release(key_); }

absl::StatusOr<std::unique_ptr<StreamSlots::Slot>> StreamSlots::Take(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  int& mine = by_key_[key];
  if (mine >= per_key_) {
    if (mine == 0) by_key_.erase(key);
    return absl::ResourceExhaustedError(
        absl::StrCat("SEC-11: at most ", per_key_, " open streams per caller; close one first"));
  }
  if (open_ >= total_) {
    if (mine == 0) by_key_.erase(key);
    return absl::ResourceExhaustedError(
        absl::StrCat("SEC-11: this replica serves ", total_, " streams already; retry shortly"));
  }
  ++mine;
  ++open_;
  return std::unique_ptr<Slot>(new Slot(*this, key));
}

void StreamSlots::Release(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  --open_;
  auto it = by_key_.find(key);
  if (it != by_key_.end() && --it->second <= 0) by_key_.erase(it);
}

}  // namespace engage::work
