#include "profile_svc/mysql_business_cards.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "common/status/status_macros.h"
#include "profile_svc/mysql_profile_store.h"

namespace engage::profile {

using mysql::Session;

namespace {

// One part of a composed card: the join expression that gives it and the
// field of CardRow it fills. The composing statement and the reading of a
// card both come from this one table, so a part is never read by a position
// kept in step by hand.
struct CardPart {
  const char* join;
  std::string CardRow::*text;                           // a text part,
  std::vector<std::string> CardRow::*list;              // a list kept as one, or
  void (*read)(absl::string_view value, CardRow& row);  // any other
};
constexpr CardPart Text(const char* join, std::string CardRow::*field) {
  return {join, field, nullptr, nullptr};
}
constexpr CardPart List(const char* join, std::vector<std::string> CardRow::*field) {
  return {join, nullptr, field, nullptr};
}
constexpr CardPart Read(const char* join, void (*read)(absl::string_view, CardRow&)) {
  return {join, nullptr, nullptr, read};
}

// Digits only, as the composing expression writes them; -1 for anything else.
int64_t Digits(absl::string_view v) {
  if (v.empty() || v.size() > 18) return -1;
  int64_t n = 0;
  for (char ch : v) {
    if (ch < '0' || ch > '9') return -1;
    n = n * 10 + (ch - '0');
  }
  return n;
}

// UNIX_TIMESTAMP of a DATETIME(6) (the session's time zone is UTC):
// "<seconds>.<microseconds>"; empty (NULL) reads as absl::InfinitePast(), as
// mysql::Row's Time does.
absl::Time TimeOf(absl::string_view v) {
  const size_t dot = v.find('.');
  const int64_t seconds = Digits(v.substr(0, dot));
  if (seconds < 0) return absl::InfinitePast();
  int64_t micros = 0;
  if (dot != absl::string_view::npos) {
    const absl::string_view fraction = v.substr(dot + 1, 6);
    micros = Digits(fraction);
    if (micros < 0) return absl::InfinitePast();
    for (size_t i = fraction.size(); i < 6; ++i) micros *= 10;
  }
  return absl::FromUnixMicros(seconds * 1000000 + micros);
}

const CardPart kCardParts[] = {
    Text("p.profile_id", &CardRow::profile_id),
    Read("p.kind",
         [](absl::string_view v, CardRow& c) { c.kind = static_cast<ProfileKind>(Digits(v)); }),
    Read("p.deleted_time IS NOT NULL",
         [](absl::string_view v, CardRow& c) { c.deleted = Digits(v) > 0; }),
    Read("p.version", [](absl::string_view v, CardRow& c) { c.version = Digits(v); }),
    Read("UNIX_TIMESTAMP(p.update_time)",
         [](absl::string_view v, CardRow& c) { c.update_time = TimeOf(v); }),
    Read("UNIX_TIMESTAMP(p.status_time)",
         [](absl::string_view v, CardRow& c) { c.status_time = TimeOf(v); }),
    Text("p.subject", &CardRow::owner_subject),
    Text("u.first_name", &CardRow::user_first_name),
    Text("u.last_name", &CardRow::user_last_name),
    Text("u.email", &CardRow::user_email),
    Text("u.country", &CardRow::user_country),
    Text("d.display_name", &CardRow::detail_display_name),
    Text("d.title", &CardRow::detail_title),
    Text("d.phone", &CardRow::detail_phone),
    Text("d.photo_url", &CardRow::detail_photo_url),
    Text("h.first_name", &CardRow::hcp_first_name),
    Text("h.last_name", &CardRow::hcp_last_name),
    Text("h.email", &CardRow::hcp_email),
    Text("h.country", &CardRow::hcp_country),
    Text("h.display_name", &CardRow::hcp_display_name),
    Text("h.title", &CardRow::hcp_title),
    Text("h.phone", &CardRow::hcp_phone),
    Text("h.photo_url", &CardRow::hcp_photo_url),
    Text("h.degree", &CardRow::hcp_degree),
    Text("h.practice", &CardRow::hcp_practice),
    Text("h.address", &CardRow::hcp_address),
    Text("c.name", &CardRow::company_name),
    Text("s.display_company_name", &CardRow::display_company_name),
    Text("s.primary_color", &CardRow::company_primary_color),
    Text("s.secondary_color", &CardRow::company_secondary_color),
    List("s.default_medications", &CardRow::company_medications),
    Read("g.group_id IS NOT NULL",
         [](absl::string_view v, CardRow& c) { c.in_group = Digits(v) > 0; }),
    List("g.medications", &CardRow::group_medications),
};

// The join a card is composed from. An HCP card shows no branding
// (business_card), so only staff profiles join the company's rows: a
// branding change recomposes the staff cards alone.
constexpr char kCardJoin[] =
    " FROM profiles p "
    "LEFT JOIN users u ON u.tenant_id = p.tenant_id AND u.user_id = p.user_id "
    "LEFT JOIN user_details d ON d.tenant_id = p.tenant_id AND d.user_id = p.user_id "
    "LEFT JOIN hcp_details h ON h.tenant_id = p.tenant_id AND h.profile_id = p.profile_id "
    "LEFT JOIN companies c ON c.tenant_id = p.tenant_id AND p.kind = 1 "
    "LEFT JOIN company_settings s ON s.tenant_id = p.tenant_id AND p.kind = 1 "
    "LEFT JOIN group_members m ON m.tenant_id = p.tenant_id AND m.user_id = p.user_id "
    "LEFT JOIN engage_groups g ON g.tenant_id = m.tenant_id AND g.group_id = m.group_id ";

// The card as one value: every part as "<bytes>:<text>", NULL as empty. One
// column instead of 33 is what makes the read cheap: the connector's cost
// per result set grows with its columns (a name map, a bind per column).
const std::string& ComposedCard() {
  static const std::string* sql = [] {
    std::vector<std::string> parts;
    for (const auto& part : kCardParts) {
      parts.push_back(absl::StrCat("LENGTH(COALESCE(", part.join, ", '')), ':', COALESCE(",
                                   part.join, ", '')"));
    }
    return new std::string(absl::StrCat("CONCAT(", absl::StrJoin(parts, ", "), ")"));
  }();
  return *sql;
}

// The composing statement up to the scope's condition; the join's reads lock
// what they read, so a concurrent write of another part waits or is waited for.
absl::Status Recompose(Session& s, const std::string& tenant, const char* scope,
                       mysql::Params params) {
  static const std::string* prefix =
      new std::string(absl::StrCat("INSERT INTO business_cards (tenant_id, profile_id, kind, card) "
                                   "SELECT p.tenant_id, p.profile_id, p.kind, ",
                                   ComposedCard(), kCardJoin, "WHERE p.tenant_id = ? AND "));
  params.insert(params.begin(), tenant);
  return s
      .Execute(absl::StrCat(*prefix, scope,
                            " LOCK IN SHARE MODE ON DUPLICATE KEY UPDATE kind = VALUES(kind), "
                            "card = VALUES(card)"),
               params)
      .status();
}

absl::StatusOr<CardRow> CardRowOf(absl::string_view card) {
  CardRow row;
  for (const auto& part : kCardParts) {
    const size_t colon = card.find(':');
    const int64_t length = colon == absl::string_view::npos ? -1 : Digits(card.substr(0, colon));
    if (length < 0 || colon + 1 + static_cast<size_t>(length) > card.size()) {
      return absl::InternalError("a composed card is malformed");
    }
    const absl::string_view value = card.substr(colon + 1, static_cast<size_t>(length));
    card.remove_prefix(colon + 1 + static_cast<size_t>(length));
    if (part.text != nullptr) {
      (row.*part.text).assign(value.data(), value.size());
    } else if (part.list != nullptr) {
      row.*part.list = SplitMedications(std::string(value));
    } else {
      part.read(value, row);
    }
  }
  if (!card.empty()) return absl::InternalError("a composed card is malformed");
  return row;
}

}  // namespace

absl::Status LockCards(Session& s, const std::string& tenant, CardLock lock) {
  return s
      .Query(lock == CardLock::kMany
                 ? "SELECT 1 FROM companies WHERE tenant_id = ? FOR UPDATE"
                 : "SELECT 1 FROM companies WHERE tenant_id = ? LOCK IN SHARE MODE",
             {tenant})
      .status();
}

absl::Status RecomposeProfileCard(Session& s, const std::string& tenant,
                                  const std::string& profile_id) {
  return Recompose(s, tenant, "p.profile_id = ?", {profile_id});
}

absl::Status RecomposeUserCard(Session& s, const std::string& tenant, const std::string& user_id) {
  return Recompose(s, tenant, "p.user_id = ?", {user_id});
}

absl::Status RecomposeGroupCards(Session& s, const std::string& tenant,
                                 const std::string& group_id) {
  return Recompose(s, tenant, "m.group_id = ?", {group_id});
}

absl::Status RecomposeStaffCards(Session& s, const std::string& tenant) {
  return Recompose(s, tenant, "p.kind = 1", {});
}

absl::StatusOr<CardRow> ReadComposedCard(mysql::Pool& pool, const std::string& tenant,
                                         const std::string& profile_id) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool.Query("SELECT card FROM business_cards WHERE tenant_id = ? AND profile_id = ?",
                 {tenant, profile_id}));
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("profile ", profile_id, " not found"));
  return CardRowOf(rows.front().String(0));
}

absl::StatusOr<std::vector<CardRow>> ReadComposedCards(mysql::Pool& pool, const std::string& tenant,
                                                       const std::string& after, int limit,
                                                       bool staff_only) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool.Query(absl::StrCat("SELECT card FROM business_cards WHERE tenant_id = ? "
                              "AND profile_id > ? ",
                              staff_only ? "AND kind = 1 " : "", "ORDER BY profile_id LIMIT ?"),
                 {tenant, after, int64_t{limit}}));
  std::vector<CardRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(auto row, CardRowOf(r.String(0)));
    out.push_back(std::move(row));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> StaleComposedCards(mysql::Pool& pool,
                                                            const std::string& tenant) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool.Query(absl::StrCat("SELECT p.profile_id", kCardJoin,
                              "LEFT JOIN business_cards b ON b.tenant_id = p.tenant_id AND "
                              "b.profile_id = p.profile_id WHERE p.tenant_id = ? AND "
                              "(b.card IS NULL OR b.kind <> p.kind OR b.card <> ",
                              ComposedCard(), ") ORDER BY p.profile_id"),
                 {tenant}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.String(0));
  return out;
}

}  // namespace engage::profile
