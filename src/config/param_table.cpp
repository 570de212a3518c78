// The parameter table of the model: every config key with its canonical unit,
// default, range, meaning and source. Canonical units are what the Params
// members hold (params.hpp); configs may use any unit of the same dimension.
// Sources cite MODEL.md and the literature named there; "(est.)" marks an
// estimate that should be swept rather than trusted.
#include <cctype>
#include <cmath>
#include <limits>

#include "config/param_table.hpp"

namespace hosim {

namespace {

constexpr double kDay = 86400;
constexpr double kHour = 3600;
constexpr double kMaxTime = 3650 * kDay;  // ten years: longer runs are not meaningful here

// run.name becomes a folder name (results/<name>), so keep it portable.
std::string check_run_name(const std::string& s) {
  if (s.empty() || s.size() > 100) return "must have 1 to 100 characters";
  if (s.front() == '.' || s.front() == '-') return "must not start with '.' or '-'";
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_' && c != '-' && c != '.')
      return "may contain only letters, digits, '_', '-' and '.'";
  return {};
}

void add_run(ParamTable& t) {
  t.add(
      {.key = "run.name",
       .allowed = "letters, digits, '_', '-', '.' (1-100 characters)",
       .meaning = "scenario name; the default output folder is results/<name>",
       .source = "numerical setting",
       .check_text = check_run_name},
      [](Params& p) -> std::string& { return p.run.name; }, std::string("run"));
  t.add(
      {.key = "run.seed",
       .ilo = 0,
       .ihi = std::numeric_limits<std::int64_t>::max(),
       .meaning = "root of every random stream; same seed and config give identical results",
       .source = "numerical setting"},
      [](Params& p) -> std::uint64_t& { return p.run.seed; }, 1);
  t.add(
      {.key = "run.duration",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = kMaxTime,
       .lo_open = true,
       .meaning = "simulated time after the injury; a positive multiple of run.cell_step",
       .source = "MODEL.md §2: 60 days by default; runs of a year must work"},
      [](Params& p) -> double& { return p.run.duration_s; }, 60 * kDay);
  t.add(
      {.key = "run.cell_step",
       .unit = "s",
       .display_unit = "min",
       .lo = 1,
       .hi = kDay,
       .meaning = "time step of the cell rules; every output interval is a multiple of it",
       .source = "MODEL.md §2: a cell step of minutes, default 15 min"},
      [](Params& p) -> double& { return p.run.cell_step_s; }, 15 * 60.0);
}

void add_grid(ParamTable& t) {
  t.add(
      {.key = "grid.nx",
       .ilo = 3,
       .ihi = 100000,
       .meaning = "voxels along x",
       .source = "numerical setting"},
      [](Params& p) -> int& { return p.grid.nx; }, 64);
  t.add(
      {.key = "grid.ny",
       .ilo = 3,
       .ihi = 100000,
       .meaning = "voxels along y",
       .source = "numerical setting"},
      [](Params& p) -> int& { return p.grid.ny; }, 64);
  t.add(
      {.key = "grid.nz",
       .ilo = 1,
       .ihi = 100000,
       .meaning = "voxels along z; 1 gives a 2D slice",
       .source = "MODEL.md §2: nz = 1 gives a 2D slice (teaching, fast tests)"},
      [](Params& p) -> int& { return p.grid.nz; }, 1);
  t.add(
      {.key = "grid.voxel",
       .unit = "um",
       .lo = 10,
       .hi = 100,
       .meaning = "edge of a cubic voxel; at most one cell per voxel",
       .source = "MODEL.md §2: default edge 20 µm, settable 10-100 µm"},
      [](Params& p) -> double& { return p.grid.voxel_um; }, 20.0);
  t.add(
      {.key = "grid.origin",
       .unit = "um",
       .lo = -1e6,
       .hi = 1e6,
       .meaning = "lower corner (x, y, z) of the domain, for output coordinates",
       .source = "numerical setting"},
      [](Params& p) -> std::array<double, 3>& { return p.grid.origin_um; },
      std::array<double, 3>{0, 0, 0});
}

void add_output(ParamTable& t) {
  t.add(
      {.key = "output.snapshot_interval",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = kMaxTime,
       .lo_open = true,
       .meaning = "simulated time between 3D snapshots in run.h5; a multiple of run.cell_step",
       .source = "numerical setting"},
      [](Params& p) -> double& { return p.output.snapshot_interval_s; }, kDay);
  t.add(
      {.key = "output.timeseries_interval",
       .unit = "s",
       .display_unit = "h",
       .lo = 0,
       .hi = kMaxTime,
       .lo_open = true,
       .meaning = "simulated time between time-series samples; a multiple of run.cell_step",
       .source = "numerical setting"},
      [](Params& p) -> double& { return p.output.timeseries_interval_s; }, 6 * kHour);
  t.add(
      {.key = "output.checkpoint_interval",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = kMaxTime,
       .meaning = "simulated time between checkpoint.h5 rewrites; 0 = only at the end or on a "
                  "signal; otherwise a multiple of run.cell_step",
       .source = "numerical setting"},
      [](Params& p) -> double& { return p.output.checkpoint_interval_s; }, 10 * kDay);
  t.add(
      {.key = "output.fields",
       .allowed = "list of 'all' or mesh names (each field, cell_type, anatomy, injured)",
       .meaning = "meshes written in each snapshot",
       .source = "numerical setting"},
      [](Params& p) -> std::vector<std::string>& { return p.output.fields; },
      std::vector<std::string>{"all"});
  t.add(
      {.key = "output.compression",
       .ilo = 0,
       .ihi = 9,
       .meaning = "deflate level of the snapshot datasets (0 = none)",
       .source = "numerical setting"},
      [](Params& p) -> int& { return p.output.compression; }, 4);
  t.add(
      {.key = "output.float64",
       .meaning = "write snapshots in float64 instead of float32",
       .source = "numerical setting"},
      [](Params& p) -> bool& { return p.output.float64; }, false);
  t.add(
      {.key = "output.progress_interval",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = kMaxTime,
       .lo_open = true,
       .meaning = "simulated time between progress lines on stderr; a multiple of run.cell_step",
       .source = "numerical setting (DESIGN.md §3: one line per simulated day or so)"},
      [](Params& p) -> double& { return p.output.progress_interval_s; }, kDay);
}

void add_fields(ParamTable& t) {
  add_field_block(
      t, {.name = "factor",
          .unit = "nM",
          .description = "BMP-like inducing factor",
          .diffusion_um2_s = 10,
          .diffusion_source = "MODEL.md §2: BMP effective D in tissue hindered, about 2-100 µm²/s, "
                              "default around 10 (est.)",
          .decay_per_s = std::log(2.0) / (12 * kHour),
          .decay_source = "MODEL.md §2: BMP local half-life hours to a day; 12 h chosen (est.)",
          .substeps = 1,
          .boundary = BoundaryKind::ZeroFlux,
          .boundary_value = 0,
          .initial = 0,
          .value_source = "no inducing factor in uninjured muscle (est.)",
          .value_lo = 0,
          .value_hi = 1e6});
}

void add_injury(ParamTable& t) {
  t.add(
      {.key = "injury.centre",
       .lo = 0,
       .hi = 1,
       .meaning = "centre of the injury ellipsoid as a fraction of the domain along x, y, z",
       .source = "scenario setting (MODEL.md §3.1)"},
      [](Params& p) -> std::array<double, 3>& { return p.injury.centre_frac; },
      std::array<double, 3>{0.5, 0.5, 0.5});
  t.add(
      {.key = "injury.radii",
       .unit = "um",
       .lo = 0,
       .hi = 1e6,
       .lo_open = true,
       .meaning = "semi-axes (x, y, z) of the injury ellipsoid",
       .source = "MODEL.md §3.1: an ellipsoidal injury in muscle; size of the minimal scenario "
                 "(est.)"},
      [](Params& p) -> std::array<double, 3>& { return p.injury.radii_um; },
      std::array<double, 3>{300, 300, 300});
  t.add(
      {.key = "injury.factor_burst",
       .unit = "nM",
       .lo = 0,
       .hi = 1e6,
       .meaning = "inducing factor released into the injured voxels at t = 0",
       .source = "MODEL.md §3.1: a burst of BMP released at injury; amount (est.)"},
      [](Params& p) -> double& { return p.injury.factor_burst_nM; }, 5.0);
  t.add(
      {.key = "injury.factor_release",
       .unit = "nM/s",
       .lo = 0,
       .hi = 1e3,
       .meaning = "continued release of the inducing factor inside the injury (initial rate)",
       .source = "MODEL.md §2: BMP released by injured tissue; rate (est.)"},
      [](Params& p) -> double& { return p.injury.factor_release_nM_s; }, 2e-4);
  t.add(
      {.key = "injury.factor_release_tau",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = kMaxTime,
       .lo_open = true,
       .meaning = "e-folding time of the continued release",
       .source = "MODEL.md §3.2–3.3: inflammation and macrophage BMP over 1–2 weeks (est.)"},
      [](Params& p) -> double& { return p.injury.factor_release_tau_s; }, 10 * kDay);
  t.add(
      {.key = "injury.mpc_density_injury",
       .lo = 0,
       .hi = 1,
       .meaning = "fraction of injured voxels seeded with progenitors at t = 0",
       .source = "MODEL.md §3.1: haemorrhage delivers MPCs into the injury; density (est.)"},
      [](Params& p) -> double& { return p.injury.mpc_density_injury; }, 0.05);
  t.add(
      {.key = "injury.mpc_density_muscle",
       .lo = 0,
       .hi = 1,
       .meaning = "fraction of the other voxels seeded with resident progenitors at t = 0",
       .source = "MODEL.md §3.1: resident MPCs at low density in muscle; density (est.)"},
      [](Params& p) -> double& { return p.injury.mpc_density_muscle; }, 0.01);
}

void add_progenitors(ParamTable& t) {
  t.add(
      {.key = "cells.mpc.doubling_time",
       .unit = "s",
       .display_unit = "h",
       .lo = kHour,
       .hi = kMaxTime,
       .meaning = "progenitor cycle time when fully stimulated by the inducing factor",
       .source = "MODEL.md §3.4: doubling about 14.5 h in vivo in the active phase"},
      [](Params& p) -> double& { return p.cells.mpc.doubling_time_s; }, 14.5 * kHour);
  t.add(
      {.key = "cells.mpc.quiescent_doubling_time",
       .unit = "s",
       .display_unit = "h",
       .lo = kHour,
       .hi = kMaxTime,
       .meaning = "progenitor cycle time without the inducing factor",
       .source = "MODEL.md §3.4: 24-48 h in slower phases"},
      [](Params& p) -> double& { return p.cells.mpc.quiescent_doubling_time_s; }, 48 * kHour);
  t.add(
      {.key = "cells.mpc.half_max_factor",
       .unit = "nM",
       .lo = 0,
       .hi = 1e6,
       .lo_open = true,
       .meaning = "inducing factor giving half-maximal proliferative stimulation",
       .source = "minimal-model setting (est.)"},
      [](Params& p) -> double& { return p.cells.mpc.half_max_factor_nM; }, 0.5);
  t.add(
      {.key = "cells.mpc.speed",
       .unit = "um/s",
       .display_unit = "um/h",
       .lo = 0,
       .hi = 1,
       .meaning = "progenitor migration speed; speed * run.cell_step / grid.voxel is the hop "
                  "probability and must be <= 1",
       .source = "MODEL.md §3.4: migrate about 30 µm/h"},
      [](Params& p) -> double& { return p.cells.mpc.speed_um_s; }, 30.0 / kHour);
  t.add(
      {.key = "cells.mpc.chemotaxis",
       .lo = 0,
       .hi = 1,
       .meaning = "bias of progenitor moves up the inducing-factor gradient (0 = random walk)",
       .source = "MODEL.md §3.4: random migration with chemotaxis up BMP gradients; bias (est.)"},
      [](Params& p) -> double& { return p.cells.mpc.chemotaxis; }, 0.5);
  t.add(
      {.key = "cells.mpc.death_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 1,
       .meaning = "progenitor apoptosis rate",
       .source = "MODEL.md §3.4: about 0.05 per day (est.)"},
      [](Params& p) -> double& { return p.cells.mpc.death_rate_per_s; }, 0.05 / kDay);
  t.add(
      {.key = "cells.mpc.min_commit_age",
       .unit = "s",
       .display_unit = "day",
       .lo = 0,
       .hi = kMaxTime,
       .meaning = "minimum progenitor age before osteogenic commitment",
       .source = "MODEL.md §3.5: about 6 days, from fracture-healing lattice models"},
      [](Params& p) -> double& { return p.cells.mpc.min_commit_age_s; }, 6 * kDay);
  t.add(
      {.key = "cells.mpc.commit_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 1,
       .meaning = "commitment rate of an old-enough progenitor above the factor threshold",
       .source = "MODEL.md §3.5: about 30 %/day, from fracture-healing lattice models"},
      [](Params& p) -> double& { return p.cells.mpc.commit_rate_per_s; }, 0.3 / kDay);
  t.add(
      {.key = "cells.mpc.commit_threshold",
       .unit = "nM",
       .lo = 0,
       .hi = 1e6,
       .meaning = "inducing factor needed for commitment",
       .source = "MODEL.md §3.5: commitment needs BMP signalling; threshold (est.)"},
      [](Params& p) -> double& { return p.cells.mpc.commit_threshold_nM; }, 1.0);
  t.add(
      {.key = "cells.mpc.factor_uptake",
       .unit = "1/s",
       .lo = 0,
       .hi = 1,
       .meaning = "first-order uptake of the inducing factor by a progenitor in its voxel",
       .source = "receptor-mediated uptake of BMP by progenitors (est.)"},
      [](Params& p) -> double& { return p.cells.mpc.factor_uptake_per_s; }, 1e-6);
}

void add_committed(ParamTable& t) {
  t.add(
      {.key = "cells.committed.death_rate",
       .unit = "1/s",
       .display_unit = "1/day",
       .lo = 0,
       .hi = 1,
       .meaning = "apoptosis rate of committed (osteoblast-like) cells",
       .source = "MODEL.md §3.6: osteoblast apoptosis about 0.16 per day"},
      [](Params& p) -> double& { return p.cells.committed.death_rate_per_s; }, 0.16 / kDay);
  t.add(
      {.key = "cells.committed.factor_secretion",
       .unit = "nM/s",
       .lo = 0,
       .hi = 1e3,
       .meaning = "inducing factor made by a committed cell in its voxel",
       .source = "MODEL.md §3.6: osteoblasts make BMP; rate (est.)"},
      [](Params& p) -> double& { return p.cells.committed.factor_secretion_nM_s; }, 2e-5);
}

void add_checks(ParamTable& t) {
  t.add(
      {.key = "checks.negative_tolerance",
       .lo = 0,
       .hi = 1,
       .meaning = "a concentration below -tolerance * (field maximum) stops the run (exit 4)",
       .source = "numerical setting"},
      [](Params& p) -> double& { return p.checks.negative_tolerance; }, 1e-9);
}

ParamTable build_table() {
  ParamTable t;
  add_run(t);
  add_grid(t);
  add_output(t);
  add_fields(t);
  add_injury(t);
  add_progenitors(t);
  add_committed(t);
  add_checks(t);
  return t;
}

}  // namespace

const ParamTable& parameter_table() {
  static const ParamTable table = build_table();
  return table;
}

}  // namespace hosim
