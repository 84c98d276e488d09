#ifndef ENGAGE_PROMOMATS_SVC_PROMOMATS_SERVICE_H_
#define ENGAGE_PROMOMATS_SVC_PROMOMATS_SERVICE_H_

#include "common/server/gatekeeper.h"
#include "common/server/unary_method.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "engage/promomats/v1/promomats.grpc.pb.h"
#include "promomats_svc/pmx_store.h"
#include "promomats_svc/target_vault.h"
#include "promomats_svc/vault_store.h"

namespace engage::promomats {

// gRPC handlers of engage.promomats.v1.PromoMatsService. Vaults, connections
// and records are in promomats_service.cc; documents, CrossLinks, metrics and
// notifications in document_handlers.cc; re-routing (PMX-08) in
// routing_handlers.cc.
class PromoMatsServiceImpl final : public engage::promomats::v1::PromoMatsService::Service {
 public:
  PromoMatsServiceImpl(VaultStore& vaults, PmxStore& store, TargetVault& target,
                       const server::Gatekeeper& gate, const Clock& clock, IdGenerator& ids)
      : vaults_(vaults), store_(store), target_(target), gate_(gate), clock_(clock), ids_(ids) {}

  ENGAGE_UNARY_METHOD(RegisterVault);
  ENGAGE_UNARY_METHOD(ListVaults);
  ENGAGE_UNARY_METHOD(CreateConnection);
  ENGAGE_UNARY_METHOD(ListConnections);
  ENGAGE_UNARY_METHOD(DeleteConnection);
  ENGAGE_UNARY_METHOD(UpdateConnectionSettings);
  ENGAGE_UNARY_METHOD(ListConnectionCountries);
  ENGAGE_UNARY_METHOD(TransferRecords);
  ENGAGE_UNARY_METHOD(ListRecords);
  ENGAGE_UNARY_METHOD(UpdateDocumentTransferConfig);
  ENGAGE_UNARY_METHOD(CreateDocument);
  ENGAGE_UNARY_METHOD(GetDocument);
  ENGAGE_UNARY_METHOD(UpdateDocument);
  ENGAGE_UNARY_METHOD(ListCrossLinks);
  ENGAGE_UNARY_METHOD(IngestContentMetrics);
  ENGAGE_UNARY_METHOD(GetContentMetrics);
  ENGAGE_UNARY_METHOD(ListNotifications);

 private:
  // The tenant's vault `vault_id` of `kind`; INVALID_ARGUMENT naming `field`
  // when it is of the other kind, NOT_FOUND when it is not the tenant's.
  absl::StatusOr<Vault> VaultOfKind(const std::string& tenant, const std::string& field,
                                    const std::string& vault_id, VaultKind kind);
  VaultStore& vaults_;
  PmxStore& store_;
  TargetVault& target_;
  const server::Gatekeeper& gate_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_PROMOMATS_SERVICE_H_
