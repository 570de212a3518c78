#include "core/simd_cap.hpp"

#include <cstdlib>
#include <string>

#include "core/errors.hpp"

namespace hosim {

SimdLevel parse_simd_level(const char* value) {
  if (value == nullptr) return SimdLevel::Avx512;
  const std::string_view v(value);
  if (v == "portable") return SimdLevel::Portable;
  if (v == "avx2") return SimdLevel::Avx2;
  if (v == "avx512") return SimdLevel::Avx512;
  throw ConfigError("HOSIM_SIMD=\"" + std::string(v) +
                    "\": expected portable, avx2 or avx512 (or unset)");
}

SimdLevel simd_cap() {
  static const SimdLevel cap = parse_simd_level(std::getenv("HOSIM_SIMD"));
  return cap;
}

}  // namespace hosim
