// RunOutput keeps time-series rows back and appends them together: at each
// snapshot, checkpoint and the end, after a cap of rows, and when the run
// ends on an exception (Observer::on_abort, called by Simulation::run).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/errors.hpp"
#include "io/checkpoint.hpp"
#include "io/run_output.hpp"
#include "io_test_support.hpp"
#include "model/scenario.hpp"
#include "sim/simulation.hpp"

namespace hosim {
namespace {

using test::Reader;
using test::ScratchDir;

Params small() {
  Params p = default_params();
  p.grid.nx = 20;
  p.grid.ny = 20;
  p.grid.nz = 1;
  p.run.duration_s = 2 * 86400;
  p.output.snapshot_interval_s = 2 * 86400;
  p.output.timeseries_interval_s = 12 * 3600;
  p.output.checkpoint_interval_s = 2 * 86400;
  return p;
}

Provenance provenance() {
  Provenance prov;
  prov.config_resolved_yaml = "run: {}\n";
  return prov;
}

// Rows of /timeseries/time_days in the file (0 before the first append).
std::vector<double> days_in(const std::string& h5) {
  Reader r(h5);
  if (!r.exists("/timeseries/time_days")) return {};
  return r.read<double>("/timeseries/time_days", H5T_NATIVE_DOUBLE);
}

TimeseriesRow row_at(double day) {
  return {{"time_days", "n"}, {"day", "1"}, {day, 2 * day}};
}

TEST(RunOutput, RowsWaitForTheNextSnapshotOrCheckpoint) {
  ScratchDir dir;
  const Params p = small();
  const ModelState s = build_state(p);
  RunOutput out(dir.path().string(), p, provenance());
  for (int k = 0; k < 3; ++k) out.on_timeseries(s, row_at(0.5 * k));
  EXPECT_EQ(out.pending_rows(), 3U);
  EXPECT_TRUE(days_in(out.h5_path()).empty());

  out.on_snapshot(s);
  EXPECT_EQ(out.pending_rows(), 0U);
  EXPECT_EQ(days_in(out.h5_path()), (std::vector<double>{0.0, 0.5, 1.0}));

  for (int k = 3; k < 5; ++k) out.on_timeseries(s, row_at(0.5 * k));
  out.on_checkpoint(s);
  EXPECT_EQ(days_in(out.h5_path()), (std::vector<double>{0.0, 0.5, 1.0, 1.5, 2.0}));
  // The checkpoint counts the rows the file holds, which a resume keeps.
  EXPECT_EQ(read_checkpoint(out.checkpoint_path()).meta.timeseries_rows, 5U);
  EXPECT_EQ(test::open_hdf5_objects(), 0);
}

TEST(RunOutput, AFullBufferIsWrittenWithoutWaiting) {
  ScratchDir dir;
  const Params p = small();
  const ModelState s = build_state(p);
  RunOutput out(dir.path().string(), p, provenance());
  const std::size_t cap = RunOutput::kMaxPendingRows;
  for (std::size_t k = 0; k + 1 < cap; ++k) out.on_timeseries(s, row_at(static_cast<double>(k)));
  EXPECT_TRUE(days_in(out.h5_path()).empty());
  out.on_timeseries(s, row_at(static_cast<double>(cap - 1)));
  EXPECT_EQ(out.pending_rows(), 0U);
  const auto days = days_in(out.h5_path());
  ASSERT_EQ(days.size(), cap);
  EXPECT_EQ(days.back(), static_cast<double>(cap - 1));
}

// Fails the run at its n-th time-series row, as a numerical check would.
class FailAtRow : public Observer {
 public:
  explicit FailAtRow(int n) : n_(n) {}
  void on_timeseries(const ModelState& s, const TimeseriesRow&) override {
    if (++rows_ == n_)
      throw NumericalError("test failure at day " + std::to_string(s.time_s / 86400));
  }
  void on_abort(const ModelState&) override { ++aborts; }
  int aborts = 0;

 private:
  int n_;
  int rows_ = 0;
};

class AbortFails : public Observer {
 public:
  void on_abort(const ModelState&) override { throw IoError("disk full (test)"); }
};

// A run that ends on an error still leaves in run.h5 the rows computed before
// it: the step-0 row went out with the first snapshot, the next three were
// kept back and are written by on_abort. An observer failing in on_abort does
// not replace the run's own error.
TEST(RunOutput, ARunEndingOnAnErrorKeepsItsRows) {
  ScratchDir dir;
  const Params p = small();
  Simulation sim(p, build_state(p));
  RunOutput out(dir.path().string(), p, provenance());
  FailAtRow fail(4);  // rows at day 0, 0.5, 1, 1.5: fails at 1.5
  AbortFails broken;
  EXPECT_THROW((void)sim.run({&out, &broken, &fail}), NumericalError);
  EXPECT_EQ(fail.aborts, 1);
  EXPECT_EQ(days_in(out.h5_path()), (std::vector<double>{0.0, 0.5, 1.0, 1.5}));
  EXPECT_EQ(test::open_hdf5_objects(), 0);
}

}  // namespace
}  // namespace hosim
