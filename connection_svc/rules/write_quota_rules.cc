#include "connection_svc/rules/write_quota_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace engage::connection {

absl::Status CheckDailyCap(const QuotaUse& use, int64_t cap, const std::string& what,
                           absl::Time now) {
  if (use.count <= cap) return absl::OkStatus();
  const absl::Duration wait =
      std::max(absl::Seconds(1), absl::Ceil(use.oldest + kQuotaWindow - now, absl::Seconds(1)));
  return WithRetryDelay(WithReason(absl::ResourceExhaustedError(absl::StrCat(
                                       "SEC-11: at most ", cap, " ", what,
                                       " per 24 hours; try again in ", absl::FormatDuration(wait))),
                                   "SEC-11"),
                        wait);
}

}  // namespace engage::connection
