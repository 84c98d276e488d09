#ifndef ENGAGE_COMMON_STATUS_ERRORS_H_
#define ENGAGE_COMMON_STATUS_ERRORS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace engage {

// Builders of the errors the services return. They attach the machine-readable
// parts (a reason, the offending fields) as payloads of the absl::Status, which
// ToGrpcStatus turns into ErrorInfo and BadRequest details.

struct FieldError {
  std::string field;
  std::string description;
};

// INVALID_ARGUMENT naming one field: "<field>: <description>".
// The type names error details travel under: google.rpc's, so every
// language's standard error-details helpers (grpcio-status, Go's
// status.Details, Java's StatusProto) read them. The messages are
// engage.common.v1's copies, wire-compatible field for field.
inline constexpr char kBadRequestTypeUrl[] = "type.googleapis.com/google.rpc.BadRequest";
inline constexpr char kErrorInfoTypeUrl[] = "type.googleapis.com/google.rpc.ErrorInfo";
inline constexpr char kRetryInfoTypeUrl[] = "type.googleapis.com/google.rpc.RetryInfo";

absl::Status InvalidField(const std::string& field, const std::string& description);
// INVALID_ARGUMENT naming several fields; `errors` must not be empty.
absl::Status InvalidFields(const std::vector<FieldError>& errors);
// Any status with a reason (a rule id such as "PRF-03", or an UPPER_SNAKE word).
absl::Status WithReason(absl::Status status, const std::string& reason);

// Any status with a RetryInfo saying when to try again.
absl::Status WithRetryDelay(absl::Status status, absl::Duration delay);

// The parts attached above, for tests and for the gRPC mapping.
std::vector<FieldError> FieldErrorsOf(const absl::Status& status);
std::string ReasonOf(const absl::Status& status);

// Collects field errors while a request is validated, then yields one status.
class FieldErrors {
 public:
  void Add(std::string field, std::string description) {
    errors_.push_back({std::move(field), std::move(description)});
  }
  // Adds `status`'s field errors when it is an error (e.g. from a nested check).
  void Merge(const absl::Status& status);
  bool empty() const { return errors_.empty(); }
  absl::Status ToStatus() const;

 private:
  std::vector<FieldError> errors_;
};

}  // namespace engage

#endif  // ENGAGE_COMMON_STATUS_ERRORS_H_
