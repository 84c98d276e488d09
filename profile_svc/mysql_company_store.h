#ifndef ENGAGE_PROFILE_SVC_MYSQL_COMPANY_STORE_H_
#define ENGAGE_PROFILE_SVC_MYSQL_COMPANY_STORE_H_

#include "common/mysql/pool.h"
#include "profile_svc/company_store.h"

namespace engage::profile {

// CompanyStore over company_settings,
// profile_categories, category_responses, profile_answers, profile_data_outbox.
class MysqlCompanyStore final : public CompanyStore {
 public:
  explicit MysqlCompanyStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<BrandingData> GetBranding(const std::string& tenant) override;
  absl::StatusOr<BrandingData> UpdateBranding(const std::string& tenant,
                                              const BrandingData& branding,
                                              const std::vector<std::string>& paths,
                                              absl::Time now) override;
  absl::Status CreateCategory(const std::string& tenant, const Category& category,
                              absl::Time now) override;
  absl::Status CreateResponse(const std::string& tenant, const std::string& category_code,
                              const CategoryResponse& response, absl::Time now) override;
  absl::Status UpdateCategorySettings(const std::string& tenant, const CategorySettings& settings,
                                      absl::Time now) override;
  absl::StatusOr<AnswersView> GetAnswers(const std::string& tenant,
                                         const std::string& profile_id) override;
  absl::StatusOr<int> SaveAnswers(
      const std::string& tenant, const std::string& profile_id,
      const std::function<absl::Status(const std::string&)>& check_owner, const ApplyFn& apply,
      const std::function<std::string()>& next_id, absl::Time now) override;
  absl::StatusOr<std::vector<DataEvent>> ListPendingEvents(const std::string& tenant,
                                                           const std::string& after,
                                                           int limit) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_MYSQL_COMPANY_STORE_H_
