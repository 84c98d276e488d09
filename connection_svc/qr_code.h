#ifndef ENGAGE_CONNECTION_SVC_QR_CODE_H_
#define ENGAGE_CONNECTION_SVC_QR_CODE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace engage::connection {

// A QR code (CON-02) made with libqrencode: the module matrix and the same
// picture as PNG and SVG, each with the 4-module quiet zone scanners need.
struct QrCode {
  int modules = 0;               // width = height, without the quiet zone
  std::vector<bool> dark;        // modules * modules, row by row
  std::string png;               // kPixelsPerModule pixels per module
  std::string svg;
};

constexpr int kQuietZoneModules = 4;
constexpr int kPixelsPerModule = 8;

// Error correction level M (15%): survives a smudged print or a phone screen.
absl::StatusOr<QrCode> MakeQrCode(const std::string& text);

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_QR_CODE_H_
