#include "promomats_svc/promomats_service.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/idempotency/request_key.h"
#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "promomats_svc/pmx_mapping.h"
#include "promomats_svc/rules/metrics_rules.h"
#include "promomats_svc/rules/routing_rules.h"
#include "promomats_svc/rules/transfer_rules.h"

namespace engage::promomats {

using auth::Identity;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_INTEGRATION;

namespace {

void ToProto(const Vault& v, v1::Vault* out) {
  out->set_vault_id(v.vault_id);
  out->set_name(v.name);
  out->set_kind(static_cast<v1::VaultKind>(v.kind));
  out->set_type(static_cast<v1::VaultType>(v.type));
  out->set_domain(v.domain);
}

// A DNS name: labels of letters, digits and hyphens separated by dots.
bool IsDomain(const std::string& d) {
  if (d.empty() || d.size() > 253 || d.front() == '.' || d.back() == '.' ||
      d.find('.') == std::string::npos) {
    return false;
  }
  for (char c : d) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.')) return false;
  }
  return d.find("..") == std::string::npos;
}

void ToProto(const Connection& c, v1::Connection* out) {
  out->set_connection_id(c.connection_id);
  out->set_promomats_vault_id(c.promomats_vault_id);
  out->set_crm_vault_id(c.crm_vault_id);
}

bool IsSet(bool valid, int value) { return valid && value != 0; }

void TextMap(FieldErrors& errors, const std::string& field,
             const google::protobuf::Map<std::string, std::string>& map) {
  if (map.size() > 100) errors.Add(field, "at most 100 entries");
  for (const auto& [k, v] : map) {
    validate::Text(errors, absl::StrCat(field, "[", k, "]"), k, 1, 100);
    validate::OptionalText(errors, absl::StrCat(field, "[", k, "]"), v, 2000);
  }
}

}  // namespace

absl::StatusOr<Vault> PromoMatsServiceImpl::VaultOfKind(const std::string& tenant,
                                                        const std::string& field,
                                                        const std::string& vault_id,
                                                        VaultKind kind) {
  auto vault = store_.GetVault(tenant, vault_id);
  if (!vault.ok()) return vault.status();
  if (vault->kind != kind) {
    return WithReason(
        InvalidField(field, kind == VaultKind::kPromoMats ? "must name a PROMOMATS vault"
                                                          : "must name a CRM vault"),
        "PMX-01");
  }
  return vault;
}

grpc::Status PromoMatsServiceImpl::RegisterVault(grpc::ServerContext* context,
                                                 const v1::RegisterVaultRequest* request,
                                                 v1::RegisterVaultResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Text(errors, "request_id", request->request_id(), 1, 64);
    validate::Text(errors, "name", request->name(), 1, 200);
    if (!v1::VaultKind_IsValid(request->kind()) || request->kind() == v1::VAULT_KIND_UNSPECIFIED) {
      errors.Add("kind", "must be VAULT_KIND_PROMOMATS or VAULT_KIND_CRM");
    }
    if (!v1::VaultType_IsValid(request->type()) || request->type() == v1::VAULT_TYPE_UNSPECIFIED) {
      errors.Add("type", "must be VAULT_TYPE_PRODUCTION or VAULT_TYPE_SANDBOX");
    }
    if (!IsDomain(request->domain()))
      errors.Add("domain", "must be a DNS name such as vault.example.com");
    if (!errors.empty()) return errors.ToStatus();
    Vault vault{ids_.Next(), request->name(), static_cast<VaultKind>(request->kind()),
                static_cast<VaultType>(request->type()), request->domain()};
    ASSIGN_OR_RETURN(auto stored, vaults_.Register(caller.tenant,
                                                   idempotency::KeyOf(request->request_id(),
                                                                      caller.subject, *request),
                                                   vault, clock_.Now()));
    ToProto(stored, response->mutable_vault());
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::ListVaults(grpc::ServerContext* context,
                                              const v1::ListVaultsRequest* request,
                                              v1::ListVaultsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const uint64_t query = paging::QueryHash("vaults");
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto result, vaults_.List(caller.tenant, page.after_key, page.size));
    for (const auto& v : result.vaults) ToProto(v, response->add_vaults());
    if (result.more) {
      response->set_next_page_token(paging::MakePageToken(result.vaults.back().vault_id, query));
    }
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::CreateConnection(grpc::ServerContext* context,
                                                    const v1::CreateConnectionRequest* request,
                                                    v1::CreateConnectionResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Text(errors, "request_id", request->request_id(), 1, 64);
    validate::Id(errors, "promomats_vault_id", request->promomats_vault_id());
    validate::Id(errors, "crm_vault_id", request->crm_vault_id());
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto pm, VaultOfKind(caller.tenant, "promomats_vault_id",
                                          request->promomats_vault_id(), VaultKind::kPromoMats));
    ASSIGN_OR_RETURN(auto crm, VaultOfKind(caller.tenant, "crm_vault_id", request->crm_vault_id(),
                                           VaultKind::kCrm));
    Connection c{ids_.Next(), pm.vault_id, crm.vault_id, pm.type, crm.type};
    ASSIGN_OR_RETURN(
        auto stored,
        store_.CreateConnection(caller.tenant,
                                idempotency::KeyOf(request->request_id(), caller.subject, *request),
                                c, clock_.Now()));
    // PMX-08: the store marked the vault in the same transaction; the
    // background Rerouter sends the new CRM the documents routed to it (SEC-11:
    // the re-route of a whole vault never runs inside a caller's call).
    ToProto(stored, response->mutable_connection());
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::ListConnections(grpc::ServerContext* context,
                                                   const v1::ListConnectionsRequest* request,
                                                   v1::ListConnectionsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const uint64_t query = paging::QueryHash("connections");
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto result, store_.ListConnections(caller.tenant, page.after_key, page.size));
    for (const auto& c : result.connections) ToProto(c, response->add_connections());
    if (result.more) {
      response->set_next_page_token(
          paging::MakePageToken(result.connections.back().connection_id, query));
    }
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::UpdateConnectionSettings(
    grpc::ServerContext* context, const v1::UpdateConnectionSettingsRequest* request,
    v1::UpdateConnectionSettingsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "connection_id", request->connection_id());
    if (!IsSet(v1::Feature_IsValid(request->feature()), request->feature())) {
      errors.Add("feature",
                 "must be FEATURE_CLM, FEATURE_APPROVED_EMAIL or FEATURE_DOCUMENT_TRANSFER");
    }
    if (request->country_filter_size() > 300) errors.Add("country_filter", "at most 300 countries");
    std::set<std::string> unique;
    for (int i = 0; i < request->country_filter_size(); ++i) {
      validate::CountryCode(errors, absl::StrCat("country_filter[", i, "]"),
                            request->country_filter(i));
      unique.insert(request->country_filter(i));
    }
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto connection,
                     store_.GetConnection(caller.tenant, request->connection_id()));
    const std::vector<std::string> filter(unique.begin(), unique.end());
    RETURN_IF_ERROR(store_.SetCountryFilter(caller.tenant, connection.connection_id,
                                            FromProto(request->feature()), filter, clock_.Now()));
    // PMX-08: re-routed by the background Rerouter (the store marked the vault).
    ASSIGN_OR_RETURN(const std::set<std::string> countries,
                     store_.PromoMatsCountries(caller.tenant, connection.promomats_vault_id));
    for (const auto& country : ConnectionCountries(filter, countries)) {
      auto* cc = response->add_connection_countries();
      cc->set_connection_id(connection.connection_id);
      cc->set_crm_vault_id(connection.crm_vault_id);
      cc->set_feature(request->feature());
      cc->set_country(country);
    }
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::ListConnectionCountries(
    grpc::ServerContext* context, const v1::ListConnectionCountriesRequest* request,
    v1::ListConnectionCountriesResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    if (!request->connection_id().empty()) {
      validate::Id(errors, "connection_id", request->connection_id());
    }
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto settings, store_.ListSettings(caller.tenant, request->connection_id()));
    std::map<std::string, std::set<std::string>> countries_of;  // per PromoMats vault
    for (const auto& s : settings) {
      const std::string& pm = s.connection.promomats_vault_id;
      if (countries_of.count(pm) == 0) {
        ASSIGN_OR_RETURN(auto countries, store_.PromoMatsCountries(caller.tenant, pm));
        countries_of[pm] = countries;
      }
      for (const auto& country : ConnectionCountries(s.country_filter, countries_of[pm])) {
        auto* cc = response->add_connection_countries();
        cc->set_connection_id(s.connection.connection_id);
        cc->set_crm_vault_id(s.connection.crm_vault_id);
        cc->set_feature(ToProto(s.feature));
        cc->set_country(country);
      }
    }
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::TransferRecords(grpc::ServerContext* context,
                                                   const v1::TransferRecordsRequest* request,
                                                   v1::TransferRecordsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Text(errors, "request_id", request->request_id(), 1, 64);
    validate::Id(errors, "connection_id", request->connection_id());
    if (!IsSet(v1::Direction_IsValid(request->direction()), request->direction())) {
      errors.Add("direction", "must be DIRECTION_CRM_TO_PROMOMATS or DIRECTION_PROMOMATS_TO_CRM");
    }
    if (!IsSet(v1::ObjectType_IsValid(request->object_type()), request->object_type())) {
      errors.Add("object_type", "must be a known OBJECT_TYPE_ value");
    }
    if (request->records_size() < 1 || request->records_size() > 500) {
      errors.Add("records", "must hold 1 to 500 records");
    }
    for (int i = 0; i < request->records_size() && i < 500; ++i) {
      const auto& r = request->records(i);
      const std::string f = absl::StrCat("records[", i, "].");
      validate::Text(errors, f + "name", r.name(), 1, 200);
      validate::OptionalText(errors, f + "crm_id", r.crm_id(), 64);
      validate::OptionalText(errors, f + "external_id", r.external_id(), 128);
      validate::OptionalText(errors, f + "link", r.link(), 255);
      TextMap(errors, f + "fields", r.fields());
    }
    if (!errors.empty()) return errors.ToStatus();
    const bool inbound = request->direction() == v1::DIRECTION_CRM_TO_PROMOMATS;
    const ObjectType object_type = FromProto(request->object_type());
    if (!ObjectTypeMoves(FromProto(request->direction()), object_type)) {
      return WithReason(
          InvalidField("object_type", inbound ? "does not move from CRM to PromoMats"
                                              : "does not move from PromoMats to CRM"),
          inbound ? "PMX-02" : "PMX-03");
    }
    ASSIGN_OR_RETURN(auto connection,
                     store_.GetConnection(caller.tenant, request->connection_id()));
    const VaultType source = inbound ? connection.crm_type : connection.promomats_type;
    const VaultType target = inbound ? connection.promomats_type : connection.crm_type;
    if (!MayWrite(source, target)) {
      return WithReason(
          absl::FailedPreconditionError("a SANDBOX vault never writes into a PRODUCTION vault"),
          "PMX-06");
    }
    TransferBatch batch;
    batch.request_id = request->request_id();
    // The same batch from the same caller replays (PMX-05); the fingerprint
    // serializes the records' fields (maps) in one order.
    batch.request_hash = idempotency::Fingerprint(caller.subject, *request);
    batch.target_vault_id = inbound ? connection.promomats_vault_id : connection.crm_vault_id;
    batch.object_type = object_type;
    batch.crm_org = connection.crm_vault_id;
    for (const auto& r : request->records()) {
      batch.records.push_back(FromProto(r));
      std::string failure = RecordFailure(object_type, batch.records.back());
      if (object_type == ObjectType::kClmContentMetrics) {
        // PMX-12: the metric reaches the content metrics, or the record fails.
        batch.metrics.emplace_back();
        if (failure.empty()) failure = MetricFromRecord(batch.records.back(), batch.metrics.back());
      }
      batch.failures.push_back(std::move(failure));
    }
    ASSIGN_OR_RETURN(
        const std::vector<RecordResult> results,
        store_.ApplyTransfer(
            caller.tenant, batch, FindMatch, [this] { return ids_.Next(); }, clock_.Now()));
    // PMX-08: a Country record created or re-coded marked the vault for the
    // background Rerouter.
    *response = ToProto(results);
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::ListRecords(grpc::ServerContext* context,
                                               const v1::ListRecordsRequest* request,
                                               v1::ListRecordsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "vault_id", request->vault_id());
    if (!IsSet(v1::ObjectType_IsValid(request->object_type()), request->object_type())) {
      errors.Add("object_type", "must be a known OBJECT_TYPE_ value");
    }
    const uint64_t query = paging::QueryHash(
        absl::StrCat("records/", request->vault_id(), "/", request->object_type()));
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    if (auto v = store_.GetVault(caller.tenant, request->vault_id()); !v.ok()) return v.status();
    ASSIGN_OR_RETURN(auto records, store_.ListRecords(caller.tenant, request->vault_id(),
                                                      FromProto(request->object_type()),
                                                      page.after_key, page.size + 1));
    response->set_next_page_token(
        paging::CutToPage(records, page, query, [](const auto& r) { return r.record_id; }));
    for (const auto& r : records) *response->add_records() = ToProto(r);
    return absl::OkStatus();
  });
}

}  // namespace engage::promomats
