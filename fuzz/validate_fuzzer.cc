// The validators every handler uses (common/validate). Input: a value, then
// '\n' and a list of ids ('\n'-separated) for IdList. Properties: no crash on
// any bytes; IsValidUtf8 agrees with protobuf's own UTF-8 check (the one that
// refuses a request's invalid string on the wire); an accepted text is valid
// UTF-8 without control characters and within its length; each validator
// accepts exactly the form its header states.
#include <google/protobuf/repeated_ptr_field.h>
#include <google/protobuf/stubs/common.h>

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "common/auth/claim_form.h"
#include "common/time/id_generator.h"
#include "common/validate/text.h"
#include "fuzz/fuzz_support.h"

using engage::FieldErrors;
namespace validate = engage::validate;

namespace {

bool Accepts(void (*check)(FieldErrors&, const std::string&, const std::string&),
             const std::string& value) {
  FieldErrors errors;
  check(errors, "field", value);
  if (!errors.empty()) FUZZ_CHECK(!errors.ToStatus().ok());
  return errors.empty();
}

bool HasControl(const std::string& s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto f = engage::fuzz::Split(data, size, '\n', 2);
  const std::string& value = f[0];

  const bool utf8 = validate::IsValidUtf8(value);
  FUZZ_CHECK(utf8 == google::protobuf::internal::IsStructurallyValidUTF8(
                         value.data(), static_cast<int>(value.size())));
  if (utf8) FUZZ_CHECK(validate::CodePoints(value) <= value.size());

  for (size_t max : {size_t{0}, size_t{1}, size_t{5}, size_t{100}}) {
    FieldErrors errors;
    validate::Text(errors, "text", value, 1, max);
    if (errors.empty()) {
      FUZZ_CHECK(utf8 && !HasControl(value));
      const size_t n = validate::CodePoints(value);
      FUZZ_CHECK(n >= 1 && n <= max);
    }
    FieldErrors optional;
    validate::OptionalText(optional, "text", value, max);
    if (value.empty()) FUZZ_CHECK(optional.empty());
  }

  if (Accepts(validate::Email, value)) {
    FUZZ_CHECK(std::count(value.begin(), value.end(), '@') == 1 && value.front() != '@');
  }
  if (Accepts(validate::CountryCode, value)) {
    FUZZ_CHECK(value.size() == 2 && absl::ascii_isupper(value[0]) && absl::ascii_isupper(value[1]));
  }
  FUZZ_CHECK(Accepts(validate::Id, value) == engage::IdGenerator::LooksValid(value));
  FUZZ_CHECK(Accepts(validate::TenantId, value) == engage::auth::IsTenantId(value));
  if (Accepts(validate::OptionalUrl, value) && !value.empty()) {
    FUZZ_CHECK(absl::StartsWith(value, "http://") || absl::StartsWith(value, "https://"));
  }

  google::protobuf::RepeatedPtrField<std::string> ids;
  for (absl::string_view id : absl::StrSplit(f[1], '\n')) ids.Add(std::string(id));
  FieldErrors list;
  validate::IdList(list, "ids", ids, 1, 3);
  if (list.empty()) {
    FUZZ_CHECK(ids.size() >= 1 && ids.size() <= 3);
    for (const auto& id : ids) FUZZ_CHECK(engage::IdGenerator::LooksValid(id));
  }
  return 0;
}
