// Documents and the outbox rows their changes write (same transaction).
#include "absl/strings/str_cat.h"
#include "common/idempotency/request_key.h"
#include "common/status/status_macros.h"
#include "promomats_svc/json_codec.h"
#include "promomats_svc/mysql_pmx_store.h"
#include "promomats_svc/pmx_mapping.h"

namespace engage::promomats {

using mysql::Session;

namespace {

absl::StatusOr<Document> ReadDocument(Session& s, const std::string& tenant,
                                      const std::string& document_id, bool lock) {
  ASSIGN_OR_RETURN(auto rows,
                   s.Query(absl::StrCat("SELECT body FROM pmx_documents WHERE tenant_id = ? AND "
                                        "document_id = ?",
                                        lock ? " FOR UPDATE" : ""),
                           {tenant, document_id}));
  if (rows.empty())
    return absl::NotFoundError(absl::StrCat("document ", document_id, " not found"));
  v1::Document doc;
  RETURN_IF_ERROR(FromJson(rows.front().String(0), &doc));
  return FromProto(doc);
}

}  // namespace

absl::Status MysqlPmxStore::QueueDeliveries(Session& s, const std::string& tenant,
                                            const Document& doc, const DeliveryPlanner& plan,
                                            const PayloadBuilder& payload,
                                            const std::function<std::string()>& new_id,
                                            absl::Time now) {
  RoutingInputs in;
  auto pm = s.Query("SELECT type FROM vaults WHERE tenant_id = ? AND vault_id = ?",
                    {tenant, doc.promomats_vault_id});
  if (!pm.ok()) return pm.status();
  if (pm->empty()) return absl::NotFoundError("the document's PromoMats vault is gone");
  in.promomats_type = static_cast<VaultType>(pm->front().Int(0));
  auto crms = s.Query(
      "SELECT c.connection_id, c.crm_vault_id, v.type, s.country_filter IS NOT NULL, "
      "s.country_filter FROM pmx_connections c "
      "JOIN vaults v ON v.tenant_id = c.tenant_id AND v.vault_id = c.crm_vault_id "
      "LEFT JOIN pmx_connection_settings s ON s.tenant_id = c.tenant_id AND "
      "s.connection_id = c.connection_id AND s.feature = ? "
      "WHERE c.tenant_id = ? AND c.promomats_vault_id = ? ORDER BY c.crm_vault_id",
      {static_cast<int64_t>(doc.feature), tenant, doc.promomats_vault_id});
  if (!crms.ok()) return crms.status();
  for (const auto& r : *crms) {
    in.crms.push_back({r.String(0), r.String(1), static_cast<VaultType>(r.Int(2)), r.Bool(3),
                       SplitCodes(r.String(4))});
  }
  auto countries = s.Query(
      "SELECT external_id FROM pmx_records WHERE tenant_id = ? AND vault_id = ? AND object_type = "
      "?",
      {tenant, doc.promomats_vault_id, static_cast<int64_t>(ObjectType::kCountry)});
  if (!countries.ok()) return countries.status();
  for (const auto& r : *countries) in.promomats_countries.insert(r.String(0));
  auto config = s.Query(
      "SELECT body FROM pmx_transfer_configs WHERE tenant_id = ? AND promomats_vault_id = ?",
      {tenant, doc.promomats_vault_id});
  if (!config.ok()) return config.status();
  if (!config->empty()) {
    v1::UpdateDocumentTransferConfigResponse body;
    RETURN_IF_ERROR(FromJson(config->front().String(0), &body));
    in.config.document_types.assign(body.document_types().begin(), body.document_types().end());
    in.config.metadata_fields.assign(body.metadata_fields().begin(), body.metadata_fields().end());
  }
  // The latest action queued per CRM tells which CRMs hold (or will hold) it.
  auto history = s.Query(
      "SELECT target_vault_id, action FROM pmx_deliveries WHERE tenant_id = ? AND document_id = ? "
      "ORDER BY seq",
      {tenant, doc.document_id});
  if (!history.ok()) return history.status();
  std::map<std::string, int64_t> latest;
  for (const auto& r : *history) latest[r.String(0)] = r.Int(1);
  for (const auto& [target, action] : latest) {
    if (action == static_cast<int64_t>(DeliveryAction::kPublish)) in.published_to.insert(target);
  }

  const std::vector<PlannedDelivery> planned = plan(doc, in);
  if (planned.empty()) return absl::OkStatus();
  const std::string body = ToJson(ToProto(payload(doc, in.config)));
  const std::string change_id = new_id();
  for (const auto& p : planned) {
    outbox::NewMessage m;
    m.tenant = tenant;
    m.id = absl::StrCat(change_id, ".", p.target_vault_id);
    m.key = absl::StrCat(doc.document_id, ".", p.target_vault_id);
    m.position = doc.version;
    m.payload =
        DeliveryPayload(change_id, p.target_vault_id, doc.document_id, p.action, body, doc.owner);
    m.now = now;
    RETURN_IF_ERROR(outbox::Enqueue(s, PmxDeliveriesTable(), m));
  }
  return absl::OkStatus();
}

absl::StatusOr<Document> MysqlPmxStore::CreateDocument(
    const std::string& tenant, const idempotency::RequestKey& key, const Document& doc,
    const DeliveryPlanner& plan, const PayloadBuilder& payload,
    const std::function<std::string()>& new_id, absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<Document> {
    // Locks the key (or its gap), so a concurrent request under it waits and
    // then reads the first one's row.
    ASSIGN_OR_RETURN(auto prior, s.Query("SELECT document_id, request_hash FROM pmx_documents "
                                         "WHERE tenant_id = ? AND request_id = ? FOR UPDATE",
                                         {tenant, key.request_id}));
    if (!prior.empty()) {
      RETURN_IF_ERROR(idempotency::CheckReplay(prior.front().String(1), key.fingerprint));
      return ReadDocument(s, tenant, prior.front().String(0), false);
    }
    RETURN_IF_ERROR(
        s.Execute("INSERT INTO pmx_documents (tenant_id, document_id, promomats_vault_id, owner, "
                  "version, "
                  "body, request_id, request_hash, create_time, update_time) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {tenant, doc.document_id, doc.promomats_vault_id, doc.owner, doc.version,
                   ToJson(ToProto(doc)), key.request_id, key.fingerprint, now, now})
            .status());
    RETURN_IF_ERROR(QueueDeliveries(s, tenant, doc, plan, payload, new_id, now));
    return doc;
  });
}

absl::StatusOr<Document> MysqlPmxStore::GetDocument(const std::string& tenant,
                                                    const std::string& document_id) {
  return pool_.RunFor([&](Session& s) { return ReadDocument(s, tenant, document_id, false); });
}

absl::StatusOr<Document> MysqlPmxStore::UpdateDocument(
    const std::string& tenant, const std::string& document_id,
    const std::function<absl::Status(Document&)>& change, const DeliveryPlanner& plan,
    const PayloadBuilder& payload, const std::function<std::string()>& new_id, absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<Document> {
    ASSIGN_OR_RETURN(auto doc, ReadDocument(s, tenant, document_id, true));
    RETURN_IF_ERROR(change(doc));
    RETURN_IF_ERROR(s.Execute("UPDATE pmx_documents SET version = ?, body = ?, update_time = ? "
                              "WHERE tenant_id = ? AND document_id = ?",
                              {doc.version, ToJson(ToProto(doc)), now, tenant, document_id})
                        .status());
    RETURN_IF_ERROR(QueueDeliveries(s, tenant, doc, plan, payload, new_id, now));
    return doc;
  });
}

}  // namespace engage::promomats
