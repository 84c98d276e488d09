#include "common/paging/page_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "engage/common/v1/common.pb.h"

namespace engage::paging {

Page ParsePage(FieldErrors& errors, int32_t page_size, const std::string& page_token,
               uint64_t query_hash) {
  Page page;
  if (page_size < 0 || page_size > kMaxPageSize) {
    errors.Add("page_size", absl::StrCat("must be between 0 and ", kMaxPageSize));
  } else if (page_size > 0) {
    page.size = page_size;
  }
  if (page_token.empty()) return page;
  std::string raw;
  engage::common::v1::PageCursor cursor;
  if (page_token.size() > 1024 || !absl::WebSafeBase64Unescape(page_token, &raw) ||
      !cursor.ParseFromString(raw) || cursor.after_key().empty()) {
    errors.Add("page_token", "is malformed; pass back a next_page_token unchanged");
  } else if (cursor.query_hash() != query_hash) {
    errors.Add("page_token", "was made for a different query");
  } else {
    page.after_key = cursor.after_key();
  }
  return page;
}

std::string MakePageToken(const std::string& last_key, uint64_t query_hash) {
  engage::common::v1::PageCursor cursor;
  cursor.set_after_key(last_key);
  cursor.set_query_hash(query_hash);
  return absl::WebSafeBase64Escape(cursor.SerializeAsString());
}

uint64_t QueryHash(const std::string& filters) {
  // FNV-1a: stable across processes and builds, unlike std::hash.
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : filters) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace engage::paging
