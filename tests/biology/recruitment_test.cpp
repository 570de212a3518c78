// Recruitment (biology/recruitment.hpp) with fixed inputs and known
// outcomes: the foreign-body call of calcinosis deposits (MODEL.md §3.8)
// brings M1 macrophages into empty perfused voxels in or beside developed
// precipitate at recruitment.foreign_body, long after the injury's windows
// have closed; never beside mineralised osteoid (bone is no foreign body),
// never without perfusion, and never when the run cannot precipitate.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "biology/recruitment.hpp"
#include "config/config.hpp"
#include "core/rng.hpp"
#include "test_state.hpp"

namespace hosim {
namespace {

struct Tissue {
  Params p = default_params();
  ModelState s;
  explicit Tissue(double serum_phosphate) {
    p.phosphate.serum_mM = serum_phosphate;
    p.recruitment.foreign_body_per_s = 1.0 / 3600;  // 1/h: a sample of a few hundred events
    s = test::lattice(p, 9, 9, 1, {{"inflammation", 0.0}, {"phosphate", serum_phosphate}});
    s.systemic.injury_times_s = {0.0};
    s.time_s = 200 * 86400.0;  // the injury's recruitment windows have long closed
    fill(TissueLayer::Vessels, 1.0f);
  }
  void fill(TissueLayer l, float v) { test::fill(s, l, v); }
  float& at(TissueLayer l, int x, int y) { return s.tissue.layer(l)[s.grid.index(x, y, 0)]; }

  // Recruits per voxel over `steps` steps of dt, the lattice emptied after
  // each step so every voxel stays open.
  std::vector<int> recruits(int steps, double dt) {
    std::vector<int> count(s.grid.size(), 0);
    std::vector<std::uint8_t> scratch(s.grid.size());
    for (int k = 0; k < steps; ++k) {
      s.step = k;
      recruit(s, p, dt, scratch);
      for (std::size_t c = 0; c < s.cells.size(); ++c) {
        EXPECT_EQ(s.cells.type[c], CellType::MacrophageM1);
        ++count[s.cells.voxel[c]];
      }
      s.cells = CellStore{};
      std::fill(s.occupancy.begin(), s.occupancy.end(), -1);
    }
    return count;
  }
};

int sum_at(const std::vector<int>& count, const Grid& g,
           std::initializer_list<std::pair<int, int>> voxels) {
  int total = 0;
  for (auto [x, y] : voxels) total += count[g.index(x, y, 0)];
  return total;
}

int total(const std::vector<int>& count) {
  int t = 0;
  for (int c : count) t += c;
  return t;
}

TEST(Recruitment, ForeignBodyCallsMacrophagesBesideTheDeposit) {
  Tissue t(2.6);
  t.at(TissueLayer::Mineral, 4, 4) = 0.2f;  // developed precipitate, no osteoid
  const int steps = 400;
  const double dt = 900;
  const auto count = t.recruits(steps, dt);
  const int near = sum_at(count, t.s.grid, {{4, 4}, {3, 4}, {5, 4}, {4, 3}, {4, 5}});
  const double expected = 5.0 * steps * -std::expm1(-dt / 3600.0);  // 442
  EXPECT_NEAR(double(near), expected, 4 * std::sqrt(expected));
  EXPECT_EQ(total(count), near) << "recruits away from the deposit";
}

TEST(Recruitment, MineralisedOsteoidIsNoForeignBody) {
  Tissue t(2.6);
  t.at(TissueLayer::Mineral, 4, 4) = 0.2f;
  t.at(TissueLayer::Osteoid, 4, 4) = 0.2f;  // mineral laid in osteoid: bone
  EXPECT_EQ(total(t.recruits(200, 900)), 0);
}

TEST(Recruitment, ForeignBodyNeedsPerfusion) {
  Tissue t(2.6);
  t.at(TissueLayer::Mineral, 4, 4) = 0.2f;
  t.fill(TissueLayer::Vessels, 0.0f);
  EXPECT_EQ(total(t.recruits(200, 900)), 0);
}

TEST(Recruitment, NoForeignBodyCallWhenTheRunCannotPrecipitate) {
  Tissue t(1.2);  // normal serum phosphate: every HO scenario
  t.at(TissueLayer::Mineral, 4, 4) = 0.2f;
  EXPECT_EQ(total(t.recruits(200, 900)), 0);
}

// Each open voxel decides from the first uniform of its own stream
// (recruitment.hpp): a neutrophil below the neutrophil chance, an M1
// macrophage below the sum of both, nothing above, the chances those of the
// rates at the injury scaled by the Hill factor of the signal and the vessel
// density. Some voxels of every kind occur, and a closed or unperfused voxel
// never recruits.
TEST(Recruitment, EachVoxelDecidesFromItsOwnStream) {
  Params p = default_params();
  p.recruitment.neutrophil_rate_per_s = 1e-3;
  p.recruitment.macrophage_rate_per_s = 8e-4;
  const double signal = 0.7 * p.inflammation.half_max_nM;
  ModelState s = test::lattice(p, 24, 20, 1, {{"inflammation", signal}});
  s.systemic.injury_times_s = {0.0};
  s.time_s = 0;
  s.step = 17;
  test::fill(s, TissueLayer::Vessels, 0.9f);
  const std::size_t unperfused = s.grid.index(3, 4, 0), bone = s.grid.index(10, 11, 0);
  s.tissue.layer(TissueLayer::Vessels)[unperfused] = 0.1f;
  s.tissue.anatomy[bone] = static_cast<std::uint8_t>(Anatomy::CorticalBone);
  const double dt = 600;
  std::vector<std::uint8_t> scratch(s.grid.size());
  recruit(s, p, dt, scratch);

  const double q = std::pow(signal / p.inflammation.half_max_nM, p.recruitment.hill);
  const double sig = q / (1.0 + q) * static_cast<double>(0.9f);
  const double pn = event_probability(p.recruitment.neutrophil_rate_per_s * sig, dt);
  const double pm = event_probability(p.recruitment.macrophage_rate_per_s * sig, dt);
  int neutrophils = 0, macrophages = 0, none = 0;
  for (std::size_t v = 0; v < s.grid.size(); ++v) {
    const std::int32_t slot = s.occupancy[v];
    const CellType got = slot < 0 ? CellType::None : s.cells.type[static_cast<std::size_t>(slot)];
    CellType want = CellType::None;
    if (v != unperfused && v != bone) {
      const double u =
          RandomStream(s.seed, static_cast<std::uint64_t>(s.step), v, RngPurpose::Recruitment)
              .uniform();
      if (u < pn)
        want = CellType::Neutrophil;
      else if (u < pn + pm)
        want = CellType::MacrophageM1;
    }
    ASSERT_EQ(got, want) << "voxel " << v;
    (want == CellType::Neutrophil     ? neutrophils
     : want == CellType::MacrophageM1 ? macrophages
                                      : none) += 1;
  }
  EXPECT_GT(neutrophils, 20);
  EXPECT_GT(macrophages, 20);
  EXPECT_GT(none, 100);
}

}  // namespace
}  // namespace hosim
