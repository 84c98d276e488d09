#ifndef ENGAGE_COMMON_CRYPTO_SHA256_H_
#define ENGAGE_COMMON_CRYPTO_SHA256_H_

#include <string>

namespace engage::crypto {

// Lowercase hex SHA-256 of `text` (checksums, hashes of stored secrets).
std::string Sha256Hex(const std::string& text);

}  // namespace engage::crypto

#endif  // ENGAGE_COMMON_CRYPTO_SHA256_H_
