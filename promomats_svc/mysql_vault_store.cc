#include "promomats_svc/mysql_vault_store.h"

namespace engage::promomats {
namespace {

constexpr char kColumns[] = "vault_id, name, kind, type, domain";

Vault FromRow(const mysql::Row& r) {
  return {r.String(0), r.String(1), static_cast<VaultKind>(r.Int(2)),
          static_cast<VaultType>(r.Int(3)), r.String(4)};
}

}  // namespace

absl::StatusOr<Vault> MysqlVaultStore::Register(const std::string& tenant,
                                                const std::string& request_id, const Vault& vault,
                                                absl::Time now) {
  // INSERT IGNORE keeps the first registration of a request id; the SELECT
  // then returns whichever registration owns it.
  auto inserted = pool_.Execute(
      "INSERT IGNORE INTO vaults (tenant_id, vault_id, name, kind, type, domain, request_id, "
      "create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {tenant, vault.vault_id, vault.name, int64_t{static_cast<int>(vault.kind)},
       int64_t{static_cast<int>(vault.type)}, vault.domain, request_id, now});
  if (!inserted.ok()) return inserted.status();
  auto rows = pool_.Query(
      std::string("SELECT ") + kColumns + " FROM vaults WHERE tenant_id = ? AND request_id = ?",
      {tenant, request_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::InternalError("registered vault not found");
  return FromRow(rows->front());
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
