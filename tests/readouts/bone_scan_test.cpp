// The three-phase bone scan on constructed tissue with known answers: uniform
// perfused muscle reads 1 in every phase; inflammation raises flow by the
// hyperaemia factor; damage adds the capillary leak to the pool; a
// mineralising front raises the delayed phase by (b + sA) / b; avascular
// tissue reads 0; and the background is the far field only.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "config/config.hpp"
#include "readouts/bone_scan.hpp"
#include "readouts/readouts.hpp"

namespace hosim {
namespace {

// A 21³ block of 10 µm voxels with a spherical injury of radius 50 µm at the
// centre: injured voxels ρ < 1; background ρ ≥ 2 (beyond 100 µm).
struct Block {
  Params p = default_params();
  ModelState s;
  static constexpr int n = 21;
  Block() {
    p.grid.nx = p.grid.ny = p.grid.nz = n;
    p.grid.voxel_um = 10;
    p.grid.mirror.clear();
    p.injury.centre_frac = {0.5, 0.5, 0.5};
    p.injury.radii_um = {50, 50, 50};
    s.grid.nx = s.grid.ny = s.grid.nz = n;
    s.grid.dx_um = 10;
    for (auto& l : s.tissue.layers) l.resize(s.grid.size(), 0.0f);
    layer(TissueLayer::Muscle) = 1;
    layer(TissueLayer::Vessels) = 1;
    s.tissue.injured.resize(s.grid.size(), 0);
    s.fields.emplace_back("inflammation", "nM", s.grid, 0);
    for (int z = 0; z < n; ++z)
      for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) s.tissue.injured[s.grid.index(x, y, z)] = rho(x, y, z) < 1;
  }
  [[nodiscard]] double rho(int x, int y, int z) const {
    const auto c = s.grid.centre_um(x, y, z);
    double r2 = 0;
    for (int d = 0; d < 3; ++d) r2 += std::pow((c[d] - 105.0) / 50.0, 2);
    return std::sqrt(r2);
  }
  // Assigns to one tissue layer, in the lesion only or everywhere.
  struct Setter {
    Block& b;
    TissueLayer l;
    bool lesion_only = false;
    void operator=(float v) {
      float* x = b.s.tissue.layer(l);
      for (std::size_t i = 0; i < b.s.grid.size(); ++i)
        if (!lesion_only || b.s.tissue.injured[i]) x[i] = v;
    }
  };
  Setter layer(TissueLayer l) { return {*this, l}; }
  Setter lesion(TissueLayer l) { return {*this, l, true}; }
  void lesion_inflammation(real v) {
    for (std::size_t i = 0; i < s.grid.size(); ++i)
      if (s.tissue.injured[i]) s.fields[0].values[i] = v;
  }
};

TEST(BoneScan, UniformPerfusedMuscleReadsOne) {
  Block b;
  const BoneScan sc = bone_scan(b.s, b.p);
  EXPECT_DOUBLE_EQ(sc.flow, 1.0);
  EXPECT_DOUBLE_EQ(sc.pool, 1.0);
  EXPECT_NEAR(sc.delayed, 1.0, 1e-12);  // sums of 0.1: rounding only
}

TEST(BoneScan, InflammationRaisesFlowByTheHyperaemiaFactor) {
  Block b;
  const double k = b.p.inflammation.half_max_nM;
  b.lesion_inflammation(static_cast<real>(3 * k));  // sI = 3/4
  const BoneScan sc = bone_scan(b.s, b.p);
  EXPECT_NEAR(sc.flow, 1.0 + b.p.readouts.scan_hyperaemia * 0.75, 1e-6);
  EXPECT_NEAR(sc.pool, sc.flow, 1e-12);  // intact muscle: no leak
  EXPECT_NEAR(sc.delayed, 1.0, 1e-12);   // sums of 0.1: rounding only
}

TEST(BoneScan, DamagedPerfusedTissueAddsTheLeakToThePool) {
  Block b;
  b.lesion(TissueLayer::Muscle) = 0.25f;
  b.lesion(TissueLayer::Vessels) = 0.5f;
  const BoneScan sc = bone_scan(b.s, b.p);
  EXPECT_NEAR(sc.flow, 0.5, 1e-7);
  EXPECT_NEAR(sc.pool, 0.5 + b.p.readouts.scan_leak * 0.5 * 0.75, 1e-7);
}

TEST(BoneScan, MineralisingFrontRaisesTheDelayedPhase) {
  Block b;
  b.lesion(TissueLayer::Osteoid) = 0.6f;
  b.lesion(TissueLayer::Mineral) = 0.2f;
  const double a = b.p.tissue.alp_half;  // sA = 1/2
  b.lesion(TissueLayer::Alp) = static_cast<float>(a);
  const double bg = b.p.readouts.scan_background;
  EXPECT_NEAR(bone_scan(b.s, b.p).delayed, (bg + 0.5) / bg, 1e-6);
  // Fully mineralised osteoid is no longer a front.
  b.lesion(TissueLayer::Mineral) = 0.6f;
  EXPECT_NEAR(bone_scan(b.s, b.p).delayed, 1.0, 1e-12);
  // An avascular lesion takes up nothing in any phase.
  b.lesion(TissueLayer::Mineral) = 0.2f;
  b.lesion(TissueLayer::Vessels) = 0.0f;
  const BoneScan sc = bone_scan(b.s, b.p);
  EXPECT_EQ(sc.flow, 0.0);
  EXPECT_EQ(sc.pool, 0.0);
  EXPECT_EQ(sc.delayed, 0.0);
}

TEST(BoneScan, BackgroundIsTheFarFieldOnly) {
  Block b;
  // Hyperaemic margin (1 ≤ ρ < 2) must not enter the background.
  const double k = b.p.inflammation.half_max_nM;
  for (int z = 0; z < Block::n; ++z)
    for (int y = 0; y < Block::n; ++y)
      for (int x = 0; x < Block::n; ++x) {
        const double r = b.rho(x, y, z);
        if (r >= 1 && r < 2)
          b.s.fields[0].values[b.s.grid.index(x, y, z)] = static_cast<real>(1e6 * k);
      }
  const BoneScan sc = bone_scan(b.s, b.p);
  EXPECT_DOUBLE_EQ(sc.flow, 1.0);
  // The three columns of the time series read the same scan.
  const ReadoutInput in(b.s, b.p);
  for (const Readout& r : readout_table()) {
    if (r.name == "bone_scan_flow") {
      EXPECT_DOUBLE_EQ(r.compute(in), sc.flow);
    }
  }
}

}  // namespace
}  // namespace hosim
