#include "model/scenario.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "config/config.hpp"
#include "core/errors.hpp"

namespace hosim {
namespace {

// A square slice of n × n voxels with a round injury of radius r µm, centred
// (default voxel and mirror settings: a whole domain).
Params slice_with_injury(int n, double r_um) {
  Params p = default_params();
  p.grid.nx = p.grid.ny = n;
  p.grid.nz = 1;
  p.grid.mirror.clear();
  p.injury.centre_frac = {0.5, 0.5, 0.5};
  p.injury.radii_um = {r_um, r_um, r_um};
  return p;
}

TEST(Scenario, TheInjuryIsNecroticBleedingAvascularAcidicAndHoldsBmpSignalAndProgenitors) {
  const Params p = slice_with_injury(60, 300);
  const ModelState s = build_state(p);
  const int acid = s.field_index("acid"), bmp = s.field_index("bmp");
  const int inf = s.field_index("inflammation");
  ASSERT_GE(acid, 0);
  ASSERT_GE(bmp, 0);
  ASSERT_GE(inf, 0);
  std::size_t inj = 0, inj_cells = 0, out_cells = 0;
  for (std::size_t v = 0; v < s.grid.size(); ++v) {
    const bool in = s.tissue.injured[v] != 0;
    inj += in;
    EXPECT_EQ(s.tissue.layer(TissueLayer::Necrosis)[v], in ? 1.0f : 0.0f);
    EXPECT_EQ(s.tissue.layer(TissueLayer::Haemorrhage)[v], in ? 1.0f : 0.0f);
    EXPECT_EQ(s.tissue.layer(TissueLayer::Vessels)[v], in ? 0.0f : 1.0f);
    EXPECT_EQ(s.tissue.layer(TissueLayer::Muscle)[v], in ? 0.0f : 1.0f);
    const double acid0 = p.transport.fields[acid].initial;
    EXPECT_DOUBLE_EQ(s.fields[acid].values[v], in ? acid0 + p.acid.injury_load_mM : acid0);
    EXPECT_DOUBLE_EQ(s.fields[bmp].values[v], in ? p.bmp.injury_burst_nM : 0.0);
    EXPECT_DOUBLE_EQ(s.fields[inf].values[v], in ? p.inflammation.injury_burst_nM : 0.0);
    if (s.occupancy[v] >= 0) (in ? inj_cells : out_cells) += 1;
  }
  // A disc of radius 15 voxels holds about π·15² ≈ 707 voxels.
  EXPECT_NEAR(static_cast<double>(inj), 706.9, 40.0);
  const double d_in = static_cast<double>(inj_cells) / inj;
  const double d_out = static_cast<double>(out_cells) / (s.grid.size() - inj);
  // Binomial: sd ≈ 0.010 inside (707 voxels), 0.0019 outside (2893).
  EXPECT_NEAR(d_in, p.recruitment.mpc_haemorrhage, 0.04);
  EXPECT_NEAR(d_out, p.recruitment.mpc_resident, 0.008);
  EXPECT_DOUBLE_EQ(s.systemic.serum_alp_U_L, p.readouts.alp_baseline_U_L);
}

TEST(Scenario, TheInflammatoryBurstScalesWithTheInflammationRisk) {
  Params p = slice_with_injury(20, 100);
  p.inflammation.injury_burst_nM = 4;
  p.risk.inflammation = 1.5;
  const ModelState s = build_state(p);
  const int inf = s.field_index("inflammation");
  double peak = 0;
  for (std::size_t v = 0; v < s.grid.size(); ++v) peak = std::max(peak, s.fields[inf].values[v]);
  EXPECT_DOUBLE_EQ(peak, 6.0);
}

TEST(Scenario, SameSeedSameStateOtherSeedOtherState) {
  Params p = default_params();
  const ModelState a = build_state(p);
  const ModelState b = build_state(p);
  EXPECT_EQ(a.cells.voxel, b.cells.voxel);
  p.run.seed = 99;
  const ModelState c = build_state(p);
  EXPECT_NE(a.cells.voxel, c.cells.voxel);
}

TEST(Scenario, HostBoneIsLabelledPerfusedCellFreeAndNeverInjured) {
  // An injury of radius 300 µm (15 voxels) overlapping a femur disc of
  // radius 200 µm centred on its edge, and a pelvis band along the top.
  Params p = slice_with_injury(60, 300);
  p.host_bone.femur.centre_frac = {0.5, 0.25, 0.5};
  p.host_bone.femur.radii_um = {200, 200, 200};
  p.host_bone.pelvis.centre_frac = {0.5, 1.0, 0.5};
  p.host_bone.pelvis.radii_um = {5000, 100, 100};
  const ModelState s = build_state(p);
  std::size_t bone = 0;
  for (int y = 0; y < 60; ++y)
    for (int x = 0; x < 60; ++x) {
      const std::size_t v = s.grid.index(x, y, 0);
      const bool in_bone = in_host_bone(s.grid, p.host_bone, x, y, 0);
      EXPECT_EQ(s.tissue.anatomy[v],
                static_cast<std::uint8_t>(in_bone ? Anatomy::CorticalBone : Anatomy::Muscle));
      EXPECT_EQ(s.tissue.injured[v], in_bone ? 0 : (in_injury(s.grid, p.injury, x, y, 0) ? 1 : 0));
      if (!in_bone) continue;
      ++bone;
      EXPECT_LT(s.occupancy[v], 0);
      EXPECT_EQ(s.tissue.layer(TissueLayer::Necrosis)[v], 0.0f);
      EXPECT_EQ(s.tissue.layer(TissueLayer::Vessels)[v], 1.0f);
    }
  // Femur: a disc of radius 10 voxels (π·10² ≈ 314); pelvis: rows 55-59
  // (centres 10-90 µm below the top edge, within the 100 µm band).
  EXPECT_NEAR(static_cast<double>(bone), 314.0 + 5 * 60, 25.0);
  // Host bone takes no wound either (a surgical wound over it leaves it alone).
  ModelState w = s;
  const std::size_t femur_centre = w.grid.index(30, 15, 0);
  RandomStream rs(1, 0, femur_centre, RngPurpose::Placement);
  wound_voxel(w, p, femur_centre, Wound{}, rs);
  EXPECT_EQ(w.tissue.layer(TissueLayer::Necrosis)[femur_centre], 0.0f);
  EXPECT_EQ(w.tissue.layer(TissueLayer::Vessels)[femur_centre], 1.0f);
}

TEST(Scenario, GridTooLargeForMemoryIsAConfigError) {
  Params p = default_params();
  p.grid.nx = p.grid.ny = p.grid.nz = 5000;
  try {
    check_memory(p);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("grid.nx × grid.ny × grid.nz"), std::string::npos);
  }
}

}  // namespace
}  // namespace hosim
