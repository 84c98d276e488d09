#ifndef ENGAGE_COMMON_PAGING_PAGE_TOKEN_H_
#define ENGAGE_COMMON_PAGING_PAGE_TOKEN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/status/errors.h"

namespace engage::paging {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;

// A validated page request: how many items, and after which sort key.
struct Page {
  int size = kDefaultPageSize;
  std::string after_key;  // empty: from the start
};

// Checks `page_size` (0 means the default; negative or above kMaxPageSize is
// refused) and decodes `page_token`, which must have been made for the same
// query (`query_hash` of the request's filters). Violations name the fields.
Page ParsePage(FieldErrors& errors, int32_t page_size, const std::string& page_token,
               uint64_t query_hash);

// The opaque token that continues after `last_key`.
std::string MakePageToken(const std::string& last_key, uint64_t query_hash);

// A stable hash of a query's filters (not a secret; binds tokens to queries).
uint64_t QueryHash(const std::string& filters);

// `items` as a store returned them for a limit of page.size + 1 (one more
// than the page, to learn whether another page follows): cuts them to the
// page and returns the token that continues after its last item (its key is
// `key_of(item)`), or "" when this page is the last.
template <typename T, typename KeyOf>
std::string CutToPage(std::vector<T>& items, const Page& page, uint64_t query_hash, KeyOf key_of) {
  if (static_cast<int>(items.size()) <= page.size) return std::string();
  items.erase(items.begin() + page.size, items.end());
  return MakePageToken(key_of(items.back()), query_hash);
}

}  // namespace engage::paging

#endif  // ENGAGE_COMMON_PAGING_PAGE_TOKEN_H_
