#include "sim/simulation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/simd_cap.hpp"
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
  // The table says which vector kernels its timings are of.
  EXPECT_NE(table.find("\nvector kernels: " + simd_description() + "\n"), std::string::npos)
      << table;
}

// What benchmarks read around their timed steps: each operator's calls and
// clock, and the quasi-steady iterations, which profile_table also prints.
TEST(Simulation, OperatorClocksAndSteadyIterationsAreExposed) {
  Params p = small();
  Simulation sim(p, build_state(p));
  EXPECT_EQ(sim.steady_iterations(), 0);
  sim.step();
  sim.step();
  std::vector<std::string> names;
  for (const Operator& o : sim.operators()) {
    names.push_back(o.name);
    EXPECT_EQ(o.calls, 2) << o.name;
    EXPECT_GE(o.seconds, 0) << o.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"interventions", "cells", "recruitment",
                                             "sources+transport", "tissue", "checks"}));
  const std::int64_t iterations = sim.steady_iterations();
  ASSERT_GT(iterations, 0);
  const std::string table = sim.profile_table();
  const std::string line = "quasi-steady o2: 2 solves, ";
  const auto at = table.find(line);
  ASSERT_NE(at, std::string::npos) << table;
  const double per_solve = std::stod(table.substr(at + line.size()));
  EXPECT_NEAR(per_solve, static_cast<double>(iterations) / 2, 0.005) << table;
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

std::vector<double> values(const Simulation& sim, std::size_t field) {
  const auto& v = sim.state().fields[field].values;
  return {v.data(), v.data() + v.size()};
}

// Calls of one operator in the profile table.
std::int64_t calls_of(const Simulation& sim, const std::string& name) {
  const std::string t = sim.profile_table();
  const auto at = t.find("\n" + name + " ");
  if (at == std::string::npos) return -1;
  return std::stoll(t.substr(at + 1 + name.size()));
}

// run.field_step = 3 cell steps: recruitment, transport and tissue run in
// steps 0, 3, 6, ... only (the fields and the haemorrhage stand still in
// between), each time with a 45-min step; the cells run every step.
TEST(Simulation, FieldStepRunsFieldsAndTissueEveryKthStepWithKTimesTheStep) {
  Params p = small();
  p.run.field_step_s = 3 * p.run.cell_step_s;
  Simulation sim(p, build_state(p));
  const auto bmp = static_cast<std::size_t>(sim.state().field_index("bmp"));
  const auto haem = [&] {
    const float* h = sim.state().tissue.layer(TissueLayer::Haemorrhage);
    return std::vector<float>(h, h + sim.state().grid.size());
  };
  auto field = values(sim, bmp);
  auto h = haem();
  for (int k = 0; k < 7; ++k) {
    sim.step();
    const bool field_step = k % 3 == 0;
    EXPECT_EQ(values(sim, bmp) != field, field_step) << "step " << k;
    EXPECT_EQ(haem() != h, field_step) << "step " << k;
    field = values(sim, bmp);
    h = haem();
  }
  EXPECT_EQ(calls_of(sim, "cells"), 7);
  EXPECT_EQ(calls_of(sim, "recruitment"), 3);
  EXPECT_EQ(calls_of(sim, "sources+transport"), 3);
  EXPECT_EQ(calls_of(sim, "tissue"), 3);
  EXPECT_EQ(calls_of(sim, "checks"), 7);
  EXPECT_EQ(sim.state().step, 7);

  // The haemorrhage resorbs exactly as over one 45-min step: the same
  // factor e^{-k dt} as a run whose cell step is 45 min.
  Params q = small();
  q.run.cell_step_s = 3 * p.run.cell_step_s;
  Simulation one(q, build_state(q));
  Simulation three(p, build_state(p));
  one.step();
  three.step();
  const float* a = one.state().tissue.layer(TissueLayer::Haemorrhage);
  const float* b = three.state().tissue.layer(TissueLayer::Haemorrhage);
  const float* h0 = build_state(p).tissue.layer(TissueLayer::Haemorrhage);
  bool any = false;
  for (std::size_t i = 0; i < one.state().grid.size(); ++i) {
    ASSERT_EQ(a[i], b[i]) << "voxel " << i;
    any = any || (h0[i] > 0 && b[i] < h0[i]);
  }
  EXPECT_TRUE(any) << "no haemorrhage to resorb";
}

// A field step equal to the cell step is the plain scheme, bit for bit.
TEST(Simulation, FieldStepOfOneCellStepIsThePlainScheme) {
  Params p = small();
  p.run.duration_s = 0.25 * 86400;
  Params q = p;
  q.run.field_step_s = p.run.cell_step_s;
  Simulation a(p, build_state(p));
  Simulation b(q, build_state(q));
  Recorder ra, rb;
  a.run({&ra});
  b.run({&rb});
  EXPECT_EQ(a.state().cells.voxel, b.state().cells.voxel);
  for (std::size_t f = 0; f < a.state().fields.size(); ++f)
    EXPECT_EQ(values(a, f), values(b, f)) << "field " << f;
}

class ContinuingRun : public ::testing::TestWithParam<int> {};

// Stopped at step 77 (not a field step when the field step is 3 cell
// steps), copied and continued: the same as one run.
TEST_P(ContinuingRun, FromACopiedStateMatchesAnUninterruptedRun) {
  Params p = small();
  p.run.field_step_s = GetParam() * p.run.cell_step_s;
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
INSTANTIATE_TEST_SUITE_P(Simulation, ContinuingRun, ::testing::Values(0, 3));

}  // namespace
}  // namespace hosim
