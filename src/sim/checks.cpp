#include "sim/checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "core/errors.hpp"

namespace hosim {

void check_fields(const ModelState& s, double negative_tolerance) {
  const auto n = static_cast<std::int64_t>(s.grid.size());
  for (const auto& f : s.fields) {
    const real* u = f.values.data();
    // The tolerance is relative to the field's scale (its largest value), so
    // one setting serves fields in mmHg, mM and nM alike. One pass gathers
    // the scale, the lowest value and any non-finite value; only a field that
    // fails is scanned again, for the first offending voxel.
    // Branch-free so it vectorises: v·0 is NaN exactly when v is NaN or
    // infinite, so the sum `poison` is 0 for a finite field and NaN otherwise
    // (the scale a bad value spoils is then not used).
    real scale = 0, lowest = 0, poison = 0;
#pragma omp parallel for simd schedule(static) reduction(max : scale) reduction(min : lowest) \
    reduction(+ : poison)
    for (std::int64_t i = 0; i < n; ++i) {
      const real v = u[i];
      poison += v * 0;
      scale = std::max(scale, std::abs(v));
      lowest = std::min(lowest, v);
    }
    const bool bad = !(poison == 0);
    const real floor = -negative_tolerance * scale;
    if (!bad && lowest >= floor) continue;
    std::int64_t first = std::numeric_limits<std::int64_t>::max();
#pragma omp parallel for schedule(static) reduction(min : first)
    for (std::int64_t i = 0; i < n; ++i) {
      const real v = u[i];
      if (!std::isfinite(v) || v < floor) first = std::min(first, i);
    }
    if (first == std::numeric_limits<std::int64_t>::max()) continue;
    const auto c = s.grid.coords(static_cast<std::size_t>(first));
    const real v = u[first];
    throw NumericalError(fmt::format(
        "field '{}' is {} at voxel (x={}, y={}, z={}) after step {} (day {:.3f}): value {} {}",
        f.name, std::isfinite(v) ? "negative" : "not finite", c[0], c[1], c[2], s.step,
        s.time_s / 86400.0, v, f.unit));
  }
}

}  // namespace hosim
