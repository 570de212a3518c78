// What each hook does to a constructed state: kill statistics of radiation
// against linear-quadratic survival, the volume an excision takes, a local
// Noggin bolus, the effects of the continuous drugs, and their logs.
#include <gtest/gtest.h>

#include <cmath>

#include "biology/test_state.hpp"
#include "config/config.hpp"
#include "interventions/schedule.hpp"

namespace hosim {
namespace {

constexpr double kDay = 86400;

Params with(const std::string& list) {
  Params p = load_config_text("interventions:\n" + list, "x.yaml").params;
  p.run.cell_step_s = 900;
  return p;
}

// Run the schedule's step that starts at time t.
void step_at(const Schedule& s, ModelState& st, const Params& p, double t) {
  st.time_s = t;
  st.step = static_cast<std::int64_t>(std::llround(t / p.run.cell_step_s));
  s.step(st, p, p.run.cell_step_s);
}

TEST(Radiation, KillsWithLinearQuadraticSurvival) {
  const Params p = with("  - {type: radiation, start: 1 day, dose: 4 Gy}\n");
  const Schedule sched(p);
  ModelState s = test::lattice(p, 200, 200, 1, {});
  // Progenitors on even columns, osteoblasts on odd ones.
  for (int y = 0; y < 200; ++y)
    for (int x = 0; x < 200; ++x)
      test::add_cell(s, x % 2 == 0 ? CellType::Mpc : CellType::Osteoblast, x, y, 0);
  step_at(sched, s, p, 0.5 * kDay);  // before the fraction: nothing happens
  EXPECT_EQ(s.cells.size(), 40000U);
  step_at(sched, s, p, 1 * kDay);
  std::size_t mpc = 0, ob = 0;
  for (const CellType t : s.cells.type) (t == CellType::Mpc ? mpc : ob)++;
  const auto expect = [](double alpha) { return 20000 * std::exp(-alpha * 4 - alpha / 10 * 16); };
  // Binomial: 5 standard deviations.
  const double e_mpc = expect(0.3), e_ob = expect(0.02);
  EXPECT_NEAR(mpc, e_mpc, 5 * std::sqrt(e_mpc));
  EXPECT_NEAR(ob, e_ob, 5 * std::sqrt(e_ob * (1 - e_ob / 20000)));
  const auto cols = sched.column_values(s);
  EXPECT_EQ(cols[0], 4.0);                          // dose delivered
  EXPECT_EQ(cols[1], 40000.0 - mpc - ob);           // cells killed
  for (std::size_t c = 0; c < s.cells.size(); ++c)  // occupancy rebuilt
    EXPECT_EQ(s.occupancy[s.cells.voxel[c]], static_cast<std::int32_t>(c));
  step_at(sched, s, p, 1 * kDay + 900);  // one fraction only
  EXPECT_EQ(sched.column_values(s)[0], 4.0);
}

TEST(Radiation, RegionLimitsTheKill) {
  const Params p = with(
      "  - {type: radiation, start: 0 day, dose: 50 Gy, region: {centre: [0.25, 0.5, 0.5], "
      "radii: [100 um, 100 um, 100 um]}}\n");
  const Schedule sched(p);
  ModelState s = test::lattice(p, 40, 20, 1, {});
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 40; ++x) test::add_cell(s, CellType::Mpc, x, y, 0);
  step_at(sched, s, p, 0);
  // At 50 Gy nothing survives inside; the disc of radius 5 voxels around
  // (10, 10) holds the voxels whose centres lie within 100 µm.
  int inside = 0;
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 40; ++x) {
      const double dx = (x + 0.5) * 20 - 200, dy = (y + 0.5) * 20 - 200;
      inside += dx * dx + dy * dy <= 100.0 * 100.0;
    }
  EXPECT_EQ(s.cells.size(), static_cast<std::size_t>(800 - inside));
}

TEST(Radiation, SurvivorsWaitOutTheRepopulationDelayInTheRegion) {
  const Params p = with(
      "  - {type: radiation, start: 1 day, doses: 2, interval: 1 day, dose: 2 Gy, "
      "repopulation_delay: 3 day, region: {centre: [0.25, 0.5, 0.5], radii: [100 um, 100 um, "
      "100 um]}}\n");
  const Schedule sched(p);
  ModelState s = test::lattice(p, 40, 20, 1, {});
  const auto arrested_at = [&](double t) {
    step_at(sched, s, p, t);
    return s.effects.division_arrest.size();
  };
  EXPECT_EQ(arrested_at(1 * kDay - 900), 0U);  // the step before the first fraction
  ASSERT_EQ(arrested_at(1 * kDay), 1U);        // the fraction's own step
  const EffectRegion& r = s.effects.division_arrest[0];
  EXPECT_FALSE(r.whole);
  EXPECT_EQ(r.centre_frac[0], 0.25);
  EXPECT_EQ(r.radii_um[1], 100.0);
  EXPECT_EQ(arrested_at(2.5 * kDay), 2U);      // both fractions' delays overlap
  EXPECT_EQ(arrested_at(4 * kDay), 1U);        // the first one's is over
  EXPECT_EQ(arrested_at(5 * kDay - 900), 1U);  // the last step of the second
  EXPECT_EQ(arrested_at(5 * kDay), 0U);
}

TEST(Excision, CutsVisibleHoWithItsMarginAndWounds) {
  const Params p =
      with("  - {type: excision, start: 10 day, margin: 40 um, wound: {depth: 40 um}}\n");
  const Schedule sched(p);
  ModelState s = test::lattice(p, 40, 40, 1, {{"acid", 20}, {"bmp", 0}});
  float* mineral = s.tissue.layer(TissueLayer::Mineral);
  float* osteoid = s.tissue.layer(TissueLayer::Osteoid);
  for (auto& v : s.tissue.layers[static_cast<int>(TissueLayer::Vessels)]) v = 1.0f;
  // A 3 × 3 block of visible HO at (20..22, 20..22) and faint mineral elsewhere.
  for (int y = 0; y < 40; ++y)
    for (int x = 0; x < 40; ++x) {
      const std::size_t i = s.grid.index(x, y, 0);
      osteoid[i] = 1.0f;
      mineral[i] = (x >= 20 && x <= 22 && y >= 20 && y <= 22) ? 0.9f : 0.1f;
    }
  test::add_cell(s, CellType::Osteoblast, 24, 21, 0);  // inside the 2-voxel margin
  test::add_cell(s, CellType::Osteoblast, 26, 21, 0);  // outside
  step_at(sched, s, p, 10 * kDay);
  int cut = 0;
  for (std::size_t i = 0; i < s.grid.size(); ++i) cut += osteoid[i] == 0.0f;
  // The block dilated by a disc of radius 2 voxels: 3×3 + 4·(3·2) + 4·(corner
  // offsets with dx²+dy² ≤ 4 beyond the edges: (1,1)) = 9 + 24 + 4 = 37.
  EXPECT_EQ(cut, 37);
  // The osteoblast outside survives; the wound's haemorrhage may have
  // delivered progenitors, only into the excised volume.
  int kept = 0;
  for (std::size_t k = 0; k < s.cells.size(); ++k) {
    if (s.cells.type[k] == CellType::Osteoblast) {
      ++kept;
      EXPECT_EQ(s.cells.voxel[k], s.grid.index(26, 21, 0));
    } else {
      EXPECT_EQ(s.cells.type[k], CellType::Mpc);
      EXPECT_EQ(osteoid[s.cells.voxel[k]], 0.0f);
    }
    EXPECT_EQ(s.occupancy[s.cells.voxel[k]], static_cast<std::int32_t>(k));
  }
  EXPECT_EQ(kept, 1);
  // The excised volume is dead space: haematoma and no vessels, but no
  // necrosis (the damaged tissue left with the specimen).
  const float* necrosis = s.tissue.layer(TissueLayer::Necrosis);
  const float* haem = s.tissue.layer(TissueLayer::Haemorrhage);
  const float* vessels = s.tissue.layer(TissueLayer::Vessels);
  const std::size_t c = s.grid.index(21, 21, 0);
  EXPECT_EQ(mineral[c], 0.0f);
  EXPECT_EQ(necrosis[c], 0.0f);
  EXPECT_FLOAT_EQ(haem[c], 0.5f);
  EXPECT_FLOAT_EQ(vessels[c], 0.0f);
  EXPECT_EQ(s.fields[0].values[c], 20.0);
  // The cut surface, the tissue left within 2 voxels of the excised volume
  // (which reaches x = 24 on row 21, x = 23 on row 23 and y = 24 on column
  // 21), takes the necrosis, its acid and the vessel loss, not the haematoma.
  for (const auto& [x, y] : {std::pair{25, 21}, {26, 21}, {24, 23}, {21, 26}, {24, 24}}) {
    const std::size_t i = s.grid.index(x, y, 0);
    EXPECT_EQ(osteoid[i], 1.0f) << x << "," << y;  // not excised
    EXPECT_FLOAT_EQ(necrosis[i], 0.5f) << x << "," << y;
    EXPECT_EQ(haem[i], 0.0f) << x << "," << y;
    EXPECT_FLOAT_EQ(vessels[i], 0.0f) << x << "," << y;
    EXPECT_NEAR(s.fields[0].values[i], 20 + 0.5 * p.acid.injury_load_mM, 1e-12);
  }
  // Beyond it the tissue is untouched.
  for (const auto& [x, y] : {std::pair{27, 21}, {21, 28}, {26, 26}, {5, 5}}) {
    const std::size_t i = s.grid.index(x, y, 0);
    EXPECT_EQ(necrosis[i], 0.0f) << x << "," << y;
    EXPECT_EQ(vessels[i], 1.0f) << x << "," << y;
    EXPECT_EQ(s.fields[0].values[i], 20.0);
  }
  EXPECT_EQ(mineral[s.grid.index(5, 5, 0)], 0.1f);  // faint mineral is not visible: kept
  const auto cols = sched.column_values(s);
  EXPECT_NEAR(cols[0], 37 * std::pow(0.02, 3), 1e-15);                   // excised volume
  EXPECT_NEAR(cols[1], (9 * 0.9 + 28 * 0.1) * std::pow(0.02, 3), 1e-9);  // mineral removed
  EXPECT_EQ(cols[2], 1.0);                                               // cells removed
}

TEST(Noggin, LocalBolusFillsTheRegionAndSystemicSetsThePlasma) {
  const Params p = with(
      "  - {type: noggin, name: loc, start: 1 day, dose: 8 nM, region: {radii: [60 um, 60 um, "
      "60 um]}}\n"
      "  - {type: noggin, name: sys, mode: systemic, start: 0 day, doses: 2, interval: 4 day, "
      "dose: 10 nM, half_life: 2 day}\n");
  const Schedule sched(p);
  ModelState s = test::lattice(p, 20, 20, 1, {{"noggin", 1.0}});
  step_at(sched, s, p, 0);
  step_at(sched, s, p, 1 * kDay);
  EXPECT_EQ(s.fields[0].values[s.grid.index(10, 10, 0)], 9.0);
  EXPECT_EQ(s.fields[0].values[s.grid.index(0, 0, 0)], 1.0);
  EXPECT_NEAR(s.effects.noggin_plasma_nM, 10 * std::exp2(-0.5), 1e-12);
  EXPECT_EQ(s.effects.noggin_exchange_per_s, 1e-4);
  step_at(sched, s, p, 4 * kDay);
  step_at(sched, s, p, 6 * kDay);
  EXPECT_NEAR(s.effects.noggin_plasma_nM, 10 * std::exp2(-3.0) + 10 * std::exp2(-1.0), 1e-12);
  // The plasma column follows the clock; the doses column counts doses.
  s.time_s = 6 * kDay;
  const auto cols = sched.column_values(s);
  EXPECT_EQ(cols[1], 1.0);  // loc: one dose
  EXPECT_EQ(cols[3], 2.0);  // sys: two doses
}

// Allopurinol targets the xanthine-oxidase (reperfusion) ROS only, the
// combination both that and every source.
TEST(Drugs, ScavengersActOnTheirOwnTargets) {
  const Params p = with(
      "  - {type: scavenger, preset: allopurinol, start: 0 day, onset: 0 s}\n"
      "  - {type: scavenger, preset: combined, start: 0 day, reduction: 0.3, onset: 0 s}\n");
  const Schedule sched(p);
  ModelState s = test::lattice(p, 4, 4, 1, {});
  step_at(sched, s, p, 0);
  EXPECT_DOUBLE_EQ(s.effects.xanthine_oxidase, (1 - 0.5) * (1 - 0.3));
  EXPECT_DOUBLE_EQ(s.effects.ros_production, 1 - 0.3);
}

TEST(Drugs, EffectsFollowTheLevelsAndCombine) {
  const Params p = with(
      "  - {type: nsaid, start: 0 day, end: 10 day, onset: 0 s, washout: 1 day}\n"
      "  - {type: etidronate, start: 0 day, dose: 10 mg/kg/day, onset: 0 s}\n"
      "  - {type: scavenger, preset: n_acetylcysteine, start: 0 day, reduction: 0.4, onset: 0 s}\n"
      "  - {type: palovarotene, start: 0 day, inhibition: 0.8, onset: 0 s}\n"
      "  - {type: pemf, start: 0 day, session: 1 h}\n");
  const Schedule sched(p);
  ModelState s = test::lattice(p, 4, 4, 1, {});
  step_at(sched, s, p, 0);
  EXPECT_DOUBLE_EQ(s.effects.cox2, 1 - 0.9);
  EXPECT_DOUBLE_EQ(s.effects.mineral_growth, 1 - 0.99 * 10 / (10 + 1));
  EXPECT_DOUBLE_EQ(s.effects.ros_production, 0.6);
  EXPECT_DOUBLE_EQ(s.effects.xanthine_oxidase, 1.0);  // N-acetylcysteine acts on every source
  EXPECT_DOUBLE_EQ(s.effects.chondrogenic_commitment, 1 - 0.8);
  EXPECT_DOUBLE_EQ(s.effects.progenitor_division, 1 - 0.5);  // palovarotene's default
  EXPECT_DOUBLE_EQ(s.effects.perfusion, 1.28);
  EXPECT_GT(s.effects.inflammation_clearance_per_s, 0);
  step_at(sched, s, p, 11 * kDay + 7200);  // NSAID washing out, PEMF between sessions
  EXPECT_NEAR(s.effects.cox2, 1 - 0.9 * std::exp(-(1 + 7200 / kDay)), 1e-12);
  EXPECT_EQ(s.effects.perfusion, 1.0);
  EXPECT_EQ(s.effects.inflammation_clearance_per_s, 0.0);
  // Each drug logs its start once.
  int starts = 0;
  for (const auto& e : s.intervention_log) starts += e.action == "start";
  EXPECT_EQ(starts, 4);
}

// Palovarotene's two effects follow one exposure: half-way through the
// onset both are at half their steady fractions, and the logged column is
// the chondrogenic inhibition.
TEST(Drugs, PalovaroteneEffectsShareTheExposure) {
  const Params p = with(
      "  - {type: palovarotene, start: 0 day, inhibition: 0.6, proliferation: 0.3, onset: 1 "
      "day}\n");
  const Schedule sched(p);
  ModelState s = test::lattice(p, 4, 4, 1, {});
  step_at(sched, s, p, std::log(2.0) * kDay);  // exposure 1 − e^{−ln 2} = 1/2
  EXPECT_NEAR(s.effects.chondrogenic_commitment, 1 - 0.6 * 0.5, 1e-12);
  EXPECT_NEAR(s.effects.progenitor_division, 1 - 0.3 * 0.5, 1e-12);
  ASSERT_EQ(sched.column_names().size(), 1U);
  EXPECT_NEAR(sched.column_values(s)[0], 0.6 * 0.5, 1e-12);
}

}  // namespace
}  // namespace hosim
