#ifndef ENGAGE_PROMOMATS_SVC_PMX_MODEL_H_
#define ENGAGE_PROMOMATS_SVC_PMX_MODEL_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "engage/promomats/v1/promomats.pb.h"
#include "promomats_svc/vault_model.h"

// Plain data of the PromoMats-CRM connection. Documents, CrossLinks and
// metrics travel as the contract's messages (plain data, no RPC), so the
// rules, the store and the handlers share one shape.
namespace engage::promomats {

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
  v1::ObjectType object_type = v1::OBJECT_TYPE_UNSPECIFIED;
  // The records; those with a non-empty `failures` entry are not written.
  std::vector<v1::TransferRecord> records;
  std::vector<std::string> failures;
  std::string crm_org;
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
  v1::CrossLink payload;
  std::string owner;
  int attempts = 0;
};

struct DeliveryKey {
  std::string change_id;
  std::string target_vault_id;
};

// What the dispatcher records for a delivery, in the transaction that claims it.
struct DeliveryRecord {
  bool delivered = false;
  std::string error;
  absl::Time next_attempt;
  // Written when set (PMX-13).
  bool notify = false;
  v1::Notification notification;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_PMX_MODEL_H_
