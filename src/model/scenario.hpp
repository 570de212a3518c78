#pragma once
// Building the initial ModelState from Params: lattice, fields, tissue,
// injury and the first cells. Deterministic in the seed.
#include <cstddef>

#include "config/params.hpp"
#include "core/rng.hpp"
#include "model/state.hpp"

namespace hosim {

// Bytes of state one voxel needs with these parameters (fields, tissue,
// occupancy, transport sources and cell arrays at full occupancy), used to
// refuse grids that do not fit in memory before allocating anything.
[[nodiscard]] std::size_t estimated_bytes_per_voxel(const Params& p);

// Throws ConfigError when the grid would need more memory than the machine
// has (the message names grid.nx/ny/nz, the voxel count and both sizes).
void check_memory(const Params& p);

// The lattice described by grid.* (µm).
[[nodiscard]] Grid make_grid(const Params& p);

// Allocate and initialise the state at t = 0 (step 0). Calls check_memory.
[[nodiscard]] ModelState build_state(const Params& p);

// The damage one voxel takes in an injury or a surgical wound; the
// defaults are the contusion of build_state (MODEL.md §3.1).
struct Wound {
  double necrosis = 1;     // necrotic fraction left (also scales acid, BMP and signal release)
  double haemorrhage = 1;  // haematoma fraction (delivers progenitors)
  double vessels = 1;      // × injury.vessel_damage: share of the vessels destroyed
};
// Wound voxel i: necrosis, haemorrhage, vessel loss, acid, BMP and
// inflammatory signal release,
// and progenitors delivered by the haemorrhage (one draw of `rs`, into the
// voxel only when it is empty).
void wound_voxel(ModelState& s, const Params& p, std::size_t i, const Wound& w, RandomStream& rs);

// True when the centre of voxel (x, y, z) lies inside the ellipsoid with
// this centre (fraction of the domain) and semi-axes (µm); a 2D slice cuts
// it through its centre.
[[nodiscard]] bool in_ellipsoid(const Grid& g, const std::array<double, 3>& centre_frac,
                                const std::array<double, 3>& radii_um, int x, int y, int z);
// True when voxel (x, y, z) lies inside the injury ellipsoid.
[[nodiscard]] bool in_injury(const Grid& g, const InjuryParams& inj, int x, int y, int z);
// True when voxel i lies inside a treatment's region.
[[nodiscard]] bool in_region(const Grid& g, const EffectRegion& r, std::size_t i);
// True when voxel (x, y, z) lies inside a host bone (host_bone.*).
[[nodiscard]] bool in_host_bone(const Grid& g, const HostBonesParams& b, int x, int y, int z);

}  // namespace hosim
