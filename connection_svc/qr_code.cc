#include "connection_svc/qr_code.h"

#include <qrencode.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "connection_svc/png.h"

namespace engage::connection {

absl::StatusOr<QrCode> MakeQrCode(const std::string& text) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
  if (code == nullptr) {
    return absl::InternalError(absl::StrCat("the link cannot be encoded as a QR code (", text.size(),
                                            " bytes)"));
  }
  QrCode qr;
  qr.modules = code->width;
  qr.dark.resize(static_cast<size_t>(qr.modules) * qr.modules);
  for (size_t i = 0; i < qr.dark.size(); ++i) qr.dark[i] = (code->data[i] & 1) != 0;

  const int side = qr.modules + 2 * kQuietZoneModules;
  const int pixels = side * kPixelsPerModule;
  std::vector<bool> image(static_cast<size_t>(pixels) * pixels, false);
  // One path of unit squares keeps the SVG small and crisp at any size.
  std::string path;
  for (int y = 0; y < qr.modules; ++y) {
    for (int x = 0; x < qr.modules; ++x) {
      if (!qr.dark[static_cast<size_t>(y) * qr.modules + x]) continue;
      const int mx = x + kQuietZoneModules, my = y + kQuietZoneModules;
      absl::StrAppend(&path, "M", mx, " ", my, "h1v1h-1z");
      for (int py = my * kPixelsPerModule; py < (my + 1) * kPixelsPerModule; ++py) {
        for (int px = mx * kPixelsPerModule; px < (mx + 1) * kPixelsPerModule; ++px) {
          image[static_cast<size_t>(py) * pixels + px] = true;
        }
      }
    }
  }
  qr.png = EncodePng(pixels, pixels, image);
  qr.svg = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"",
      pixels, "\" height=\"", pixels, "\" viewBox=\"0 0 ", side, " ", side,
      "\" shape-rendering=\"crispEdges\">\n<rect width=\"", side, "\" height=\"", side,
      "\" fill=\"#ffffff\"/>\n<path fill=\"#000000\" d=\"", path, "\"/>\n</svg>\n");
  return qr;
}

}  // namespace engage::connection
