#ifndef ENGAGE_PROFILE_SVC_COMPANY_STORE_H_
#define ENGAGE_PROFILE_SVC_COMPANY_STORE_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "profile_svc/rules/category_rules.h"
#include "profile_svc/rules/company_rules.h"

namespace engage::profile {

struct BrandingData {
  std::string primary_color;
  std::string secondary_color;
  std::string company_name;
  std::vector<std::string> default_medications;
};

struct DataEvent {
  std::string event_id;
  std::string profile_id;
  std::string category_code;
  std::string response_code;
  absl::Time create_time;
};

// Per-company settings and their children: branding (PRF-05), profile
// categories, answers and their outbox (CAT-01..07); groups are GroupStore's.
// Scoped to one tenant per call.
class CompanyStore {
 public:
  virtual ~CompanyStore() = default;

  virtual absl::StatusOr<BrandingData> GetBranding(const std::string& tenant) = 0;
  // Applies the named paths of `branding` in one transaction.
  virtual absl::StatusOr<BrandingData> UpdateBranding(const std::string& tenant,
                                                      const BrandingData& branding,
                                                      const std::vector<std::string>& paths,
                                                      absl::Time now) = 0;
  virtual absl::Status CreateCategory(const std::string& tenant, const Category& category,
                                      absl::Time now) = 0;
  virtual absl::Status CreateResponse(const std::string& tenant, const std::string& category_code,
                                      const CategoryResponse& response, absl::Time now) = 0;
  virtual absl::Status UpdateCategorySettings(const std::string& tenant,
                                              const CategorySettings& settings, absl::Time now) = 0;

  struct AnswersView {
    std::vector<Category> categories;
    std::map<std::string, std::string> answers;
    CategorySettings settings;
    bool has_primary_alternate_id = false;
  };
  // NOT_FOUND unless `profile_id` is a live HCP profile of the tenant.
  virtual absl::StatusOr<AnswersView> GetAnswers(const std::string& tenant,
                                                 const std::string& profile_id) = 0;
  // Computes the new answers with `apply` on the locked state, stores them and,
  // when SendsProfileData, one outbox event per changed answer: one transaction.
  using ApplyFn =
      std::function<absl::StatusOr<std::map<std::string, std::string>>(const AnswersView&)>;
  virtual absl::StatusOr<int> SaveAnswers(
      const std::string& tenant, const std::string& profile_id,
      const std::function<absl::Status(const std::string&)>& check_owner, const ApplyFn& apply,
      const std::function<std::string()>& next_id, absl::Time now) = 0;
  virtual absl::StatusOr<std::vector<DataEvent>> ListPendingEvents(const std::string& tenant,
                                                                   const std::string& after,
                                                                   int limit) = 0;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_COMPANY_STORE_H_
