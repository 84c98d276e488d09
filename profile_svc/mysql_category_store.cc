#include "profile_svc/mysql_category_store.h"

#include <functional>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/status_macros.h"

namespace engage::profile {

using mysql::Params;
using mysql::Session;

namespace {

constexpr char kCategoryColumns[] =
    "category_code, description, required, position, retire_time IS NOT NULL";

Category CategoryOf(const mysql::Row& r) {
  Category c;
  r.Into(c.code, c.description, c.required, c.position, c.retired);
  return c;
}

// Fills the responses of `categories` (every one, retired included), in display order.
absl::Status ReadResponses(Session& s, const std::string& tenant,
                           std::vector<Category>& categories) {
  if (categories.empty()) return absl::OkStatus();
  std::map<std::string, size_t> index;
  Params params{tenant};
  for (size_t i = 0; i < categories.size(); ++i) {
    index[categories[i].code] = i;
    params.push_back(categories[i].code);
  }
  std::vector<std::string> marks(categories.size(), "?");
  ASSIGN_OR_RETURN(
      auto rows,
      s.Query(absl::StrCat("SELECT category_code, response_code, description, is_default, "
                           "position, retire_time IS NOT NULL FROM category_responses WHERE "
                           "tenant_id = ? AND category_code IN (",
                           absl::StrJoin(marks, ","),
                           ") ORDER BY category_code, position, response_code"),
              params));
  for (const auto& r : rows) {
    auto it = index.find(r.String(0));
    if (it == index.end()) continue;
    categories[it->second].responses.push_back(
        {r.String(1), r.String(2), r.Bool(3), static_cast<int>(r.Int(4)), r.Bool(5)});
  }
  return absl::OkStatus();
}

absl::StatusOr<Category> ReadCategory(Session& s, const std::string& tenant,
                                      const std::string& code, bool lock) {
  ASSIGN_OR_RETURN(auto rows, s.Query(absl::StrCat("SELECT ", kCategoryColumns,
                                                   " FROM profile_categories WHERE tenant_id = ? "
                                                   "AND category_code = ?",
                                                   lock ? " FOR UPDATE" : ""),
                                      {tenant, code}));
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("category ", code, " not found"));
  std::vector<Category> one{CategoryOf(rows.front())};
  RETURN_IF_ERROR(ReadResponses(s, tenant, one));
  return std::move(one.front());
}

const CategoryResponse* ResponseIn(const Category& c, const std::string& code) {
  for (const auto& r : c.responses) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

absl::Status ResponseNotFound(const std::string& code, const std::string& response_code) {
  return absl::NotFoundError(
      absl::StrCat("response ", response_code, " of category ", code, " not found"));
}

// One change of a category in one transaction: `apply` sees it locked, with
// its responses; the answer is the category as it is after the change.
absl::StatusOr<Category> Change(
    mysql::Pool& pool, const std::string& tenant, const std::string& code,
    const std::function<absl::Status(Session&, const Category&)>& apply) {
  return pool.TransactionFor([&](Session& s) -> absl::StatusOr<Category> {
    ASSIGN_OR_RETURN(auto current, ReadCategory(s, tenant, code, true));
    RETURN_IF_ERROR(apply(s, current));
    return ReadCategory(s, tenant, code, false);
  });
}

}  // namespace

absl::StatusOr<std::vector<Category>> MysqlCategoryStore::ListCategories(
    const std::string& tenant, int after_position, const std::string& after_code, int limit) {
  return pool_.RunFor([&](Session& s) -> absl::StatusOr<std::vector<Category>> {
    ASSIGN_OR_RETURN(
        auto rows,
        s.Query(absl::StrCat("SELECT ", kCategoryColumns,
                             " FROM profile_categories WHERE tenant_id = ? AND (position > ? OR "
                             "(position = ? AND category_code > ?)) ORDER BY position, "
                             "category_code LIMIT ?"),
                {tenant, int64_t{after_position}, int64_t{after_position}, after_code,
                 int64_t{limit}}));
    std::vector<Category> out;
    for (const auto& r : rows) out.push_back(CategoryOf(r));
    RETURN_IF_ERROR(ReadResponses(s, tenant, out));
    return out;
  });
}

absl::StatusOr<Category> MysqlCategoryStore::UpdateCategory(const std::string& tenant,
                                                            const std::string& code,
                                                            const CategoryChange& change,
                                                            absl::Time now) {
  return Change(pool_, tenant, code, [&](Session& s, const Category& current) {
    return s
        .Execute(
            "UPDATE profile_categories SET description = ?, position = ?, update_time = ? "
            "WHERE tenant_id = ? AND category_code = ?",
            {change.description.value_or(current.description),
             int64_t{change.position.value_or(current.position)}, now, tenant, code})
        .status();
  });
}

absl::StatusOr<Category> MysqlCategoryStore::UpdateResponse(const std::string& tenant,
                                                            const std::string& code,
                                                            const std::string& response_code,
                                                            const ResponseChange& change,
                                                            absl::Time now) {
  return Change(pool_, tenant, code, [&](Session& s, const Category& current) -> absl::Status {
    const CategoryResponse* r = ResponseIn(current, response_code);
    if (r == nullptr) return ResponseNotFound(code, response_code);
    if (change.is_default.value_or(false)) {
      RETURN_IF_ERROR(CheckDefaultChange(current, response_code));
    }
    return s
        .Execute(
            "UPDATE category_responses SET description = ?, position = ?, is_default = ?, "
            "update_time = ? WHERE tenant_id = ? AND category_code = ? AND response_code = ?",
            {change.description.value_or(r->description),
             int64_t{change.position.value_or(r->position)},
             change.is_default.value_or(r->is_default), now, tenant, code, response_code})
        .status();
  });
}

absl::StatusOr<Category> MysqlCategoryStore::RetireCategory(const std::string& tenant,
                                                            const std::string& code,
                                                            absl::Time now) {
  return Change(pool_, tenant, code, [&](Session& s, const Category& current) -> absl::Status {
    if (current.retired) return absl::OkStatus();  // the first retirement time stays
    return s
        .Execute(
            "UPDATE profile_categories SET retire_time = ?, update_time = ? WHERE tenant_id = ? "
            "AND category_code = ?",
            {now, now, tenant, code})
        .status();
  });
}

absl::StatusOr<Category> MysqlCategoryStore::RetireResponse(const std::string& tenant,
                                                            const std::string& code,
                                                            const std::string& response_code,
                                                            absl::Time now) {
  return Change(pool_, tenant, code, [&](Session& s, const Category& current) -> absl::Status {
    if (ResponseIn(current, response_code) == nullptr) {
      return ResponseNotFound(code, response_code);
    }
    return s
        .Execute(
            "UPDATE category_responses SET retire_time = COALESCE(retire_time, ?), "
            "is_default = FALSE, update_time = ? WHERE tenant_id = ? AND category_code = ? AND "
            "response_code = ?",
            {now, now, tenant, code, response_code})
        .status();
  });
}

}  // namespace engage::profile
