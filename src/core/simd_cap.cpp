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

namespace {

// The widest level the processor has, uncapped.
SimdLevel processor_level() {
  static const SimdLevel level = [] {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl"))
      return SimdLevel::Avx512;
    if (__builtin_cpu_supports("avx2")) return SimdLevel::Avx2;
    return SimdLevel::Portable;
  }();
  return level;
}

}  // namespace

SimdLevel simd_level() {
  static const SimdLevel level = std::min(processor_level(), simd_cap());
  return level;
}

std::string_view simd_name(SimdLevel level) {
  switch (level) {
    case SimdLevel::Portable:
      return "portable";
    case SimdLevel::Avx2:
      return "avx2";
    case SimdLevel::Avx512:
      return "avx512";
  }
  return "unknown";
}

std::string simd_description() {
  const char* env = std::getenv("HOSIM_SIMD");
  std::string out(simd_name(simd_level()));
  out += " (processor: ";
  out += simd_name(processor_level());
  out += env != nullptr ? "; HOSIM_SIMD=" + std::string(simd_name(simd_cap())) + ")"
                        : std::string("; HOSIM_SIMD unset)");
  return out;
}

}  // namespace hosim
