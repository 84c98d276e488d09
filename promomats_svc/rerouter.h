#ifndef ENGAGE_PROMOMATS_SVC_REROUTER_H_
#define ENGAGE_PROMOMATS_SVC_REROUTER_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "promomats_svc/pmx_store.h"

namespace engage::promomats {

// PMX-08: re-routes the documents of the PromoMats vaults a change of routing
// marked (PmxStore::RerouteMarked with ReroutePlan): CrossLinks are queued on
// the outbox where documents are now routed and withdrawn where they no
// longer are, and the dispatcher delivers them like any change. Handlers only
// mark (in the change's transaction); the wiring runs RunAll in the
// background every dispatch interval, and RunDispatcher runs RunOnce for its
// tenant first. A whole vault's re-plan never runs in a caller's call, where
// concurrent changes would queue on its row locks holding pool connections
// (SEC-11).
class Rerouter {
 public:
  Rerouter(PmxStore& store, const Clock& clock, IdGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // Re-routes the tenant's marked vaults; the number of deliveries queued.
  absl::StatusOr<int> RunOnce(const std::string& tenant);
  // RunOnce for every tenant with a marked vault; one tenant's failure is
  // logged and never the end of the others' turn.
  void RunAll();

 private:
  PmxStore& store_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_REROUTER_H_
