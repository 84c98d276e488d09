#ifndef ENGAGE_COMMON_TIME_ID_GENERATOR_H_
#define ENGAGE_COMMON_TIME_ID_GENERATOR_H_

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "common/time/clock.h"

namespace engage {

// Makes 128-bit ids ordered by creation time: 48 bits of Unix milliseconds then
// 80 random bits, written as 26 characters of Crockford base32 (ULID layout).
// Within one millisecond ids keep increasing, so an index on them stays
// append-mostly and a cursor over them is a stable order.
class IdGenerator {
 public:
  // `random` returns uniformly random 64-bit words; injectable for tests.
  IdGenerator(const Clock& clock, std::function<uint64_t()> random);
  // Uses the system clock and a cryptographically seeded generator.
  static IdGenerator& Default();

  std::string Next();

  // True when `id` has the shape of an id made here (26 Crockford characters).
  static bool LooksValid(const std::string& id);

 private:
  const Clock& clock_;
  std::function<uint64_t()> random_;
  std::mutex mu_;
  uint64_t last_millis_ = 0;
  uint64_t last_hi_ = 0;  // top 16 of the 80 random bits
  uint64_t last_lo_ = 0;  // low 64 of the 80 random bits
};

// `bytes` random bytes from the operating system's CSPRNG, base64url without padding;
// used for secrets such as invite tokens. Empty when the generator fails.
std::string RandomToken(size_t bytes);

}  // namespace engage

#endif  // ENGAGE_COMMON_TIME_ID_GENERATOR_H_
