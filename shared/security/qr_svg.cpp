#include "security/qr_svg.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace t2o {

std::string qr_svg(std::string_view text) {
  const std::string input(text);
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                  QRcode_free);
  if (!code) throw std::runtime_error("QR encoding failed");
  const int width = code->width;
  const int quiet = 4;
  const int size = width + 2 * quiet;
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      if (code->data[y * width + x] & 1) {  // bit 0: dark module
        path += 'M' + std::to_string(x + quiet) + ',' + std::to_string(y + quiet) + "h1v1h-1z";
      }
    }
  }
  const std::string dimension = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + dimension + " " + dimension +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + dimension + "\" height=\"" + dimension +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace t2o
