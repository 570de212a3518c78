// Statistics of the cell rules run through the real engine: growth rate of a
// dividing population, mean squared displacement of a random walk, the
// death rate, and the chemotactic drift. Tolerances are several standard
// errors of the sampled quantity, stated beside each assertion.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "biology/rules.hpp"
#include "biology/test_state.hpp"
#include "config/config.hpp"
#include "model/cell_engine.hpp"

namespace hosim {
namespace {

struct Bench {
  Params p = default_params();
  ModelState s;
  CellEngine engine;
  std::vector<Proposal> proposals;

  Bench(int nx, int ny, int nz) {
    p.grid.nx = nx;
    p.grid.ny = ny;
    p.grid.nz = nz;
    s = test::lattice(p, nx, ny, nz, {{"bmp", 0.0}});
    // Only the rule under test: everything else switched off.
    auto& m = p.cells.mpc;
    m.death_rate_per_s = 0;
    m.speed_um_s = 0;
    m.min_commit_age_s = 1e30;
    m.chemotaxis = 0;
  }
  void seed_cells(int count, std::uint64_t seed, int margin) {
    s.seed = seed;
    RandomStream r(seed, 0, 0, RngPurpose::Test);
    while (static_cast<int>(s.cells.size()) < count) {
      const int x = margin + static_cast<int>(r.below(s.grid.nx - 2 * margin));
      const int y = margin + static_cast<int>(r.below(s.grid.ny - 2 * margin));
      const int z = s.grid.nz > 1 ? margin + static_cast<int>(r.below(s.grid.nz - 2 * margin)) : 0;
      const auto v = static_cast<std::uint32_t>(s.grid.index(x, y, z));
      if (s.occupancy[v] >= 0) continue;
      s.cells.push(s.next_cell_id++, CellType::Mpc, v, 0, 0);
      s.occupancy[v] = static_cast<std::int32_t>(s.cells.size() - 1);
    }
  }
  void step() {
    RuleContext ctx(s, p, p.run.cell_step_s);
    proposals.resize(s.cells.size());
    propose_all(ctx, proposals);
    engine.apply(s, proposals, p.run.cell_step_s);
    ++s.step;
    s.time_s = s.step * p.run.cell_step_s;
  }
};

TEST(RuleStatistics, DividingPopulationGrowsAtLn2OverDoublingTime) {
  // Saturating BMP: the stimulated cycle (14.5 h) applies.
  double rate_sum = 0;
  const int seeds = 4;
  for (int seed = 1; seed <= seeds; ++seed) {
    Bench b(300, 300, 1);
    b.s.fields[0].values.fill(1e6);
    b.seed_cells(300, seed, 0);
    const double t_end = 2 * b.p.cells.mpc.doubling_time_s;
    const int steps = static_cast<int>(t_end / b.p.run.cell_step_s);
    for (int i = 0; i < steps; ++i) b.step();
    rate_sum += std::log(static_cast<double>(b.s.cells.size()) / 300.0) / b.s.time_s;
  }
  const double expected = std::log(2.0) / (14.5 * 3600.0);
  // About 2.4 doublings of 1200 founders: Poisson noise on log N is ~1.5 %;
  // crowding at 1–4 % occupancy slows growth by at most a few percent.
  std::printf("growth rate / (ln2 / 14.5 h) = %.4f\n", rate_sum / seeds / expected);
  EXPECT_NEAR(rate_sum / seeds / expected, 1.0, 0.06);
}

double msd_after(int nx, int ny, int nz, int steps, double& hop) {
  Bench b(nx, ny, nz);
  b.p.cells.mpc.speed_um_s = 30.0 / 3600;  // 30 µm/h
  b.p.cells.mpc.quiescent_doubling_time_s = 1e30;
  b.p.cells.mpc.doubling_time_s = 1e30;
  hop = b.p.cells.mpc.speed_um_s * b.p.run.cell_step_s / b.s.grid.dx_um;
  b.seed_cells(2000, 11, nz > 1 ? 12 : 30);
  std::vector<std::array<int, 3>> start;
  std::vector<std::uint64_t> ids = b.s.cells.id;
  for (auto v : b.s.cells.voxel) start.push_back(b.s.grid.coords(v));
  for (int i = 0; i < steps; ++i) b.step();
  double sum = 0;
  for (std::size_t k = 0; k < b.s.cells.size(); ++k) {
    EXPECT_EQ(b.s.cells.id[k], ids[k]);
    const auto c = b.s.grid.coords(b.s.cells.voxel[k]);
    for (int d = 0; d < 3; ++d) sum += std::pow((c[d] - start[k][d]) * b.s.grid.dx_um, 2);
  }
  return sum / static_cast<double>(b.s.cells.size());
}

TEST(RuleStatistics, RandomWalkMeanSquaredDisplacementIsHopRateTimesDx2) {
  double hop = 0;
  const int steps = 96;  // one day
  const double msd2 = msd_after(400, 400, 1, steps, hop);
  const double expected = hop * steps * 20.0 * 20.0;
  // |r|² is roughly exponential: the mean over 2000 walkers has a 2.2 %
  // standard error; blocked moves at 1.25 % occupancy cost about 1 %.
  EXPECT_NEAR(msd2 / expected, 1.0, 0.08);
  const double msd3 = msd_after(80, 80, 80, steps, hop);
  std::printf("MSD / (hop·steps·dx²): 2D %.4f, 3D %.4f\n", msd2 / expected, msd3 / expected);
  EXPECT_NEAR(msd3 / expected, 1.0, 0.08);
}

TEST(RuleStatistics, DeathFollowsTheApoptosisRate) {
  Bench b(200, 200, 1);
  b.p.cells.mpc.death_rate_per_s = 0.5 / 86400;
  b.p.cells.mpc.quiescent_doubling_time_s = 1e30;
  b.p.cells.mpc.doubling_time_s = 1e30;
  b.seed_cells(4000, 5, 0);
  for (int i = 0; i < 2 * 96; ++i) b.step();
  const double expected = 4000 * std::exp(-0.5 * 2);
  // Binomial: sd = sqrt(4000·0.37·0.63) ≈ 30.5 cells; 4 sd.
  std::printf("survivors %zu, expected %.1f\n", b.s.cells.size(), expected);
  EXPECT_NEAR(static_cast<double>(b.s.cells.size()), expected, 4 * 30.5);
}

TEST(RuleStatistics, ChemotaxisDriftsUpTheGradient) {
  Bench b(200, 200, 1);
  b.p.cells.mpc.speed_um_s = 30.0 / 3600;
  b.p.cells.mpc.chemotaxis = 0.8;
  b.p.cells.mpc.quiescent_doubling_time_s = 1e30;
  b.p.cells.mpc.doubling_time_s = 1e30;
  b.p.bmp.half_max_nM = 1.0;
  for (int y = 0; y < 200; ++y)
    for (int x = 0; x < 200; ++x) b.s.fields[0].values[b.s.grid.index(x, y, 0)] = 0.5 * x;
  b.seed_cells(1000, 3, 40);
  double x0 = 0;
  for (auto v : b.s.cells.voxel) x0 += b.s.grid.coords(v)[0];
  for (int i = 0; i < 96; ++i) b.step();
  double x1 = 0, y_drift = 0;
  for (auto v : b.s.cells.voxel) x1 += b.s.grid.coords(v)[0];
  const double drift = (x1 - x0) / 1000.0;
  // Weights 1 ± 0.8·tanh(0.5) = 1.37 / 0.63 on x, 1 on y: a hop goes +x with
  // probability 0.34 and -x with 0.16, so 36 hops give about +6.6 voxels.
  (void)y_drift;
  std::printf("chemotactic drift %.3f voxels/day, expected %.3f\n", drift,
              0.375 * 96 * (1.37 - 0.63) / 4.0);
  EXPECT_NEAR(drift, 0.375 * 96 * (1.37 - 0.63) / 4.0, 1.0);
}

}  // namespace
}  // namespace hosim
