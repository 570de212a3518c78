#include "readouts/zones.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace hosim {

namespace {

// Sums per shell of one block of voxels: count, mineral, occupied, muscle.
using ShellSums = std::array<std::array<double, kZoneShells>, 4>;

}  // namespace

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
  const std::size_t nv = g.size();
  // Fixed blocks summed in order, so the profile does not depend on the
  // number of threads (as ordered_sum in readouts.hpp).
  constexpr std::size_t kBlock = 4096;
  const std::size_t nb = (nv + kBlock - 1) / kBlock;
  std::vector<ShellSums> partial(nb);
  const auto nbi = static_cast<std::int64_t>(nb);
#pragma omp parallel for schedule(static)
  for (std::int64_t b = 0; b < nbi; ++b) {
    ShellSums acc{};
    const std::size_t lo = static_cast<std::size_t>(b) * kBlock;
    const std::size_t hi = std::min(lo + kBlock, nv);
    for (std::size_t i = lo; i < hi; ++i) {
      const auto k = static_cast<int>(std::sqrt(frame.rho2(i)) / kZoneShell);
      if (k >= kZoneShells) continue;
      acc[0][k] += 1;
      acc[1][k] += mineral[i];
      acc[2][k] += s.occupancy[i] >= 0 ? 1.0 : 0.0;
      acc[3][k] += muscle[i];
    }
    partial[static_cast<std::size_t>(b)] = acc;
  }
  ShellSums total{};
  for (const ShellSums& part : partial)
    for (int q = 0; q < 4; ++q)
      for (int k = 0; k < kZoneShells; ++k) total[q][k] += part[q][k];
  RadialProfile r;
  r.voxels.assign(total[0].begin(), total[0].end());
  r.mineral.assign(kZoneShells, 0.0);
  r.cells.assign(kZoneShells, 0.0);
  r.muscle.assign(kZoneShells, 0.0);
  for (int k = 0; k < kZoneShells; ++k) {
    if (total[0][k] == 0) continue;
    r.mineral[k] = total[1][k] / total[0][k];
    r.cells[k] = total[2][k] / total[0][k];
    r.muscle[k] = total[3][k] / total[0][k];
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
