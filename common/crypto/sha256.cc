#include "common/crypto/sha256.h"

#include <openssl/sha.h>

#include "absl/strings/escaping.h"

namespace engage::crypto {

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return absl::BytesToHexString(
      std::string(reinterpret_cast<const char*>(digest), SHA256_DIGEST_LENGTH));
}

}  // namespace engage::crypto
