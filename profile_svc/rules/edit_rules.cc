#include "profile_svc/rules/edit_rules.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/validate/text.h"

namespace engage::profile {

FieldOwner OwnerOf(ProfileKind kind, const std::string& path) {
  static const std::set<std::string> kUser = {
      "first_name", "last_name", "email", "country", "user_type", "active", "can_edit_details"};
  static const std::set<std::string> kDetail = {"display_name", "photo_url", "phone", "title"};
  static const std::set<std::string> kHcpOwned = {"first_name",   "last_name", "email",  "country",
                                                  "display_name", "photo_url", "phone",  "title",
                                                  "degree",       "practice",  "address"};
  if (kind == ProfileKind::kStaff) {
    if (kUser.count(path)) return FieldOwner::kAdmin;
    if (kDetail.count(path)) return FieldOwner::kDetail;
    return FieldOwner::kNotAField;
  }
  if (kHcpOwned.count(path)) return FieldOwner::kHcp;
  if (path == "alternate_id") return FieldOwner::kAdminOfHcp;
  return FieldOwner::kNotAField;
}

namespace {

absl::Status NotYours(const std::string& path, const std::string& why, const std::string& rule) {
  return WithReason(absl::PermissionDeniedError(absl::StrCat("profile.", path, ": ", why)), rule);
}

}  // namespace

absl::Status CheckEdit(const auth::Identity& caller, const EditTarget& target,
                       const std::vector<std::string>& paths) {
  const bool self = caller.subject == target.subject;
  for (const auto& path : paths) {
    switch (OwnerOf(target.kind, path)) {
      case FieldOwner::kNotAField:
        return InvalidField("update_mask",
                            absl::StrCat("\"", path, "\" is not a field of this kind of profile"));
      case FieldOwner::kAdmin:
        if (caller.role != auth::kAdmin) {
          return NotYours(path, "a User record field is changed by an admin only", "PRF-03");
        }
        break;
      case FieldOwner::kDetail:
        if (caller.role == auth::kAdmin) break;
        if (caller.role != auth::kFieldUser || !self) {
          return NotYours(path, "only the field user themself or an admin may change it", "PRF-03");
        }
        if (!target.can_edit_details) {
          return NotYours(path, "your permission does not allow editing your User Detail",
                          "PRF-03");
        }
        break;
      case FieldOwner::kHcp:
        if (caller.role != auth::kHcp || !self) {
          return NotYours(path, "only the HCP who owns the profile may change it", "PRF-04");
        }
        break;
      case FieldOwner::kAdminOfHcp:
        if (caller.role != auth::kAdmin) {
          return NotYours(path, "the alternate id is set by an admin", "PRF-04");
        }
        break;
    }
  }
  if (target.deleted) {
    return WithReason(absl::FailedPreconditionError("the profile was deleted"), "PRF-11");
  }
  return absl::OkStatus();
}

void Phone(FieldErrors& errors, const std::string& field, const std::string& value) {
  FieldErrors local;
  validate::OptionalText(local, field, value, 40);
  if (!local.empty()) {
    errors.Merge(local.ToStatus());
    return;
  }
  for (char c : value) {
    if (!((c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')' ||
          c == '.')) {
      errors.Add(field, "must hold digits, spaces and + - ( ) . only");
      return;
    }
  }
}

void ValidateEdit(FieldErrors& errors, const ProfileEdit& edit) {
  static const std::set<std::string> kKnown = {
      "first_name", "last_name",        "email",        "country",   "user_type",
      "active",     "can_edit_details", "display_name", "photo_url", "phone",
      "title",      "degree",           "practice",     "address",   "alternate_id"};
  if (edit.paths.empty()) errors.Add("update_mask", "is required: name the fields to change");
  std::set<std::string> seen;
  const ProfileFields& f = edit.fields;
  for (const auto& path : edit.paths) {
    if (!kKnown.count(path)) {
      errors.Add("update_mask",
                 absl::StrCat("unknown field \"", validate::IsValidUtf8(path) ? path : "?", "\""));
      continue;
    }
    if (!seen.insert(path).second) continue;
    const std::string field = "profile." + path;
    if (path == "first_name") validate::Text(errors, field, f.first_name, 1, 100);
    if (path == "last_name") validate::Text(errors, field, f.last_name, 1, 100);
    if (path == "email") validate::Email(errors, field, f.email);
    if (path == "country") validate::CountryCode(errors, field, f.country);
    if (path == "display_name") validate::OptionalText(errors, field, f.display_name, 200);
    if (path == "photo_url") validate::OptionalUrl(errors, field, f.photo_url);
    if (path == "phone") Phone(errors, field, f.phone);
    if (path == "title") validate::OptionalText(errors, field, f.title, 200);
    if (path == "degree") validate::OptionalText(errors, field, f.degree, 100);
    if (path == "practice") validate::OptionalText(errors, field, f.practice, 200);
    if (path == "address") validate::OptionalText(errors, field, f.address, 500);
    if (path == "alternate_id") validate::OptionalText(errors, field, f.alternate_id, 64);
  }
  validate::Text(errors, "etag", edit.etag, 1, 64);
}

}  // namespace engage::profile
