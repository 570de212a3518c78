#include "sim/simulation.hpp"

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "model/scenario.hpp"

namespace hosim {
namespace {

class Recorder : public Observer {
 public:
  std::vector<double> ts_days, snap_days, ckpt_days;
  void on_timeseries(const ModelState& s, const TimeseriesRow&) override {
    ts_days.push_back(s.time_s / 86400);
  }
  void on_snapshot(const ModelState& s) override { snap_days.push_back(s.time_s / 86400); }
  void on_checkpoint(const ModelState& s) override { ckpt_days.push_back(s.time_s / 86400); }
};

Params small() {
  Params p = default_params();
  p.grid.nx = 30;
  p.grid.ny = 30;
  p.grid.nz = 1;
  p.run.duration_s = 2 * 86400;
  p.output.snapshot_interval_s = 86400;
  p.output.timeseries_interval_s = 12 * 3600;
  p.output.checkpoint_interval_s = 86400;
  return p;
}

TEST(Simulation, OperatorsRunInTheDocumentedOrder) {
  Params p = small();
  Simulation sim(p, build_state(p));
  sim.step();
  const std::string table = sim.profile_table();
  const auto cells = table.find("cells"), recruitment = table.find("recruitment"),
             transport = table.find("sources+transport"), tissue = table.find("tissue"),
             checks = table.find("checks");
  ASSERT_NE(cells, std::string::npos);
  ASSERT_NE(transport, std::string::npos);
  EXPECT_LT(cells, recruitment);
  EXPECT_LT(recruitment, transport);
  EXPECT_LT(transport, tissue);
  EXPECT_LT(tissue, checks);
  EXPECT_EQ(sim.state().step, 1);
}

TEST(Simulation, ObserversAreCalledAtTheirIntervals) {
  Params p = small();
  Simulation sim(p, build_state(p));
  Recorder r;
  EXPECT_EQ(sim.run({&r}), RunStatus::Finished);
  EXPECT_EQ(r.ts_days, (std::vector<double>{0, 0.5, 1, 1.5, 2}));
  EXPECT_EQ(r.snap_days, (std::vector<double>{0, 1, 2}));
  EXPECT_EQ(r.ckpt_days, (std::vector<double>{1, 2}));  // interval, then the final one
}

TEST(Simulation, StopRequestCheckpointsAndReturnsStopped) {
  Params p = small();
  Simulation sim(p, build_state(p));
  Recorder r;
  RunControl c;
  c.stop_at_step = 10;
  EXPECT_EQ(sim.run({&r}, c), RunStatus::Stopped);
  EXPECT_EQ(sim.state().step, 10);
  ASSERT_EQ(r.ckpt_days.size(), 1u);
  EXPECT_DOUBLE_EQ(r.ckpt_days[0], 10 * 900.0 / 86400);
}

TEST(Simulation, ContinuingFromACopiedStateMatchesAnUninterruptedRun) {
  Params p = small();
  Simulation a(p, build_state(p));
  Recorder ra;
  a.run({&ra});
  Simulation b(p, build_state(p));
  RunControl c;
  c.stop_at_step = 77;
  Recorder rb;
  b.run({&rb}, c);
  Simulation b2(p, b.state());  // as a checkpoint would restore it
  b2.run({&rb});
  EXPECT_EQ(a.state().cells.id, b2.state().cells.id);
  EXPECT_EQ(a.state().cells.voxel, b2.state().cells.voxel);
  const auto& fa = a.state().fields[0].values;
  const auto& fb = b2.state().fields[0].values;
  ASSERT_EQ(fa.size(), fb.size());
  for (std::size_t i = 0; i < fa.size(); ++i) ASSERT_EQ(fa[i], fb[i]) << "voxel " << i;
}

}  // namespace
}  // namespace hosim
