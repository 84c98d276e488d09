#include "promomats_svc/pmx_mapping.h"

namespace engage::promomats {
namespace {

void SlidesToProto(const std::vector<Slide>& in,
                   google::protobuf::RepeatedPtrField<v1::Slide>* out) {
  for (const auto& s : in) {
    v1::Slide* slide = out->Add();
    slide->set_slide_id(s.slide_id);
    slide->set_title(s.title);
  }
}

std::vector<Slide> SlidesFromProto(const google::protobuf::RepeatedPtrField<v1::Slide>& in) {
  std::vector<Slide> out;
  for (const auto& s : in) out.push_back({s.slide_id(), s.title()});
  return out;
}

void MapToProto(const std::map<std::string, std::string>& in,
                google::protobuf::Map<std::string, std::string>* out) {
  for (const auto& [k, v] : in) (*out)[k] = v;
}

std::map<std::string, std::string> MapFromProto(
    const google::protobuf::Map<std::string, std::string>& in) {
  return {in.begin(), in.end()};
}

// The fields v1::Document and v1::CrossLink share (DocumentContent).
template <typename Message>
void ContentToProto(const DocumentContent& c, Message& out) {
  out.set_name(c.name);
  out.set_description(c.description);
  out.set_document_type(c.document_type);
  out.set_country(c.country);
  out.set_lifecycle_state(static_cast<v1::LifecycleState>(c.lifecycle_state));
  out.set_feature(ToProto(c.feature));
  SlidesToProto(c.slides, out.mutable_slides());
  out.set_email_kind(static_cast<v1::EmailKind>(c.email_kind));
  for (const auto& r : c.renditions) out.add_renditions(r);
  MapToProto(c.metadata, out.mutable_metadata());
}

template <typename Message>
void ContentFromProto(const Message& m, DocumentContent& out) {
  out.name = m.name();
  out.description = m.description();
  out.document_type = m.document_type();
  out.country = m.country();
  out.lifecycle_state = static_cast<LifecycleState>(m.lifecycle_state());
  out.feature = FromProto(m.feature());
  out.slides = SlidesFromProto(m.slides());
  out.email_kind = static_cast<EmailKind>(m.email_kind());
  out.renditions.assign(m.renditions().begin(), m.renditions().end());
  out.metadata = MapFromProto(m.metadata());
}

}  // namespace

v1::Document ToProto(const Document& d) {
  v1::Document out;
  ContentToProto(d, out);
  out.set_document_id(d.document_id);
  out.set_promomats_vault_id(d.promomats_vault_id);
  out.set_publish_for_crm_clm(d.publish_for_crm_clm);
  out.set_publish_for_crm_fax(d.publish_for_crm_fax);
  out.set_created_by_create_presentation(d.created_by_create_presentation);
  out.set_version(d.version);
  out.set_owner(d.owner);
  out.set_etag(d.etag);
  return out;
}

Document FromProto(const v1::Document& d) {
  Document out;
  ContentFromProto(d, out);
  out.document_id = d.document_id();
  out.promomats_vault_id = d.promomats_vault_id();
  out.publish_for_crm_clm = d.publish_for_crm_clm();
  out.publish_for_crm_fax = d.publish_for_crm_fax();
  out.created_by_create_presentation = d.created_by_create_presentation();
  out.version = d.version();
  out.owner = d.owner();
  out.etag = d.etag();
  return out;
}

v1::CrossLink ToProto(const CrossLink& c) {
  v1::CrossLink out;
  ContentToProto(c, out);
  out.set_cross_link_id(c.cross_link_id);
  out.set_crm_vault_id(c.crm_vault_id);
  out.set_source_vault_id(c.source_vault_id);
  out.set_source_document_id(c.source_document_id);
  out.set_source_version(c.source_version);
  out.set_fax_template(c.fax_template);
  out.set_state(static_cast<v1::CrossLinkState>(c.state));
  out.set_applied_changes(c.applied_changes);
  return out;
}

CrossLink FromProto(const v1::CrossLink& c) {
  CrossLink out;
  ContentFromProto(c, out);
  out.cross_link_id = c.cross_link_id();
  out.crm_vault_id = c.crm_vault_id();
  out.source_vault_id = c.source_vault_id();
  out.source_document_id = c.source_document_id();
  out.source_version = c.source_version();
  out.fax_template = c.fax_template();
  out.state = static_cast<CrossLinkState>(c.state());
  out.applied_changes = c.applied_changes();
  return out;
}

TransferRecord FromProto(const v1::TransferRecord& r) {
  return {r.name(), r.crm_id(), r.external_id(), r.link(), MapFromProto(r.fields())};
}

v1::TransferRecord ToProto(const TransferRecord& r) {
  v1::TransferRecord out;
  out.set_name(r.name);
  out.set_crm_id(r.crm_id);
  out.set_external_id(r.external_id);
  out.set_link(r.link);
  MapToProto(r.fields, out.mutable_fields());
  return out;
}

v1::Record ToProto(const Record& r) {
  v1::Record out;
  out.set_record_id(r.record_id);
  out.set_vault_id(r.vault_id);
  out.set_object_type(ToProto(r.object_type));
  out.set_name(r.name);
  out.set_crm_org(r.crm_org);
  out.set_crm_id(r.crm_id);
  out.set_external_id(r.external_id);
  out.set_link(r.link);
  MapToProto(r.fields, out.mutable_fields());
  return out;
}

Record FromProto(const v1::Record& r) {
  return {r.record_id(),   r.vault_id(), FromProto(r.object_type()),
          r.name(),        r.crm_org(),  r.crm_id(),
          r.external_id(), r.link(),     MapFromProto(r.fields())};
}

v1::TransferRecordsResponse ToProto(const std::vector<RecordResult>& results) {
  v1::TransferRecordsResponse out;
  for (const auto& r : results) {
    v1::RecordResult* result = out.add_results();
    result->set_index(r.index);
    result->set_outcome(static_cast<v1::RecordOutcome>(r.outcome));
    result->set_record_id(r.record_id);
    result->set_reason(r.reason);
  }
  return out;
}

std::vector<RecordResult> FromProto(const v1::TransferRecordsResponse& response) {
  std::vector<RecordResult> out;
  for (const auto& r : response.results()) {
    out.push_back({r.index(), static_cast<RecordOutcome>(r.outcome()), r.record_id(), r.reason()});
  }
  return out;
}

v1::ContentMetric ToProto(const ContentMetric& m) {
  v1::ContentMetric out;
  out.set_metric_id(m.metric_id);
  out.set_document_id(m.document_id);
  out.set_slide_id(m.slide_id);
  out.set_times_shown_in_calls(m.times_shown_in_calls);
  out.set_slide_duration_seconds(m.slide_duration_seconds);
  out.set_times_sent_as_link(m.times_sent_as_link);
  out.set_link_clicks(m.link_clicks);
  out.set_custom_presentation_uses(m.custom_presentation_uses);
  out.set_previews(m.previews);
  out.set_view_order(m.view_order);
  out.set_reaction(static_cast<v1::Reaction>(m.reaction));
  out.set_country(m.country);
  return out;
}

ContentMetric FromProto(const v1::ContentMetric& m) {
  ContentMetric out;
  out.metric_id = m.metric_id();
  out.document_id = m.document_id();
  out.slide_id = m.slide_id();
  out.times_shown_in_calls = m.times_shown_in_calls();
  out.slide_duration_seconds = m.slide_duration_seconds();
  out.times_sent_as_link = m.times_sent_as_link();
  out.link_clicks = m.link_clicks();
  out.custom_presentation_uses = m.custom_presentation_uses();
  out.previews = m.previews();
  out.view_order = m.view_order();
  out.reaction = static_cast<Reaction>(m.reaction());
  out.country = m.country();
  return out;
}

v1::MetricsSummary ToProto(const MetricsSummary& s) {
  v1::MetricsSummary out;
  out.set_slide_id(s.slide_id);
  out.set_times_shown_in_calls(s.times_shown_in_calls);
  out.set_total_duration_seconds(s.total_duration_seconds);
  out.set_average_duration_seconds(s.average_duration_seconds);
  out.set_times_sent_as_link(s.times_sent_as_link);
  out.set_link_clicks(s.link_clicks);
  out.set_link_click_rate(s.link_click_rate);
  out.set_custom_presentation_uses(s.custom_presentation_uses);
  out.set_previews(s.previews);
  out.set_average_view_order(s.average_view_order);
  out.set_positive_reactions(s.positive_reactions);
  out.set_neutral_reactions(s.neutral_reactions);
  out.set_negative_reactions(s.negative_reactions);
  for (const auto& c : s.countries) out.add_countries(c);
  return out;
}

v1::GetContentMetricsResponse ToProto(const ContentMetricsSummary& m) {
  v1::GetContentMetricsResponse out;
  *out.mutable_document() = ToProto(m.document);
  for (const auto& s : m.slides) *out.add_slides() = ToProto(s);
  return out;
}

v1::Notification ToProto(const Notification& n) {
  v1::Notification out;
  out.set_notification_id(n.notification_id);
  out.set_owner(n.owner);
  out.set_document_id(n.document_id);
  out.set_version(n.version);
  out.set_crm_vault_id(n.crm_vault_id);
  out.set_kind(static_cast<v1::NotificationKind>(n.kind));
  out.set_message(n.message);
  return out;
}

}  // namespace engage::promomats
