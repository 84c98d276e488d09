#include "common/status/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engage/common/v1/common.pb.h"

namespace engage {
namespace {

constexpr const char* kBadRequestUrl = kBadRequestTypeUrl;
constexpr const char* kReasonUrl = kErrorInfoTypeUrl;
constexpr const char* kRetryUrl = kRetryInfoTypeUrl;

}  // namespace

absl::Status InvalidField(const std::string& field, const std::string& description) {
  return InvalidFields({{field, description}});
}

absl::Status InvalidFields(const std::vector<FieldError>& errors) {
  engage::common::v1::BadRequest bad;
  std::vector<std::string> parts;
  for (const auto& e : errors) {
    auto* v = bad.add_field_violations();
    v->set_field(e.field);
    v->set_description(e.description);
    parts.push_back(absl::StrCat(e.field, ": ", e.description));
  }
  absl::Status status = absl::InvalidArgumentError(absl::StrJoin(parts, "; "));
  status.SetPayload(kBadRequestUrl, absl::Cord(bad.SerializeAsString()));
  return status;
}

absl::Status WithReason(absl::Status status, const std::string& reason) {
  engage::common::v1::ErrorInfo info;
  info.set_reason(reason);
  info.set_domain("engage.mesh");
  status.SetPayload(kReasonUrl, absl::Cord(info.SerializeAsString()));
  return status;
}

absl::Status WithRetryDelay(absl::Status status, absl::Duration delay) {
  engage::common::v1::RetryInfo info;
  const int64_t nanos = absl::ToInt64Nanoseconds(delay);
  info.mutable_retry_delay()->set_seconds(nanos / 1000000000);
  info.mutable_retry_delay()->set_nanos(static_cast<int32_t>(nanos % 1000000000));
  status.SetPayload(kRetryUrl, absl::Cord(info.SerializeAsString()));
  return status;
}

std::vector<FieldError> FieldErrorsOf(const absl::Status& status) {
  std::vector<FieldError> out;
  auto payload = status.GetPayload(kBadRequestUrl);
  if (!payload.has_value()) return out;
  engage::common::v1::BadRequest bad;
  if (!bad.ParseFromString(std::string(*payload))) return out;
  for (const auto& v : bad.field_violations()) out.push_back({v.field(), v.description()});
  return out;
}

std::string ReasonOf(const absl::Status& status) {
  auto payload = status.GetPayload(kReasonUrl);
  if (!payload.has_value()) return "";
  engage::common::v1::ErrorInfo info;
  if (!info.ParseFromString(std::string(*payload))) return "";
  return info.reason();
}

void FieldErrors::Merge(const absl::Status& status) {
  if (status.ok()) return;
  auto nested = FieldErrorsOf(status);
  if (nested.empty()) {
    errors_.push_back({"", std::string(status.message())});
  }
  for (auto& e : nested) errors_.push_back(std::move(e));
}

absl::Status FieldErrors::ToStatus() const {
  return errors_.empty() ? absl::OkStatus() : InvalidFields(errors_);
}

}  // namespace engage
