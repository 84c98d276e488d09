#ifndef ENGAGE_PROMOMATS_SVC_MYSQL_PMX_STORE_H_
#define ENGAGE_PROMOMATS_SVC_MYSQL_PMX_STORE_H_

#include "common/mysql/pool.h"
#include "common/outbox/mysql_outbox_store.h"
#include "promomats_svc/notification_sink.h"
#include "promomats_svc/pmx_deliveries.h"
#include "promomats_svc/pmx_store.h"

namespace engage::promomats {

// PmxStore and NotificationSink over the shared MySQL schema (tables pmx_*).
// Split over mysql_pmx_store.cc (connections, records, metrics,
// notifications), mysql_document_store.cc (documents and their outbox rows)
// and mysql_reroute_store.cc (re-routing, PMX-08). The outbox of deliveries
// is common/outbox's store over pmx_deliveries (`deliveries()`).
class MysqlPmxStore final : public PmxStore, public NotificationSink {
 public:
  explicit MysqlPmxStore(mysql::Pool& pool, absl::Duration lease = outbox::kDefaultLease)
      : pool_(pool), deliveries_(pool, PmxDeliveriesTable(), lease) {}

  // The delivery outbox, for the dispatcher and admin views.
  outbox::MysqlOutboxStore& deliveries() { return deliveries_; }
  // Deliveries not yet delivered nor given up (for tests).
  absl::StatusOr<int64_t> PendingCount(const std::string& tenant);

  absl::StatusOr<Vault> GetVault(const std::string& tenant, const std::string& vault_id) override;
  absl::StatusOr<Connection> CreateConnection(const std::string& tenant,
                                              const idempotency::RequestKey& key,
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
  absl::StatusOr<Document> CreateDocument(const std::string& tenant,
                                          const idempotency::RequestKey& key, const Document& doc,
                                          const DeliveryPlanner& plan,
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
  absl::StatusOr<std::vector<MetricsAggregate>> MetricsBySlide(
      const std::string& tenant, const std::string& document_id) override;

  absl::Status Notify(const std::string& tenant, const std::string& delivery_key,
                      const Notification& n, absl::Time now) override;

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
  outbox::MysqlOutboxStore deliveries_;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_MYSQL_PMX_STORE_H_
