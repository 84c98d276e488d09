#ifndef ENGAGE_PROFILE_SVC_FEED_CURSOR_H_
#define ENGAGE_PROFILE_SVC_FEED_CURSOR_H_

#include <cstdint>
#include <string>

#include "common/status/errors.h"

namespace engage::profile {

constexpr int kDefaultFeedPage = 100;
constexpr int kMaxFeedPage = 1000;

// A feed cursor is the decimal sequence of the last entry seen; empty means
// "from the beginning" (0). Anything else is a violation naming `field`.
int64_t ParseFeedCursor(FieldErrors& errors, const std::string& field, const std::string& cursor);
std::string FeedCursor(int64_t sequence);

// 0 means kDefaultFeedPage; 1..kMaxFeedPage is taken as is; anything else is a violation.
int FeedPageSize(FieldErrors& errors, const std::string& field, int32_t page_size);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_FEED_CURSOR_H_
