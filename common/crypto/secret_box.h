#ifndef ENGAGE_COMMON_CRYPTO_SECRET_BOX_H_
#define ENGAGE_COMMON_CRYPTO_SECRET_BOX_H_

#include <string>

#include "absl/status/statusor.h"

namespace engage::crypto {

// Authenticated encryption of small secrets the mesh must present to another
// system (SEC-10: a CRM integration user's password), at rest in the
// database. AES-256-GCM (OpenSSL EVP), a fresh random 96-bit nonce per seal,
// and associated data binding the sealed text to its owner (e.g. tenant and
// org), so a value copied to another row does not open.
//
// A sealed value reads "v1.<key id>.<base64url(nonce | ciphertext | tag)>".
// The key id (8 hex digits derived from the key) names the key that sealed
// it, so keys rotate: seal with the current key, open with the current or the
// previous one. Error messages never contain the plaintext or a key.
class SecretBox {
 public:
  static constexpr size_t kKeyBytes = 32;

  // From base64 (standard or url-safe) of exactly 32 bytes each; `previous`
  // may be empty. INVALID_ARGUMENT names which key is malformed. Both empty
  // gives a box that is not configured (every Seal/Open is
  // FAILED_PRECONDITION).
  static absl::StatusOr<SecretBox> FromBase64Keys(const std::string& current,
                                                  const std::string& previous);
  SecretBox() = default;

  bool configured() const { return !current_.empty(); }
  const std::string& current_key_id() const { return current_id_; }

  absl::StatusOr<std::string> Seal(const std::string& plaintext,
                                   const std::string& associated_data) const;
  // INVALID_ARGUMENT for a value not in the sealed form, FAILED_PRECONDITION
  // when no configured key has its key id, DATA_LOSS when it does not
  // authenticate (tampered, or sealed for other associated data).
  absl::StatusOr<std::string> Open(const std::string& sealed,
                                   const std::string& associated_data) const;
  // Whether `sealed` was sealed with the current key (false: re-seal it).
  bool SealedWithCurrentKey(const std::string& sealed) const;

 private:
  std::string current_;
  std::string current_id_;
  std::string previous_;
  std::string previous_id_;
};

// The key id of a raw 32-byte key: the first 8 hex digits of SHA-256 over a
// label and the key (reveals nothing usable about the key).
std::string KeyIdOf(const std::string& key);

}  // namespace engage::crypto

#endif  // ENGAGE_COMMON_CRYPTO_SECRET_BOX_H_
