#ifndef ENGAGE_PROMOMATS_SVC_RULES_PMX_MODEL_H_
#define ENGAGE_PROMOMATS_SVC_RULES_PMX_MODEL_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "promomats_svc/rules/vault_model.h"

// Plain data of the PromoMats-CRM connection: what the rules decide on and
// the stores keep. The handlers map it to and from the contract's messages
// (pmx_mapping); enumerations keep the contract's numbers, so that mapping
// is a cast and the stored numbers are the contract's.
namespace engage::promomats {

enum class Feature { kUnspecified = 0, kClm = 1, kApprovedEmail = 2, kDocumentTransfer = 3 };
enum class Direction { kUnspecified = 0, kCrmToPromoMats = 1, kPromoMatsToCrm = 2 };
enum class ObjectType {
  kUnspecified = 0,
  kProduct = 1,
  kProductGroup = 2,
  kDetailGroup = 3,
  kContentGroup = 4,
  kSurvey = 5,
  kDirectory = 6,
  kContentType = 7,
  kEventTopic = 8,
  kEventConfiguration = 9,
  kCountry = 10,
  kClmContentMetrics = 11,
  kProductFamily = 12,
  kBrandProduct = 13,
  kIndication = 14,
  kEmailTemplate = 15,
  kEmailFragment = 16,
  kTemplateFragment = 17,
};
enum class RecordOutcome { kUnspecified = 0, kCreated = 1, kUpdated = 2, kFailed = 3 };
enum class LifecycleState { kUnspecified = 0, kSteady = 1, kNonSteady = 2, kObsolete = 3 };
enum class EmailKind {
  kUnspecified = 0,
  kTemplate = 1,
  kFragment = 2,
  kTemplateFragment = 3,
  kSupporting = 4,
};
enum class CrossLinkState { kUnspecified = 0, kActive = 1, kWithdrawn = 2 };
enum class Reaction { kUnspecified = 0, kPositive = 1, kNeutral = 2, kNegative = 3 };
enum class NotificationKind {
  kUnspecified = 0,
  kPublished = 1,
  kWithdrawn = 2,
  kFailed = 3,
  kRecovered = 4,
  kGivenUp = 5,
};

struct Slide {
  std::string slide_id;
  std::string title;
};

// What a document says: the same in PromoMats and in every CRM vault that
// holds it (a CrossLink carries it over, PMX-08..11).
struct DocumentContent {
  std::string name;
  std::string description;
  std::string document_type;
  std::string country;
  LifecycleState lifecycle_state = LifecycleState::kUnspecified;
  Feature feature = Feature::kUnspecified;
  std::vector<Slide> slides;
  EmailKind email_kind = EmailKind::kUnspecified;
  std::vector<std::string> renditions;
  std::map<std::string, std::string> metadata;
};

// A PromoMats document (PMX-09..11); `version` counts its changes.
struct Document : DocumentContent {
  std::string document_id;
  std::string promomats_vault_id;
  bool publish_for_crm_clm = false;
  bool publish_for_crm_fax = false;
  bool created_by_create_presentation = false;
  int64_t version = 0;
  std::string owner;
  std::string etag;
};

// A document as a CRM vault holds it (PMX-08..11).
struct CrossLink : DocumentContent {
  std::string cross_link_id;
  std::string crm_vault_id;
  std::string source_vault_id;
  std::string source_document_id;
  int64_t source_version = 0;
  bool fax_template = false;
  CrossLinkState state = CrossLinkState::kUnspecified;
  int64_t applied_changes = 0;
};

// One record of a transfer batch (PMX-02..05), as it arrives.
struct TransferRecord {
  std::string name;
  std::string crm_id;
  std::string external_id;
  std::string link;
  std::map<std::string, std::string> fields;
};

// What became of record `index` of a batch.
struct RecordResult {
  int index = 0;
  RecordOutcome outcome = RecordOutcome::kUnspecified;
  std::string record_id;
  std::string reason;
};

// A record kept in a target vault.
struct Record {
  std::string record_id;
  std::string vault_id;
  ObjectType object_type = ObjectType::kUnspecified;
  std::string name;
  std::string crm_org;
  std::string crm_id;
  std::string external_id;
  std::string link;
  std::map<std::string, std::string> fields;
};

// CLM content metrics of one slide or document shown in a call (PMX-12).
struct ContentMetric {
  std::string metric_id;
  std::string document_id;
  std::string slide_id;
  int64_t times_shown_in_calls = 0;
  double slide_duration_seconds = 0;
  int64_t times_sent_as_link = 0;
  int64_t link_clicks = 0;
  int64_t custom_presentation_uses = 0;
  int64_t previews = 0;
  int32_t view_order = 0;
  Reaction reaction = Reaction::kUnspecified;
  std::string country;
};

// The sums of a document's or a slide's metrics (PMX-12).
struct MetricsSummary {
  std::string slide_id;
  int64_t times_shown_in_calls = 0;
  double total_duration_seconds = 0;
  double average_duration_seconds = 0;
  int64_t times_sent_as_link = 0;
  int64_t link_clicks = 0;
  double link_click_rate = 0;
  int64_t custom_presentation_uses = 0;
  int64_t previews = 0;
  double average_view_order = 0;
  int64_t positive_reactions = 0;
  int64_t neutral_reactions = 0;
  int64_t negative_reactions = 0;
  std::vector<std::string> countries;
};

// The sums of some metrics before the averages are taken: what the store's
// GROUP BY slide_id gives per slide, so a read never loads the rows (SEC-11).
// Counts saturate at the int64 limit instead of overflowing.
struct MetricsAggregate {
  std::string slide_id;
  int64_t rows = 0;
  int64_t times_shown_in_calls = 0;
  double total_duration_seconds = 0;
  int64_t times_sent_as_link = 0;
  int64_t link_clicks = 0;
  int64_t custom_presentation_uses = 0;
  int64_t previews = 0;
  int64_t ordered = 0;    // rows with a view order
  int64_t order_sum = 0;  // the sum of those view orders
  int64_t positive_reactions = 0;
  int64_t neutral_reactions = 0;
  int64_t negative_reactions = 0;
  std::set<std::string> countries;
};

// A document's summary and one per slide, by slide id.
struct ContentMetricsSummary {
  MetricsSummary document;
  std::vector<MetricsSummary> slides;
};

// What the owner of a document learns about its delivery (PMX-13).
struct Notification {
  std::string notification_id;
  std::string owner;
  std::string document_id;
  int64_t version = 0;
  std::string crm_vault_id;
  NotificationKind kind = NotificationKind::kUnspecified;
  std::string message;
};

// A PromoMats vault connected to a CRM vault (PMX-01), with both vaults' types.
struct Connection {
  std::string connection_id;
  std::string promomats_vault_id;
  std::string crm_vault_id;
  VaultType promomats_type = VaultType::kProduction;
  VaultType crm_type = VaultType::kProduction;
};

struct ConnectionPage {
  std::vector<Connection> connections;
  bool more = false;
};

// The keys a record is matched by (PMX-04).
struct RecordKeys {
  std::string name;
  std::string crm_org;
  std::string crm_id;
  std::string external_id;
  std::string link;
};

struct StoredRecord {
  std::string record_id;
  RecordKeys keys;
};

// What a transfer batch does in one target vault.
struct TransferBatch {
  std::string request_id;
  std::string request_hash;
  std::string target_vault_id;
  ObjectType object_type = ObjectType::kUnspecified;
  // The records; those with a non-empty `failures` entry are not written.
  std::vector<TransferRecord> records;
  std::vector<std::string> failures;
  std::string crm_org;
  // CLM_CONTENT_METRICS (PMX-12): the metric of each record (by index), also
  // stored in the content metrics.
  std::vector<ContentMetric> metrics;
};

// What the document transfer integration carries (PMX-10).
struct TransferConfig {
  std::vector<std::string> document_types;
  std::vector<std::string> metadata_fields;
};

enum class DeliveryAction { kPublish = 1, kWithdraw = 2 };

// One CRM a PromoMats vault is connected to, as routing sees it.
struct CrmTarget {
  std::string connection_id;
  std::string crm_vault_id;
  VaultType type = VaultType::kProduction;
  // The country filter of the document's feature; absent: no settings.
  bool has_settings = false;
  std::vector<std::string> country_filter;
};

// Everything routing needs, read in the transaction of the change.
struct RoutingInputs {
  VaultType promomats_type = VaultType::kProduction;
  std::vector<CrmTarget> crms;
  // Country codes of the PromoMats vault's Country records.
  std::set<std::string> promomats_countries;
  TransferConfig config;
  // CRMs whose latest delivery of this document published it.
  std::set<std::string> published_to;
};

struct PlannedDelivery {
  std::string target_vault_id;
  DeliveryAction action = DeliveryAction::kPublish;
};

// What a delivery to a target did; kNothing when there was nothing to do
// (withdrawing an absent CrossLink, or a change older than the one applied).
enum class ApplyOutcome { kNothing = 0, kCreated = 1, kUpversioned = 2, kWithdrawn = 3 };

// One pending (change, target) row of the outbox.
struct Delivery {
  std::string tenant;
  std::string change_id;
  std::string target_vault_id;
  std::string document_id;
  int64_t seq = 0;
  DeliveryAction action = DeliveryAction::kPublish;
  CrossLink payload;
  std::string owner;
  int attempts = 0;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_RULES_PMX_MODEL_H_
