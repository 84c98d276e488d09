#ifndef ENGAGE_PROMOMATS_SVC_PROMOMATS_SERVICE_H_
#define ENGAGE_PROMOMATS_SVC_PROMOMATS_SERVICE_H_

#include "common/server/gatekeeper.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "engage/promomats/v1/promomats.grpc.pb.h"
#include "promomats_svc/pmx_store.h"
#include "promomats_svc/rerouter.h"
#include "promomats_svc/target_vault.h"
#include "promomats_svc/vault_store.h"

namespace engage::promomats {

// gRPC handlers of engage.promomats.v1.PromoMatsService. Vaults, connections
// and records are in promomats_service.cc; documents, CrossLinks, metrics and
// notifications in document_handlers.cc; re-routing (PMX-08) in
// routing_handlers.cc.
class PromoMatsServiceImpl final : public engage::promomats::v1::PromoMatsService::Service {
 public:
  PromoMatsServiceImpl(VaultStore& vaults, PmxStore& store, TargetVault& target, Rerouter& rerouter,
                       const server::Gatekeeper& gate, const Clock& clock, IdGenerator& ids)
      : vaults_(vaults),
        store_(store),
        target_(target),
        rerouter_(rerouter),
        gate_(gate),
        clock_(clock),
        ids_(ids) {}

  using Ctx = grpc::ServerContext;
  grpc::Status RegisterVault(Ctx* c, const v1::RegisterVaultRequest* req,
                             v1::RegisterVaultResponse* resp) override;
  grpc::Status ListVaults(Ctx* c, const v1::ListVaultsRequest* req,
                          v1::ListVaultsResponse* resp) override;
  grpc::Status CreateConnection(Ctx* c, const v1::CreateConnectionRequest* req,
                                v1::CreateConnectionResponse* resp) override;
  grpc::Status ListConnections(Ctx* c, const v1::ListConnectionsRequest* req,
                               v1::ListConnectionsResponse* resp) override;
  grpc::Status DeleteConnection(Ctx* c, const v1::DeleteConnectionRequest* req,
                                v1::DeleteConnectionResponse* resp) override;
  grpc::Status UpdateConnectionSettings(Ctx* c, const v1::UpdateConnectionSettingsRequest* req,
                                        v1::UpdateConnectionSettingsResponse* resp) override;
  grpc::Status ListConnectionCountries(Ctx* c, const v1::ListConnectionCountriesRequest* req,
                                       v1::ListConnectionCountriesResponse* resp) override;
  grpc::Status TransferRecords(Ctx* c, const v1::TransferRecordsRequest* req,
                               v1::TransferRecordsResponse* resp) override;
  grpc::Status ListRecords(Ctx* c, const v1::ListRecordsRequest* req,
                           v1::ListRecordsResponse* resp) override;
  grpc::Status UpdateDocumentTransferConfig(
      Ctx* c, const v1::UpdateDocumentTransferConfigRequest* req,
      v1::UpdateDocumentTransferConfigResponse* resp) override;
  grpc::Status CreateDocument(Ctx* c, const v1::CreateDocumentRequest* req,
                              v1::CreateDocumentResponse* resp) override;
  grpc::Status GetDocument(Ctx* c, const v1::GetDocumentRequest* req,
                           v1::GetDocumentResponse* resp) override;
  grpc::Status UpdateDocument(Ctx* c, const v1::UpdateDocumentRequest* req,
                              v1::UpdateDocumentResponse* resp) override;
  grpc::Status ListCrossLinks(Ctx* c, const v1::ListCrossLinksRequest* req,
                              v1::ListCrossLinksResponse* resp) override;
  grpc::Status IngestContentMetrics(Ctx* c, const v1::IngestContentMetricsRequest* req,
                                    v1::IngestContentMetricsResponse* resp) override;
  grpc::Status GetContentMetrics(Ctx* c, const v1::GetContentMetricsRequest* req,
                                 v1::GetContentMetricsResponse* resp) override;
  grpc::Status ListNotifications(Ctx* c, const v1::ListNotificationsRequest* req,
                                 v1::ListNotificationsResponse* resp) override;

 private:
  // The tenant's vault `vault_id` of `kind`; INVALID_ARGUMENT naming `field`
  // when it is of the other kind, NOT_FOUND when it is not the tenant's.
  absl::StatusOr<Vault> VaultOfKind(const std::string& tenant, const std::string& field,
                                    const std::string& vault_id, VaultKind kind);
  // PMX-08: after a change of routing committed, re-routes the documents
  // already out. A failure is logged, not returned: the change stands, and
  // the background re-router takes the mark it left.
  void Reroute(const std::string& tenant);

  VaultStore& vaults_;
  PmxStore& store_;
  TargetVault& target_;
  Rerouter& rerouter_;
  const server::Gatekeeper& gate_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_PROMOMATS_SERVICE_H_
