#include "common/time/id_generator.h"

#include <openssl/rand.h>

#include <random>

#include "absl/numeric/int128.h"
#include "absl/strings/escaping.h"

namespace engage {
namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

uint64_t OsRandom64() {
  uint64_t v = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&v), sizeof v) != 1) {
    std::random_device rd;
    v = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }
  return v;
}

}  // namespace

IdGenerator::IdGenerator(const Clock& clock, std::function<uint64_t()> random)
    : clock_(clock), random_(std::move(random)) {}

IdGenerator& IdGenerator::Default() {
  static IdGenerator* generator = new IdGenerator(SystemClock::Get(), OsRandom64);
  return *generator;
}

std::string IdGenerator::Next() {
  uint64_t millis = static_cast<uint64_t>(absl::ToUnixMillis(clock_.Now()));
  uint64_t hi = 0;
  uint64_t lo = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (millis <= last_millis_) {
      // Same (or a backwards) millisecond: count up from the last id.
      millis = last_millis_;
      lo = last_lo_ + 1;
      hi = last_hi_ + (lo == 0 ? 1 : 0);
      hi &= 0xFFFF;
    } else {
      // The top bit starts clear, leaving 2^79 increments of room within a millisecond.
      hi = random_() & 0x7FFF;
      lo = random_();
    }
    last_millis_ = millis;
    last_hi_ = hi;
    last_lo_ = lo;
  }
  // 128 bits = millis(48) | hi(16) | lo(64), written 5 bits at a time from the top
  // (26 characters carry 130 bits; the first character holds the top 3).
  absl::uint128 value = (absl::uint128(millis & 0xFFFFFFFFFFFFULL) << 80) |
                        (absl::uint128(hi) << 64) | absl::uint128(lo);
  std::string out(26, '0');
  for (int i = 25; i >= 0; --i) {
    out[i] = kCrockford[absl::Uint128Low64(value) & 0x1F];
    value >>= 5;
  }
  return out;
}

bool IdGenerator::LooksValid(const std::string& id) {
  if (id.size() != 26 || id[0] > '7') return false;
  for (char c : id) {
    bool ok = false;
    for (const char* p = kCrockford; *p != '\0'; ++p) ok |= (*p == c);
    if (!ok) return false;
  }
  return true;
}

std::string RandomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
    // Without the OS generator there is no safe token; callers map this to UNAVAILABLE.
    return std::string();
  }
  return absl::WebSafeBase64Escape(raw);
}

}  // namespace engage
