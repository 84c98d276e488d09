#ifndef ENGAGE_PROMOMATS_SVC_RULES_VAULT_MODEL_H_
#define ENGAGE_PROMOMATS_SVC_RULES_VAULT_MODEL_H_

#include <string>
#include <vector>

namespace engage::promomats {

enum class VaultKind { kPromoMats = 1, kCrm = 2 };
enum class VaultType { kProduction = 1, kSandbox = 2 };

// A registered PromoMats or CRM vault (PMX-01).
struct Vault {
  std::string vault_id;
  std::string name;
  VaultKind kind = VaultKind::kPromoMats;
  VaultType type = VaultType::kProduction;
  std::string domain;
};

struct VaultPage {
  std::vector<Vault> vaults;
  bool more = false;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_RULES_VAULT_MODEL_H_
