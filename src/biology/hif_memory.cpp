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
  // ROS add to the HIF activity (ros.hif_gain): only when the gain is on and
  // the model has a ROS field.
  const int rf = s.field_index("ros");
  const double g = p.ros.hif_gain;
  const real* ros =
      g > 0 && rf >= 0 ? s.fields[static_cast<std::size_t>(rf)].values.data() : nullptr;
  const std::uint32_t* voxel = s.cells.voxel.data();
  float* mem = s.cells.hif_memory_s.data();
  const auto n = static_cast<std::int64_t>(s.cells.size());
#pragma omp parallel for schedule(static) if (n >= 4096)
  for (std::int64_t i = 0; i < n; ++i) {
    double h = hif(po2[voxel[i]], p.oxygen);
    if (ros != nullptr) h += (1.0 - h) * g * saturating(ros[voxel[i]], p.ros.half_max);
    mem[i] = static_cast<float>(keep * mem[i] + gain * h);
  }
}

bool periosteal(const ModelState& s, std::uint32_t v, const ProgenitorParams& m) {
  if (m.periosteal_reach_um <= 0) return false;
  const Grid& g = s.grid;
  const int r = static_cast<int>(m.periosteal_reach_um / g.dx_um + 1e-9);
  if (r < 1) return false;
  const auto [x, y, z] = g.coords(v);
  const int rz = g.nz > 1 ? r : 0;
  const auto bone = static_cast<std::uint8_t>(Anatomy::CorticalBone);
  for (int dz = -rz; dz <= rz; ++dz)
    for (int dy = -r; dy <= r; ++dy)
      for (int dx = -r; dx <= r; ++dx) {
        if (!g.inside(x + dx, y + dy, z + dz)) continue;
        if (s.tissue.anatomy[g.index(x + dx, y + dy, z + dz)] == bone) return true;
      }
  return false;
}

}  // namespace hosim
