#include "core/simd_cap.hpp"

#include <algorithm>
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

SimdLevel simd_level() {
  static const SimdLevel level = [] {
    __builtin_cpu_init();
    SimdLevel cpu = SimdLevel::Portable;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl"))
      cpu = SimdLevel::Avx512;
    else if (__builtin_cpu_supports("avx2"))
      cpu = SimdLevel::Avx2;
    return std::min(cpu, simd_cap());
  }();
  return level;
}

}  // namespace hosim
