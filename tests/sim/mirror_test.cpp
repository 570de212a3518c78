// A mirror-reduced grid (grid.mirror) against the whole symmetric domain:
// the quarter's injury is exactly a quarter of the whole one, its extensive
// readouts are scaled to the whole domain, and the biology agrees within
// the spread of the random streams (the two runs draw different numbers).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "config/config.hpp"
#include "model/scenario.hpp"
#include "sim/simulation.hpp"

namespace hosim {
namespace {

constexpr int kHalf = 40;  // quarter: 40 × 40 voxels; whole: 80 × 80

Params whole_slice() {
  Params p = default_params();
  p.grid.nx = p.grid.ny = 2 * kHalf;
  p.grid.nz = 1;
  p.injury.centre_frac = {0.5, 0.5, 0.5};
  p.injury.radii_um = {500, 400, 400};
  p.run.duration_s = 4 * 86400;
  p.output.snapshot_interval_s = p.output.timeseries_interval_s = p.run.duration_s;
  p.output.checkpoint_interval_s = 0;
  return p;
}

Params quarter_slice() {
  Params p = whole_slice();
  p.grid.nx = p.grid.ny = kHalf;
  p.grid.mirror = {"x", "y"};
  p.injury.centre_frac = {0, 0, 0.5};
  return p;
}

double value(const TimeseriesRow& row, const std::string& name) {
  for (std::size_t i = 0; i < row.names.size(); ++i)
    if (row.names[i] == name) return row.values[i];
  ADD_FAILURE() << "no readout " << name;
  return 0;
}

TEST(Mirror, CopiesCountTwoPerPlane) {
  GridParams g;
  EXPECT_EQ(mirror_copies(g), 1);
  g.mirror = {"x", "z"};
  EXPECT_EQ(mirror_copies(g), 4);
  EXPECT_TRUE(mirrored(g, 0));
  EXPECT_FALSE(mirrored(g, 1));
  EXPECT_TRUE(mirrored(g, 2));
}

TEST(Mirror, QuarterInjuryIsExactlyAQuarterOfTheWhole) {
  const ModelState w = build_state(whole_slice());
  const ModelState q = build_state(quarter_slice());
  std::size_t nq = 0;
  for (int y = 0; y < kHalf; ++y)
    for (int x = 0; x < kHalf; ++x) {
      const auto iq = q.grid.index(x, y, 0);
      ASSERT_EQ(q.tissue.injured[iq], w.tissue.injured[w.grid.index(x + kHalf, y + kHalf, 0)])
          << "voxel " << x << ", " << y;
      nq += q.tissue.injured[iq];
    }
  std::size_t nw = 0;
  for (auto m : w.tissue.injured) nw += m;
  EXPECT_GT(nq, 300u);
  EXPECT_EQ(nw, 4 * nq);
}

TEST(Mirror, QuarterRunDescribesTheWholeSlice) {
  Simulation w(whole_slice(), build_state(whole_slice()));
  Simulation q(quarter_slice(), build_state(quarter_slice()));
  ASSERT_EQ(w.run({}), RunStatus::Finished);
  ASSERT_EQ(q.run({}), RunStatus::Finished);
  const TimeseriesRow rw = w.readouts_row(), rq = q.readouts_row();
  // Extensive readouts are the quarter's own count times 4.
  EXPECT_EQ(value(rq, "cells_total"), 4.0 * static_cast<double>(q.state().cells.size()));
  // Cells: a few thousand in the whole slice, so the random spread of the
  // total is a few per cent; 8 % is about 3 standard deviations of the
  // quarter's count (its own sqrt(N) noise, times 4 copies).
  const double cw = value(rw, "cells_total"), cq = value(rq, "cells_total");
  ASSERT_GT(cw, 2000);
  EXPECT_NEAR(cq / cw, 1.0, 0.08) << "whole " << cw << ", quarter x4 " << cq;
  // Per type (~300 of each in the quarter at day 4: ~6 % noise on the
  // quarter, ~3 % on the whole), 20 % is about 3 standard deviations; a
  // missing or doubled scaling is off by a factor 2 to 4.
  for (const char* type : {"cells_mpc", "cells_macrophage_m1"}) {
    const double a = value(rw, type), b = value(rq, type);
    EXPECT_NEAR(b / a, 1.0, 0.2) << type << ": whole " << a << ", quarter x4 " << b;
  }
  // Lesion means are intensive: no scaling. They follow the cells (O2 uptake,
  // macrophage clearance of necrosis), so they carry some of the same noise
  // (seed 1: O2 3.5 %, pH 0.004, necrosis 0.022 apart).
  EXPECT_NEAR(value(rq, "lesion_o2"), value(rw, "lesion_o2"), 0.1 * value(rw, "lesion_o2"));
  EXPECT_NEAR(value(rq, "lesion_ph"), value(rw, "lesion_ph"), 0.02);
  EXPECT_NEAR(value(rq, "lesion_necrosis"), value(rw, "lesion_necrosis"), 0.06);
}

}  // namespace
}  // namespace hosim
