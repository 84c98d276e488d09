#include "connection_svc/png.h"

#include <algorithm>

namespace engage::connection {
namespace {

void PutU32(std::string& out, uint32_t v) {
  out.push_back(static_cast<char>(v >> 24));
  out.push_back(static_cast<char>(v >> 16));
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v));
}

void PutChunk(std::string& out, const char type[4], const std::string& data) {
  PutU32(out, static_cast<uint32_t>(data.size()));
  std::string typed(type, 4);
  typed += data;
  out += typed;
  PutU32(out, Crc32(typed));
}

// A zlib stream of stored deflate blocks (at most 65535 bytes each).
std::string ZlibStored(const std::string& raw) {
  std::string out = {0x78, 0x01};
  size_t pos = 0;
  do {
    const size_t len = std::min<size_t>(65535, raw.size() - pos);
    const bool last = pos + len == raw.size();
    out.push_back(last ? 1 : 0);
    out.push_back(static_cast<char>(len & 0xff));
    out.push_back(static_cast<char>(len >> 8));
    out.push_back(static_cast<char>(~len & 0xff));
    out.push_back(static_cast<char>((~len >> 8) & 0xff));
    out.append(raw, pos, len);
    pos += len;
  } while (pos < raw.size());
  PutU32(out, Adler32(raw));
  return out;
}

}  // namespace

uint32_t Crc32(const std::string& data, uint32_t crc) {
  crc = ~crc;
  for (unsigned char byte : data) {
    crc ^= byte;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

uint32_t Adler32(const std::string& data) {
  uint32_t a = 1, b = 0;
  for (unsigned char byte : data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

std::string EncodePng(int width, int height, const std::vector<bool>& black) {
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string header;
  PutU32(header, static_cast<uint32_t>(width));
  PutU32(header, static_cast<uint32_t>(height));
  header += std::string{1, 0, 0, 0, 0};  // bit depth 1, greyscale, deflate, filter 0, no interlace
  PutChunk(png, "IHDR", header);

  const size_t row_bytes = (static_cast<size_t>(width) + 7) / 8;
  std::string raw;
  raw.reserve((row_bytes + 1) * static_cast<size_t>(height));
  for (int y = 0; y < height; ++y) {
    raw.push_back(0);  // filter type None
    std::string row(row_bytes, '\0');
    for (int x = 0; x < width; ++x) {
      // Greyscale 1 is white.
      if (!black[static_cast<size_t>(y) * width + x]) row[x / 8] |= static_cast<char>(0x80 >> (x % 8));
    }
    raw += row;
  }
  PutChunk(png, "IDAT", ZlibStored(raw));
  PutChunk(png, "IEND", "");
  return png;
}

}  // namespace engage::connection
