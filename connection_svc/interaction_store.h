#ifndef ENGAGE_CONNECTION_SVC_INTERACTION_STORE_H_
#define ENGAGE_CONNECTION_SVC_INTERACTION_STORE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connection_svc/rules/connection_model.h"
#include "connection_svc/rules/write_quota_rules.h"

namespace engage::connection {

// Meetings attended and content viewed, reported for automatic connections
// (CON-06, CON-07): recorded by the handlers, resolved into connections by
// the post-processing job, one tenant per call.
class InteractionStore {
 public:
  virtual ~InteractionStore() = default;

  // Records interactions, skipping ones already recorded (same kind, source,
  // host and participant); returns how many were new.
  virtual absl::StatusOr<int> RecordInteractions(const std::string& tenant,
                                                 const std::vector<Interaction>& interactions) = 0;
  // SEC-11: records `interaction`, a report by its HCP of their own
  // participation, as RecordInteractions does; when it is new, `check` runs
  // on that HCP's own reports of its kind within kQuotaWindow of its
  // create_time (itself included), and a refusal writes nothing.
  virtual absl::StatusOr<int> RecordSelfReport(
      const std::string& tenant, const Interaction& interaction,
      const std::function<absl::Status(const QuotaUse&)>& check) = 0;
  // Pending interactions of signed-in HCPs, oldest first.
  virtual absl::StatusOr<std::vector<Interaction>> PendingWithProfile(const std::string& tenant,
                                                                      int limit) = 0;
  // Pending interactions known only by `email` (lower case).
  virtual absl::StatusOr<std::vector<Interaction>> PendingForEmail(const std::string& tenant,
                                                                   const std::string& email) = 0;
  // Connects the interaction's host with `hcp_profile_id` and marks it done,
  // in one transaction; the act is the interaction's reporter at its
  // create_time. When either side was removed (PRF-11, PRF-12), or
  // CheckConnect refuses it (SEC-05, SEC-06: no later run would decide
  // otherwise), it is marked done without a connection (change kNone;
  // `refusal` holds the rule's status).
  virtual absl::StatusOr<ConnectResult> ResolveInteraction(const std::string& tenant,
                                                           const Interaction& interaction,
                                                           const std::string& hcp_profile_id,
                                                           const std::string& new_connection_id,
                                                           absl::Time now) = 0;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_INTERACTION_STORE_H_
