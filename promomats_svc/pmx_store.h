#ifndef ENGAGE_PROMOMATS_SVC_PMX_STORE_H_
#define ENGAGE_PROMOMATS_SVC_PMX_STORE_H_

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/idempotency/request_key.h"
#include "promomats_svc/rules/pmx_model.h"

namespace engage::promomats {

// Plans the deliveries of a document change from what was read in its
// transaction (the routing rules); injected so the store holds no rule.
using DeliveryPlanner =
    std::function<std::vector<PlannedDelivery>(const Document&, const RoutingInputs&)>;
// Builds what a delivery carries.
using PayloadBuilder = std::function<CrossLink(const Document&, const TransferConfig&)>;

// Storage of the PromoMats-CRM connection, scoped to one tenant per call:
// connections and their country settings, transferred records, documents with
// their outbox, notifications and content metrics. Every write that has
// several effects is one transaction: a failure changes nothing.
class PmxStore {
 public:
  virtual ~PmxStore() = default;

  // NOT_FOUND when the vault is not the tenant's.
  virtual absl::StatusOr<Vault> GetVault(const std::string& tenant,
                                         const std::string& vault_id) = 0;

  // Creates the connection unless its key was used: then returns the key's
  // connection when this request replays that one (same fingerprint), else
  // ALREADY_EXISTS; also ALREADY_EXISTS when the pair is connected by another
  // request.
  virtual absl::StatusOr<Connection> CreateConnection(const std::string& tenant,
                                                      const idempotency::RequestKey& key,
                                                      const Connection& connection,
                                                      absl::Time now) = 0;
  virtual absl::StatusOr<Connection> GetConnection(const std::string& tenant,
                                                   const std::string& connection_id) = 0;
  virtual absl::StatusOr<ConnectionPage> ListConnections(const std::string& tenant,
                                                         const std::string& after_id,
                                                         int limit) = 0;

  // PMX-08: removes the connection and its settings (its CRM is routed
  // nothing any more); NOT_FOUND when it is not the tenant's.
  virtual absl::Status DeleteConnection(const std::string& tenant, const std::string& connection_id,
                                        absl::Time now) = 0;

  virtual absl::Status SetCountryFilter(const std::string& tenant, const std::string& connection_id,
                                        Feature feature, const std::vector<std::string>& countries,
                                        absl::Time now) = 0;
  // Every (connection, feature) setting with its CRM vault; optionally one connection.
  struct Setting {
    Connection connection;
    Feature feature = Feature::kUnspecified;
    std::vector<std::string> country_filter;
  };
  virtual absl::StatusOr<std::vector<Setting>> ListSettings(const std::string& tenant,
                                                            const std::string& connection_id) = 0;
  // Country codes of the Country records the PromoMats vault holds.
  virtual absl::StatusOr<std::set<std::string>> PromoMatsCountries(
      const std::string& tenant, const std::string& promomats_vault_id) = 0;

  // Applies a batch (PMX-04/05): records are matched in the target vault and
  // created or updated; the results (one per record, in order) are kept under
  // the request id, and a replay (the same request_hash, an
  // idempotency::Fingerprint) returns them unchanged (ALREADY_EXISTS for
  // another request or caller). `match` picks the record an arriving one updates.
  using Matcher = std::function<std::optional<StoredRecord>(const RecordKeys&,
                                                            const std::vector<StoredRecord>&)>;
  virtual absl::StatusOr<std::vector<RecordResult>> ApplyTransfer(
      const std::string& tenant, const TransferBatch& batch, const Matcher& match,
      const std::function<std::string()>& new_id, absl::Time now) = 0;
  virtual absl::StatusOr<std::vector<Record>> ListRecords(const std::string& tenant,
                                                          const std::string& vault_id,
                                                          ObjectType type,
                                                          const std::string& after_id,
                                                          int limit) = 0;

  virtual absl::Status SetTransferConfig(const std::string& tenant,
                                         const std::string& promomats_vault_id,
                                         const TransferConfig& config, absl::Time now) = 0;

  // Inserts a document (or, for a replay of the request that used the key,
  // returns the one it made; ALREADY_EXISTS for another request) and queues
  // its deliveries in the same transaction.
  virtual absl::StatusOr<Document> CreateDocument(const std::string& tenant,
                                                  const idempotency::RequestKey& key,
                                                  const Document& doc, const DeliveryPlanner& plan,
                                                  const PayloadBuilder& payload,
                                                  const std::function<std::string()>& new_id,
                                                  absl::Time now) = 0;
  virtual absl::StatusOr<Document> GetDocument(const std::string& tenant,
                                               const std::string& document_id) = 0;
  // Reads the document under lock, lets `change` make the next version from
  // it (its error aborts everything), stores it and queues its deliveries.
  virtual absl::StatusOr<Document> UpdateDocument(
      const std::string& tenant, const std::string& document_id,
      const std::function<absl::Status(Document&)>& change, const DeliveryPlanner& plan,
      const PayloadBuilder& payload, const std::function<std::string()>& new_id,
      absl::Time now) = 0;

  // PMX-08: every change of routing (CreateConnection, DeleteConnection,
  // SetCountryFilter, Country records by ApplyTransfer) marks its PromoMats
  // vault in the change's own transaction. RerouteMarked takes the tenant's
  // marked vaults and, a few hundred documents per transaction, plans each
  // document with `plan` against the routing as it now is and queues the
  // deliveries on the outbox (the same path a document change takes), then
  // clears the mark unless a newer change marked the vault again. Running it
  // twice, or on two replicas at once, queues nothing twice. Returns the
  // number of deliveries queued.
  virtual absl::StatusOr<int> RerouteMarked(const std::string& tenant, const DeliveryPlanner& plan,
                                            const PayloadBuilder& payload,
                                            const std::function<std::string()>& new_id,
                                            absl::Time now) = 0;
  // Tenants with a vault marked for re-routing (for the background re-router).
  virtual absl::StatusOr<std::vector<std::string>> TenantsWithReroutes() = 0;

  virtual absl::StatusOr<std::vector<Notification>> ListNotifications(const std::string& tenant,
                                                                      const std::string& owner,
                                                                      const std::string& after_id,
                                                                      int limit) = 0;

  // Upserts metrics keyed by (CRM vault, metric id) (PMX-12). Only for a
  // document with a CrossLink in that CRM vault (NOT_FOUND naming the first
  // metric's document_id otherwise) and a slide of its binder there, or none
  // (INVALID_ARGUMENT naming the metric's slide_id); on a refusal nothing is
  // stored.
  virtual absl::Status UpsertMetrics(const std::string& tenant, const std::string& crm_vault_id,
                                     const std::vector<ContentMetric>& metrics, absl::Time now) = 0;
  // The document's metrics summed per slide id (the empty one too), by slide id.
  virtual absl::StatusOr<std::vector<MetricsAggregate>> MetricsBySlide(
      const std::string& tenant, const std::string& document_id) = 0;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_PMX_STORE_H_
