#ifndef ENGAGE_PROFILE_SVC_MYSQL_PROFILE_STORE_H_
#define ENGAGE_PROFILE_SVC_MYSQL_PROFILE_STORE_H_

#include <mutex>

#include "absl/container/flat_hash_map.h"
#include "common/mysql/pool.h"
#include "profile_svc/profile_store.h"

namespace engage::profile {

// Medications are kept as one newline-separated column (names hold no
// control characters), so a card read needs no extra rows.
std::vector<std::string> SplitMedications(const std::string& joined);
std::string JoinMedications(const std::vector<std::string>& medications);

// ProfileStore over the shared MySQL schema (tables companies, users,
// user_details, profiles).
class MysqlProfileStore final : public ProfileStore {
 public:
  explicit MysqlProfileStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<Company> UpsertCompany(const std::string& tenant, const std::string& name,
                                        absl::Time now) override;
  absl::StatusOr<CreatedUser> CreateFieldUser(const std::string& tenant, const NewFieldUser& user,
                                              const std::string& user_id,
                                              const std::string& profile_id,
                                              absl::Time now) override;
  absl::StatusOr<CardSource> GetCardSource(const std::string& tenant,
                                           const std::string& profile_id) override;
  absl::StatusOr<std::vector<ProfileOwner>> GetOwners(
      const std::string& tenant, const std::vector<std::string>& profile_ids) override;
  absl::StatusOr<ProfileOwner> GetOwner(const std::string& tenant,
                                        const std::string& profile_id) override;
  absl::StatusOr<SignUpResult> SignUpHcp(const std::string& tenant, const NewHcp& hcp,
                                         const std::string& profile_id, absl::Time now) override;
  absl::StatusOr<std::vector<CardSource>> ListCardSources(const std::string& tenant,
                                                          const std::string& after, int limit,
                                                          bool staff_only) override;
  absl::StatusOr<std::string> ProfileIdOfSubject(const std::string& tenant,
                                                 const std::string& subject) override;
  absl::Status UpdateProfile(const std::string& tenant, const std::string& profile_id,
                             const ProfileEdit& edit, const EditCheck& check,
                             absl::Time now) override;
  absl::Status DeleteHcpProfile(const std::string& tenant, const std::string& profile_id,
                                const std::string& subject, absl::Time now) override;
  absl::Status MergeProfiles(const std::string& tenant, const std::string& losing,
                             const std::string& winning, absl::Time now) override;
  absl::StatusOr<std::vector<FeedEntry>> ReadFeed(const std::string& tenant, Feed feed,
                                                  int64_t after, int limit) override;

 private:
  mysql::Pool& pool_;
  // Subject -> profile id as found: a profile's subject never changes and a
  // profile is never deleted (PRF-11 keeps the tombstone), so a found id
  // holds for good and a field user's HCP card read (SEC-03) needs no query
  // for it. "Not found" is never kept. Cleared past kMaxKnownSubjects.
  static constexpr size_t kMaxKnownSubjects = 100000;
  std::mutex known_mu_;
  absl::flat_hash_map<std::string, std::string> known_profile_ids_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_MYSQL_PROFILE_STORE_H_
