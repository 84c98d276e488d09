#ifndef ENGAGE_COMMON_STATUS_STATUS_MACROS_H_
#define ENGAGE_COMMON_STATUS_STATUS_MACROS_H_

// The two shapes of early return every layer repeats, spelled once.
//
//   RETURN_IF_ERROR(store.Save(profile));
//   ASSIGN_OR_RETURN(Profile profile, store.Load(id));
//   ASSIGN_OR_RETURN(auto rows, tx.Query(sql));
//
// The expression is evaluated once. ASSIGN_OR_RETURN declares (or assigns) its
// left side in the enclosing scope, so it cannot be the body of an unbraced if.
// Both work in any function returning absl::Status or absl::StatusOr<T>.

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define RETURN_IF_ERROR(expr) \
  ENGAGE_RETURN_IF_ERROR_IMPL_(ENGAGE_STATUS_CONCAT_(engage_status_, __LINE__), expr)

#define ENGAGE_RETURN_IF_ERROR_IMPL_(status, expr)                   \
  do {                                                               \
    if (::absl::Status status = (expr); !status.ok()) return status; \
  } while (false)

#define ENGAGE_STATUS_CONCAT_INNER_(a, b) a##b
#define ENGAGE_STATUS_CONCAT_(a, b) ENGAGE_STATUS_CONCAT_INNER_(a, b)

#define ASSIGN_OR_RETURN(lhs, expr) \
  ENGAGE_ASSIGN_OR_RETURN_IMPL_(ENGAGE_STATUS_CONCAT_(engage_statusor_, __LINE__), lhs, expr)

#define ENGAGE_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = *std::move(statusor)

#endif  // ENGAGE_COMMON_STATUS_STATUS_MACROS_H_
