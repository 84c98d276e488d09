#ifndef ENGAGE_PROMOMATS_SVC_RULES_REROUTE_RULES_H_
#define ENGAGE_PROMOMATS_SVC_RULES_REROUTE_RULES_H_

#include <vector>

#include "promomats_svc/rules/pmx_model.h"

// PMX-08: what a change of routing itself (a CRM's country filter, a
// connection added or removed, a Country record added) does to a document
// already in PromoMats, with no change of the document: a pure function over
// the routing read in the re-route's transaction.
namespace engage::promomats {

// The deliveries that bring the document's CrossLinks in line with the
// routing `in` describes: a publish (of the current version) to every CRM it
// is now routed to and publishable in that does not hold it yet (PMX-06: only
// CRMs the PromoMats vault may write into), and a withdrawal from every CRM
// that holds it but should not any more, including CRMs no longer connected.
// CRMs that already hold it where it is still routed get nothing: no
// document change, no up-version.
std::vector<PlannedDelivery> ReroutePlan(const Document& doc, const RoutingInputs& in);

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_RULES_REROUTE_RULES_H_
