#include "promomats_svc/mysql_pmx_store.h"

#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "common/idempotency/request_key.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "promomats_svc/json_codec.h"
#include "promomats_svc/pmx_mapping.h"
#include "promomats_svc/rules/metrics_rules.h"

namespace engage::promomats {

using mysql::Session;

namespace {

constexpr char kConnectionSelect[] =
    "SELECT c.connection_id, c.promomats_vault_id, c.crm_vault_id, p.type, r.type "
    "FROM pmx_connections c "
    "JOIN vaults p ON p.tenant_id = c.tenant_id AND p.vault_id = c.promomats_vault_id "
    "JOIN vaults r ON r.tenant_id = c.tenant_id AND r.vault_id = c.crm_vault_id ";

Connection ConnectionFromRow(const mysql::Row& r) {
  return {r.String(0), r.String(1), r.String(2), static_cast<VaultType>(r.Int(3)),
          static_cast<VaultType>(r.Int(4))};
}

int64_t Int(int v) { return int64_t{v}; }

// PMX-12: one metric, keyed by its CRM vault and CRM record id (a replay
// replaces it).
absl::Status UpsertMetric(Session& s, const std::string& tenant, const std::string& crm_vault_id,
                          const ContentMetric& m, absl::Time now) {
  return s
      .Execute(
          "INSERT INTO pmx_content_metrics (tenant_id, crm_vault_id, metric_id, document_id, "
          "slide_id, times_shown, duration_seconds, sent_as_link, link_clicks, custom_uses, "
          "previews, view_order, reaction, country, update_time) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
          "document_id = VALUES(document_id), slide_id = VALUES(slide_id), "
          "times_shown = VALUES(times_shown), duration_seconds = VALUES(duration_seconds), "
          "sent_as_link = VALUES(sent_as_link), link_clicks = VALUES(link_clicks), "
          "custom_uses = VALUES(custom_uses), previews = VALUES(previews), "
          "view_order = VALUES(view_order), reaction = VALUES(reaction), "
          "country = VALUES(country), update_time = VALUES(update_time)",
          {tenant, crm_vault_id, m.metric_id, m.document_id, m.slide_id, m.times_shown_in_calls,
           m.slide_duration_seconds, m.times_sent_as_link, m.link_clicks,
           m.custom_presentation_uses, m.previews, Int(m.view_order),
           Int(static_cast<int>(m.reaction)), m.country, now})
      .status();
}

// PMX-12: the slides of `document_id`'s binder as CRM vault `crm_vault_id`
// holds it (its CrossLink, in any state: metrics of a withdrawn one are
// still its history); nullopt when the document never reached that vault.
absl::StatusOr<std::optional<std::vector<Slide>>> CrossLinkSlides(Session& s,
                                                                  const std::string& tenant,
                                                                  const std::string& crm_vault_id,
                                                                  const std::string& document_id) {
  ASSIGN_OR_RETURN(auto rows, s.Query("SELECT body FROM pmx_crosslinks WHERE tenant_id = ? AND "
                                      "crm_vault_id = ? AND document_id = ?",
                                      {tenant, crm_vault_id, document_id}));
  if (rows.empty()) return std::optional<std::vector<Slide>>();
  v1::CrossLink link;
  RETURN_IF_ERROR(FromJson(rows.front().String(0), &link));
  return std::optional<std::vector<Slide>>(FromProto(link).slides);
}

// The PromoMats vault of the tenant's connection, the connection's row locked
// until the transaction ends; NOT_FOUND when it is not the tenant's.
absl::StatusOr<std::string> LockConnection(Session& s, const std::string& tenant,
                                           const std::string& connection_id) {
  ASSIGN_OR_RETURN(auto rows,
                   s.Query("SELECT promomats_vault_id FROM pmx_connections WHERE tenant_id = ? "
                           "AND connection_id = ? FOR UPDATE",
                           {tenant, connection_id}));
  if (rows.empty()) {
    return absl::NotFoundError(absl::StrCat("connection ", connection_id, " not found"));
  }
  return rows.front().String(0);
}
template <typename Enum>
int64_t Int(Enum e) {
  return static_cast<int64_t>(e);
}

}  // namespace

absl::StatusOr<Vault> MysqlPmxStore::GetVault(const std::string& tenant,
                                              const std::string& vault_id) {
  auto rows = pool_.Query(
      "SELECT vault_id, name, kind, type, domain FROM vaults WHERE tenant_id = ? AND vault_id = ?",
      {tenant, vault_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::NotFoundError(absl::StrCat("vault ", vault_id, " not found"));
  const auto& r = rows->front();
  return Vault{r.String(0), r.String(1), static_cast<VaultKind>(r.Int(2)),
               static_cast<VaultType>(r.Int(3)), r.String(4)};
}

absl::StatusOr<Connection> MysqlPmxStore::CreateConnection(const std::string& tenant,
                                                           const idempotency::RequestKey& key,
                                                           const Connection& connection,
                                                           absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<Connection> {
    // Locks the key (or its gap), so a concurrent request under it waits and
    // then reads the first one's row.
    ASSIGN_OR_RETURN(auto used, s.Query("SELECT request_hash FROM pmx_connections WHERE "
                                        "tenant_id = ? AND request_id = ? FOR UPDATE",
                                        {tenant, key.request_id}));
    if (!used.empty()) {
      RETURN_IF_ERROR(idempotency::CheckReplay(used.front().String(0), key.fingerprint));
      ASSIGN_OR_RETURN(auto prior, s.Query(std::string(kConnectionSelect) +
                                               "WHERE c.tenant_id = ? AND c.request_id = ?",
                                           {tenant, key.request_id}));
      if (prior.empty()) return absl::InternalError("the key's connection has no vaults");
      return ConnectionFromRow(prior.front());
    }
    auto inserted = s.Execute(
        "INSERT INTO pmx_connections (tenant_id, connection_id, promomats_vault_id, crm_vault_id, "
        "request_id, request_hash, create_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {tenant, connection.connection_id, connection.promomats_vault_id, connection.crm_vault_id,
         key.request_id, key.fingerprint, now});
    if (!inserted.ok()) {
      if (absl::IsAlreadyExists(inserted.status())) {
        return absl::AlreadyExistsError("these two vaults are already connected");
      }
      return inserted.status();
    }
    // PMX-08: the new CRM is routed the documents already out.
    RETURN_IF_ERROR(MarkReroute(s, tenant, connection.promomats_vault_id, now));
    return connection;
  });
}

absl::StatusOr<Connection> MysqlPmxStore::GetConnection(const std::string& tenant,
                                                        const std::string& connection_id) {
  ASSIGN_OR_RETURN(auto rows, pool_.Query(std::string(kConnectionSelect) +
                                              "WHERE c.tenant_id = ? AND c.connection_id = ?",
                                          {tenant, connection_id}));
  if (rows.empty()) {
    return absl::NotFoundError(absl::StrCat("connection ", connection_id, " not found"));
  }
  return ConnectionFromRow(rows.front());
}

absl::StatusOr<ConnectionPage> MysqlPmxStore::ListConnections(const std::string& tenant,
                                                              const std::string& after_id,
                                                              int limit) {
  ASSIGN_OR_RETURN(auto rows, pool_.Query(std::string(kConnectionSelect) +
                                              "WHERE c.tenant_id = ? AND c.connection_id > ? "
                                              "ORDER BY c.connection_id LIMIT ?",
                                          {tenant, after_id, int64_t{limit + 1}}));
  ConnectionPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.connections.size()) == limit) {
      page.more = true;
      break;
    }
    page.connections.push_back(ConnectionFromRow(r));
  }
  return page;
}

absl::Status MysqlPmxStore::SetCountryFilter(const std::string& tenant,
                                             const std::string& connection_id, Feature feature,
                                             const std::vector<std::string>& countries,
                                             absl::Time now) {
  return pool_.Transaction([&](Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(const std::string promomats_vault, LockConnection(s, tenant, connection_id));
    RETURN_IF_ERROR(
        s.Execute("INSERT INTO pmx_connection_settings (tenant_id, connection_id, feature, "
                  "country_filter, update_time) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                  "country_filter = VALUES(country_filter), update_time = VALUES(update_time)",
                  {tenant, connection_id, Int(feature), JoinCodes(countries), now})
            .status());
    // PMX-08: the documents already out follow the new filter.
    return MarkReroute(s, tenant, promomats_vault, now);
  });
}

absl::Status MysqlPmxStore::DeleteConnection(const std::string& tenant,
                                             const std::string& connection_id, absl::Time now) {
  return pool_.Transaction([&](Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(const std::string promomats_vault, LockConnection(s, tenant, connection_id));
    RETURN_IF_ERROR(s.Execute("DELETE FROM pmx_connection_settings WHERE tenant_id = ? AND "
                              "connection_id = ?",
                              {tenant, connection_id})
                        .status());
    RETURN_IF_ERROR(
        s.Execute("DELETE FROM pmx_connections WHERE tenant_id = ? AND connection_id = ?",
                  {tenant, connection_id})
            .status());
    // PMX-08: what the removed CRM holds is withdrawn.
    return MarkReroute(s, tenant, promomats_vault, now);
  });
}

absl::StatusOr<std::vector<PmxStore::Setting>> MysqlPmxStore::ListSettings(
    const std::string& tenant, const std::string& connection_id) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT c.connection_id, c.promomats_vault_id, c.crm_vault_id, p.type, r.type, "
          "s.feature, "
          "s.country_filter FROM pmx_connection_settings s "
          "JOIN pmx_connections c ON c.tenant_id = s.tenant_id AND c.connection_id = "
          "s.connection_id "
          "JOIN vaults p ON p.tenant_id = c.tenant_id AND p.vault_id = c.promomats_vault_id "
          "JOIN vaults r ON r.tenant_id = c.tenant_id AND r.vault_id = c.crm_vault_id "
          "WHERE s.tenant_id = ? AND (? = '' OR s.connection_id = ?) "
          "ORDER BY c.connection_id, s.feature",
          {tenant, connection_id, connection_id}));
  std::vector<Setting> out;
  for (const auto& r : rows) {
    out.push_back({ConnectionFromRow(r), static_cast<Feature>(r.Int(5)), SplitCodes(r.String(6))});
  }
  return out;
}

absl::StatusOr<std::set<std::string>> MysqlPmxStore::PromoMatsCountries(
    const std::string& tenant, const std::string& promomats_vault_id) {
  ASSIGN_OR_RETURN(auto rows, pool_.Query("SELECT external_id FROM pmx_records WHERE tenant_id = ? "
                                          "AND vault_id = ? AND object_type = ?",
                                          {tenant, promomats_vault_id, Int(ObjectType::kCountry)}));
  std::set<std::string> out;
  for (const auto& r : rows) out.insert(r.String(0));
  return out;
}

absl::StatusOr<std::vector<RecordResult>> MysqlPmxStore::ApplyTransfer(
    const std::string& tenant, const TransferBatch& batch, const Matcher& match,
    const std::function<std::string()>& new_id, absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<std::vector<RecordResult>> {
    v1::TransferRecordsResponse response;
    // Locks the request id first, so a concurrent replay waits and then sees
    // the first results instead of applying the batch again.
    ASSIGN_OR_RETURN(auto prior, s.Query("SELECT request_hash, results FROM pmx_transfers WHERE "
                                         "tenant_id = ? AND request_id = ? "
                                         "FOR UPDATE",
                                         {tenant, batch.request_id}));
    if (!prior.empty()) {
      RETURN_IF_ERROR(idempotency::CheckReplay(prior.front().String(0), batch.request_hash));
      RETURN_IF_ERROR(FromJson(prior.front().String(1), &response));
      return FromProto(response);
    }
    RETURN_IF_ERROR(s.Execute("INSERT INTO pmx_transfers (tenant_id, request_id, request_hash, "
                              "results, create_time) "
                              "VALUES (?, ?, ?, '', ?)",
                              {tenant, batch.request_id, batch.request_hash, now})
                        .status());
    const int64_t type = Int(batch.object_type);
    bool routing_changed = false;
    for (size_t i = 0; i < batch.records.size(); ++i) {
      const v1::TransferRecord rec = ToProto(batch.records[i]);
      v1::RecordResult* result = response.add_results();
      result->set_index(static_cast<int32_t>(i));
      if (!batch.failures[i].empty()) {
        result->set_outcome(v1::RECORD_OUTCOME_FAILED);
        result->set_reason(batch.failures[i]);
        continue;
      }
      const bool metric = batch.object_type == ObjectType::kClmContentMetrics;
      if (metric) {
        // PMX-12: stored against a document of this connection's PromoMats
        // vault, never another vault's or tenant's.
        ASSIGN_OR_RETURN(auto doc,
                         s.Query("SELECT 1 FROM pmx_documents WHERE tenant_id = ? AND "
                                 "promomats_vault_id = ? AND document_id = ?",
                                 {tenant, batch.target_vault_id, batch.metrics[i].document_id}));
        if (doc.empty()) {
          result->set_outcome(v1::RECORD_OUTCOME_FAILED);
          result->set_reason(absl::StrCat("PMX-12: fields.document_id: document ",
                                          batch.metrics[i].document_id,
                                          " not found in the connection's PromoMats vault"));
          continue;
        }
        // ... and one the CRM holds, and a slide of its binder (SEC-11).
        ASSIGN_OR_RETURN(auto slides,
                         CrossLinkSlides(s, tenant, batch.crm_org, batch.metrics[i].document_id));
        if (!slides || !IsSlideOf(*slides, batch.metrics[i].slide_id)) {
          result->set_outcome(v1::RECORD_OUTCOME_FAILED);
          result->set_reason(
              !slides ? absl::StrCat("PMX-12: fields.document_id: document ",
                                     batch.metrics[i].document_id,
                                     " has no CrossLink in the connection's CRM vault")
                      : "PMX-12: fields.slide_id: not a slide of the document's binder in the "
                        "connection's CRM vault");
          continue;
        }
        RETURN_IF_ERROR(UpsertMetric(s, tenant, batch.crm_org, batch.metrics[i], now));
      }
      RecordKeys keys{rec.name(), batch.crm_org, rec.crm_id(), rec.external_id(), rec.link()};
      ASSIGN_OR_RETURN(
          auto candidates,
          s.Query("SELECT record_id, name, crm_org, crm_id, external_id, link FROM pmx_records "
                  "WHERE tenant_id = ? AND vault_id = ? AND object_type = ? AND ("
                  "(link <> '' AND link = ?) OR (external_id <> '' AND external_id = ?) OR "
                  "(crm_id <> '' AND crm_org = ? AND crm_id = ?)) ORDER BY record_id FOR UPDATE",
                  {tenant, batch.target_vault_id, type, keys.link, keys.external_id, keys.crm_org,
                   keys.crm_id}));
      std::vector<StoredRecord> stored;
      for (const auto& r : candidates) {
        stored.push_back(
            {r.String(0), {r.String(1), r.String(2), r.String(3), r.String(4), r.String(5)}});
      }
      v1::Record fields_holder;
      *fields_holder.mutable_fields() = rec.fields();
      const std::string fields = ToJson(fields_holder);
      if (auto found = match(keys, stored)) {
        // Keys the arriving record leaves blank keep their stored value.
        RETURN_IF_ERROR(
            s.Execute(
                 "UPDATE pmx_records SET name = ?, crm_id = IF(? = '', crm_id, ?), "
                 "external_id = IF(? = '', external_id, ?), link = IF(? = '', link, ?), fields = "
                 "?, "
                 "update_time = ? WHERE tenant_id = ? AND vault_id = ? AND object_type = ? AND "
                 "record_id = ?",
                 {rec.name(), keys.crm_id, keys.crm_id, keys.external_id, keys.external_id,
                  keys.link, keys.link, fields, now, tenant, batch.target_vault_id, type,
                  found->record_id})
                .status());
        result->set_outcome(v1::RECORD_OUTCOME_UPDATED);
        result->set_record_id(found->record_id);
        // Routing reads a Country's external id (its code) only.
        if (!keys.external_id.empty() && keys.external_id != found->keys.external_id) {
          routing_changed = true;
        }
      } else {
        const std::string id = new_id();
        RETURN_IF_ERROR(
            s.Execute("INSERT INTO pmx_records (tenant_id, vault_id, object_type, record_id, name, "
                      "crm_org, "
                      "crm_id, external_id, link, fields, create_time, update_time) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      {tenant, batch.target_vault_id, type, id, rec.name(), keys.crm_org,
                       keys.crm_id, keys.external_id, keys.link, fields, now, now})
                .status());
        result->set_outcome(v1::RECORD_OUTCOME_CREATED);
        result->set_record_id(id);
        routing_changed = true;
      }
    }
    // PMX-08: a Country record created or re-coded in PromoMats may route
    // documents to more CRMs; a batch that changed no code marks nothing, so
    // repeating it costs no re-route of the vault (SEC-11).
    if (batch.object_type == ObjectType::kCountry && routing_changed) {
      RETURN_IF_ERROR(MarkReroute(s, tenant, batch.target_vault_id, now));
    }
    RETURN_IF_ERROR(
        s.Execute("UPDATE pmx_transfers SET results = ? WHERE tenant_id = ? AND request_id = ?",
                  {ToJson(response), tenant, batch.request_id})
            .status());
    return FromProto(response);
  });
}

absl::StatusOr<std::vector<Record>> MysqlPmxStore::ListRecords(const std::string& tenant,
                                                               const std::string& vault_id,
                                                               ObjectType type,
                                                               const std::string& after_id,
                                                               int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT record_id, name, crm_org, crm_id, external_id, link, fields FROM pmx_records "
          "WHERE tenant_id = ? AND vault_id = ? AND object_type = ? AND record_id > ? "
          "ORDER BY record_id LIMIT ?",
          {tenant, vault_id, Int(type), after_id, int64_t{limit}}));
  std::vector<Record> out;
  for (const auto& r : rows) {
    v1::Record rec;
    RETURN_IF_ERROR(FromJson(r.String(6), &rec));
    rec.set_record_id(r.String(0));
    rec.set_vault_id(vault_id);
    rec.set_object_type(ToProto(type));
    rec.set_name(r.String(1));
    rec.set_crm_org(r.String(2));
    rec.set_crm_id(r.String(3));
    rec.set_external_id(r.String(4));
    rec.set_link(r.String(5));
    out.push_back(FromProto(rec));
  }
  return out;
}

absl::Status MysqlPmxStore::SetTransferConfig(const std::string& tenant,
                                              const std::string& promomats_vault_id,
                                              const TransferConfig& config, absl::Time now) {
  v1::UpdateDocumentTransferConfigResponse body;
  for (const auto& t : config.document_types) body.add_document_types(t);
  for (const auto& f : config.metadata_fields) body.add_metadata_fields(f);
  return pool_.Transaction([&](Session& s) -> absl::Status {
    RETURN_IF_ERROR(
        s.Execute("INSERT INTO pmx_transfer_configs (tenant_id, promomats_vault_id, body, "
                  "update_time) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE body = VALUES(body), "
                  "update_time = VALUES(update_time)",
                  {tenant, promomats_vault_id, ToJson(body), now})
            .status());
    // PMX-08, PMX-10: documents of a type added to the group are published,
    // of a type taken out withdrawn, with no document change.
    return MarkReroute(s, tenant, promomats_vault_id, now);
  });
}

absl::StatusOr<std::vector<Notification>> MysqlPmxStore::ListNotifications(
    const std::string& tenant, const std::string& owner, const std::string& after_id, int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT notification_id, document_id, version, crm_vault_id, kind, message "
          "FROM pmx_notifications WHERE tenant_id = ? AND owner = ? AND notification_id > ? "
          "ORDER BY notification_id LIMIT ?",
          {tenant, owner, after_id, int64_t{limit}}));
  std::vector<Notification> out;
  for (const auto& r : rows) {
    out.push_back({r.String(0), owner, r.String(1), r.Int(2), r.String(3),
                   static_cast<NotificationKind>(r.Int(4)), r.String(5)});
  }
  return out;
}

absl::Status MysqlPmxStore::Notify(const std::string& tenant, const std::string& delivery_key,
                                   const Notification& n, absl::Time now) {
  // Once per delivery key: a replayed delivery finds its notification there.
  return pool_
      .Execute(
          "INSERT INTO pmx_notifications (tenant_id, notification_id, owner, document_id, version, "
          "crm_vault_id, kind, message, create_time, delivery_key) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "ON DUPLICATE KEY UPDATE notification_id = notification_id",
          {tenant, n.notification_id, n.owner, n.document_id, n.version, n.crm_vault_id,
           int64_t{static_cast<int>(n.kind)}, n.message.substr(0, 1000), now, delivery_key})
      .status();
}

absl::StatusOr<int64_t> MysqlPmxStore::PendingCount(const std::string& tenant) {
  ASSIGN_OR_RETURN(const outbox::Counts counts, deliveries_.CountsOf(tenant));
  return counts.pending;
}

absl::Status MysqlPmxStore::UpsertMetrics(const std::string& tenant,
                                          const std::string& crm_vault_id,
                                          const std::vector<ContentMetric>& metrics,
                                          absl::Time now) {
  return pool_.Transaction([&](Session& s) -> absl::Status {
    // PMX-12, SEC-11: only a document this CRM vault holds, and only a slide
    // of its binder there; each document's CrossLink is read once per call.
    std::map<std::string, std::optional<std::vector<Slide>>> binders;
    for (size_t i = 0; i < metrics.size(); ++i) {
      const auto& m = metrics[i];
      auto binder = binders.find(m.document_id);
      if (binder == binders.end()) {
        ASSIGN_OR_RETURN(auto slides, CrossLinkSlides(s, tenant, crm_vault_id, m.document_id));
        binder = binders.emplace(m.document_id, std::move(slides)).first;
      }
      if (!binder->second) {
        return absl::NotFoundError(absl::StrCat("metrics[", i, "].document_id: document ",
                                                m.document_id, " not found in CRM vault ",
                                                crm_vault_id, " (PMX-12)"));
      }
      if (!IsSlideOf(*binder->second, m.slide_id)) {
        return InvalidField(absl::StrCat("metrics[", i, "].slide_id"),
                            "not a slide of the document's binder in that CRM vault (PMX-12)");
      }
      RETURN_IF_ERROR(UpsertMetric(s, tenant, crm_vault_id, m, now));
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<MetricsAggregate>> MysqlPmxStore::MetricsBySlide(
    const std::string& tenant, const std::string& document_id) {
  // SEC-11: summed here, one row per slide id, instead of loading every
  // metric; sums saturate at the int64 limit as the rules' do.
  constexpr char kSum[] = "CAST(LEAST(SUM(%s), 9223372036854775807) AS SIGNED)";
  auto sum = [&](const char* column) { return absl::StrReplaceAll(kSum, {{"%s", column}}); };
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          absl::StrCat("SELECT slide_id, COUNT(*), ", sum("times_shown"),
                       ", SUM(duration_seconds), ", sum("sent_as_link"), ", ", sum("link_clicks"),
                       ", ", sum("custom_uses"), ", ", sum("previews"), ", ", sum("view_order > 0"),
                       ", ", sum("IF(view_order > 0, view_order, 0)"), ", ", sum("reaction = ?"),
                       ", ", sum("reaction = ?"), ", ", sum("reaction = ?"),
                       ", GROUP_CONCAT(DISTINCT IF(country = '', NULL, country) SEPARATOR ',') "
                       "FROM pmx_content_metrics WHERE tenant_id = ? AND document_id = ? "
                       "GROUP BY slide_id ORDER BY slide_id"),
          {int64_t{static_cast<int>(Reaction::kPositive)},
           int64_t{static_cast<int>(Reaction::kNeutral)},
           int64_t{static_cast<int>(Reaction::kNegative)}, tenant, document_id}));
  std::vector<MetricsAggregate> out;
  for (const auto& r : rows) {
    MetricsAggregate a;
    r.Into(a.slide_id, a.rows, a.times_shown_in_calls, a.total_duration_seconds,
           a.times_sent_as_link, a.link_clicks, a.custom_presentation_uses, a.previews, a.ordered,
           a.order_sum, a.positive_reactions, a.neutral_reactions, a.negative_reactions);
    if (!r.IsNull(13)) {
      for (absl::string_view c : absl::StrSplit(r.String(13), ',', absl::SkipEmpty())) {
        a.countries.insert(std::string(c));
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace engage::promomats
