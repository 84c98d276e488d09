// PromoMatsServiceImpl: documents, CrossLinks, content metrics, notifications.
#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/idempotency/request_key.h"
#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "promomats_svc/pmx_mapping.h"
#include "promomats_svc/promomats_service.h"
#include "promomats_svc/rules/email_template_rules.h"
#include "promomats_svc/rules/metrics_rules.h"
#include "promomats_svc/rules/routing_rules.h"

namespace engage::promomats {

using auth::Identity;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_INTEGRATION;

namespace {

// The document fields an update may name.
const std::set<std::string>& MutablePaths() {
  static const auto* paths = new std::set<std::string>{"name",
                                                       "description",
                                                       "document_type",
                                                       "country",
                                                       "lifecycle_state",
                                                       "publish_for_crm_clm",
                                                       "publish_for_crm_fax",
                                                       "created_by_create_presentation",
                                                       "slides",
                                                       "email_kind",
                                                       "renditions",
                                                       "metadata"};
  return *paths;
}

bool IsLineSpace(char c) { return c == '\n' || c == '\r' || c == '\t'; }

bool IsSetFeature(v1::Feature f) { return v1::Feature_IsValid(f) && f != v1::FEATURE_UNSPECIFIED; }

std::string Etag(int64_t version) { return absl::StrCat("v", version); }

v1::Document Presented(v1::Document doc) {
  doc.set_etag(Etag(doc.version()));
  return doc;
}

// Checks the fields of `doc` named by `paths` (every mutable one on create).
void ValidateDocumentFields(FieldErrors& errors, const v1::Document& doc,
                            const std::set<std::string>& paths) {
  auto has = [&](const char* p) { return paths.count(p) > 0; };
  if (has("name")) validate::Text(errors, "document.name", doc.name(), 1, 200);
  if (has("description"))
    validate::OptionalText(errors, "document.description", doc.description(), 2000);
  if (has("document_type"))
    validate::Text(errors, "document.document_type", doc.document_type(), 1, 100);
  if (has("country") && doc.country() != kGlobal) {
    validate::CountryCode(errors, "document.country", doc.country());
  }
  if (has("lifecycle_state") && (!v1::LifecycleState_IsValid(doc.lifecycle_state()) ||
                                 doc.lifecycle_state() == v1::LIFECYCLE_STATE_UNSPECIFIED)) {
    errors.Add("document.lifecycle_state", "must be STEADY, NON_STEADY or OBSOLETE");
  }
  if (has("email_kind") && !v1::EmailKind_IsValid(doc.email_kind())) {
    errors.Add("document.email_kind", "must be a known EMAIL_KIND_ value");
  }
  if (has("slides")) {
    if (doc.slides_size() > 200) errors.Add("document.slides", "at most 200 slides");
    std::set<std::string> ids;
    for (int i = 0; i < doc.slides_size() && i < 200; ++i) {
      const std::string f = absl::StrCat("document.slides[", i, "].");
      validate::Text(errors, f + "slide_id", doc.slides(i).slide_id(), 1, 64);
      validate::OptionalText(errors, f + "title", doc.slides(i).title(), 200);
      if (!ids.insert(doc.slides(i).slide_id()).second) errors.Add(f + "slide_id", "is repeated");
    }
  }
  if (has("renditions")) {
    if (doc.renditions_size() > 50) errors.Add("document.renditions", "at most 50 renditions");
    for (int i = 0; i < doc.renditions_size() && i < 50; ++i) {
      validate::Text(errors, absl::StrCat("document.renditions[", i, "]"), doc.renditions(i), 1,
                     200);
    }
  }
  if (has("metadata")) {
    if (doc.metadata_size() > 100) errors.Add("document.metadata", "at most 100 entries");
    for (const auto& [k, v] : doc.metadata()) {
      validate::Text(errors, absl::StrCat("document.metadata[", k, "]"), k, 1, 100);
      // An approved e-mail template's body (PMX-11, CON-13) has lines; line
      // breaks and tabs are its only control characters.
      std::string text = v;
      if (k == kTemplateBodyKey) std::replace_if(text.begin(), text.end(), IsLineSpace, ' ');
      validate::OptionalText(errors, absl::StrCat("document.metadata[", k, "]"), text, 2000);
    }
  }
}

// What a whole document must be, whatever was changed: a CLM binder has
// slides (PMX-09) and approved email content says its kind (PMX-11).
absl::Status CheckShape(const v1::Document& doc) {
  if (doc.feature() == v1::FEATURE_CLM && doc.slides_size() == 0) {
    return WithReason(InvalidField("document.slides", "a CLM binder needs at least one slide"),
                      "PMX-09");
  }
  if (doc.feature() == v1::FEATURE_APPROVED_EMAIL &&
      doc.email_kind() == v1::EMAIL_KIND_UNSPECIFIED) {
    return WithReason(InvalidField("document.email_kind", "approved email content needs a kind"),
                      "PMX-11");
  }
  return absl::OkStatus();
}

void CopyPath(const std::string& path, const v1::Document& from, v1::Document& to) {
  if (path == "name") to.set_name(from.name());
  if (path == "description") to.set_description(from.description());
  if (path == "document_type") to.set_document_type(from.document_type());
  if (path == "country") to.set_country(from.country());
  if (path == "lifecycle_state") to.set_lifecycle_state(from.lifecycle_state());
  if (path == "publish_for_crm_clm") to.set_publish_for_crm_clm(from.publish_for_crm_clm());
  if (path == "publish_for_crm_fax") to.set_publish_for_crm_fax(from.publish_for_crm_fax());
  if (path == "created_by_create_presentation") {
    to.set_created_by_create_presentation(from.created_by_create_presentation());
  }
  if (path == "slides") *to.mutable_slides() = from.slides();
  if (path == "email_kind") to.set_email_kind(from.email_kind());
  if (path == "renditions") *to.mutable_renditions() = from.renditions();
  if (path == "metadata") *to.mutable_metadata() = from.metadata();
}

}  // namespace

grpc::Status PromoMatsServiceImpl::UpdateDocumentTransferConfig(
    grpc::ServerContext* context, const v1::UpdateDocumentTransferConfigRequest* request,
    v1::UpdateDocumentTransferConfigResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "promomats_vault_id", request->promomats_vault_id());
    if (request->document_types_size() > 100) errors.Add("document_types", "at most 100");
    if (request->metadata_fields_size() > 100) errors.Add("metadata_fields", "at most 100");
    for (int i = 0; i < request->document_types_size() && i < 100; ++i) {
      validate::Text(errors, absl::StrCat("document_types[", i, "]"), request->document_types(i), 1,
                     100);
    }
    for (int i = 0; i < request->metadata_fields_size() && i < 100; ++i) {
      validate::Text(errors, absl::StrCat("metadata_fields[", i, "]"), request->metadata_fields(i),
                     1, 100);
    }
    if (!errors.empty()) return errors.ToStatus();
    auto vault = VaultOfKind(caller.tenant, "promomats_vault_id", request->promomats_vault_id(),
                             VaultKind::kPromoMats);
    if (!vault.ok()) return vault.status();
    TransferConfig config;
    config.document_types.assign(request->document_types().begin(),
                                 request->document_types().end());
    config.metadata_fields.assign(request->metadata_fields().begin(),
                                  request->metadata_fields().end());
    RETURN_IF_ERROR(store_.SetTransferConfig(caller.tenant, vault->vault_id, config, clock_.Now()));
    // PMX-08: re-routed by the background Rerouter (the store marked the vault).
    *response->mutable_document_types() = request->document_types();
    *response->mutable_metadata_fields() = request->metadata_fields();
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::CreateDocument(grpc::ServerContext* context,
                                                  const v1::CreateDocumentRequest* request,
                                                  v1::CreateDocumentResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    const v1::Document& in = request->document();
    FieldErrors errors;
    validate::Text(errors, "request_id", request->request_id(), 1, 64);
    validate::Id(errors, "document.promomats_vault_id", in.promomats_vault_id());
    if (!IsSetFeature(in.feature())) {
      errors.Add("document.feature",
                 "must be FEATURE_CLM, FEATURE_APPROVED_EMAIL or FEATURE_DOCUMENT_TRANSFER");
    }
    ValidateDocumentFields(errors, in, MutablePaths());
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(CheckShape(in));
    RETURN_IF_ERROR(VaultOfKind(caller.tenant, "document.promomats_vault_id",
                                in.promomats_vault_id(), VaultKind::kPromoMats)
                        .status());
    v1::Document doc = in;
    doc.set_document_id(ids_.Next());
    doc.set_version(1);
    doc.set_owner(caller.subject);
    doc.clear_etag();
    ASSIGN_OR_RETURN(
        const Document stored,
        store_.CreateDocument(
            caller.tenant, idempotency::KeyOf(request->request_id(), caller.subject, *request),
            FromProto(doc), PlanDeliveries, BuildCrossLink, [this] { return ids_.Next(); },
            clock_.Now()));
    *response->mutable_document() = Presented(ToProto(stored));
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::GetDocument(grpc::ServerContext* context,
                                               const v1::GetDocumentRequest* request,
                                               v1::GetDocumentResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "document_id", request->document_id());
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(const Document doc, store_.GetDocument(caller.tenant, request->document_id()));
    *response->mutable_document() = Presented(ToProto(doc));
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::UpdateDocument(grpc::ServerContext* context,
                                                  const v1::UpdateDocumentRequest* request,
                                                  v1::UpdateDocumentResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    const v1::Document& in = request->document();
    FieldErrors errors;
    validate::Id(errors, "document.document_id", in.document_id());
    std::set<std::string> paths;
    if (request->update_mask().paths_size() == 0) {
      errors.Add("update_mask", "names no field to change");
    }
    for (const auto& p : request->update_mask().paths()) {
      if (MutablePaths().count(p) == 0) {
        errors.Add("update_mask", absl::StrCat("\"", p.substr(0, 100), "\" cannot be changed"));
      } else {
        paths.insert(p);
      }
    }
    validate::OptionalText(errors, "document.etag", in.etag(), 64);
    ValidateDocumentFields(errors, in, paths);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(
        auto stored,
        store_.UpdateDocument(
            caller.tenant, in.document_id(),
            [&](Document& current) -> absl::Status {
              // The mask names the contract's fields: it is applied to the message.
              v1::Document doc = ToProto(current);
              if (!in.etag().empty() && in.etag() != Etag(doc.version())) {
                return WithReason(absl::FailedPreconditionError(
                                      "the document changed since it was read (stale etag)"),
                                  "STALE_ETAG");
              }
              for (const auto& p : paths) CopyPath(p, in, doc);
              doc.set_version(doc.version() + 1);
              RETURN_IF_ERROR(CheckShape(doc));
              current = FromProto(doc);
              return absl::OkStatus();
            },
            PlanDeliveries, BuildCrossLink, [this] { return ids_.Next(); }, clock_.Now()));
    *response->mutable_document() = Presented(ToProto(stored));
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::ListCrossLinks(grpc::ServerContext* context,
                                                  const v1::ListCrossLinksRequest* request,
                                                  v1::ListCrossLinksResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "crm_vault_id", request->crm_vault_id());
    const uint64_t query = paging::QueryHash(absl::StrCat("crosslinks/", request->crm_vault_id()));
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto vault, VaultOfKind(caller.tenant, "crm_vault_id", request->crm_vault_id(),
                                             VaultKind::kCrm));
    ASSIGN_OR_RETURN(auto links,
                     target_.List(caller.tenant, vault.vault_id, page.after_key, page.size + 1));
    response->set_next_page_token(
        paging::CutToPage(links, page, query, [](const auto& l) { return l.source_document_id; }));
    for (const auto& l : links) *response->add_cross_links() = ToProto(l);
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::IngestContentMetrics(
    grpc::ServerContext* context, const v1::IngestContentMetricsRequest* request,
    v1::IngestContentMetricsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "crm_vault_id", request->crm_vault_id());
    if (request->metrics_size() < 1 || request->metrics_size() > 500) {
      errors.Add("metrics", "must hold 1 to 500 metrics");
    }
    for (int i = 0; i < request->metrics_size() && i < 500; ++i) {
      const auto& m = request->metrics(i);
      const std::string f = absl::StrCat("metrics[", i, "].");
      validate::Text(errors, f + "metric_id", m.metric_id(), 1, 64);
      validate::Id(errors, f + "document_id", m.document_id());
      validate::OptionalText(errors, f + "slide_id", m.slide_id(), 64);
      for (const auto& [name, value] :
           {std::pair<const char*, int64_t>{"times_shown_in_calls", m.times_shown_in_calls()},
            {"times_sent_as_link", m.times_sent_as_link()},
            {"link_clicks", m.link_clicks()},
            {"custom_presentation_uses", m.custom_presentation_uses()},
            {"previews", m.previews()},
            {"view_order", m.view_order()}}) {
        if (value < 0) errors.Add(f + name, "must not be negative");
      }
      if (!std::isfinite(m.slide_duration_seconds()) || m.slide_duration_seconds() < 0) {
        errors.Add(f + "slide_duration_seconds",
                   "must be a finite number of seconds, not negative");
      }
      if (!v1::Reaction_IsValid(m.reaction()))
        errors.Add(f + "reaction", "must be a known REACTION_ value");
      if (!m.country().empty()) validate::CountryCode(errors, f + "country", m.country());
    }
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto vault, VaultOfKind(caller.tenant, "crm_vault_id", request->crm_vault_id(),
                                             VaultKind::kCrm));
    std::vector<ContentMetric> metrics;
    for (const auto& m : request->metrics()) metrics.push_back(FromProto(m));
    RETURN_IF_ERROR(store_.UpsertMetrics(caller.tenant, vault.vault_id, metrics, clock_.Now()));
    response->set_stored(request->metrics_size());
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::GetContentMetrics(grpc::ServerContext* context,
                                                     const v1::GetContentMetricsRequest* request,
                                                     v1::GetContentMetricsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "document_id", request->document_id());
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(store_.GetDocument(caller.tenant, request->document_id()).status());
    ASSIGN_OR_RETURN(const std::vector<MetricsAggregate> by_slide,
                     store_.MetricsBySlide(caller.tenant, request->document_id()));
    *response = ToProto(SummarizeSlides(by_slide));
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::ListNotifications(grpc::ServerContext* context,
                                                     const v1::ListNotificationsRequest* request,
                                                     v1::ListNotificationsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const uint64_t query = paging::QueryHash("notifications");
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto list, store_.ListNotifications(caller.tenant, caller.subject,
                                                         page.after_key, page.size + 1));
    response->set_next_page_token(
        paging::CutToPage(list, page, query, [](const auto& n) { return n.notification_id; }));
    for (const auto& n : list) *response->add_notifications() = ToProto(n);
    return absl::OkStatus();
  });
}

}  // namespace engage::promomats
