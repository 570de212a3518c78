// The ultrasound zones on constructed lesions with known radii: the four
// zones of the zone phenomenon, a solid mineral ball (no core), an acellular
// core, no mineral at all, and the octant of a lesion on a mirrored grid.
#include "readouts/zones.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "config/config.hpp"

namespace hosim {
namespace {

// A 3D block of 60³ voxels of 20 µm with the injury (radius 400 µm) at its
// centre, or the octant of it (30³, centre on the mirror planes).
struct Lesion {
  Params p = default_params();
  ModelState s;
  explicit Lesion(bool octant = false) {
    const int n = octant ? 30 : 60;
    p.grid.nx = p.grid.ny = p.grid.nz = n;
    p.grid.voxel_um = 20;
    p.grid.mirror.clear();
    if (octant) p.grid.mirror = {"x", "y", "z"};
    p.injury.centre_frac =
        octant ? std::array<double, 3>{0, 0, 0} : std::array<double, 3>{0.5, 0.5, 0.5};
    p.injury.radii_um = {400, 400, 400};
    s.grid.nx = s.grid.ny = s.grid.nz = n;
    s.grid.dx_um = 20;
    for (auto& l : s.tissue.layers) l.resize(s.grid.size(), 0.0f);
    s.occupancy.resize(s.grid.size(), -1);
  }
  // Set each voxel from its normalised radius ρ.
  template <class F>
  void paint(F&& f) {
    const double c = p.injury.centre_frac[0] * s.grid.nx * 20;
    for (int z = 0; z < s.grid.nz; ++z)
      for (int y = 0; y < s.grid.ny; ++y)
        for (int x = 0; x < s.grid.nx; ++x) {
          const double dx = (x + 0.5) * 20 - c, dy = (y + 0.5) * 20 - c, dz = (z + 0.5) * 20 - c;
          const double rho = std::sqrt(dx * dx + dy * dy + dz * dz) / 400;
          f(s.grid.index(x, y, z), rho);
        }
  }
};

// Cellular core to ρ 0.6, mineral ring 0.6–0.9, gap to 1.2, muscle beyond.
void zone_lesion(Lesion& l, bool cellular_core = true) {
  float* mineral = l.s.tissue.layer(TissueLayer::Mineral);
  float* muscle = l.s.tissue.layer(TissueLayer::Muscle);
  l.paint([&](std::size_t i, double rho) {
    if (rho < 0.6 && cellular_core) l.s.occupancy[i] = 0;
    if (rho >= 0.6 && rho < 0.9) mineral[i] = 0.3f;
    muscle[i] = rho >= 1.2 ? 1.0f : 0.0f;
  });
}

TEST(Zones, AShellLesionShowsTheFourZonesAtTheirRadii) {
  Lesion l;
  zone_lesion(l);
  const RadialProfile r = radial_profile(l.s, l.p);
  const Zones z = classify_zones(r, l.p);
  EXPECT_TRUE(z.core);
  EXPECT_TRUE(z.ring);
  EXPECT_TRUE(z.gap);
  EXPECT_TRUE(z.muscle);
  EXPECT_TRUE(z.phenomenon());
  // Shells are 0.05 wide and voxels are 0.05 in ρ: boundaries to one shell.
  EXPECT_NEAR(z.ring_inner, 0.6, 0.051);
  EXPECT_NEAR(z.ring_outer, 0.9, 0.051);
  EXPECT_NEAR(z.muscle_inner, 1.2, 0.051);
  // The profile itself: 0.3 mineral inside the ring, none in the core.
  EXPECT_NEAR(r.mineral[15], 0.3, 1e-6);  // ρ 0.75–0.80
  EXPECT_EQ(r.mineral[5], 0.0);
  EXPECT_NEAR(r.cells[5], 1.0, 1e-12);
}

TEST(Zones, ASolidMineralBallHasNoCore) {
  Lesion l;
  float* mineral = l.s.tissue.layer(TissueLayer::Mineral);
  float* muscle = l.s.tissue.layer(TissueLayer::Muscle);
  l.paint([&](std::size_t i, double rho) {
    if (rho < 0.5) mineral[i] = 0.4f;
    muscle[i] = rho >= 0.5 ? 1.0f : 0.0f;
  });
  const Zones z = classify_zones(radial_profile(l.s, l.p), l.p);
  EXPECT_TRUE(z.ring);
  EXPECT_FALSE(z.core);
  EXPECT_DOUBLE_EQ(z.ring_inner, 0.0);
  EXPECT_NEAR(z.ring_outer, 0.5, 0.051);
  EXPECT_FALSE(z.gap);  // muscle starts right at the mineral
  EXPECT_FALSE(z.phenomenon());
}

TEST(Zones, AnAcellularCoreIsNotTheZonePhenomenon) {
  Lesion l;
  zone_lesion(l, false);
  const Zones z = classify_zones(radial_profile(l.s, l.p), l.p);
  EXPECT_TRUE(z.ring && z.gap && z.muscle);
  EXPECT_FALSE(z.core);
  EXPECT_FALSE(z.phenomenon());
}

TEST(Zones, MineralBelowTheThresholdIsNoRing) {
  Lesion l;
  zone_lesion(l);
  l.p.readouts.zone_mineral = 0.31;  // above the ring's 0.3
  const Zones z = classify_zones(radial_profile(l.s, l.p), l.p);
  EXPECT_FALSE(z.ring || z.core || z.gap);
  EXPECT_DOUBLE_EQ(z.ring_inner, -1.0);
  EXPECT_TRUE(z.muscle);
  EXPECT_NEAR(z.muscle_inner, 1.2, 0.051);
}

TEST(Zones, FaintMineralInTheCoreIsReadAgainstTheRingsPeak) {
  // 0.03 in the core against 0.3 in the ring: below 30 % of the peak, so the
  // core stays unmineralised; at 0.1 it joins the ring.
  Lesion l;
  zone_lesion(l);
  float* mineral = l.s.tissue.layer(TissueLayer::Mineral);
  l.paint([&](std::size_t i, double rho) {
    if (rho < 0.6) mineral[i] = 0.03f;
  });
  EXPECT_TRUE(classify_zones(radial_profile(l.s, l.p), l.p).phenomenon());
  l.paint([&](std::size_t i, double rho) {
    if (rho < 0.6) mineral[i] = 0.1f;
  });
  const Zones z = classify_zones(radial_profile(l.s, l.p), l.p);
  EXPECT_FALSE(z.core);
  EXPECT_DOUBLE_EQ(z.ring_inner, 0.0);
}

TEST(Zones, TheOctantOnAMirroredGridGivesTheWholeLesionsProfile) {
  Lesion whole, octant(true);
  zone_lesion(whole);
  zone_lesion(octant);
  const RadialProfile rw = radial_profile(whole.s, whole.p);
  const RadialProfile ro = radial_profile(octant.s, octant.p);
  for (int k = 0; k < kZoneShells; ++k) {
    EXPECT_DOUBLE_EQ(8 * ro.voxels[k], rw.voxels[k]) << k;
    EXPECT_NEAR(ro.mineral[k], rw.mineral[k], 1e-12) << k;
    EXPECT_NEAR(ro.cells[k], rw.cells[k], 1e-12) << k;
  }
  const Zones zw = classify_zones(rw, whole.p), zo = classify_zones(ro, octant.p);
  EXPECT_EQ(zo.phenomenon(), zw.phenomenon());
  EXPECT_DOUBLE_EQ(zo.ring_inner, zw.ring_inner);
  EXPECT_DOUBLE_EQ(zo.muscle_inner, zw.muscle_inner);
}

}  // namespace
}  // namespace hosim
