#ifndef ENGAGE_PROMOMATS_SVC_PROMOMATS_SERVICE_H_
#define ENGAGE_PROMOMATS_SVC_PROMOMATS_SERVICE_H_

#include "common/auth/jwt.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "engage/promomats/v1/promomats.grpc.pb.h"
#include "promomats_svc/vault_store.h"

namespace engage::promomats {

// gRPC handlers of engage.promomats.v1.PromoMatsService.
class PromoMatsServiceImpl final : public engage::promomats::v1::PromoMatsService::Service {
 public:
  PromoMatsServiceImpl(VaultStore& vaults, const auth::JwtVerifier& verifier, const Clock& clock,
                       IdGenerator& ids)
      : vaults_(vaults), verifier_(verifier), clock_(clock), ids_(ids) {}

  grpc::Status RegisterVault(grpc::ServerContext* context, const v1::RegisterVaultRequest* request,
                             v1::RegisterVaultResponse* response) override;
  grpc::Status ListVaults(grpc::ServerContext* context, const v1::ListVaultsRequest* request,
                          v1::ListVaultsResponse* response) override;

 private:
  VaultStore& vaults_;
  const auth::JwtVerifier& verifier_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_PROMOMATS_SERVICE_H_
