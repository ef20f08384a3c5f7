#pragma once
// An SVG QR code (libqrencode) for otpauth URIs.
#include <string>
#include <string_view>

namespace t2o {

// Black modules as one <path>, 4-module quiet zone, scalable (viewBox in modules).
std::string qr_svg(std::string_view text);

}  // namespace t2o
