#ifndef ENGAGE_PROFILE_SVC_MYSQL_CATEGORY_STORE_H_
#define ENGAGE_PROFILE_SVC_MYSQL_CATEGORY_STORE_H_

#include "common/mysql/pool.h"
#include "profile_svc/category_store.h"

namespace engage::profile {

// CategoryStore over profile_categories and category_responses.
class MysqlCategoryStore final : public CategoryStore {
 public:
  explicit MysqlCategoryStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<std::vector<Category>> ListCategories(const std::string& tenant,
                                                       int after_position,
                                                       const std::string& after_code,
                                                       int limit) override;
  absl::StatusOr<Category> UpdateCategory(const std::string& tenant, const std::string& code,
                                          const CategoryChange& change, absl::Time now) override;
  absl::StatusOr<Category> UpdateResponse(const std::string& tenant, const std::string& code,
                                          const std::string& response_code,
                                          const ResponseChange& change, absl::Time now) override;
  absl::StatusOr<Category> RetireCategory(const std::string& tenant, const std::string& code,
                                          absl::Time now) override;
  absl::StatusOr<Category> RetireResponse(const std::string& tenant, const std::string& code,
                                          const std::string& response_code,
                                          absl::Time now) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_MYSQL_CATEGORY_STORE_H_
