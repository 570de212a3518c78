#pragma once
// Observers see the state at output times and never write into it (DESIGN.md
// §1). The run loop calls them; io implements the HDF5 one.
#include <string>
#include <vector>

#include "model/state.hpp"

namespace hosim {

struct TimeseriesRow {
  std::vector<std::string> names;  // "time_days" first
  std::vector<std::string> units;
  std::vector<double> values;
};

class Observer {
 public:
  virtual ~Observer() = default;
  virtual void on_timeseries(const ModelState& /*s*/, const TimeseriesRow& /*row*/) {}
  virtual void on_snapshot(const ModelState& /*s*/) {}
  // Write everything needed to continue from this state.
  virtual void on_checkpoint(const ModelState& /*s*/) {}
  // The run is about to end on an exception (a numerical failure, an I/O
  // error): write out what earlier calls kept back. The state may be half
  // stepped: read from it only what was there at the last earlier call (the
  // run output reads the intervention log up to its length then). An
  // exception from here is reported and the original one goes on.
  virtual void on_abort(const ModelState& /*s*/) {}
  // The run reached its end (not called when stopped early).
  virtual void on_finish(const ModelState& /*s*/, const TimeseriesRow& /*last*/,
                         double /*wall_s*/) {}
  // Progress report at the progress interval.
  virtual void on_progress(const ModelState& /*s*/, const TimeseriesRow& /*row*/, double /*wall_s*/,
                           double /*fraction_done*/) {}
};

}  // namespace hosim
