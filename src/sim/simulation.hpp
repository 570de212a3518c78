#pragma once
// A simulation: Params, the state, the step operators and the run loop with
// its output schedule.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "biology/precipitation.hpp"
#include "biology/sources.hpp"
#include "biology/tissue_kinetics.hpp"
#include "config/params.hpp"
#include "interventions/schedule.hpp"
#include "model/cell_engine.hpp"
#include "model/observer.hpp"
#include "model/proposal.hpp"
#include "model/state.hpp"
#include "readouts/readouts.hpp"
#include "sim/scheduler.hpp"
#include "transport/lod_solver.hpp"
#include "transport/steady_solver.hpp"

namespace hosim {

enum class RunStatus { Finished, Stopped };

struct RunControl {
  const std::atomic<bool>* stop_flag = nullptr;  // set by SIGTERM/SIGUSR1
  std::int64_t stop_at_step = -1;                // simulate a stop here (tests); -1 = never
};

class Simulation {
 public:
  Simulation(Params params, ModelState state);

  // One cell step through every operator.
  void step();

  // Run to run.duration, calling the observers at their intervals. A fresh run
  // (step 0) first emits the initial time-series row and snapshot. On a stop
  // request, checkpoints and returns Stopped. On an exception, calls each
  // observer's on_abort and rethrows.
  RunStatus run(const std::vector<Observer*>& observers, const RunControl& control = {});

  [[nodiscard]] TimeseriesRow readouts_row() const;
  [[nodiscard]] const ModelState& state() const { return state_; }
  [[nodiscard]] const Params& params() const { return params_; }
  [[nodiscard]] std::int64_t total_steps() const { return total_steps_; }
  [[nodiscard]] std::string profile_table() const;
  // The step's operators with their summed times and calls (the figures of
  // profile_table), and the iterations of the quasi-steady solves so far,
  // summed over fields: benchmarks read them around their timed steps.
  [[nodiscard]] const std::vector<Operator>& operators() const { return scheduler_.operators(); }
  [[nodiscard]] std::int64_t steady_iterations() const;
  // Bytes of state per voxel actually held (fields, tissue, cells, buffers),
  // and the same split by what holds it (the sum is bytes_per_voxel()).
  [[nodiscard]] double bytes_per_voxel() const;
  struct MemoryPart {
    std::string what;
    double bytes_per_voxel;
  };
  [[nodiscard]] std::vector<MemoryPart> memory_parts() const;
  [[nodiscard]] const StepCounts& last_counts() const { return last_counts_; }
  [[nodiscard]] const Schedule& schedule() const { return schedule_; }

 private:
  [[nodiscard]] std::int64_t steps_for(double interval_s) const;
  // run() without the abort path: the stepping and the observers' calls.
  RunStatus run_loop(const std::vector<Observer*>& observers, const RunControl& control);

  Params params_;
  ModelState state_;
  Schedule schedule_;
  Scheduler scheduler_;
  CellEngine engine_;
  std::vector<Proposal> proposals_;
  // The sources of the field being transported (shared by all fields). Its
  // source array, 8 bytes per voxel, is also the work memory the cell engine
  // (renumbering scratch, then claims), recruitment (marks) and tissue
  // kinetics (new vessels, flags) borrow in turn, and its uptake array the
  // cell engine's renumbering order, then its list of acting cells
  // (core/reused_storage.hpp).
  FieldSources sources_;
  std::vector<int> transport_order_;  // biology/sources.hpp, transport_order
  PrecipitationScratch precipitation_scratch_;
  // How each field advances over a cell step: `substeps` LOD steps, or one
  // quasi-steady solve (warm-started from the field as it stands, so the
  // solver holds no state a checkpoint would need).
  struct FieldStepper {
    std::optional<LodSolver> transient;
    std::optional<SteadySolver> steady;
    int substeps = 1;
  };
  std::vector<FieldStepper> steppers_;
  std::vector<Readout> readouts_;
  StepCounts last_counts_;
  double run_wall_s_ = 0;  // wall time inside run(), summed over calls
  double output_s_ = 0;    // of which outside step(): readouts and observers
  std::int64_t total_steps_ = 0;
};

}  // namespace hosim
