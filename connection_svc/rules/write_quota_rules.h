#ifndef ENGAGE_CONNECTION_SVC_RULES_WRITE_QUOTA_RULES_H_
#define ENGAGE_CONNECTION_SVC_RULES_WRITE_QUOTA_RULES_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace engage::connection {

// SEC-11 (attack review 5, finding 6): what one low-privilege caller may make
// the mesh write or send, per day, as plain functions. The stores count
// inside the writing transaction, the new row included, and roll the write
// back when the check refuses: nothing is written past a cap.

// A day: what the caps count is what was written within the last one.
inline constexpr absl::Duration kQuotaWindow = absl::Hours(24);

// The caps (settings; defaults a real field user or HCP never reaches).
struct DailyCaps {
  int64_t invite_mails_per_inviter = 200;   // CON-13 e-mails one field user sends
  int64_t invite_mails_per_recipient = 10;  // e-mail invites one address gets
  int64_t self_reports_per_hcp = 50;        // meetings one HCP reports attending
};

// What a store counted for one cap: the rows written within the window
// (the new one included) and the time of the oldest of them.
struct QuotaUse {
  int64_t count = 0;
  absl::Time oldest = absl::InfinitePast();
};

// OK while `use.count` is at most `cap`; otherwise RESOURCE_EXHAUSTED with
// reason SEC-11 naming `what`, and a RetryInfo of when the oldest counted row
// leaves the window.
absl::Status CheckDailyCap(const QuotaUse& use, int64_t cap, const std::string& what,
                           absl::Time now);

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_RULES_WRITE_QUOTA_RULES_H_
