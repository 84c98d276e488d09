#ifndef ENGAGE_PROFILE_SVC_CATEGORY_STORE_H_
#define ENGAGE_PROFILE_SVC_CATEGORY_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "profile_svc/rules/category_rules.h"

namespace engage::profile {

// What an admin changes of a category or a response; unset: unchanged.
struct CategoryChange {
  std::optional<std::string> description;
  std::optional<int> position;
};

struct ResponseChange {
  std::optional<std::string> description;
  std::optional<int> position;
  std::optional<bool> is_default;
};

// The admin side of profile categories (issue 17): list, edit, retire.
// Creating them and answering them is CompanyStore's. One tenant per call;
// every change returns the category as it is after it, with every response
// (retired ones included). Nothing is ever deleted: answers keep their labels.
class CategoryStore {
 public:
  virtual ~CategoryStore() = default;

  // Categories after (`after_position`, `after_code`) in display order.
  virtual absl::StatusOr<std::vector<Category>> ListCategories(const std::string& tenant,
                                                               int after_position,
                                                               const std::string& after_code,
                                                               int limit) = 0;
  // NOT_FOUND when the category is not the tenant's.
  virtual absl::StatusOr<Category> UpdateCategory(const std::string& tenant,
                                                  const std::string& code,
                                                  const CategoryChange& change, absl::Time now) = 0;
  // NOT_FOUND when the category or response is not the tenant's; a default
  // change is checked with CheckDefaultChange against the locked category.
  virtual absl::StatusOr<Category> UpdateResponse(const std::string& tenant,
                                                  const std::string& code,
                                                  const std::string& response_code,
                                                  const ResponseChange& change, absl::Time now) = 0;
  virtual absl::StatusOr<Category> RetireCategory(const std::string& tenant,
                                                  const std::string& code, absl::Time now) = 0;
  // A retired response stops being the default.
  virtual absl::StatusOr<Category> RetireResponse(const std::string& tenant,
                                                  const std::string& code,
                                                  const std::string& response_code,
                                                  absl::Time now) = 0;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_CATEGORY_STORE_H_
