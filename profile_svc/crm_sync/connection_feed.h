#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_CONNECTION_FEED_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_CONNECTION_FEED_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "profile_svc/crm_sync/rules/sync_model.h"

namespace engage::profile::sync {

// What the sync needs from connection_svc: its ordered change feed (CON-11)
// and whether the post-processing job runs (CON-08, SYN-07).
class ConnectionFeed {
 public:
  virtual ~ConnectionFeed() = default;

  struct Page {
    std::vector<MirroredConnection> changes;  // changed_sequence = the feed sequence
    int64_t last_sequence = 0;
  };
  virtual absl::StatusOr<Page> Read(const std::string& tenant, int64_t after_sequence,
                                    int page_size) = 0;
  virtual absl::StatusOr<bool> PostProcessingRunning(const std::string& tenant) = 0;
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_CONNECTION_FEED_H_
