#ifndef ENGAGE_CONNECTION_SVC_MYSQL_INTERACTION_STORE_H_
#define ENGAGE_CONNECTION_SVC_MYSQL_INTERACTION_STORE_H_

#include "common/mysql/pool.h"
#include "connection_svc/interaction_store.h"

namespace engage::connection {

// InteractionStore over the shared MySQL schema (tables interactions (a resolution connects:
// connections and the change feed)).
class MysqlInteractionStore final : public InteractionStore {
 public:
  explicit MysqlInteractionStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<int> RecordInteractions(const std::string& tenant,
                                         const std::vector<Interaction>& interactions) override;
  absl::StatusOr<int> RecordSelfReport(
      const std::string& tenant, const Interaction& interaction,
      const std::function<absl::Status(const QuotaUse&)>& check) override;
  absl::StatusOr<std::vector<Interaction>> PendingWithProfile(const std::string& tenant,
                                                              int limit) override;
  absl::StatusOr<std::vector<Interaction>> PendingForEmail(const std::string& tenant,
                                                           const std::string& email) override;
  absl::StatusOr<ConnectResult> ResolveInteraction(const std::string& tenant,
                                                   const Interaction& interaction,
                                                   const std::string& hcp_profile_id,
                                                   const std::string& new_connection_id,
                                                   absl::Time now) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MYSQL_INTERACTION_STORE_H_
