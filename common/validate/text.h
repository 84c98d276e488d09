#ifndef ENGAGE_COMMON_VALIDATE_TEXT_H_
#define ENGAGE_COMMON_VALIDATE_TEXT_H_

#include <google/protobuf/repeated_ptr_field.h>

#include <string>
#include <string_view>

#include "common/status/errors.h"

namespace engage::validate {

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool IsValidUtf8(std::string_view s);
// Number of code points of valid UTF-8.
size_t CodePoints(std::string_view s);

// Checks one text field: valid UTF-8, no control characters, and between
// `min` and `max` code points. Adds a violation naming `field` otherwise.
void Text(FieldErrors& errors, const std::string& field, const std::string& value, size_t min,
          size_t max);
// Same, allowing an empty value.
void OptionalText(FieldErrors& errors, const std::string& field, const std::string& value,
                  size_t max);
// A plausible email address: one '@', a dot in the domain, at most 254 characters.
void Email(FieldErrors& errors, const std::string& field, const std::string& value);
// ISO 3166-1 alpha-2: two upper-case letters.
void CountryCode(FieldErrors& errors, const std::string& field, const std::string& value);
// An id made by IdGenerator.
void Id(FieldErrors& errors, const std::string& field, const std::string& value);
// A list of `min`..`max` ids made by IdGenerator, each checked as Id with
// its index in the field name ("hcp_profile_ids[3]").
void IdList(FieldErrors& errors, const std::string& field,
            const google::protobuf::RepeatedPtrField<std::string>& ids, int min, int max);
// A tenant id of the form tokens carry (SEC-13: [a-z0-9][a-z0-9_-]{0,63}).
void TenantId(FieldErrors& errors, const std::string& field, const std::string& value);
// An http(s) URL of at most 2048 characters.
void OptionalUrl(FieldErrors& errors, const std::string& field, const std::string& value);

}  // namespace engage::validate

#endif  // ENGAGE_COMMON_VALIDATE_TEXT_H_
