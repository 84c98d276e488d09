#ifndef ENGAGE_PROMOMATS_SVC_MYSQL_PMX_STORE_H_
#define ENGAGE_PROMOMATS_SVC_MYSQL_PMX_STORE_H_

#include "common/mysql/pool.h"
#include "promomats_svc/outbox_store.h"
#include "promomats_svc/pmx_store.h"

namespace engage::promomats {

// PmxStore and OutboxStore over the shared MySQL schema (tables pmx_*).
// Split over mysql_pmx_store.cc (connections, records, metrics),
// mysql_document_store.cc (documents and their outbox rows),
// mysql_outbox_store.cc (the dispatcher's side) and mysql_reroute_store.cc
// (re-routing, PMX-08).
class MysqlPmxStore final : public PmxStore, public OutboxStore {
 public:
  explicit MysqlPmxStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<Vault> GetVault(const std::string& tenant, const std::string& vault_id) override;
  absl::StatusOr<Connection> CreateConnection(const std::string& tenant,
                                              const std::string& request_id,
                                              const Connection& connection,
                                              absl::Time now) override;
  absl::StatusOr<Connection> GetConnection(const std::string& tenant,
                                           const std::string& connection_id) override;
  absl::StatusOr<ConnectionPage> ListConnections(const std::string& tenant,
                                                 const std::string& after_id, int limit) override;
  absl::Status DeleteConnection(const std::string& tenant, const std::string& connection_id,
                                absl::Time now) override;
  absl::Status SetCountryFilter(const std::string& tenant, const std::string& connection_id,
                                Feature feature, const std::vector<std::string>& countries,
                                absl::Time now) override;
  absl::StatusOr<std::vector<Setting>> ListSettings(const std::string& tenant,
                                                    const std::string& connection_id) override;
  absl::StatusOr<std::set<std::string>> PromoMatsCountries(
      const std::string& tenant, const std::string& promomats_vault_id) override;
  absl::StatusOr<std::vector<RecordResult>> ApplyTransfer(
      const std::string& tenant, const TransferBatch& batch, const Matcher& match,
      const std::function<std::string()>& new_id, absl::Time now) override;
  absl::StatusOr<std::vector<Record>> ListRecords(const std::string& tenant,
                                                  const std::string& vault_id, ObjectType type,
                                                  const std::string& after_id, int limit) override;
  absl::Status SetTransferConfig(const std::string& tenant, const std::string& promomats_vault_id,
                                 const TransferConfig& config, absl::Time now) override;
  absl::StatusOr<Document> CreateDocument(const std::string& tenant, const std::string& request_id,
                                          const Document& doc, const DeliveryPlanner& plan,
                                          const PayloadBuilder& payload,
                                          const std::function<std::string()>& new_id,
                                          absl::Time now) override;
  absl::StatusOr<Document> GetDocument(const std::string& tenant,
                                       const std::string& document_id) override;
  absl::StatusOr<Document> UpdateDocument(const std::string& tenant, const std::string& document_id,
                                          const std::function<absl::Status(Document&)>& change,
                                          const DeliveryPlanner& plan,
                                          const PayloadBuilder& payload,
                                          const std::function<std::string()>& new_id,
                                          absl::Time now) override;
  absl::StatusOr<int> RerouteMarked(const std::string& tenant, const DeliveryPlanner& plan,
                                    const PayloadBuilder& payload,
                                    const std::function<std::string()>& new_id,
                                    absl::Time now) override;
  absl::StatusOr<std::vector<std::string>> TenantsWithReroutes() override;
  absl::StatusOr<std::vector<Notification>> ListNotifications(const std::string& tenant,
                                                              const std::string& owner,
                                                              const std::string& after_id,
                                                              int limit) override;
  absl::Status UpsertMetrics(const std::string& tenant, const std::string& crm_vault_id,
                             const std::vector<ContentMetric>& metrics, absl::Time now) override;
  absl::StatusOr<std::vector<ContentMetric>> DocumentMetrics(
      const std::string& tenant, const std::string& document_id) override;

  absl::StatusOr<std::vector<std::string>> TenantsWithPending() override;
  absl::StatusOr<std::vector<DeliveryKey>> Due(const std::string& tenant, absl::Time now,
                                               int limit) override;
  absl::StatusOr<Processed> Process(
      const std::string& tenant, const DeliveryKey& key, absl::Time now,
      const std::function<DeliveryRecord(const Delivery&)>& deliver) override;
  absl::StatusOr<int64_t> PendingCount(const std::string& tenant) override;

 private:
  // Reads routing inputs and writes the outbox rows of one document change.
  absl::Status QueueDeliveries(mysql::Session& s, const std::string& tenant, const Document& doc,
                               const DeliveryPlanner& plan, const PayloadBuilder& payload,
                               const std::function<std::string()>& new_id, absl::Time now);

  // PMX-08: marks `promomats_vault_id` for re-routing, in `s`'s transaction
  // (mysql_reroute_store.cc).
  static absl::Status MarkReroute(mysql::Session& s, const std::string& tenant,
                                  const std::string& promomats_vault_id, absl::Time now);

  mysql::Pool& pool_;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_MYSQL_PMX_STORE_H_
