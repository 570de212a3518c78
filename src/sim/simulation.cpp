#include "sim/simulation.hpp"

#include <cmath>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "biology/hif_memory.hpp"
#include "biology/open_map.hpp"
#include "biology/recruitment.hpp"
#include "biology/rules.hpp"
#include "biology/tissue_kinetics.hpp"
#include "core/errors.hpp"
#include "core/float_env.hpp"
#include "core/reused_storage.hpp"
#include "core/simd_cap.hpp"
#include "core/timer.hpp"
#include "sim/checks.hpp"

namespace hosim {

namespace {

FaceBoundary to_face(BoundaryKind k) {
  return k == BoundaryKind::Dirichlet ? FaceBoundary::Dirichlet : FaceBoundary::ZeroFlux;
}

}  // namespace

Simulation::Simulation(Params params, ModelState state)
    : params_(std::move(params)),
      state_(std::move(state)),
      schedule_(params_),
      readouts_(readout_table()) {
  flush_subnormals_to_zero();
  const double dt = params_.run.cell_step_s;
  // Multi-rate splitting (experiments/ODD.md): recruitment, sources and
  // transport, and tissue kinetics run every `every`-th step, at the first
  // step of each block, with a step of every·dt; the cell rules every step.
  const std::int64_t every = params_.run.cell_steps_per_field_step();
  const double fdt = dt * static_cast<double>(every);
  total_steps_ = steps_for(params_.run.duration_s);
  for (const auto& f : params_.transport.fields) {
    const DiffusionSpec spec{f.diffusion_um2_s, f.decay_per_s, to_face(f.boundary),
                             f.boundary_value};
    FieldStepper st;
    if (f.solver == FieldSolver::QuasiSteady) {
      st.steady.emplace(state_.grid, spec,
                        SteadyOptions{f.steady_tolerance, f.steady_max_iterations});
    } else {
      st.substeps = std::max(1, f.substeps);
      st.transient.emplace(state_.grid, spec, fdt / st.substeps);
    }
    steppers_.push_back(std::move(st));
  }

  // The step, in the order of DESIGN.md §1 (experiments/ODD.md, schedule).
  // Interventions first: they set this step's treatment effects and act at
  // their dose times (an empty schedule leaves the effects neutral).
  scheduler_.add("interventions", [this, dt] { schedule_.step(state_, params_, dt); });
  // The per-voxel work memory the operators borrow in turn (sources_.source
  // and sources_.uptake; see simulation.hpp): sized once, before the first
  // step needs it.
  const std::size_t voxels = state_.grid.size();
  sources_.source.resize(voxels, 0.0);
  sources_.uptake.resize(voxels, 0.0);
  scheduler_.add("cells", [this, dt, voxels] {
    // Every few steps (model/cell_engine.hpp): results do not depend on it.
    if (renumbering_due(state_.step))
      engine_.order_by_voxel(state_, reuse_as<std::uint64_t>(sources_.source, voxels),
                             reuse_as<std::uint32_t>(sources_.uptake, voxels));
    // The progenitors' memory of hypoxia takes in the PO2 they sit in for
    // the step to come (no-op unless cells.mpc.hypoxic_priming > 0).
    update_hif_memory(state_, params_, dt);
    RuleContext ctx(state_, params_, dt);
    if (proposals_.capacity() < state_.cells.size())
      proposals_.reserve(CellStore::grown_capacity(state_.cells.size()));
    proposals_.resize(state_.cells.size());
    propose_all(ctx, proposals_, reuse_as<std::uint32_t>(sources_.uptake, open_map_words(voxels)));
    last_counts_ =
        engine_.apply(state_, proposals_, dt, reuse_as<std::uint32_t>(sources_.uptake, voxels));
  });
  scheduler_.add(
      "recruitment",
      [this, fdt, voxels] {
        recruit(state_, params_, fdt, reuse_as<std::uint8_t>(sources_.source, voxels));
      },
      every);
  // Sources and transport, field by field: each field's sources are computed
  // into one shared buffer just before its own transport, in an order that
  // lets every field's sources see the state at the start of the operator
  // (biology/sources.hpp, transport_order).
  transport_order_ = transport_order(state_);  // the field set is fixed for the run
  scheduler_.add(
      "sources+transport",
      [this, fdt] {
        const int phosphate = state_.field_index("phosphate");
        precipitation_scratch_.active = false;
        // The source and uptake buffers are the fields' own again (the other
        // operators borrowed them).
        (void)reuse_as<double>(sources_.source, sources_.source.size());
        (void)reuse_as<double>(sources_.uptake, sources_.uptake.size());
        for (const int f : transport_order_) {
          compute_field_sources(state_, params_, f, sources_);
          if (f == phosphate)
            add_precipitation_sink(state_, params_, precipitation_scratch_, sources_);
          const auto fi = static_cast<std::size_t>(f);
          auto u = state_.fields[fi].values.span();
          const auto src = sources_.source.span();
          const auto upt = sources_.uptake_span();
          FieldStepper& st = steppers_[fi];
          if (st.steady) {
            try {
              st.steady->solve(u, src, upt);
            } catch (const NumericalError& e) {
              throw NumericalError(fmt::format("field {} [{}] at step {} (day {:.3f}): {}",
                                               state_.fields[fi].name, state_.fields[fi].unit,
                                               state_.step, state_.time_s / 86400.0, e.what()));
            }
          } else {
            for (int k = 0; k < st.substeps; ++k) st.transient->step(u, src, upt);
          }
        }
        bind_bmp_noggin(state_, params_, fdt);
      },
      every);
  // Tissue kinetics, then the mineral the precipitation sink took during
  // transport (calcinosis; inert at normal serum phosphate).
  scheduler_.add(
      "tissue",
      [this, fdt, voxels] {
        // New vessels (4 bytes per voxel), then the neighbour flags (1 byte).
        TissueScratch work{reuse_as<float>(sources_.source, voxels),
                           reuse_as<std::uint8_t>(sources_.source, voxels, voxels * sizeof(float))};
        tissue_step(state_, params_, fdt, work);
        precipitate_step(state_, params_, fdt, precipitation_scratch_);
      },
      every);
  scheduler_.add("checks", [this] {
    // The clock advances before the check so messages name the finished step.
    ++state_.step;
    state_.time_s = static_cast<double>(state_.step) * params_.run.cell_step_s;
    check_fields(state_, params_.checks.negative_tolerance);
  });
}

std::int64_t Simulation::steps_for(double interval_s) const {
  return params_.run.cell_steps_in(interval_s);
}

void Simulation::step() {
  scheduler_.run_step(state_.step);
}

TimeseriesRow Simulation::readouts_row() const {
  TimeseriesRow row;
  row.names.reserve(readouts_.size() + 1);
  row.names.emplace_back("time_days");
  row.units.emplace_back("day");
  row.values.push_back(state_.time_s / 86400.0);
  const ReadoutInput input(state_, params_);
  for (const auto& r : readouts_) {
    row.names.push_back(r.name);
    row.units.push_back(r.unit);
    row.values.push_back(r.compute(input));
  }
  // Each intervention's columns (its level, doses, cells killed ...).
  const auto& names = schedule_.column_names();
  const auto& units = schedule_.column_units();
  const std::vector<double> values = schedule_.column_values(state_);
  row.names.insert(row.names.end(), names.begin(), names.end());
  row.units.insert(row.units.end(), units.begin(), units.end());
  row.values.insert(row.values.end(), values.begin(), values.end());
  return row;
}

RunStatus Simulation::run(const std::vector<Observer*>& observers, const RunControl& control) {
  try {
    return run_loop(observers, control);
  } catch (...) {
    // Let the observers write out what they kept back (time-series rows)
    // before the error ends the run; a failure there must not hide this one.
    for (auto* o : observers) {
      try {
        o->on_abort(state_);
      } catch (const std::exception& e) {
        spdlog::warn("output kept back before the failure could not be written: {}", e.what());
      }
    }
    throw;
  }
}

RunStatus Simulation::run_loop(const std::vector<Observer*>& observers, const RunControl& control) {
  flush_subnormals_to_zero();  // again: the thread count may have changed since construction
  const std::int64_t ts_every = steps_for(params_.output.timeseries_interval_s);
  const std::int64_t snap_every = steps_for(params_.output.snapshot_interval_s);
  const std::int64_t ckpt_every = steps_for(params_.output.checkpoint_interval_s);
  const std::int64_t progress_every = steps_for(params_.output.progress_interval_s);
  const std::int64_t start_step = state_.step;
  Stopwatch wall;

  if (state_.step == 0) {
    const TimeseriesRow row = readouts_row();
    for (auto* o : observers) o->on_timeseries(state_, row);
    for (auto* o : observers) o->on_snapshot(state_);
  }
  // Everything outside step() — readouts, observers (HDF5 snapshots, time
  // series, checkpoints, progress) — is output; --profile reports its share.
  double stepping = 0;
  const auto account = [&] {
    const double total = wall.seconds();
    run_wall_s_ += total;
    output_s_ += total - stepping;
  };
  while (state_.step < total_steps_) {
    const Stopwatch st;
    step();
    stepping += st.seconds();
    const std::int64_t s = state_.step;
    const bool last = s == total_steps_;
    const bool ts = s % ts_every == 0 || last;
    const bool progress = progress_every > 0 && (s % progress_every == 0 || last);
    if (ts || progress) {
      const TimeseriesRow row = readouts_row();
      if (ts)
        for (auto* o : observers) o->on_timeseries(state_, row);
      if (progress) {
        const double frac =
            static_cast<double>(s - start_step) /
            static_cast<double>(std::max<std::int64_t>(1, total_steps_ - start_step));
        for (auto* o : observers) o->on_progress(state_, row, wall.seconds(), frac);
      }
    }
    if (s % snap_every == 0 || last)
      for (auto* o : observers) o->on_snapshot(state_);
    const bool stop = (control.stop_flag != nullptr && control.stop_flag->load()) ||
                      (control.stop_at_step >= 0 && s >= control.stop_at_step);
    if (last) break;
    if (stop || (ckpt_every > 0 && s % ckpt_every == 0))
      for (auto* o : observers) o->on_checkpoint(state_);
    if (stop) {
      account();
      return RunStatus::Stopped;
    }
  }
  // The final checkpoint lets `hosim resume` recognise a finished run.
  for (auto* o : observers) o->on_checkpoint(state_);
  const TimeseriesRow row = readouts_row();
  for (auto* o : observers) o->on_finish(state_, row, wall.seconds());
  account();
  return RunStatus::Finished;
}

std::int64_t Simulation::steady_iterations() const {
  std::int64_t n = 0;
  for (const FieldStepper& s : steppers_)
    if (s.steady) n += s.steady->stats().iterations;
  return n;
}

std::string Simulation::profile_table() const {
  std::string out = scheduler_.profile_table();
  for (std::size_t f = 0; f < steppers_.size(); ++f) {
    if (!steppers_[f].steady) continue;
    const SteadyStats& s = steppers_[f].steady->stats();
    out += fmt::format("quasi-steady {}: {} solves, {:.2f} iterations per solve (max {})\n",
                       state_.fields[f].name, s.solves,
                       s.solves > 0 ? static_cast<double>(s.iterations) / s.solves : 0.0,
                       s.max_iterations_seen);
  }
  if (run_wall_s_ > 0)
    out += fmt::format(
        "output (readouts, snapshots, time series, checkpoints): {:.3f} s, {:.1f}% of the run's "
        "{:.3f} s wall time\n",
        output_s_, 100.0 * output_s_ / run_wall_s_, run_wall_s_);
  // Which kernels the timings above are of (core/simd_cap.hpp).
  out += fmt::format("vector kernels: {}\n", simd_description());
  return out;
}

std::vector<Simulation::MemoryPart> Simulation::memory_parts() const {
  const auto n = static_cast<double>(state_.grid.size());
  if (n == 0) return {};
  double fields = 0, layers = 0, steady = 0;
  for (const auto& f : state_.fields) fields += static_cast<double>(f.values.size() * sizeof(real));
  for (const auto& l : state_.tissue.layers)
    layers += static_cast<double>(l.size() * sizeof(float));
  for (const auto& st : steppers_)
    if (st.steady) steady += static_cast<double>(st.steady->work_bytes());
  const std::vector<std::pair<std::string, double>> parts = {
      {fmt::format("fields ({})", state_.fields.size()), fields},
      // The cell engine, recruitment and tissue kinetics borrow these.
      {"sources and uptake (shared work memory)",
       static_cast<double>((sources_.source.size() + sources_.uptake.size()) * sizeof(double))},
      {fmt::format("tissue layers ({})", state_.tissue.layers.size()), layers},
      {"anatomy and injury labels",
       static_cast<double>(state_.tissue.anatomy.size() + state_.tissue.injured.size())},
      {"occupancy", static_cast<double>(state_.occupancy.size() * sizeof(std::int32_t))},
      {"cell engine work", static_cast<double>(engine_.work_bytes())},
      {"quasi-steady solver work", steady},
      {fmt::format("cells ({} held, capacity {})", state_.cells.size(), state_.cells.id.capacity()),
       static_cast<double>(state_.cells.capacity_bytes())},
      {"cell proposals", static_cast<double>(proposals_.capacity() * sizeof(Proposal))},
  };
  std::vector<MemoryPart> out;
  for (const auto& [what, bytes] : parts) out.push_back({what, bytes / n});
  return out;
}

double Simulation::bytes_per_voxel() const {
  double b = 0;
  for (const auto& p : memory_parts()) b += p.bytes_per_voxel;
  return b;
}

}  // namespace hosim
