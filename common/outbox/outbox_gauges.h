#ifndef ENGAGE_COMMON_OUTBOX_OUTBOX_GAUGES_H_
#define ENGAGE_COMMON_OUTBOX_OUTBOX_GAUGES_H_

#include <map>
#include <string>

#include "common/outbox/outbox.h"

namespace engage::outbox {

// Publishes the counts of outbox `name` per tenant as
// engage_outbox_messages{outbox=...,tenant=...,state=pending|failing|failed};
// replaces what that outbox published before (a tenant whose outbox emptied
// shows zeros once, then drops out). One collector for every outbox of the
// process, so the series share one # TYPE line.
void PublishCounts(const std::string& name, const std::map<std::string, Counts>& counts);
// Removes the outbox's series (its dispatcher is gone).
void ForgetCounts(const std::string& name);

}  // namespace engage::outbox

#endif  // ENGAGE_COMMON_OUTBOX_OUTBOX_GAUGES_H_
