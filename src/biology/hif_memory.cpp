#include "biology/hif_memory.hpp"

#include <cmath>
#include <cstdint>

#include "biology/environment.hpp"

namespace hosim {

void update_hif_memory(ModelState& s, const Params& p, double dt_s) {
  const ProgenitorParams& m = p.cells.mpc;
  const int o2 = s.field_index("o2");
  if (m.hypoxic_priming_s == 0 || o2 < 0) return;
  const double tau = m.priming_memory_s;
  const double keep = std::exp(-dt_s / tau);
  const double gain = tau * -std::expm1(-dt_s / tau);  // τ(1 − e^{−dt/τ})
  const real* po2 = s.fields[static_cast<std::size_t>(o2)].values.data();
  const std::uint32_t* voxel = s.cells.voxel.data();
  float* mem = s.cells.hif_memory_s.data();
  const auto n = static_cast<std::int64_t>(s.cells.size());
#pragma omp parallel for schedule(static) if (n >= 4096)
  for (std::int64_t i = 0; i < n; ++i) {
    const double h = hif(po2[voxel[i]], p.oxygen);
    mem[i] = static_cast<float>(keep * mem[i] + gain * h);
  }
}

}  // namespace hosim
