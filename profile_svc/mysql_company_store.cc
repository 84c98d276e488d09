#include "profile_svc/mysql_company_store.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "profile_svc/mysql_business_cards.h"
#include "profile_svc/mysql_profile_store.h"
#include "profile_svc/profile_data_delivery.h"

namespace engage::profile {

using mysql::Session;

namespace {

// The settings row exists from the first write on; reads of a company that
// never wrote one see the defaults.
absl::Status EnsureSettings(Session& s, const std::string& tenant, absl::Time now) {
  auto done = s.Execute(
      "INSERT IGNORE INTO company_settings (tenant_id, default_medications, update_time) "
      "VALUES (?, '', ?)",
      {tenant, now});
  return done.ok() ? absl::OkStatus() : done.status();
}

absl::StatusOr<BrandingData> ReadBranding(Session& s, const std::string& tenant, bool lock) {
  ASSIGN_OR_RETURN(
      auto rows,
      s.Query(absl::StrCat("SELECT primary_color, secondary_color, display_company_name, "
                           "default_medications FROM company_settings WHERE tenant_id = ?",
                           lock ? " FOR UPDATE" : ""),
              {tenant}));
  BrandingData b;
  if (rows.empty()) return b;
  const auto& r = rows.front();
  b.primary_color = r.String(0);
  b.secondary_color = r.String(1);
  b.company_name = r.String(2);
  b.default_medications = SplitMedications(r.String(3));
  return b;
}

absl::StatusOr<std::vector<Category>> ReadCategories(Session& s, const std::string& tenant) {
  ASSIGN_OR_RETURN(
      auto cats,
      s.Query("SELECT category_code, description, required, position, retire_time IS NOT NULL "
              "FROM profile_categories WHERE tenant_id = ? ORDER BY position, category_code",
              {tenant}));
  auto responses = s.Query(
      "SELECT category_code, response_code, description, is_default, position, "
      "retire_time IS NOT NULL FROM category_responses WHERE tenant_id = ? "
      "ORDER BY category_code, position, response_code",
      {tenant});
  if (!responses.ok()) return responses.status();
  std::vector<Category> out;
  std::map<std::string, size_t> index;
  for (const auto& r : cats) {
    index[r.String(0)] = out.size();
    out.push_back(
        Category{r.String(0), r.String(1), r.Bool(2), {}, static_cast<int>(r.Int(3)), r.Bool(4)});
  }
  for (const auto& r : *responses) {
    auto it = index.find(r.String(0));
    if (it != index.end())
      out[it->second].responses.push_back(
          {r.String(1), r.String(2), r.Bool(3), static_cast<int>(r.Int(4)), r.Bool(5)});
  }
  return out;
}

absl::StatusOr<CompanyStore::AnswersView> ReadAnswers(Session& s, const std::string& tenant,
                                                      const std::string& profile_id, bool lock) {
  auto profile = s.Query(
      absl::StrCat("SELECT p.kind, p.deleted_time IS NOT NULL, COALESCE(h.alternate_id, '') "
                   "FROM profiles p LEFT JOIN hcp_details h ON h.tenant_id = p.tenant_id AND "
                   "h.profile_id = p.profile_id WHERE p.tenant_id = ? AND p.profile_id = ?",
                   lock ? " FOR UPDATE" : ""),
      {tenant, profile_id});
  if (!profile.ok()) return profile.status();
  if (profile->empty() || profile->front().Int(0) != static_cast<int>(ProfileKind::kHcp)) {
    return absl::NotFoundError(absl::StrCat("HCP profile ", profile_id, " not found"));
  }
  if (profile->front().Bool(1)) {
    return WithReason(absl::FailedPreconditionError("the profile was deleted"), "PRF-11");
  }
  CompanyStore::AnswersView view;
  view.has_primary_alternate_id = !profile->front().String(2).empty();
  ASSIGN_OR_RETURN(auto cats, ReadCategories(s, tenant));
  view.categories = std::move(cats);
  auto answers = s.Query(
      "SELECT category_code, response_code FROM profile_answers WHERE tenant_id = ? AND "
      "profile_id = ?",
      {tenant, profile_id});
  if (!answers.ok()) return answers.status();
  for (const auto& r : *answers) view.answers[r.String(0)] = r.String(1);
  auto settings = s.Query(
      "SELECT engagement_sync_mode, send_profile_data, alternate_id_required FROM "
      "company_settings WHERE tenant_id = ?",
      {tenant});
  if (!settings.ok()) return settings.status();
  if (!settings->empty()) {
    const auto& r = settings->front();
    view.settings.sync_mode = static_cast<CategorySettings::SyncMode>(r.Int(0));
    view.settings.send_profile_data = r.Bool(1);
    view.settings.alternate_id_required = r.Bool(2);
  }
  return view;
}

}  // namespace

absl::StatusOr<BrandingData> MysqlCompanyStore::GetBranding(const std::string& tenant) {
  return pool_.RunFor([&](Session& s) { return ReadBranding(s, tenant, false); });
}

absl::StatusOr<BrandingData> MysqlCompanyStore::UpdateBranding(
    const std::string& tenant, const BrandingData& branding, const std::vector<std::string>& paths,
    absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<BrandingData> {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kMany));  // PRF-13
    RETURN_IF_ERROR(EnsureSettings(s, tenant, now));
    ASSIGN_OR_RETURN(BrandingData result, ReadBranding(s, tenant, true));
    for (const auto& path : paths) {
      if (path == "primary_color") result.primary_color = branding.primary_color;
      if (path == "secondary_color") result.secondary_color = branding.secondary_color;
      if (path == "company_name") result.company_name = branding.company_name;
      if (path == "default_medications") result.default_medications = branding.default_medications;
    }
    auto done = s.Execute(
        "UPDATE company_settings SET primary_color = ?, secondary_color = ?, "
        "display_company_name = ?, default_medications = ?, update_time = ? WHERE tenant_id = ?",
        {result.primary_color, result.secondary_color, result.company_name,
         JoinMedications(result.default_medications), now, tenant});
    if (!done.ok()) return done.status();
    // Branding is on every staff card: all of them, in this transaction (PRF-13).
    RETURN_IF_ERROR(RecomposeStaffCards(s, tenant));
    return result;
  });
}

absl::Status MysqlCompanyStore::CreateCategory(const std::string& tenant, const Category& category,
                                               absl::Time now) {
  auto done = pool_.Execute(
      "INSERT INTO profile_categories (tenant_id, category_code, description, required, "
      "create_time) VALUES (?, ?, ?, ?, ?)",
      {tenant, category.code, category.description, category.required, now});
  if (!done.ok() && absl::IsAlreadyExists(done.status())) {
    return absl::AlreadyExistsError(absl::StrCat("category ", category.code, " exists"));
  }
  return done.ok() ? absl::OkStatus() : done.status();
}

absl::Status MysqlCompanyStore::CreateResponse(const std::string& tenant,
                                               const std::string& category_code,
                                               const CategoryResponse& response, absl::Time now) {
  return pool_.Transaction([&](Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(
        auto cat,
        s.Query("SELECT description, required FROM profile_categories WHERE tenant_id = ? AND "
                "category_code = ? FOR UPDATE",
                {tenant, category_code}));
    if (cat.empty())
      return absl::NotFoundError(absl::StrCat("category ", category_code, " not found"));
    Category category{category_code, cat.front().String(0), cat.front().Bool(1), {}};
    ASSIGN_OR_RETURN(auto rows, s.Query("SELECT response_code, description, is_default, position, "
                                        "retire_time IS NOT NULL FROM category_responses "
                                        "WHERE tenant_id = ? AND category_code = ?",
                                        {tenant, category_code}));
    for (const auto& r : rows) {
      category.responses.push_back(
          {r.String(0), r.String(1), r.Bool(2), static_cast<int>(r.Int(3)), r.Bool(4)});
    }
    RETURN_IF_ERROR(CheckNewResponse(category, response));
    auto done = s.Execute(
        "INSERT INTO category_responses (tenant_id, category_code, response_code, description, "
        "is_default, create_time) VALUES (?, ?, ?, ?, ?, ?)",
        {tenant, category_code, response.code, response.description, response.is_default, now});
    if (!done.ok() && absl::IsAlreadyExists(done.status())) {
      return absl::AlreadyExistsError(absl::StrCat("response ", response.code, " exists"));
    }
    return done.ok() ? absl::OkStatus() : done.status();
  });
}

absl::Status MysqlCompanyStore::UpdateCategorySettings(const std::string& tenant,
                                                       const CategorySettings& settings,
                                                       absl::Time now) {
  return pool_.Transaction([&](Session& s) -> absl::Status {
    RETURN_IF_ERROR(EnsureSettings(s, tenant, now));
    auto done = s.Execute(
        "UPDATE company_settings SET engagement_sync_mode = ?, send_profile_data = ?, "
        "alternate_id_required = ?, update_time = ? WHERE tenant_id = ?",
        {int64_t{static_cast<int>(settings.sync_mode)}, settings.send_profile_data,
         settings.alternate_id_required, now, tenant});
    return done.ok() ? absl::OkStatus() : done.status();
  });
}

absl::StatusOr<CompanyStore::AnswersView> MysqlCompanyStore::GetAnswers(
    const std::string& tenant, const std::string& profile_id) {
  return pool_.RunFor([&](Session& s) { return ReadAnswers(s, tenant, profile_id, false); });
}

namespace {

// The position of the profile's first undelivered event (the only one a
// dispatcher may hold), locked until the caller's transaction ends: its
// outcome cannot be recorded meanwhile, so no later event of the profile
// becomes deliverable under the caller. nullopt when none is pending.
absl::StatusOr<std::optional<int64_t>> FirstUndelivered(Session& s, const std::string& tenant,
                                                        const std::string& profile_id) {
  ASSIGN_OR_RETURN(auto rows,
                   s.Query("SELECT position FROM profile_data_outbox WHERE tenant_id = ? AND "
                           "profile_id = ? AND state = 0 ORDER BY position LIMIT 1 FOR UPDATE",
                           {tenant, profile_id}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows.front().Int(0));
}

// SEC-11 (coalescing): a new answer to `category` makes the category's
// undelivered events moot but for the first one of the profile, which may be
// on its way; so at most two of a category wait, however often it changes.
absl::Status DropSuperseded(Session& s, const std::string& tenant, const std::string& profile_id,
                            const std::string& category, std::optional<int64_t> first) {
  if (!first.has_value()) return absl::OkStatus();
  return s
      .Execute(
          "DELETE FROM profile_data_outbox WHERE tenant_id = ? AND profile_id = ? AND "
          "state = 0 AND position > ? AND category_code = ?",
          {tenant, profile_id, *first, category})
      .status();
}

}  // namespace

absl::StatusOr<int> MysqlCompanyStore::SaveAnswers(
    const std::string& tenant, const std::string& profile_id,
    const std::function<absl::Status(const std::string&)>& check_owner, const ApplyFn& apply,
    const std::function<std::string()>& next_id, absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<int> {
    int events = 0;
    ASSIGN_OR_RETURN(auto owner,
                     s.Query("SELECT subject FROM profiles WHERE tenant_id = ? AND profile_id = ?",
                             {tenant, profile_id}));
    if (!owner.empty()) {
      RETURN_IF_ERROR(check_owner(owner.front().String(0)));
    }
    ASSIGN_OR_RETURN(auto view, ReadAnswers(s, tenant, profile_id, true));
    ASSIGN_OR_RETURN(auto next, apply(view));
    const bool send = SendsProfileData(view.settings);
    // SEC-11: the profile's first undelivered event, locked, when one is
    // needed (below); nullopt until looked up.
    std::optional<std::optional<int64_t>> head;
    for (const auto& [code, old] : view.answers) {
      if (next.count(code)) continue;
      RETURN_IF_ERROR(s.Execute("DELETE FROM profile_answers WHERE tenant_id = ? AND profile_id = "
                                "? AND category_code = ?",
                                {tenant, profile_id, code})
                          .status());
    }
    for (const auto& [code, response] : next) {
      auto it = view.answers.find(code);
      if (it != view.answers.end() && it->second == response) continue;
      RETURN_IF_ERROR(
          s.Execute(
               "INSERT INTO profile_answers (tenant_id, profile_id, category_code, response_code, "
               "update_time) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
               "response_code = VALUES(response_code), update_time = VALUES(update_time)",
               {tenant, profile_id, code, response, now})
              .status());
      if (send) {  // CAT-06: the outbox row commits or rolls back with the answer.
        if (!head.has_value()) {
          ASSIGN_OR_RETURN(head, FirstUndelivered(s, tenant, profile_id));
        }
        RETURN_IF_ERROR(DropSuperseded(s, tenant, profile_id, code, *head));
        RETURN_IF_ERROR(
            s.Execute(
                 "INSERT INTO profile_data_outbox (tenant_id, event_id, profile_id, category_code, "
                 "response_code, create_time) VALUES (?, ?, ?, ?, ?, ?)",
                 {tenant, next_id(), profile_id, code, response, now})
                .status());
        outbox::WakeAfterCommit(s, ProfileDataOutbox());  // this replica sends it at once
        ++events;
      }
    }
    return events;
  });
}

}  // namespace engage::profile
