#include "common/validate/text.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/auth/claim_form.h"
#include "common/time/id_generator.h"

namespace engage::validate {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra = 0;
    unsigned int cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void Text(FieldErrors& errors, const std::string& field, const std::string& value, size_t min,
          size_t max) {
  if (!IsValidUtf8(value)) {
    errors.Add(field, "must be valid UTF-8");
    return;
  }
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      errors.Add(field, "must not contain control characters");
      return;
    }
  }
  size_t n = CodePoints(value);
  if (n < min) {
    errors.Add(field,
               min == 1 ? "is required" : absl::StrCat("must have at least ", min, " characters"));
  } else if (n > max) {
    errors.Add(field, absl::StrCat("must have at most ", max, " characters"));
  }
}

void OptionalText(FieldErrors& errors, const std::string& field, const std::string& value,
                  size_t max) {
  Text(errors, field, value, 0, max);
}

void Email(FieldErrors& errors, const std::string& field, const std::string& value) {
  FieldErrors local;
  Text(local, field, value, 1, 254);
  if (!local.empty()) {
    errors.Merge(local.ToStatus());
    return;
  }
  auto at = value.find('@');
  if (at == std::string::npos || at == 0 || value.find('@', at + 1) != std::string::npos ||
      value.find('.', at) == std::string::npos || value.back() == '.' ||
      value.find(' ') != std::string::npos) {
    errors.Add(field, "must be an email address");
  }
}

void CountryCode(FieldErrors& errors, const std::string& field, const std::string& value) {
  if (value.size() != 2 || value[0] < 'A' || value[0] > 'Z' || value[1] < 'A' || value[1] > 'Z') {
    errors.Add(field, "must be an ISO 3166-1 alpha-2 code such as \"US\"");
  }
}

void Id(FieldErrors& errors, const std::string& field, const std::string& value) {
  if (value.empty()) {
    errors.Add(field, "is required");
  } else if (!IdGenerator::LooksValid(value)) {
    errors.Add(field, "is not a valid id");
  }
}

void IdList(FieldErrors& errors, const std::string& field,
            const google::protobuf::RepeatedPtrField<std::string>& ids, int min, int max) {
  if (ids.size() < min || ids.size() > max) {
    errors.Add(field, absl::StrCat("must name ", min, "..", max, " profiles"));
    return;
  }
  for (int i = 0; i < ids.size(); ++i) Id(errors, absl::StrCat(field, "[", i, "]"), ids[i]);
}

void TenantId(FieldErrors& errors, const std::string& field, const std::string& value) {
  if (value.empty()) {
    errors.Add(field, "is required");
  } else if (!auth::IsTenantId(value)) {
    errors.Add(field, "is not a tenant id ([a-z0-9][a-z0-9_-]{0,63})");
  }
}

void OptionalUrl(FieldErrors& errors, const std::string& field, const std::string& value) {
  if (value.empty()) return;
  FieldErrors local;
  Text(local, field, value, 1, 2048);
  if (!local.empty()) {
    errors.Merge(local.ToStatus());
    return;
  }
  if (!absl::StartsWith(value, "https://") && !absl::StartsWith(value, "http://")) {
    errors.Add(field, "must be an http or https URL");
  }
}

}  // namespace engage::validate
