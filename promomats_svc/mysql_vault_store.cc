#include "promomats_svc/mysql_vault_store.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"

namespace engage::promomats {
namespace {

constexpr char kColumns[] = "vault_id, name, kind, type, domain";

Vault FromRow(const mysql::Row& r) {
  return {r.String(0), r.String(1), static_cast<VaultKind>(r.Int(2)),
          static_cast<VaultType>(r.Int(3)), r.String(4)};
}

}  // namespace

absl::StatusOr<Vault> MysqlVaultStore::Register(const std::string& tenant,
                                                const idempotency::RequestKey& key,
                                                const Vault& vault, absl::Time now) {
  Vault out = vault;
  absl::Status st = pool_.Transaction([&](mysql::Session& s) -> absl::Status {
    // Locks the key (or its gap), so a concurrent request under it waits and
    // then reads the first one's row.
    ASSIGN_OR_RETURN(auto prior, s.Query(std::string("SELECT ") + kColumns +
                                             ", request_hash FROM vaults WHERE tenant_id = ? "
                                             "AND request_id = ? FOR UPDATE",
                                         {tenant, key.request_id}));
    if (!prior.empty()) {
      RETURN_IF_ERROR(idempotency::CheckReplay(prior.front().String(5), key.fingerprint));
      out = FromRow(prior.front());
      return absl::OkStatus();
    }
    // PMX-06: one CRM vault per domain and tenant (vaults_crm_domain); the
    // request key was read under lock above, so a duplicate here is the domain.
    const bool crm = vault.kind == VaultKind::kCrm;
    auto inserted = s.Execute(
        "INSERT INTO vaults (tenant_id, vault_id, name, kind, type, domain, crm_domain, "
        "request_id, "
        "request_hash, create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {tenant, vault.vault_id, vault.name, int64_t{static_cast<int>(vault.kind)},
         int64_t{static_cast<int>(vault.type)}, vault.domain,
         crm ? mysql::Value(absl::AsciiStrToLower(vault.domain)) : mysql::Value(nullptr),
         key.request_id, key.fingerprint, now});
    if (crm && absl::IsAlreadyExists(inserted.status())) {
      return WithReason(absl::AlreadyExistsError(absl::StrCat(
                            "domain: a CRM vault of domain ", vault.domain,
                            " is already registered; a CRM domain names one CRM org (PMX-06)")),
                        "PMX-06");
    }
    return inserted.status();
  });
  if (!st.ok()) return st;
  return out;
}

absl::StatusOr<VaultPage> MysqlVaultStore::List(const std::string& tenant,
                                                const std::string& after_id, int limit) {
  auto rows = pool_.Query(std::string("SELECT ") + kColumns +
                              " FROM vaults WHERE tenant_id = ? AND vault_id > ? "
                              "ORDER BY vault_id LIMIT ?",
                          {tenant, after_id, int64_t{limit + 1}});
  if (!rows.ok()) return rows.status();
  VaultPage page;
  for (const auto& r : *rows) {
    if (static_cast<int>(page.vaults.size()) == limit) {
      page.more = true;
      break;
    }
    page.vaults.push_back(FromRow(r));
  }
  return page;
}

}  // namespace engage::promomats
