// Single-cell rule outcomes with fixed inputs.
#include <gtest/gtest.h>

#include "biology/rules.hpp"
#include "biology/sources.hpp"
#include "config/config.hpp"

namespace hosim {
namespace {

ModelState one_cell(const Params& p, CellType t, double factor, double state_age) {
  ModelState s;
  s.grid.nx = 5;
  s.grid.ny = 5;
  s.grid.nz = 1;
  s.grid.dx_um = p.grid.voxel_um;
  s.occupancy.resize(s.grid.size(), -1);
  s.fields.emplace_back("factor", "nM", s.grid, factor);
  s.tissue.injured.resize(s.grid.size(), 0);
  s.tissue.anatomy.resize(s.grid.size(), 0);
  s.cells.push(0, t, static_cast<std::uint32_t>(s.grid.index(2, 2, 0)), 0, state_age);
  s.rebuild_occupancy();
  return s;
}

// Fraction of independent steps in which the cell proposes `kind`.
double fraction(const Params& p, ModelState& s, ActionKind kind, int trials) {
  int hits = 0;
  for (int t = 0; t < trials; ++t) {
    s.step = t;
    RuleContext ctx{s, p, p.run.cell_step_s, 0};
    if (mpc_rule(ctx, 0).kind == kind) ++hits;
  }
  return static_cast<double>(hits) / trials;
}

TEST(MpcRule, CommitsAtTheConfiguredRateAboveThresholdAndAge) {
  Params p = default_params();
  p.cells.mpc.death_rate_per_s = 0;
  ModelState s = one_cell(p, CellType::Mpc, 10.0, 7 * 86400.0);
  const double expected = 1 - std::exp(-p.cells.mpc.commit_rate_per_s * p.run.cell_step_s);
  // 200000 trials: binomial sd of the fraction ≈ 1.2e-4.
  EXPECT_NEAR(fraction(p, s, ActionKind::Differentiate, 200000), expected, 5e-4);
}

TEST(MpcRule, NeverCommitsBelowThresholdOrTooYoung) {
  Params p = default_params();
  ModelState low = one_cell(p, CellType::Mpc, 0.5 * p.cells.mpc.commit_threshold_nM, 7 * 86400.0);
  EXPECT_EQ(fraction(p, low, ActionKind::Differentiate, 20000), 0.0);
  ModelState young = one_cell(p, CellType::Mpc, 10.0, 5 * 86400.0);
  EXPECT_EQ(fraction(p, young, ActionKind::Differentiate, 20000), 0.0);
}

TEST(MpcRule, DivisionProbabilityFollowsTheFactorResponse) {
  Params p = default_params();
  p.cells.mpc.death_rate_per_s = 0;
  p.cells.mpc.min_commit_age_s = 1e30;
  const double c = p.cells.mpc.half_max_factor_nM;  // f = 1/2
  ModelState s = one_cell(p, CellType::Mpc, c, 0);
  const auto& m = p.cells.mpc;
  const double rate = std::log(2.0) * (0.5 / m.quiescent_doubling_time_s + 0.5 / m.doubling_time_s);
  const double expected = 1 - std::exp(-rate * p.run.cell_step_s);
  EXPECT_NEAR(fraction(p, s, ActionKind::Divide, 200000), expected, 6e-4);
}

TEST(Sources, InjuryReleaseDecaysAndCellsSecreteOrTakeUp) {
  Params p = default_params();
  ModelState s = one_cell(p, CellType::Osteoblast, 0.0, 0);
  s.tissue.injured[0] = 1;
  std::vector<FieldSources> out;
  const double t = p.injury.factor_release_tau_s;
  compute_sources(s, p, t, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_DOUBLE_EQ(out[0].source[0], p.injury.factor_release_nM_s * std::exp(-1.0));
  EXPECT_DOUBLE_EQ(out[0].source[s.grid.index(2, 2, 0)], p.cells.committed.factor_secretion_nM_s);
  s.cells.type[0] = CellType::Mpc;
  compute_sources(s, p, t, out);
  EXPECT_DOUBLE_EQ(out[0].uptake[s.grid.index(2, 2, 0)], p.cells.mpc.factor_uptake_per_s);
  EXPECT_EQ(out[0].source[s.grid.index(2, 2, 0)], 0.0);
}

}  // namespace
}  // namespace hosim
