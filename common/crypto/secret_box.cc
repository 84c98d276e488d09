#include "common/crypto/secret_box.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/crypto/sha256.h"

namespace engage::crypto {

namespace {

constexpr char kVersion[] = "v1";
constexpr int kNonceBytes = 12;  // 96 bits, the size GCM is specified for
constexpr int kTagBytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

absl::StatusOr<std::string> DecodeKey(const std::string& name, const std::string& text) {
  std::string raw;
  if (!absl::Base64Unescape(text, &raw) && !absl::WebSafeBase64Unescape(text, &raw)) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": not base64"));
  }
  if (raw.size() != SecretBox::kKeyBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": must be base64 of 32 bytes (got ", raw.size(), ")"));
  }
  return raw;
}

const unsigned char* Bytes(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string KeyIdOf(const std::string& key) {
  return Sha256Hex(absl::StrCat("engage secret key id\n", key)).substr(0, 8);
}

absl::StatusOr<SecretBox> SecretBox::FromBase64Keys(const std::string& current,
                                                    const std::string& previous) {
  SecretBox box;
  if (current.empty()) {
    if (!previous.empty()) {
      return absl::InvalidArgumentError("secret-key-previous: set only with secret-key");
    }
    return box;
  }
  auto cur = DecodeKey("secret-key", current);
  if (!cur.ok()) return cur.status();
  box.current_ = *cur;
  box.current_id_ = KeyIdOf(*cur);
  if (!previous.empty()) {
    auto prev = DecodeKey("secret-key-previous", previous);
    if (!prev.ok()) return prev.status();
    box.previous_ = *prev;
    box.previous_id_ = KeyIdOf(*prev);
  }
  return box;
}

absl::StatusOr<std::string> SecretBox::Seal(const std::string& plaintext,
                                            const std::string& associated_data) const {
  if (!configured()) return absl::FailedPreconditionError("no secret key is configured");
  std::string nonce(kNonceBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(nonce.data()), kNonceBytes) != 1) {
    return absl::InternalError("no random bytes for the nonce");
  }
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(plaintext.size() + kTagBytes, '\0');
  auto* buffer = reinterpret_cast<unsigned char*>(out.data());
  int len = 0;
  int total = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(current_), Bytes(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, Bytes(associated_data),
                        static_cast<int>(associated_data.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), buffer, &len, Bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1) {
    return absl::InternalError("encryption failed");
  }
  total = len;
  if (EVP_EncryptFinal_ex(ctx.get(), buffer + total, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, buffer + total + len) != 1) {
    return absl::InternalError("encryption failed");
  }
  total += len;
  out.resize(static_cast<size_t>(total) + kTagBytes);
  return absl::StrCat(kVersion, ".", current_id_, ".", absl::WebSafeBase64Escape(nonce + out));
}

absl::StatusOr<std::string> SecretBox::Open(const std::string& sealed,
                                            const std::string& associated_data) const {
  if (!configured()) return absl::FailedPreconditionError("no secret key is configured");
  std::vector<std::string> parts = absl::StrSplit(sealed, '.');
  std::string blob;
  if (parts.size() != 3 || parts[0] != kVersion || parts[1].size() != 8 ||
      !absl::WebSafeBase64Unescape(parts[2], &blob) ||
      blob.size() < static_cast<size_t>(kNonceBytes + kTagBytes)) {
    return absl::InvalidArgumentError("the stored secret is not in the sealed form");
  }
  const std::string* key = nullptr;
  if (parts[1] == current_id_) {
    key = &current_;
  } else if (!previous_.empty() && parts[1] == previous_id_) {
    key = &previous_;
  } else {
    return absl::FailedPreconditionError(
        absl::StrCat("the stored secret was sealed with key ", parts[1],
                     ", which is neither the current nor the previous secret key"));
  }
  const std::string nonce = blob.substr(0, kNonceBytes);
  const size_t body = blob.size() - kNonceBytes - kTagBytes;
  std::string tag = blob.substr(kNonceBytes + body);
  std::string plain(body, '\0');
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(*key), Bytes(nonce)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, Bytes(associated_data),
                        static_cast<int>(associated_data.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len,
                        Bytes(blob) + kNonceBytes, static_cast<int>(body)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1) {
    return absl::InternalError("decryption failed");
  }
  const int written = len;
  if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + written,
                          &len) != 1) {
    return absl::DataLossError("the stored secret does not authenticate (tampered or misplaced)");
  }
  plain.resize(static_cast<size_t>(written + len));
  return plain;
}

bool SecretBox::SealedWithCurrentKey(const std::string& sealed) const {
  std::vector<std::string> parts = absl::StrSplit(sealed, '.');
  return parts.size() == 3 && parts[0] == kVersion && parts[1] == current_id_;
}

}  // namespace engage::crypto
