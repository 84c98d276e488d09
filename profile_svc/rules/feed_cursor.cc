#include "profile_svc/rules/feed_cursor.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace engage::profile {

int64_t ParseFeedCursor(FieldErrors& errors, const std::string& field, const std::string& cursor) {
  if (cursor.empty()) return 0;
  int64_t value = 0;
  bool digits = cursor.size() <= 18;
  for (char c : cursor) digits = digits && c >= '0' && c <= '9';
  if (!digits || !absl::SimpleAtoi(cursor, &value)) {
    errors.Add(field, "is not a cursor returned by this feed");
    return 0;
  }
  return value;
}

std::string FeedCursor(int64_t sequence) { return absl::StrCat(sequence); }

int FeedPageSize(FieldErrors& errors, const std::string& field, int32_t page_size) {
  if (page_size == 0) return kDefaultFeedPage;
  if (page_size < 0 || page_size > kMaxFeedPage) {
    errors.Add(field, absl::StrCat("must be between 0 and ", kMaxFeedPage));
    return kDefaultFeedPage;
  }
  return page_size;
}

}  // namespace engage::profile
