#ifndef ENGAGE_CONNECTION_SVC_PNG_H_
#define ENGAGE_CONNECTION_SVC_PNG_H_

#include <cstdint>
#include <string>
#include <vector>

namespace engage::connection {

// A black-and-white image as a PNG file (1-bit greyscale). Written by hand
// with stored (uncompressed) deflate blocks, CRC-32 and Adler-32, so no zlib
// is needed: QR codes are small. `black[y * width + x]` is true for black.
std::string EncodePng(int width, int height, const std::vector<bool>& black);

// CRC-32 (ISO 3309, as PNG uses) and Adler-32 (as zlib streams use).
uint32_t Crc32(const std::string& data, uint32_t crc = 0);
uint32_t Adler32(const std::string& data);

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_PNG_H_
