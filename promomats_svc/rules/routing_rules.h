#ifndef ENGAGE_PROMOMATS_SVC_RULES_ROUTING_RULES_H_
#define ENGAGE_PROMOMATS_SVC_RULES_ROUTING_RULES_H_

#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "promomats_svc/rules/pmx_model.h"

// Country routing of documents to CRMs and what a change of a document
// delivers: pure functions over what the store read in the change's transaction.
namespace engage::promomats {

inline constexpr char kGlobal[] = "GLOBAL";

// PMX-07: the connection-country records of one CRM feature: each selected
// country that exists in PromoMats, plus Global. Sorted, Global last.
std::vector<std::string> ConnectionCountries(const std::vector<std::string>& country_filter,
                                             const std::set<std::string>& promomats_countries);

// PMX-08: a document of `country` goes to a CRM whose connection countries
// include it; a Global document to every CRM that has connection countries.
bool Routes(const std::string& country, const std::vector<std::string>& connection_countries);

// PMX-09 / PMX-10 / PMX-11: whether the document's current version is to be
// in CRM (else any CrossLink of it is withdrawn). Obsolete never is.
bool Publishable(const Document& doc, const TransferConfig& config);

// The CrossLink content a change delivers: the source, its version and the
// configured metadata (PMX-10: only the configured fields for document
// transfer; CLM and approved email carry all of theirs).
CrossLink BuildCrossLink(const Document& doc, const TransferConfig& config);

// The deliveries of one change: a publish (create or up-version) to every
// routed CRM the source may write into (PMX-06), and a withdrawal from every
// CRM that holds it but should not any more.
std::vector<PlannedDelivery> PlanDeliveries(const Document& doc, const RoutingInputs& in);

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_RULES_ROUTING_RULES_H_
