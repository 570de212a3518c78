#include "config/number_format.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace hosim {

std::string format_short(double v) {
  std::array<char, 64> buf{};
  std::snprintf(buf.data(), buf.size(), "%g", v);
  return buf.data();
}

std::string format_exact(double v) {
  std::array<char, 64> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return ec == std::errc() ? std::string(buf.data(), end) : format_short(v);
}

}  // namespace hosim
