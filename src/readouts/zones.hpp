#pragma once
// The ultrasound zones (MODEL.md §1, §5): the radial profile of mineral,
// cells and muscle around the lesion centre, classified into the four zones
// of the zone phenomenon, from the centre out:
//
//   core    unmineralised, cellular (occupancy ≥ readouts.zone_cellular)
//   ring    mineralised: shell mean mineral ≥ readouts.zone_mineral and ≥
//           readouts.zone_ring_fraction × the peak shell's
//   gap     lucent: neither mineralised nor normal muscle
//   muscle  normal: shell mean muscle integrity ≥ readouts.zone_muscle
//
// Radii are normalised to the injury ellipsoid, ρ = |((x − c)/a, (y − c)/b,
// (z − c)/c)| (ρ = 1 on the injury's surface), in shells of width
// kZoneShell; on a mirror-reduced grid the centre lies on the mirror planes.
#include <array>
#include <cstddef>
#include <vector>

#include "config/params.hpp"
#include "model/state.hpp"

namespace hosim {

// The injury ellipsoid of a state, for radii normalised to it: rho2(i) is
// ρ² of voxel i (ρ = 1 on the injury's surface; in 2D the z axis is ignored).
struct InjuryFrame {
  const Grid* grid = nullptr;
  int dims = 3;
  std::array<double, 3> centre{}, inv_radius{};
  [[nodiscard]] double rho2(std::size_t i) const {
    const Grid& g = *grid;
    const int x = static_cast<int>(i % g.nx);
    const int y = static_cast<int>((i / g.nx) % g.ny);
    const int z = static_cast<int>(i / (static_cast<std::size_t>(g.nx) * g.ny));
    const auto c = g.centre_um(x, y, z);
    double r2 = 0;
    for (int d = 0; d < dims; ++d) {
      const double q = (c[d] - centre[d]) * inv_radius[d];
      r2 += q * q;
    }
    return r2;
  }
};
[[nodiscard]] InjuryFrame injury_frame(const ModelState& s, const Params& p);

inline constexpr double kZoneShell = 0.05;  // shell width in ρ
inline constexpr int kZoneShells = 40;      // ρ from 0 to 2

struct RadialProfile {
  // Per shell [k·kZoneShell, (k+1)·kZoneShell): voxels, mean mineral
  // fraction, cell occupancy (fraction of voxels with a cell), mean muscle.
  std::vector<double> voxels, mineral, cells, muscle;
};

[[nodiscard]] RadialProfile radial_profile(const ModelState& s, const Params& p);

struct Zones {
  bool core = false, ring = false, gap = false, muscle = false;
  // Radii (ρ) of the zone boundaries; −1 where the zone is absent. The ring
  // runs from ring_inner to ring_outer (shell edges); normal muscle begins at
  // muscle_inner.
  double ring_inner = -1, ring_outer = -1, muscle_inner = -1;
  // All four zones, in order: the zone phenomenon.
  [[nodiscard]] bool phenomenon() const { return core && ring && gap && muscle; }
};

[[nodiscard]] Zones classify_zones(const RadialProfile& r, const Params& p);

}  // namespace hosim
