// Physicochemical precipitation (biology/precipitation.hpp) with fixed
// inputs and known outcomes: inert below the calcium × phosphate threshold;
// the sink k·(Pi − Pi_eq) added only on crystal surface in damaged tissue;
// the deposit equals what that sink removes over a step; nucleation only on
// damaged matrix, at the configured rate; growth on into the damaged tissue
// a developed deposit touches, rounded; intact muscle and host bone never
// take precipitate.
#include <gtest/gtest.h>

#include <cmath>

#include "biology/precipitation.hpp"
#include "config/config.hpp"
#include "test_state.hpp"

namespace hosim {
namespace {

struct Box {
  Params p = default_params();
  ModelState s;
  std::vector<FieldSources> src;
  PrecipitationScratch scratch;
  explicit Box(double phosphate, int nx = 9, int ny = 9) {
    p.grid.voxel_um = 20;
    p.phosphate.serum_mM = phosphate;  // the parameters of a patient at this phosphate

    s = test::lattice(p, nx, ny, 1, {{"phosphate", phosphate}});
    src.resize(1);
    src[0].source.resize(s.grid.size(), 0.0);
    src[0].uptake.resize(s.grid.size(), 0.0);
    fill(TissueLayer::Muscle, 1.0f);
  }
  void fill(TissueLayer l, float v) { test::fill(s, l, v); }
  float& at(TissueLayer l, int x, int y) { return s.tissue.layer(l)[s.grid.index(x, y, 0)]; }
  real& pi(int x, int y) { return s.fields[0].values[s.grid.index(x, y, 0)]; }
  double upt(int x, int y) const { return src[0].uptake[s.grid.index(x, y, 0)]; }
  double source(int x, int y) const { return src[0].source[s.grid.index(x, y, 0)]; }
};

TEST(Precipitation, ThresholdLevelIsProductOverCalcium) {
  PrecipitationParams pp;
  pp.calcium_mM = 2.4;
  pp.product_threshold_mM2 = 5.6;
  EXPECT_NEAR(precipitation_phosphate_mM(pp), 5.6 / 2.4, 1e-15);
}

TEST(Precipitation, PhosphateHeldInMineralIsHydroxyapatiteStoichiometry) {
  // 3.16 g/cm³ / 1004.6 g/mol × 6 PO4 = 18.87 mol/L.
  EXPECT_NEAR(kPhosphateInMineral_mM, 18873.2, 0.5);
}

TEST(Precipitation, NothingBelowThreshold) {
  Box b(1.2);  // normal serum phosphate: product 2.9 mM² < 5.6
  b.fill(TissueLayer::Muscle, 0.0f);
  b.fill(TissueLayer::Necrosis, 1.0f);
  b.at(TissueLayer::Mineral, 4, 4) = 0.3f;
  add_precipitation_sink(b.s, b.p, b.scratch, b.src[0]);
  EXPECT_FALSE(b.scratch.active);
  EXPECT_EQ(b.upt(4, 4), 0.0);
  b.p.precipitation.nucleation_per_um3_s = 1.0;  // would nucleate everywhere if supersaturated
  precipitate_step(b.s, b.p, 900, b.scratch);
  EXPECT_EQ(b.at(TissueLayer::Mineral, 4, 4), 0.3f);
  EXPECT_EQ(b.at(TissueLayer::Mineral, 1, 1), 0.0f);
}

TEST(Precipitation, SinkOnCrystalSurfaceInDamagedTissueOnly) {
  Box b(2.6);
  const double eq = precipitation_phosphate_mM(b.p.precipitation);
  // Damaged voxel with a developed deposit: full surface, sink = growth.
  b.at(TissueLayer::Muscle, 2, 2) = 0.0f;
  b.at(TissueLayer::Mineral, 2, 2) = 0.1f;
  // Half-damaged voxel with a small deposit: surface = 0.5 × m / surface.
  b.at(TissueLayer::Muscle, 6, 6) = 0.5f;
  b.at(TissueLayer::Mineral, 6, 6) = 0.01f;
  // Intact muscle with mineral (e.g. from elsewhere): no sink.
  b.at(TissueLayer::Mineral, 6, 2) = 0.1f;
  add_precipitation_sink(b.s, b.p, b.scratch, b.src[0]);
  ASSERT_TRUE(b.scratch.active);
  const auto& pp = b.p.precipitation;
  const double full = pp.growth_per_s * (1.0 - 0.1 / pp.max_mineral);
  EXPECT_NEAR(b.upt(2, 2), full, 1e-6 * full);  // surface is stored as float
  EXPECT_NEAR(b.source(2, 2), full * eq, 1e-6 * full * eq);
  const double half =
      pp.growth_per_s * 0.5 * (0.01 / pp.surface_mineral) * (1.0 - 0.01 / pp.max_mineral);
  EXPECT_NEAR(b.upt(6, 6), half, 1e-6 * half);
  EXPECT_EQ(b.upt(6, 2), 0.0);
  EXPECT_EQ(b.upt(0, 0), 0.0);
}

TEST(Precipitation, DepositEqualsWhatTheSinkTookAtTheSolvedLevel) {
  Box b(2.6);
  const double eq = precipitation_phosphate_mM(b.p.precipitation);
  b.at(TissueLayer::Muscle, 4, 4) = 0.0f;
  b.at(TissueLayer::Mineral, 4, 4) = 0.1f;
  add_precipitation_sink(b.s, b.p, b.scratch, b.src[0]);
  const double k = b.upt(4, 4);
  b.pi(4, 4) = eq + 0.05;  // the level the transport left
  const double dt = 900;
  precipitate_step(b.s, b.p, dt, b.scratch);
  const double expected = 0.1 + k * 0.05 * dt / kPhosphateInMineral_mM;
  EXPECT_NEAR(b.at(TissueLayer::Mineral, 4, 4), expected, 1e-7);
}

TEST(Precipitation, HostBoneTakesNoPrecipitate) {
  Box b(2.6);
  b.fill(TissueLayer::Muscle, 0.0f);
  b.fill(TissueLayer::Necrosis, 1.0f);
  b.s.tissue.anatomy[b.s.grid.index(4, 4, 0)] = static_cast<std::uint8_t>(Anatomy::CorticalBone);
  b.at(TissueLayer::Mineral, 4, 4) = 0.1f;
  b.p.precipitation.nucleation_per_um3_s = 1.0;
  add_precipitation_sink(b.s, b.p, b.scratch, b.src[0]);
  EXPECT_EQ(b.upt(4, 4), 0.0);
  precipitate_step(b.s, b.p, 900, b.scratch);
  EXPECT_EQ(b.at(TissueLayer::Mineral, 4, 4), 0.1f);
  EXPECT_GT(b.at(TissueLayer::Mineral, 3, 4), 0.0f);  // damaged muscle next to it nucleated
}

// Nucleation count over many voxels and steps against the configured rate
// J·V·s·σ² (Poisson), on necrotic matrix; none in intact muscle.
TEST(Precipitation, NucleationAtTheConfiguredRate) {
  Box b(2.6, 100, 100);
  const auto& pp = b.p.precipitation;
  for (int y = 0; y < 100; ++y)
    for (int x = 0; x < 50; ++x) {  // left half necrotic, right half intact
      b.at(TissueLayer::Muscle, x, y) = 0.0f;
      b.at(TissueLayer::Necrosis, x, y) = 1.0f;
    }
  const double sigma = pp.calcium_mM * 2.6 / pp.product_threshold_mM2 - 1.0;
  b.p.precipitation.nucleation_per_um3_s = 2e-3 / (20.0 * 20 * 20) / (sigma * sigma) / 900;
  // → per-voxel probability 1 − e^(−2e-3) per step.
  long nuclei = 0, right = 0;
  const int steps = 20;
  for (int k = 0; k < steps; ++k) {
    b.s.step = k;
    b.fill(TissueLayer::Mineral, 0.0f);
    for (std::size_t i = 0; i < b.s.grid.size(); ++i) b.s.fields[0].values[i] = 2.6;
    add_precipitation_sink(b.s, b.p, b.scratch, b.src[0]);
    precipitate_step(b.s, b.p, 900, b.scratch);
    for (int y = 0; y < 100; ++y)
      for (int x = 0; x < 100; ++x)
        if (b.at(TissueLayer::Mineral, x, y) > 0) (x < 50 ? nuclei : right) += 1;
  }
  const double expected = 5000.0 * steps * -std::expm1(-2e-3);  // 199.8
  EXPECT_NEAR(double(nuclei), expected, 4 * std::sqrt(expected));
  EXPECT_EQ(right, 0);
}

// A damaged voxel touching a developed deposit gets the deposit's face as
// reactive surface, face_contact × its contact relative to a flat face:
// 1 / (1 + 2/√2) for one face neighbour in 2D, (1/√2) / (1 + 2/√2) for one
// corner; it grows without a nucleation event, and nothing farther away does.
TEST(Precipitation, DepositGrowsIntoTheDamagedTissueItTouches) {
  Box b(2.6);
  b.fill(TissueLayer::Muscle, 0.0f);  // damaged, no necrotic or fibrous matrix to nucleate on
  b.p.precipitation.nucleation_per_um3_s = 0;
  b.at(TissueLayer::Mineral, 4, 4) = 0.2f;  // developed (>= surface 0.05)
  add_precipitation_sink(b.s, b.p, b.scratch, b.src[0]);
  const auto& pp = b.p.precipitation;
  const double flat = 1.0 + 2.0 / std::sqrt(2.0);
  const double face = pp.growth_per_s * pp.face_contact / flat;
  const double corner = pp.growth_per_s * pp.face_contact / std::sqrt(2.0) / flat;
  EXPECT_NEAR(b.upt(5, 4), face, 1e-6 * face);
  EXPECT_NEAR(b.upt(4, 3), face, 1e-6 * face);
  EXPECT_NEAR(b.upt(5, 5), corner, 1e-6 * corner);
  EXPECT_NEAR(b.upt(3, 3), corner, 1e-6 * corner);
  EXPECT_EQ(b.upt(6, 4), 0.0);
  EXPECT_EQ(b.upt(6, 6), 0.0);
  precipitate_step(b.s, b.p, 900, b.scratch);
  EXPECT_GT(b.at(TissueLayer::Mineral, 5, 4), b.at(TissueLayer::Mineral, 5, 5));
  EXPECT_GT(b.at(TissueLayer::Mineral, 5, 5), 0.0f);
  EXPECT_EQ(b.at(TissueLayer::Mineral, 6, 4), 0.0f);
}

// In front of a flat deposit edge the contact is exactly one: the edge's
// surface is face_contact (clamped to the fully developed surface, 1).
TEST(Precipitation, FlatEdgeOffersFaceContact) {
  Box b(2.6);
  b.fill(TissueLayer::Muscle, 0.0f);
  for (int y = 0; y < 9; ++y)
    for (int x = 0; x < 4; ++x) b.at(TissueLayer::Mineral, x, y) = 0.2f;
  add_precipitation_sink(b.s, b.p, b.scratch, b.src[0]);
  const auto& pp = b.p.precipitation;
  EXPECT_NEAR(b.upt(4, 4), pp.growth_per_s * pp.face_contact, 1e-6 * pp.growth_per_s);
  b.p.precipitation.face_contact = 0;  // growth on contact off: only own crystals react
  for (auto& v : b.src[0].uptake) v = 0;
  add_precipitation_sink(b.s, b.p, b.scratch, b.src[0]);
  EXPECT_EQ(b.upt(4, 4), 0.0);
}

// One nucleus in uniform supersaturated damaged tissue grows into a round
// deposit: at 20 voxels along an axis it reaches 14 along the diagonals
// (19.8 voxel lengths). The bounds admit only 14: with face contacts alone
// it reaches 13 (0.92). Spreading by a new nucleation per voxel from face
// neighbours (before 2026-12-03) grew diamonds, whose diagonal reach is
// 1/√2 of the axial one.
TEST(Precipitation, SingleDepositGrowsRound) {
  const int n = 61, c = 30;
  Box b(2.6, n, n);
  b.fill(TissueLayer::Muscle, 0.0f);
  b.p.precipitation.nucleation_per_um3_s = 0;
  b.at(TissueLayer::Mineral, c, c) = 0.2f;
  int steps = 0;
  // Grow until the deposit reaches 20 voxels along an axis.
  while (b.at(TissueLayer::Mineral, c + 20, c) < b.p.precipitation.surface_mineral) {
    for (auto& v : b.src[0].uptake) v = 0;
    add_precipitation_sink(b.s, b.p, b.scratch, b.src[0]);
    precipitate_step(b.s, b.p, 900, b.scratch);
    for (auto& v : b.s.fields[0].values) v = 2.6;  // phosphate held at the serum level
    ASSERT_LT(++steps, 100000);
  }
  const auto developed = [&](int x, int y) {
    return b.at(TissueLayer::Mineral, x, y) >= b.p.precipitation.surface_mineral;
  };
  int axis = 0, diagonal = 0;
  while (developed(c - axis - 1, c)) ++axis;
  while (developed(c + diagonal + 1, c + diagonal + 1)) ++diagonal;
  const double ratio = diagonal * std::sqrt(2.0) / axis;
  EXPECT_GT(ratio, 0.95) << "diagonal reach " << diagonal << ", axial " << axis;
  EXPECT_LT(ratio, 1.05) << "diagonal reach " << diagonal << ", axial " << axis;
  EXPECT_GE(axis, 19);  // symmetric: the other side reached as far
}

}  // namespace
}  // namespace hosim
