#include "model/scenario.hpp"

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "core/errors.hpp"

namespace hosim {
namespace {

TEST(Scenario, InjuryEllipsoidHoldsTheBurstAndDenserProgenitors) {
  Params p = default_params();
  p.grid.nx = 60;
  p.grid.ny = 60;
  p.grid.nz = 1;
  p.injury.radii_um = {300, 300, 300};
  const ModelState s = build_state(p);
  const int f = s.field_index("factor");
  ASSERT_GE(f, 0);
  std::size_t inj = 0, inj_cells = 0, out_cells = 0;
  for (std::size_t v = 0; v < s.grid.size(); ++v) {
    const bool in = s.tissue.injured[v] != 0;
    inj += in;
    if (in)
      EXPECT_DOUBLE_EQ(s.fields[f].values[v],
                       p.transport.fields[f].initial + p.injury.factor_burst_nM);
    if (s.occupancy[v] >= 0) (in ? inj_cells : out_cells) += 1;
  }
  // A disc of radius 15 voxels holds about π·15² ≈ 707 voxels.
  EXPECT_NEAR(static_cast<double>(inj), 706.9, 40.0);
  const double d_in = static_cast<double>(inj_cells) / inj;
  const double d_out = static_cast<double>(out_cells) / (s.grid.size() - inj);
  EXPECT_NEAR(d_in, p.injury.mpc_density_injury, 0.02);
  EXPECT_NEAR(d_out, p.injury.mpc_density_muscle, 0.005);
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
