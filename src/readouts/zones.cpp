#include "readouts/zones.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "readouts/ordered_sums.hpp"

namespace hosim {

InjuryFrame injury_frame(const ModelState& s, const Params& p) {
  const Grid& g = s.grid;
  InjuryFrame f;
  f.grid = &g;
  f.dims = g.nz > 1 ? 3 : 2;
  const std::array<int, 3> n{g.nx, g.ny, g.nz};
  for (int d = 0; d < 3; ++d) {
    // As in_injury (model/scenario.cpp): the injury's centre and semi-axes.
    f.centre[d] = g.origin_um[d] + p.injury.centre_frac[d] * n[d] * g.dx_um;
    f.inv_radius[d] = d < f.dims ? 1.0 / p.injury.radii_um[d] : 0.0;
  }
  return f;
}

RadialProfile radial_profile(const ModelState& s, const Params& p) {
  const Grid& g = s.grid;
  const InjuryFrame frame = injury_frame(s, p);
  const float* mineral = s.tissue.layer(TissueLayer::Mineral);
  const float* muscle = s.tissue.layer(TissueLayer::Muscle);
  // Per shell k: voxels at [k], mineral at [S + k], occupied at [2S + k],
  // muscle at [3S + k] (S = kZoneShells).
  constexpr std::size_t S = kZoneShells;
  const auto t = ordered_sums<4 * S>(g.size(), [&](std::array<double, 4 * S>& acc, std::size_t i) {
    const auto k = static_cast<std::size_t>(std::sqrt(frame.rho2(i)) / kZoneShell);
    if (k >= S) return;
    acc[k] += 1;
    acc[S + k] += mineral[i];
    acc[2 * S + k] += s.occupancy[i] >= 0 ? 1.0 : 0.0;
    acc[3 * S + k] += muscle[i];
  });
  RadialProfile r;
  r.voxels.assign(t.begin(), t.begin() + S);
  r.mineral.assign(kZoneShells, 0.0);
  r.cells.assign(kZoneShells, 0.0);
  r.muscle.assign(kZoneShells, 0.0);
  for (std::size_t k = 0; k < S; ++k) {
    if (t[k] == 0) continue;
    r.mineral[k] = t[S + k] / t[k];
    r.cells[k] = t[2 * S + k] / t[k];
    r.muscle[k] = t[3 * S + k] / t[k];
  }
  return r;
}

Zones classify_zones(const RadialProfile& r, const Params& p) {
  const auto& ro = p.readouts;
  const int n = static_cast<int>(r.voxels.size());
  Zones z;
  double peak = 0;
  for (int k = 0; k < n; ++k)
    if (r.voxels[k] > 0) peak = std::max(peak, r.mineral[k]);
  const double ring_min = std::max(ro.zone_mineral, ro.zone_ring_fraction * peak);
  int first = -1, last = -1;
  for (int k = 0; k < n; ++k)
    if (r.voxels[k] > 0 && r.mineral[k] >= ring_min) {
      if (first < 0) first = k;
      last = k;
    }
  if (first >= 0) {
    z.ring = true;
    z.ring_inner = first * kZoneShell;
    z.ring_outer = (last + 1) * kZoneShell;
    // The core: everything inside the ring, cellular on average (no core
    // when the mineral reaches the centre).
    double vox = 0, cells = 0;
    for (int k = 0; k < first; ++k) {
      vox += r.voxels[k];
      cells += r.cells[k] * r.voxels[k];
    }
    z.core = vox > 0 && cells >= ro.zone_cellular * vox;
  }
  // Normal muscle: the first shell outside the ring (or from the centre)
  // whose muscle integrity is back to normal.
  for (int k = last + 1; k < n; ++k)
    if (r.voxels[k] > 0 && r.muscle[k] >= ro.zone_muscle) {
      z.muscle = true;
      z.muscle_inner = k * kZoneShell;
      break;
    }
  // The lucent gap: shells between the ring and normal muscle.
  z.gap = z.ring && z.muscle && z.muscle_inner > z.ring_outer;
  return z;
}

}  // namespace hosim
