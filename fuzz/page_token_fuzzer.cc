// Page tokens (common/paging): any page_size and page_token a caller sends.
// Input: "<page_size>\n<page_token>\n<filters>". Properties: a refused token
// or size is named in the errors, never a crash; an accepted token gives a
// non-empty key; a token MakePageToken made comes back as the same key for
// the same query and is refused for another.
#include <cstdint>
#include <string>

#include "absl/strings/numbers.h"
#include "common/paging/page_token.h"
#include "common/validate/text.h"
#include "fuzz/fuzz_support.h"

using engage::FieldErrors;
namespace paging = engage::paging;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto fields = engage::fuzz::Split(data, size, '\n', 3);
  int32_t page_size = 0;
  if (!absl::SimpleAtoi(fields[0], &page_size)) page_size = static_cast<int32_t>(fields[0].size());
  const std::string& token = fields[1];
  const uint64_t query = paging::QueryHash(fields[2]);

  FieldErrors errors;
  paging::Page page = paging::ParsePage(errors, page_size, token, query);
  FUZZ_CHECK(page.size >= 1 && page.size <= paging::kMaxPageSize);
  if (errors.empty()) {
    FUZZ_CHECK(token.empty() == page.after_key.empty());
  } else {
    (void)errors.ToStatus();
  }

  // The token of a sort key: ids and CRM external ids, from utf8mb4 columns
  // of at most 255 characters (a PageCursor's key is a proto string, so a key
  // that is not UTF-8 could not be parsed back; none reaches MakePageToken).
  const std::string key = token.substr(0, 255);
  if (!key.empty() && engage::validate::IsValidUtf8(key)) {
    const std::string made = paging::MakePageToken(key, query);
    FieldErrors again;
    paging::Page next = paging::ParsePage(again, 0, made, query);
    FUZZ_CHECK(again.empty() && next.after_key == key);
    FieldErrors other;
    (void)paging::ParsePage(other, 0, made, query + 1);
    FUZZ_CHECK(!other.empty());
  }
  return 0;
}
