// Cell rules with fixed inputs and known outcomes (MODEL.md §3): the rate
// of each decision is measured over many independent steps and compared
// with the configured rate. Binomial tolerances are stated beside each.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "biology/hif_memory.hpp"
#include "biology/immune_screen.hpp"
#include "biology/mpc_screen.hpp"
#include "biology/rules.hpp"
#include "biology/sources.hpp"
#include "biology/test_state.hpp"
#include "config/config.hpp"

namespace hosim {
namespace {

using test::acid_for_ph;

struct Outcomes {
  int trials = 0;
  std::array<int, kCellTypeCount> became{};
  int died = 0, divided = 0, moved = 0;
  [[nodiscard]] double frac(CellType t) const {
    return static_cast<double>(became[static_cast<int>(t)]) / trials;
  }
};

Outcomes run_rule(const Params& p, ModelState& s, std::size_t slot, int trials) {
  Outcomes o;
  o.trials = trials;
  for (int t = 0; t < trials; ++t) {
    s.step = t;
    RuleContext ctx(s, p, p.run.cell_step_s);
    const Proposal pr = rule_table()[static_cast<int>(s.cells.type[slot])](ctx, slot);
    switch (pr.kind) {
      case ActionKind::Differentiate:
        ++o.became[static_cast<int>(pr.new_type)];
        break;
      case ActionKind::Die:
        ++o.died;
        break;
      case ActionKind::Divide:
        ++o.divided;
        break;
      case ActionKind::Move:
        ++o.moved;
        break;
      default:
        break;
    }
  }
  return o;
}

double per_step(double rate, const Params& p) {
  return -std::expm1(-rate * p.run.cell_step_s);
}

// A progenitor aged 7 days in an MPC-only lattice of fully vascularised
// tissue, no death, no division. The pH step is sharp and the cell primed
// by hypoxia (a HIF memory of 30 days), so that every normoxic commitment
// at pH ≥ cells.mpc.alkaline_ph makes an osteoblast; the tests of the
// graded step and of the priming set their own.
struct Mpc {
  Params p = default_params();
  ModelState s;
  std::size_t slot = 0;
  Mpc(double bmp, double o2, double ph) {
    p.cells.mpc.death_rate_per_s = 0;
    p.cells.mpc.doubling_time_s = p.cells.mpc.quiescent_doubling_time_s = 1e30;
    p.cells.mpc.alkaline_width = 0;
    s = test::lattice(p, 5, 5, 1,
                      {{"o2", o2}, {"acid", acid_for_ph(p, ph)}, {"bmp", bmp}, {"ros", 0.0}});
    test::fill(s, TissueLayer::Vessels, 1.0f);
    slot = test::add_cell(s, CellType::Mpc, 2, 2, 0, 7 * 86400.0);
    s.cells.hif_memory_s[slot] = 30 * 86400.0f;
  }
};

TEST(MpcRule, HighBmpNormoxiaAndAlkalineCommitsToOsteoblastAtTheConfiguredRate) {
  Mpc m(1e4, 100.0, 7.5);
  const Outcomes o = run_rule(m.p, m.s, m.slot, 200000);
  const double s_bmp = 1e4 / (1e4 + m.p.bmp.half_max_nM);
  const double hif = 1.0 / (1.0 + std::pow(100.0 / m.p.oxygen.hif_half_mmHg, 3));
  const double expected = per_step(m.p.cells.mpc.commit_rate_per_s * s_bmp, m.p) * (1 - hif);
  // ~625 events in 2e5 trials: sd ≈ 25 → 1.25e-4 of the fraction; 4 sd.
  EXPECT_NEAR(o.frac(CellType::Osteoblast), expected, 5e-4);
  EXPECT_LT(o.frac(CellType::Chondrocyte), 2e-5);
  EXPECT_EQ(o.frac(CellType::Fibroblast), 0.0);  // (1 − s_BMP)·rate ≈ 0
}

// With cells.mpc.alkaline_width > 0 the osteoblast route opens gradually:
// at pH = alkaline_ph half of the committing normoxic cells become
// osteoblasts, one width below it 1/(1 + e) of them; the sharp default lets
// none through just below the threshold.
TEST(MpcRule, GradedAlkalineResponseFollowsTheLogistic) {
  for (const double offset : {0.0, -1.0}) {
    Mpc m(1e4, 100.0, 7.45);
    m.p.cells.mpc.alkaline_width = 0.02;
    m.p.cells.mpc.alkaline_ph = 7.45 - offset * 0.02;  // pH sits `offset` widths from it
    const Outcomes o = run_rule(m.p, m.s, m.slot, 200000);
    const double s_bmp = 1e4 / (1e4 + m.p.bmp.half_max_nM);
    const double hif = 1.0 / (1.0 + std::pow(100.0 / m.p.oxygen.hif_half_mmHg, 3));
    const double ph = ph_of(m.s.fields[m.s.field_index("acid")].values[0], m.p.acid);
    const double share = 1.0 / (1.0 + std::exp(-(ph - m.p.cells.mpc.alkaline_ph) / 0.02));
    EXPECT_NEAR(share, offset == 0 ? 0.5 : 1.0 / (1.0 + std::exp(1.0)), 1e-6);
    const double expected =
        per_step(m.p.cells.mpc.commit_rate_per_s * s_bmp, m.p) * (1 - hif) * share;
    // ≤ ~310 events in 2e5 trials: sd ≤ 18 → 9e-5 of the fraction; 4 sd.
    EXPECT_NEAR(o.frac(CellType::Osteoblast), expected, 3.6e-4) << "offset " << offset;
  }
  Mpc sharp(1e4, 100.0, 7.44);  // just below the default sharp threshold
  EXPECT_EQ(run_rule(sharp.p, sharp.s, sharp.slot, 50000).frac(CellType::Osteoblast), 0.0);
}

// With cells.mpc.hypoxic_priming > 0 only a progenitor whose HIF memory has
// reached it may become an osteoblast; the cartilage branch needs no
// priming. Memory just below the threshold: no osteoblasts; at it: the full
// rate of MpcRule.HighBmpNormoxiaAndAlkaline...
TEST(MpcRule, OsteoblastRouteNeedsHypoxicPriming) {
  const auto fractions = [](float memory_days, double o2) {
    Mpc m(1e4, o2, 7.5);
    m.p.cells.mpc.hypoxic_priming_s = 86400.0;
    m.s.cells.hif_memory_s[m.slot] = memory_days * 86400.0f;
    const Outcomes o = run_rule(m.p, m.s, m.slot, 200000);
    return std::pair{o.frac(CellType::Osteoblast), o.frac(CellType::Chondrocyte)};
  };
  Mpc ref(1e4, 100.0, 7.5);
  const double s_bmp = 1e4 / (1e4 + ref.p.bmp.half_max_nM);
  const double commit = per_step(ref.p.cells.mpc.commit_rate_per_s * s_bmp, ref.p);
  const double hif_100 = 1.0 / (1.0 + std::pow(100.0 / ref.p.oxygen.hif_half_mmHg, 3));
  EXPECT_EQ(fractions(0.99f, 100.0).first, 0.0);
  // ~625 events in 2e5 trials: sd ≈ 25 → 1.25e-4 of the fraction; 4 sd.
  EXPECT_NEAR(fractions(1.0f, 100.0).first, commit * (1 - hif_100), 5e-4);
  // An unprimed cell in hypoxia (HIF ≈ 0.99 at 3 mmHg) still makes cartilage.
  const double hif_3 = 1.0 / (1.0 + std::pow(3.0 / ref.p.oxygen.hif_half_mmHg, 3));
  EXPECT_NEAR(fractions(0.0f, 3.0).second, commit * hif_3, 5e-4);
}

// A progenitor within cells.mpc.periosteal_reach of host cortical bone
// takes the osteoblast route unprimed, at the full rate; one voxel further
// away, or with the reach 0, it does not.
TEST(MpcRule, PeriostealProgenitorsNeedNoPriming) {
  const auto osteoblasts = [](int bone_x, double reach_um) {
    Mpc m(1e4, 100.0, 7.5);
    m.p.cells.mpc.hypoxic_priming_s = 86400.0;
    m.p.cells.mpc.periosteal_reach_um = reach_um;
    m.s.cells.hif_memory_s[m.slot] = 0.0f;
    m.s.tissue.anatomy[m.s.grid.index(bone_x, 2, 0)] =
        static_cast<std::uint8_t>(Anatomy::CorticalBone);
    return run_rule(m.p, m.s, m.slot, 200000).frac(CellType::Osteoblast);
  };
  Mpc ref(1e4, 100.0, 7.5);
  ASSERT_EQ(ref.s.grid.dx_um, 20.0);
  const double s_bmp = 1e4 / (1e4 + ref.p.bmp.half_max_nM);
  const double commit = per_step(ref.p.cells.mpc.commit_rate_per_s * s_bmp, ref.p);
  const double hif_100 = 1.0 / (1.0 + std::pow(100.0 / ref.p.oxygen.hif_half_mmHg, 3));
  // ~625 events in 2e5 trials: sd ≈ 25 → 1.25e-4 of the fraction; 4 sd.
  EXPECT_NEAR(osteoblasts(3, 20.0), commit * (1 - hif_100), 5e-4);  // bone beside it
  EXPECT_EQ(osteoblasts(4, 20.0), 0.0);                             // two voxels away
  EXPECT_NEAR(osteoblasts(4, 40.0), commit * (1 - hif_100), 5e-4);  // within a 40-µm reach
  EXPECT_EQ(osteoblasts(3, 0.0), 0.0);                              // no periosteal route
}

// The memory follows dm/dt = HIF(PO2) − m/τ exactly for a PO2 held fixed:
// from 0 it reaches h·τ·(1 − e^{−t/τ}) after t, whatever the step count;
// daughters inherit it; with hypoxic_priming 0 it stays 0.
TEST(HifMemory, RelaxesTowardsHifTimesTheMemoryTime) {
  Params p = default_params();
  p.cells.mpc.hypoxic_priming_s = 86400.0;
  p.cells.mpc.priming_memory_s = 7 * 86400.0;
  ModelState s = test::lattice(p, 3, 3, 1, {{"o2", 14.0}});
  const std::size_t slot = test::add_cell(s, CellType::Mpc, 1, 1, 0);
  const double dt = 900.0, t = 3 * 86400.0;
  for (int k = 0; k < static_cast<int>(t / dt); ++k) update_hif_memory(s, p, dt);
  const double h = 1.0 / (1.0 + std::pow(14.0 / p.oxygen.hif_half_mmHg, 3));
  const double tau = p.cells.mpc.priming_memory_s;
  // float storage: a relative error of a few 1e-7 per step over 288 steps.
  EXPECT_NEAR(s.cells.hif_memory_s[slot], h * tau * -std::expm1(-t / tau), 1.0);
  EXPECT_GT(s.cells.hif_memory_s[slot], 86400.0f);  // 14 mmHg primes within 3 days
  // Normal muscle (40 mmHg) never reaches a day: its limit h·τ is 0.23 day.
  ModelState muscle = test::lattice(p, 3, 3, 1, {{"o2", 40.0}});
  const std::size_t m = test::add_cell(muscle, CellType::Mpc, 1, 1, 0);
  for (int k = 0; k < 60 * 96; ++k) update_hif_memory(muscle, p, dt);
  EXPECT_LT(muscle.cells.hif_memory_s[m], 0.25f * 86400.0f);
  EXPECT_GT(muscle.cells.hif_memory_s[m], 0.2f * 86400.0f);
  p.cells.mpc.hypoxic_priming_s = 0;
  ModelState off = test::lattice(p, 3, 3, 1, {{"o2", 1.0}});
  const std::size_t o = test::add_cell(off, CellType::Mpc, 1, 1, 0);
  update_hif_memory(off, p, dt);
  EXPECT_EQ(off.cells.hif_memory_s[o], 0.0f);
}

// With ros.hif_gain g the memory integrates H + (1 − H)·g·S_R: normal
// muscle (40 mmHg) under ROS at its half-maximum (S_R = 1/2) with g = 0.5
// tends to (H + (1 − H)/4)·τ, well above a day, and ROS-free muscle stays
// where it was; with g = 0 ROS change nothing.
TEST(HifMemory, RosAddToTheHifActivity) {
  Params p = default_params();
  p.cells.mpc.hypoxic_priming_s = 86400.0;
  p.cells.mpc.priming_memory_s = 7 * 86400.0;
  const auto memory = [&](double gain, double ros) {
    p.ros.hif_gain = gain;
    ModelState s = test::lattice(p, 3, 3, 1, {{"o2", 40.0}, {"ros", ros}});
    const std::size_t slot = test::add_cell(s, CellType::Mpc, 1, 1, 0);
    for (int k = 0; k < 10; ++k) update_hif_memory(s, p, 86400.0);
    return static_cast<double>(s.cells.hif_memory_s[slot]);
  };
  const double h = 1.0 / (1.0 + std::pow(40.0 / p.oxygen.hif_half_mmHg, 3));
  const double tau = p.cells.mpc.priming_memory_s, t = 10 * 86400.0;
  const double grow = tau * -std::expm1(-t / tau);
  EXPECT_NEAR(memory(0.5, p.ros.half_max), (h + (1 - h) * 0.25) * grow, 2.0);
  EXPECT_GT(memory(0.5, p.ros.half_max), 86400.0);
  EXPECT_NEAR(memory(0.5, 0.0), h * grow, 1.0);
  EXPECT_NEAR(memory(0.0, p.ros.half_max), h * grow, 1.0);
}

// With cells.mpc.osteoblast_vessels = 1 the osteoblast route follows the
// local vessel density: at V = 0.3 three tenths of the osteoblasts of full
// perfusion, none at V = 0 (coupling 1, the default); with coupling 0 the
// vessels do not matter. The cartilage branch does not depend on them.
TEST(MpcRule, OsteoblastRouteFollowsTheVesselDensity) {
  const auto osteoblasts = [](float vessels, double coupling) {
    Mpc m(1e4, 100.0, 7.6);
    m.p.cells.mpc.osteoblast_vessels = coupling;
    test::fill(m.s, TissueLayer::Vessels, vessels);
    const double s_bmp = 1e4 / (1e4 + m.p.bmp.half_max_nM);
    const double hif = 1.0 / (1.0 + std::pow(100.0 / m.p.oxygen.hif_half_mmHg, 3));
    const double full = per_step(m.p.cells.mpc.commit_rate_per_s * s_bmp, m.p) * (1 - hif);
    return std::pair{run_rule(m.p, m.s, m.slot, 200000).frac(CellType::Osteoblast), full};
  };
  const auto [at_03, full] = osteoblasts(0.3f, 1.0);
  // ~190 events in 2e5 trials: sd ≈ 14 → 7e-5 of the fraction; 4 sd.
  EXPECT_NEAR(at_03, 0.3 * full, 2.8e-4);
  EXPECT_EQ(osteoblasts(0.0f, 1.0).first, 0.0);
  // Coupling 0: vessels 0 give the full rate (~625 events: 4 sd = 5e-4).
  EXPECT_NEAR(osteoblasts(0.0f, 0.0).first, full, 5e-4);
  // In hypoxia (HIF ≈ 0.99) an avascular voxel still makes cartilage.
  Mpc hyp(1e4, 3.0, 7.5);
  hyp.p.cells.mpc.osteoblast_vessels = 1.0;
  test::fill(hyp.s, TissueLayer::Vessels, 0.0f);
  const double hif = 1.0 / (1.0 + std::pow(3.0 / hyp.p.oxygen.hif_half_mmHg, 3));
  const double commit = per_step(hyp.p.cells.mpc.commit_rate_per_s * (1e4 / (1e4 + 0.3)), hyp.p);
  EXPECT_NEAR(run_rule(hyp.p, hyp.s, hyp.slot, 200000).frac(CellType::Chondrocyte), commit * hif,
              5e-4);
}

TEST(MpcRule, HighBmpInHypoxiaCommitsToChondrocyte) {
  Mpc m(1e4, 3.0, 7.5);  // above anoxia (2.5 mmHg), HIF ≈ 0.99
  const Outcomes o = run_rule(m.p, m.s, m.slot, 200000);
  const double hif = 1.0 / (1.0 + std::pow(3.0 / m.p.oxygen.hif_half_mmHg, 3));
  const double commit = per_step(m.p.cells.mpc.commit_rate_per_s * (1e4 / (1e4 + 0.3)), m.p);
  EXPECT_NEAR(o.frac(CellType::Chondrocyte), commit * hif, 5e-4);
  EXPECT_LT(o.frac(CellType::Osteoblast), 5e-5);
}

TEST(MpcRule, AcidicMilieuBlocksOsteochondralCommitment) {
  Mpc m(1e4, 100.0, 7.0);  // below cells.mpc.permissive_ph
  const Outcomes o = run_rule(m.p, m.s, m.slot, 50000);
  EXPECT_EQ(o.frac(CellType::Osteoblast) + o.frac(CellType::Chondrocyte), 0.0);
}

TEST(MpcRule, WithoutBmpBecomesFibroblastAtTheScarRate) {
  Mpc m(0.0, 100.0, 7.5);
  const Outcomes o = run_rule(m.p, m.s, m.slot, 200000);
  EXPECT_EQ(o.frac(CellType::Osteoblast) + o.frac(CellType::Chondrocyte), 0.0);
  EXPECT_NEAR(o.frac(CellType::Fibroblast), per_step(m.p.cells.mpc.fibroblast_rate_per_s, m.p),
              3e-4);
}

TEST(MpcRule, YoungProgenitorsDoNotCommit) {
  Mpc m(1e4, 100.0, 7.5);
  m.s.cells.state_age_s[m.slot] = 5 * 86400.0;  // below the 6-day minimum
  const Outcomes o = run_rule(m.p, m.s, m.slot, 50000);
  for (int k = 0; k < kCellTypeCount; ++k) EXPECT_EQ(o.became[k], 0);
}

TEST(MpcRule, AnoxiaAddsTheAnoxicDeathRate) {
  Mpc m(0.0, 1.0, 7.4);  // below oxygen.anoxia
  m.p.cells.mpc.death_rate_per_s = 0.05 / 86400;
  const Outcomes o = run_rule(m.p, m.s, m.slot, 100000);
  const double expected =
      per_step(m.p.cells.mpc.death_rate_per_s + m.p.cells.mpc.anoxic_death_rate_per_s, m.p);
  EXPECT_NEAR(static_cast<double>(o.died) / o.trials, expected, 4e-4);
  EXPECT_EQ(o.divided, 0);  // no division under anoxia
}

TEST(MpcRule, TheInflammatorySignalRaisesCommitment) {
  // Saturating BMP and PGE2: the osteoblast rate is commit_rate·(1 + gain).
  Mpc m(1e4, 100.0, 7.5);
  m.p.inflammation.commitment_gain = 1.0;
  m.s.fields.emplace_back("inflammation", "", m.s.grid, 1e4);
  const Outcomes o = run_rule(m.p, m.s, m.slot, 200000);
  const double s_bmp = 1e4 / (1e4 + m.p.bmp.half_max_nM);
  const double s_inf = 1e4 / (1e4 + m.p.inflammation.half_max_nM);
  const double hif = 1.0 / (1.0 + std::pow(100.0 / m.p.oxygen.hif_half_mmHg, 3));
  const double expected =
      per_step(m.p.cells.mpc.commit_rate_per_s * s_bmp * (1 + s_inf), m.p) * (1 - hif);
  // ~1250 events in 2e5 trials: sd ≈ 35 → 1.8e-4 of the fraction; 4 sd.
  EXPECT_NEAR(o.frac(CellType::Osteoblast), expected, 7e-4);
  // And it is twice the rate without the signal (to the sampling error).
  EXPECT_GT(o.frac(CellType::Osteoblast),
            1.8 * per_step(m.p.cells.mpc.commit_rate_per_s, m.p) * s_bmp * (1 - hif));
}

// An NSAID blocking 90 % of COX-2 (effects.cox2 0.1) slows the progenitor's
// BMP-driven commitment by 1 - share·0.9, with no inflammatory signal about:
// the progenitor's own COX-2 is blocked in the cell. Share 0 leaves the rate.
TEST(MpcRule, AnNsaidSlowsCommitmentThroughTheProgenitorsOwnCox2) {
  for (const double share : {0.0, 0.5, 1.0}) {
    Mpc m(1e4, 100.0, 7.5);
    m.p.inflammation.progenitor_cox2_share = share;
    m.s.effects.cox2 = 0.1;
    const Outcomes o = run_rule(m.p, m.s, m.slot, 200000);
    const double s_bmp = 1e4 / (1e4 + m.p.bmp.half_max_nM);
    const double hif = 1.0 / (1.0 + std::pow(100.0 / m.p.oxygen.hif_half_mmHg, 3));
    const double expected =
        per_step(m.p.cells.mpc.commit_rate_per_s * s_bmp * (1 - share * 0.9), m.p) * (1 - hif);
    // At most ~625 events in 2e5 trials: sd ≤ 25 → 1.25e-4 of the fraction; 4 sd.
    EXPECT_NEAR(o.frac(CellType::Osteoblast), expected, 5e-4) << "share " << share;
    if (share == 1.0) {  // a tenth of the untreated rate is left
      EXPECT_LT(o.frac(CellType::Osteoblast),
                0.15 * per_step(m.p.cells.mpc.commit_rate_per_s, m.p) * (1 - hif));
    }
  }
}

// Every cell type dies at its apoptosis rate with oxygen and at that rate
// plus its anoxic death rate below oxygen.anoxia.
TEST(CellRules, EveryTypeDiesAtItsAnoxicDeathRateBelowTheAnoxiaThreshold) {
  Params p = default_params();
  auto& c = p.cells;
  const double extra = 1.0 / 86400;  // 1/day, set for every type
  c.mpc.anoxic_death_rate_per_s = c.neutrophil.anoxic_death_rate_per_s =
      c.macrophage.anoxic_death_rate_per_s = c.fibroblast.anoxic_death_rate_per_s =
          c.chondrocyte.anoxic_death_rate_per_s = c.osteoblast.anoxic_death_rate_per_s =
              c.osteocyte.anoxic_death_rate_per_s = extra;
  c.mpc.speed_um_s = c.neutrophil.speed_um_s = c.macrophage.speed_um_s = 0;
  const std::array<std::pair<CellType, double>, 9> apoptosis{{
      {CellType::Mpc, c.mpc.death_rate_per_s},
      {CellType::Neutrophil, c.neutrophil.death_rate_per_s},
      {CellType::MacrophageM1, c.macrophage.m1_death_rate_per_s},
      {CellType::MacrophageM2, c.macrophage.m2_death_rate_per_s},
      {CellType::Fibroblast, c.fibroblast.death_rate_per_s},
      {CellType::Chondrocyte, c.chondrocyte.death_rate_per_s},
      {CellType::HypertrophicChondrocyte, c.chondrocyte.death_rate_per_s},
      {CellType::Osteoblast, c.osteoblast.death_rate_per_s},
      {CellType::Osteocyte, 0.0},
  }};
  for (const auto& [type, rate] : apoptosis) {
    for (const double o2 : {1.0, 40.0}) {  // below and above oxygen.anoxia (2.5 mmHg)
      ModelState s = test::lattice(p, 5, 5, 1, {{"o2", o2}});
      const std::size_t slot = test::add_cell(s, type, 2, 2, 0);
      const double expected = per_step(o2 < p.oxygen.anoxia_mmHg ? rate + extra : rate, p);
      const int n = 100000;
      const Outcomes o = run_rule(p, s, slot, n);
      // Binomial: 4 sd of the fraction (an osteocyte with oxygen: exactly 0).
      const double tol = 4 * std::sqrt(expected * (1 - expected) / n) + 1e-12;
      EXPECT_NEAR(static_cast<double>(o.died) / o.trials, expected, tol)
          << name_of(type) << " at " << o2 << " mmHg";
    }
  }
}

TEST(MpcRule, DivisionFollowsTheBmpResponse) {
  Params p = default_params();
  p.cells.mpc.death_rate_per_s = 0;
  p.cells.mpc.min_commit_age_s = 1e30;
  p.cells.mpc.speed_um_s = 0;
  const double b = p.bmp.half_max_nM;  // s_BMP = 1/2, no inflammatory signal
  ModelState s = test::lattice(p, 5, 5, 1, {{"o2", 40.0}, {"bmp", b}});
  const std::size_t slot = test::add_cell(s, CellType::Mpc, 2, 2, 0);
  const auto& m = p.cells.mpc;
  const double rate = std::log(2.0) * (0.5 / m.quiescent_doubling_time_s + 0.5 / m.doubling_time_s);
  const Outcomes o = run_rule(p, s, slot, 200000);
  EXPECT_NEAR(static_cast<double>(o.divided) / o.trials, per_step(rate, p), 6e-4);
  // Palovarotene's effect on expansion multiplies the rate.
  s.effects.progenitor_division = 0.4;
  const Outcomes slowed = run_rule(p, s, slot, 200000);
  EXPECT_NEAR(static_cast<double>(slowed.divided) / slowed.trials, per_step(0.4 * rate, p), 4e-4);
  // Radiation's repopulation delay stops division in its region only.
  s.effects.progenitor_division = 1;
  EffectRegion elsewhere;
  elsewhere.whole = false;
  elsewhere.centre_frac = {0.1, 0.1, 0.5};
  elsewhere.radii_um = {20, 20, 20};
  s.effects.division_arrest = {elsewhere};
  const Outcomes outside = run_rule(p, s, slot, 200000);
  EXPECT_NEAR(static_cast<double>(outside.divided) / outside.trials, per_step(rate, p), 6e-4);
  s.effects.division_arrest.push_back(EffectRegion{});  // the whole domain
  const Outcomes arrested = run_rule(p, s, slot, 50000);
  EXPECT_EQ(arrested.divided, 0);
  EXPECT_EQ(arrested.died, 0);  // the cell stays a progenitor and only waits
}

TEST(MacrophageRule, M1SwitchesToM2AtTheSwitchRate) {
  Params p = default_params();
  p.cells.macrophage.m1_death_rate_per_s = 0;
  p.cells.macrophage.speed_um_s = 0;
  ModelState s = test::lattice(p, 5, 5, 1, {{"inflammation", 0.0}});
  const std::size_t slot = test::add_cell(s, CellType::MacrophageM1, 2, 2, 0);
  const Outcomes o = run_rule(p, s, slot, 200000);
  EXPECT_NEAR(o.frac(CellType::MacrophageM2), per_step(p.cells.macrophage.switch_rate_per_s, p),
              3e-4);
}

TEST(ChondrocyteRule, HypertrophicCellsBecomeOsteoblastsOnlyOnceVesselsInvade) {
  Params p = default_params();
  p.cells.chondrocyte.death_rate_per_s = 0;
  ModelState s = test::lattice(p, 5, 5, 1, {});
  const std::size_t slot = test::add_cell(s, CellType::HypertrophicChondrocyte, 2, 2, 0);
  const std::size_t v = s.cells.voxel[slot];
  s.tissue.layer(TissueLayer::Vessels)[v] = 0.5f * static_cast<float>(p.vessels.invasion);
  EXPECT_EQ(run_rule(p, s, slot, 50000).frac(CellType::Osteoblast), 0.0);
  s.tissue.layer(TissueLayer::Vessels)[v] = 1.0f;
  EXPECT_NEAR(run_rule(p, s, slot, 200000).frac(CellType::Osteoblast),
              per_step(p.cells.chondrocyte.replacement_rate_per_s, p), 5e-4);
}

TEST(OsteoblastRule, BuriedInMineralBecomesOsteocyte) {
  Params p = default_params();
  p.cells.osteoblast.death_rate_per_s = 0;
  ModelState s = test::lattice(p, 5, 5, 1, {});
  const std::size_t slot = test::add_cell(s, CellType::Osteoblast, 2, 2, 0);
  EXPECT_EQ(run_rule(p, s, slot, 20000).frac(CellType::Osteocyte), 0.0);
  s.tissue.layer(TissueLayer::Mineral)[s.cells.voxel[slot]] = 0.9f;
  EXPECT_NEAR(run_rule(p, s, slot, 200000).frac(CellType::Osteocyte),
              per_step(p.cells.osteoblast.embedding_rate_per_s, p), 5e-4);
}

TEST(Sources, PerfusionAndMichaelisMentenSetOxygenSupplyAndUptake) {
  Params p = default_params();
  ModelState s = test::lattice(p, 3, 3, 1, {{"o2", 30.0}});
  s.tissue.layer(TissueLayer::Vessels)[0] = 1.0f;
  s.tissue.layer(TissueLayer::Muscle)[0] = 1.0f;
  test::add_cell(s, CellType::Mpc, 1, 1, 0);
  std::vector<FieldSources> out;
  compute_sources(s, p, out);
  const auto& o = p.oxygen;
  EXPECT_DOUBLE_EQ(out[0].source[0], o.supply_rate_per_s * o.capillary_po2_mmHg);
  EXPECT_DOUBLE_EQ(out[0].uptake[0],
                   o.supply_rate_per_s + o.muscle_consumption_mmHg_s / (o.km_mmHg + 30.0));
  EXPECT_DOUBLE_EQ(out[0].uptake[4], o.cell_consumption_mmHg_s / (o.km_mmHg + 30.0));
  EXPECT_EQ(out[0].source[4], 0.0);
}

// Reperfusion ROS: vessels × necrosis × HIF × ros.reperfusion, scaled by both
// scavenger targets; none in intact perfused muscle or in avascular necrosis.
TEST(Sources, ReperfusionRosNeedsVesselsAndNecrosis) {
  Params p = default_params();
  ModelState s = test::lattice(p, 3, 3, 1, {{"o2", 10.0}, {"ros", 0.0}});
  auto* v = s.tissue.layer(TissueLayer::Vessels);
  auto* nc = s.tissue.layer(TissueLayer::Necrosis);
  v[0] = 0.4f;
  nc[0] = 0.25f;  // the revascularising front
  v[1] = 1.0f;    // intact perfused muscle
  nc[2] = 1.0f;   // avascular necrosis
  const int ros = s.field_index("ros");
  ASSERT_GE(ros, 0);
  std::vector<FieldSources> out;
  compute_sources(s, p, out);
  const double front =
      p.ros.reperfusion_per_s * double(v[0]) * double(nc[0]) * hif(10.0, p.oxygen);  // float layers
  EXPECT_GT(hif(10.0, p.oxygen), 0.5);  // 10 mmHg is below the HIF half-maximum
  EXPECT_NEAR(out[ros].source[0], front, 1e-15);
  EXPECT_EQ(out[ros].source[1], 0.0);
  EXPECT_EQ(out[ros].source[2], 0.0);
  s.effects.xanthine_oxidase = 0.5;  // allopurinol
  s.effects.ros_production = 0.8;    // N-acetylcysteine
  compute_sources(s, p, out);
  EXPECT_NEAR(out[ros].source[0], front * 0.5 * 0.8, 1e-15);
  // Oxygenated again: the burst is over.
  s.fields[s.field_index("o2")].values[0] = 45.0;
  compute_sources(s, p, out);
  EXPECT_LT(out[ros].source[0], 0.05 * front);
}

// Acid from cells: every cell makes acid.glycolysis × HIF(PO2); a neutrophil
// adds acid.neutrophil_glycolysis whatever the O2, so it acidifies even
// normoxic tissue, where another cell makes almost none.
TEST(Sources, NeutrophilsMakeAcidAtAnyOxygen) {
  Params p = default_params();
  ASSERT_GT(p.acid.neutrophil_glycolysis_mM_s, 0.0);
  ModelState s = test::lattice(p, 3, 3, 1, {{"o2", 45.0}, {"acid", 20.0}});
  const int acid = s.field_index("acid");
  ASSERT_GE(acid, 0);
  const std::size_t n_slot = test::add_cell(s, CellType::Neutrophil, 0, 0, 0);
  const std::size_t m_slot = test::add_cell(s, CellType::Mpc, 2, 2, 0);
  const std::size_t n_vox = s.cells.voxel[n_slot], m_vox = s.cells.voxel[m_slot];
  std::vector<FieldSources> out;
  compute_sources(s, p, out);
  const auto& a = p.acid;
  // The tissue part of the source (no vessels, no necrosis here).
  const double tissue = a.tissue_clearance_per_s * a.reference_mM;
  const double hypoxic = a.glycolysis_mM_s * hif(45.0, p.oxygen);
  EXPECT_LT(hif(45.0, p.oxygen), 0.1);  // normoxic muscle: little HIF
  EXPECT_NEAR(out[acid].source[m_vox], tissue + hypoxic, 1e-15);
  EXPECT_NEAR(out[acid].source[n_vox], tissue + hypoxic + a.neutrophil_glycolysis_mM_s, 1e-15);
  // Hypoxia raises the HIF part for both; the neutrophil's own part stays.
  for (auto& c : s.fields[s.field_index("o2")].values) c = 2.0;
  compute_sources(s, p, out);
  const double low = a.glycolysis_mM_s * hif(2.0, p.oxygen);
  EXPECT_GT(low, 5 * hypoxic);
  EXPECT_NEAR(out[acid].source[n_vox] - out[acid].source[m_vox], a.neutrophil_glycolysis_mM_s,
              1e-15);
  // Switched off, a neutrophil is like any other cell.
  p.acid.neutrophil_glycolysis_mM_s = 0;
  compute_sources(s, p, out);
  EXPECT_EQ(out[acid].source[n_vox], out[acid].source[m_vox]);
}

TEST(Sources, BmpNogginBindingConservesTheDifferenceAndMatchesTheExactSolution) {
  Params p = default_params();
  ModelState s = test::lattice(p, 2, 1, 1, {{"bmp", 2.0}, {"noggin", 0.5}});
  const double k = p.bmp.noggin_binding_per_nM_s, dt = 600;
  bind_bmp_noggin(s, p, dt);
  const double a = s.fields[0].values[0], n = s.fields[1].values[0];
  EXPECT_NEAR(a - n, 1.5, 1e-12);
  // A(t) = d / (1 − (N0/A0) e^{−k d t})
  EXPECT_NEAR(a, 1.5 / (1.0 - 0.25 * std::exp(-k * 1.5 * dt)), 1e-12);
}

}  // namespace
}  // namespace hosim

namespace hosim {
namespace {

// propose_all computes ahead the first random blocks of each cell's
// streams (StreamPrefetch); every proposal must be the one its rule makes
// with every stream computed on the spot. A mixed population over several
// chunks (StreamPrefetch::kSlots cells each), rates raised so that every
// stream decides something often, progenitors on both sides of the minimum
// commitment age.
TEST(CellRules, ProposeAllGivesEachRuleItsOwnProposal) {
  Params p = default_params();
  const double often = 0.3 / p.run.cell_step_s;  // about a quarter per step
  auto& c = p.cells;
  c.mpc.death_rate_per_s = c.neutrophil.death_rate_per_s = often;
  c.macrophage.m1_death_rate_per_s = c.macrophage.m2_death_rate_per_s = often;
  c.fibroblast.death_rate_per_s = c.chondrocyte.death_rate_per_s = often;
  c.osteoblast.death_rate_per_s = often;
  c.mpc.commit_rate_per_s = c.mpc.fibroblast_rate_per_s = often;
  c.macrophage.switch_rate_per_s = c.chondrocyte.hypertrophy_rate_per_s = often;
  c.chondrocyte.replacement_rate_per_s = c.osteoblast.embedding_rate_per_s = often;
  c.mpc.doubling_time_s = c.mpc.quiescent_doubling_time_s = 3 * p.run.cell_step_s;
  const auto fields = test::initial_fields(p);
  ModelState s = test::lattice(p, 16, 12, 12, fields);
  test::fill(s, TissueLayer::Vessels, 1.0f);
  const int bmp = s.field_index("bmp");
  ASSERT_GE(bmp, 0);
  for (std::size_t v = 0; v < s.grid.size(); ++v)
    s.fields[static_cast<std::size_t>(bmp)].values[v] =
        2 * p.bmp.half_max_nM * s.grid.coords(v)[0] / s.grid.nx;
  RandomStream r(11, 0, 0, RngPurpose::Test);
  for (int z = 0; z < s.grid.nz; ++z)
    for (int y = 0; y < s.grid.ny; ++y)
      for (int x = 0; x < s.grid.nx; ++x) {
        if (r.uniform() < 0.45) continue;
        const auto t = static_cast<CellType>(1 + r.below(kCellTypeCount - 1));
        test::add_cell(s, t, x, y, z, 2 * c.mpc.min_commit_age_s * r.uniform());
      }
  ASSERT_GT(s.cells.size(), 4 * StreamPrefetch::kSlots + 10);
  const auto table = rule_table();
  std::vector<Proposal> all(s.cells.size());
  for (int step = 0; step < 6; ++step) {
    s.step = step;
    const RuleContext ctx(s, p, p.run.cell_step_s);
    propose_all(ctx, all);
    int acted = 0;
    for (std::size_t i = 0; i < s.cells.size(); ++i) {
      const Proposal own = table[static_cast<int>(s.cells.type[i])](ctx, i);
      ASSERT_EQ(all[i].kind, own.kind) << "step " << step << " slot " << i;
      ASSERT_EQ(all[i].new_type, own.new_type) << "step " << step << " slot " << i;
      ASSERT_EQ(all[i].target, own.target) << "step " << step << " slot " << i;
      ASSERT_EQ(all[i].priority, own.priority) << "step " << step << " slot " << i;
      acted += own.kind != ActionKind::None ? 1 : 0;
    }
    EXPECT_GT(acted, static_cast<int>(s.cells.size() / 4)) << "step " << step;
  }
}

// Field `name` of s set voxel by voxel to value_at(coordinates).
template <class F>
void set_field(ModelState& s, const char* name, F value_at) {
  const int k = s.field_index(name);
  ASSERT_GE(k, 0) << name;
  for (std::size_t v = 0; v < s.grid.size(); ++v)
    s.fields[static_cast<std::size_t>(k)].values[v] = value_at(s.grid.coords(v));
}

// body(ahead, prefetch) for each chunk of StreamPrefetch::kSlots cells, as
// propose_all walks them: `ahead` is ctx with the chunk's blocks computed
// ahead in `prefetch`.
template <class Body>
void for_each_chunk(const RuleContext& ctx, Body&& body) {
  const ModelState& s = ctx.state;
  StreamPrefetch pf;
  RuleContext ahead = ctx;
  ahead.prefetch = &pf;
  for (std::size_t first = 0; first < s.cells.size(); first += StreamPrefetch::kSlots) {
    pf.fill(s, first, std::min(StreamPrefetch::kSlots, s.cells.size() - first));
    body(static_cast<const RuleContext&>(ahead), static_cast<const StreamPrefetch&>(pf));
  }
}

// The progenitor screen (biology/mpc_screen.hpp) must settle a cell only
// where the rule would do nothing or only its hop. Rates are raised so each
// bound is a few percent and the signals (BMP, PGE2, ROS) run up to near
// saturation, so the rule's rates come close to their bounds: a bound that
// left out a factor would send cells past the screen that the rule makes
// commit, scar or divide. Treatments scale the bounds (NSAID, palovarotene),
// part of the lattice is anoxic and part under a division arrest, and the
// cells straddle the minimum commitment age.
TEST(MpcScreen, SettlesOnlyCellsTheRuleLeavesStillOrOnlyHops) {
  Params p = default_params();
  const double dt = p.run.cell_step_s;
  auto& m = p.cells.mpc;
  m.commit_rate_per_s = 0.02 / dt;
  m.fibroblast_rate_per_s = 0.03 / dt;
  m.death_rate_per_s = 0.01 / dt;
  m.anoxic_death_rate_per_s = 0.02 / dt;
  m.doubling_time_s = 20 * dt;
  m.quiescent_doubling_time_s = 60 * dt;
  const auto fields = test::initial_fields(p);
  ModelState s = test::lattice(p, 16, 12, 12, fields);
  test::fill(s, TissueLayer::Vessels, 1.0f);
  s.effects.cox2 = 0.6;
  s.effects.progenitor_division = 0.8;
  s.effects.chondrogenic_commitment = 0.5;
  EffectRegion arrest;
  arrest.whole = false;
  arrest.centre_frac = {0.8, 0.5, 0.5};
  arrest.radii_um = {60, 400, 400};
  s.effects.division_arrest.push_back(arrest);
  const auto set = [&](const char* name, auto value_at) { set_field(s, name, value_at); };
  // BMP from none to 40 half-maxima along x; PGE2 and ROS high in y's upper
  // half; alkaline (osteoblast route open) but for an acidic slab; the
  // first z layer anoxic, the next hypoxic.
  set("bmp", [&](auto c) { return 40 * p.bmp.half_max_nM * c[0] / 15.0; });
  set("inflammation", [&](auto c) { return c[1] >= 6 ? 50 * p.inflammation.half_max_nM : 0.0; });
  set("ros", [&](auto c) { return c[1] >= 6 ? 50 * p.ros.half_max : 0.0; });
  set("acid", [&](auto c) { return acid_for_ph(p, c[2] == 5 ? 7.0 : 7.6); });
  set("o2",
      [&](auto c) { return c[2] == 0 ? 0.5 * p.oxygen.anoxia_mmHg : (c[2] == 1 ? 5.0 : 40.0); });
  RandomStream r(5, 0, 0, RngPurpose::Test);
  for (int z = 0; z < s.grid.nz; ++z)
    for (int y = 0; y < s.grid.ny; ++y)
      for (int x = 0; x < s.grid.nx; ++x) {
        if (r.uniform() < 0.45) continue;
        const std::size_t i =
            test::add_cell(s, CellType::Mpc, x, y, z, 2 * m.min_commit_age_s * r.uniform());
        s.cells.hif_memory_s[i] =
            r.uniform() < 0.5 ? 0.0f : 2 * static_cast<float>(m.hypoxic_priming_s);
      }
  ASSERT_GT(s.cells.size(), 4 * StreamPrefetch::kSlots);
  std::array<int, 3> screened{};
  int rule_idle = 0, rule_acted = 0;
  std::vector<Proposal> all(s.cells.size());
  for (int step = 0; step < 40; ++step) {
    s.step = step;
    const RuleContext ctx(s, p, dt);
    ASSERT_TRUE(ctx.progenitor.usable);
    for_each_chunk(ctx, [&](const RuleContext& ahead, const StreamPrefetch& pf) {
      const std::size_t first = pf.first;
      std::array<Screened, StreamPrefetch::kSlots> chunk{};
      screen_progenitors(ahead, chunk.data(), pf.count);
      for (std::size_t i = first; i < first + pf.count; ++i) {
        const Screened k = chunk[i - first];
        ++screened[static_cast<int>(k)];
        const Proposal own = mpc_rule(ctx, i);
        const Proposal hop = mpc_hop(ctx, i);
        if (k == Screened::Still) {
          ASSERT_EQ(own.kind, ActionKind::None) << "step " << step << " slot " << i;
        } else if (k == Screened::Hop) {
          ASSERT_EQ(own.kind, hop.kind) << "step " << step << " slot " << i;
          ASSERT_EQ(own.target, hop.target) << "step " << step << " slot " << i;
          ASSERT_EQ(own.priority, hop.priority) << "step " << step << " slot " << i;
        } else {
          const bool acted = own.kind == ActionKind::Die || own.kind == ActionKind::Differentiate ||
                             own.kind == ActionKind::Divide;
          (acted ? rule_acted : rule_idle) += 1;
        }
      }
    });
    // And propose_all, which runs the screen, gives each cell the rule's own.
    propose_all(ctx, all);
    for (std::size_t i = 0; i < s.cells.size(); ++i) {
      const Proposal own = mpc_rule(ctx, i);
      ASSERT_EQ(all[i].kind, own.kind) << "step " << step << " slot " << i;
      ASSERT_EQ(all[i].new_type, own.new_type) << "step " << step << " slot " << i;
      ASSERT_EQ(all[i].target, own.target) << "step " << step << " slot " << i;
      ASSERT_EQ(all[i].priority, own.priority) << "step " << step << " slot " << i;
    }
  }
  std::printf("screened still %d, hop %d, rule %d (acted %d)\n", screened[0], screened[1],
              screened[2], rule_acted);
  // Every outcome occurs, and most cells are settled by the screen.
  EXPECT_GT(screened[static_cast<int>(Screened::Still)], 1000);
  EXPECT_GT(screened[static_cast<int>(Screened::Hop)], 1000);
  EXPECT_GT(rule_acted, 500);
  EXPECT_GT(rule_idle, 0);
  EXPECT_GT(screened[0] + screened[1], 2 * screened[2]);
}

// Without the blocks computed ahead, or with a parameter outside the
// bounds' assumptions, the screen settles nothing.
TEST(MpcScreen, SendsEveryCellToTheRuleWithoutBlocksOrWithNegativeGains) {
  Params p = default_params();
  const auto fields = test::initial_fields(p);
  ModelState s = test::lattice(p, 8, 8, 2, fields);
  for (int x = 0; x < 8; ++x) test::add_cell(s, CellType::Mpc, x, 0, 0);
  std::array<Screened, 8> chunk{};
  {
    const RuleContext ctx(s, p, p.run.cell_step_s);
    chunk.fill(Screened::Still);
    screen_progenitors(ctx, chunk.data(), chunk.size());
    for (const Screened k : chunk) EXPECT_EQ(k, Screened::Rule);
  }
  p.ros.commitment_gain = -0.5;
  const RuleContext ctx(s, p, p.run.cell_step_s);
  EXPECT_FALSE(ctx.progenitor.usable);
  StreamPrefetch pf;
  pf.fill(s, 0, s.cells.size());
  RuleContext ahead = ctx;
  ahead.prefetch = &pf;
  chunk.fill(Screened::Still);
  screen_progenitors(ahead, chunk.data(), chunk.size());
  for (const Screened k : chunk) EXPECT_EQ(k, Screened::Rule);
}

// The immune screen (biology/immune_screen.hpp) must settle a neutrophil or
// macrophage only where its rule would do nothing or only hop, and
// propose_all, which sends the hoppers to immune_hops, must give every cell
// its rule's proposal. Death and switch rates are raised to a few percent a
// step, the first z layer is anoxic with an anoxic death rate of its own,
// and the inflammatory signal rises along x so the hops are biased.
// Progenitors share the lattice, so both screens run on the same chunks.
TEST(ImmuneScreen, SettlesOnlyCellsTheRuleLeavesStillOrOnlyHops) {
  Params p = default_params();
  const double dt = p.run.cell_step_s;
  p.cells.neutrophil.death_rate_per_s = 0.03 / dt;
  p.cells.neutrophil.anoxic_death_rate_per_s = 0.05 / dt;
  p.cells.macrophage.m1_death_rate_per_s = 0.02 / dt;
  p.cells.macrophage.m2_death_rate_per_s = 0.04 / dt;
  p.cells.macrophage.anoxic_death_rate_per_s = 0.05 / dt;
  p.cells.macrophage.switch_rate_per_s = 0.05 / dt;
  p.cells.macrophage.speed_um_s = 0.5 * p.cells.neutrophil.speed_um_s;  // two hop chances
  const auto fields = test::initial_fields(p);
  ModelState s = test::lattice(p, 16, 12, 12, fields);
  const auto set = [&](const char* name, auto value_at) { set_field(s, name, value_at); };
  set("inflammation", [&](auto c) { return 5 * p.inflammation.half_max_nM * c[0] / 15.0; });
  set("o2", [&](auto c) { return c[2] == 0 ? 0.5 * p.oxygen.anoxia_mmHg : 40.0; });
  const std::array<CellType, 4> types{CellType::Neutrophil, CellType::MacrophageM1,
                                      CellType::MacrophageM2, CellType::Mpc};
  RandomStream r(7, 0, 0, RngPurpose::Test);
  for (int z = 0; z < s.grid.nz; ++z)
    for (int y = 0; y < s.grid.ny; ++y)
      for (int x = 0; x < s.grid.nx; ++x) {
        if (r.uniform() < 0.45) continue;
        const auto t = types[std::min<std::size_t>(3, static_cast<std::size_t>(4 * r.uniform()))];
        test::add_cell(s, t, x, y, z);
      }
  ASSERT_GT(s.cells.size(), 4 * StreamPrefetch::kSlots);
  const auto immune = [&](std::size_t i) { return s.cells.type[i] != CellType::Mpc; };
  const auto rule = [&](const RuleContext& ctx, std::size_t i) {
    return s.cells.type[i] == CellType::Neutrophil ? neutrophil_rule(ctx, i)
                                                   : macrophage_rule(ctx, i);
  };
  std::array<int, 3> screened{};  // Still, Hop (the listed hoppers), Rule
  int rule_died = 0, rule_switched = 0, moved = 0;
  std::vector<Proposal> all(s.cells.size());
  for (int step = 0; step < 30; ++step) {
    s.step = step;
    const RuleContext ctx(s, p, dt);
    for_each_chunk(ctx, [&](const RuleContext& ahead, const StreamPrefetch& pf) {
      const std::size_t first = pf.first;
      std::array<Screened, StreamPrefetch::kSlots> chunk{};
      screen_progenitors(ahead, chunk.data(), pf.count);
      const std::array<Screened, StreamPrefetch::kSlots> before = chunk;
      std::array<std::uint8_t, StreamPrefetch::kSlots> hoppers{};
      const std::size_t n_hoppers = screen_immune(ahead, chunk.data(), pf.count, hoppers.data());
      std::array<bool, StreamPrefetch::kSlots> hops{};
      for (std::size_t j = 0; j < n_hoppers; ++j) {
        ASSERT_TRUE(j == 0 || hoppers[j] > hoppers[j - 1]) << "hoppers out of order";
        hops[hoppers[j]] = true;
      }
      for (std::size_t i = first; i < first + pf.count; ++i) {
        const std::size_t at_k = i - first;
        const Screened k = chunk[at_k];
        if (!immune(i)) {
          ASSERT_EQ(k, before[at_k]) << "the immune screen changed a progenitor, slot " << i;
          ASSERT_FALSE(hops[at_k]) << "a progenitor took the immune hop, slot " << i;
          continue;
        }
        ASSERT_EQ(before[at_k], Screened::Rule) << "slot " << i;
        ASSERT_NE(k, Screened::Hop) << "step " << step << " slot " << i;
        ASSERT_TRUE(k == Screened::Still || !hops[at_k]) << "step " << step << " slot " << i;
        ++screened[static_cast<int>(hops[at_k] ? Screened::Hop : k)];
        const Proposal own = rule(ctx, i);
        if (k == Screened::Still && !hops[at_k]) {
          ASSERT_EQ(own.kind, ActionKind::None) << "step " << step << " slot " << i;
        } else if (hops[at_k]) {
          std::array<Proposal, StreamPrefetch::kSlots> out{};
          const auto at = static_cast<std::uint8_t>(at_k);
          immune_hops(ahead, &at, 1, out.data());
          const Proposal batched = out[at];
          ASSERT_EQ(own.kind, batched.kind) << "step " << step << " slot " << i;
          ASSERT_EQ(own.target, batched.target) << "step " << step << " slot " << i;
          ASSERT_EQ(own.priority, batched.priority) << "step " << step << " slot " << i;
          moved += own.kind == ActionKind::Move ? 1 : 0;
        } else {
          ASSERT_TRUE(own.kind == ActionKind::Die || own.kind == ActionKind::Differentiate)
              << "the screen sent a cell to its rule that neither dies nor switches, step " << step
              << " slot " << i;
          (own.kind == ActionKind::Die ? rule_died : rule_switched) += 1;
        }
      }
    });
    propose_all(ctx, all);
    for (std::size_t i = 0; i < s.cells.size(); ++i) {
      const Proposal own = immune(i) ? rule(ctx, i) : mpc_rule(ctx, i);
      ASSERT_EQ(all[i].kind, own.kind) << "step " << step << " slot " << i;
      ASSERT_EQ(all[i].new_type, own.new_type) << "step " << step << " slot " << i;
      ASSERT_EQ(all[i].target, own.target) << "step " << step << " slot " << i;
      ASSERT_EQ(all[i].priority, own.priority) << "step " << step << " slot " << i;
    }
  }
  std::printf("immune: still %d, hop %d, rule %d (died %d, switched %d), moved %d\n",
              screened[static_cast<int>(Screened::Still)],
              screened[static_cast<int>(Screened::Hop)], screened[static_cast<int>(Screened::Rule)],
              rule_died, rule_switched, moved);
  // Every outcome occurs.
  EXPECT_GT(screened[static_cast<int>(Screened::Still)], 1000);
  EXPECT_GT(screened[static_cast<int>(Screened::Hop)], 1000);
  EXPECT_GT(rule_died, 100);
  EXPECT_GT(rule_switched, 50);
  EXPECT_GT(moved, 500);
}

}  // namespace
}  // namespace hosim
