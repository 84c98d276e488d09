#ifndef ENGAGE_TESTS_INTEGRATION_CONNECTION_REMOVAL_FEED_H_
#define ENGAGE_TESTS_INTEGRATION_CONNECTION_REMOVAL_FEED_H_

#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "connection_svc/profile_directory.h"

namespace engage::connection {

// profile_svc's removals feed, in memory; cursors are zero-padded decimals so
// string order is sequence order.
class RemovalFeed final : public ProfileDirectory {
 public:
  absl::StatusOr<ProfileOwner> GetOwner(const std::string&,
                                        const std::string& profile_id) override {
    return ProfileOwner{profile_id, ProfileKind::kHcp, "x", false, ""};
  }
  absl::StatusOr<std::string> LinkToAccount(const std::string&, const std::string&,
                                            const std::string&,
                                            const std::string& account_id) override {
    return account_id;
  }
  absl::StatusOr<std::vector<SignUp>> ListSignUps(const std::string&, const std::string&,
                                                  int) override {
    return std::vector<SignUp>{};
  }
  absl::StatusOr<std::vector<ProfileRemoval>> ListRemovals(const std::string&,
                                                           const std::string& after,
                                                           int page_size) override {
    std::lock_guard<std::mutex> lock(mu_);
    asked.push_back(after);
    if (!status.ok()) return status;
    std::vector<ProfileRemoval> out;
    for (const auto& r : removals) {
      if (r.cursor > after && static_cast<int>(out.size()) < page_size) out.push_back(r);
    }
    return out;
  }
  absl::Status CheckOrg(const std::string&, const std::string&) override {
    return absl::OkStatus();
  }

  void Remove(const std::string& profile_id, const std::string& merged_into, absl::Time t) {
    std::lock_guard<std::mutex> lock(mu_);
    removals.push_back(
        {absl::StrCat(std::string(9, '0'), removals.size() + 1), profile_id, merged_into, t});
  }

  std::vector<ProfileRemoval> removals;
  std::vector<std::string> asked;
  absl::Status status;

 private:
  std::mutex mu_;
};

}  // namespace engage::connection

#endif  // ENGAGE_TESTS_INTEGRATION_CONNECTION_REMOVAL_FEED_H_
