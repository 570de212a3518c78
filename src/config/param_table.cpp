// The parameter table of the model: every config key with its canonical unit,
// default, range, meaning and source. The run, grid, output, field, injury and
// check keys are here; the HO model's cell types and mechanisms are in
// param_table_ho.cpp. Canonical units are what the Params
// members hold (params.hpp); configs may use any unit of the same dimension.
// Sources cite MODEL.md and the literature named there; "(est.)" marks an
// estimate that should be swept rather than trusted.
#include <cctype>
#include <cmath>
#include <limits>

#include "config/param_table.hpp"
#include "config/param_table_ho.hpp"

namespace hosim {

namespace {

using namespace table_detail;  // kDay, kHour, kMaxTime and the add_* of param_table_ho.cpp

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
  t.add(
      {.key = "run.field_step",
       .unit = "s",
       .display_unit = "min",
       .lo = 0,
       .hi = kDay,
       .meaning = "time step of the fields and the tissue (recruitment, sources and transport, "
                  "BMP-Noggin binding, tissue kinetics): 0 = every cell step; otherwise a "
                  "positive integer multiple of run.cell_step, the cell rules then running "
                  "that many times between field steps (multi-rate splitting, "
                  "experiments/ODD.md)",
       .source = "numerical setting: 0 reproduces the calibration; 1 h runs the default about "
                 "2.2 x as fast, its bone readouts within about twice the seed spread, the "
                 "short-lived signals and immune cells off by up to a fifth (experiments/ODD.md)"},
      [](Params& p) -> double& { return p.run.field_step_s; }, 0.0);
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
  t.add(
      {.key = "grid.mirror",
       .allowed = "list of axes x, y, z (each at most once; z only in 3D)",
       .meaning = "axes whose lower face (coordinate 0) is a mirror plane: the grid is one half, "
                  "quarter or octant of a domain symmetric about those planes, with the injury "
                  "centred on them; every field needs boundary zero_flux (the mirror condition); "
                  "extensive readouts (volumes, masses, cell counts) are multiplied by 2 per "
                  "plane so that they describe the whole domain",
       .source = "numerical setting (symmetry reduction); experiments/ODD.md §2.1"},
      [](Params& p) -> std::vector<std::string>& { return p.grid.mirror; },
      std::vector<std::string>{});
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
       .allowed = "list of 'all' or mesh names (each field, cell_type, anatomy, injured, muscle, "
                  "necrosis, haemorrhage, vessels, fibrous, cartilage, osteoid, mineral, "
                  "maturity, ph, alp) and radiograph (a 2D image under /data/<step>/images)",
       .meaning = "meshes and images written in each snapshot",
       .source = "numerical setting"},
      [](Params& p) -> std::vector<std::string>& { return p.output.fields; },
      std::vector<std::string>{"all"});
  t.add(
      {.key = "output.compression",
       .ilo = 0,
       .ihi = 9,
       .meaning = "deflate level of the snapshot datasets (0 = none); after the shuffle filter, "
                  "level 1 gives files as small as 4 at less write time",
       .source = "numerical setting (12-day default run, 2026-12-04: 12 MB at levels 1 and 4, "
                 "output 0.68 against 0.77 s)"},
      [](Params& p) -> int& { return p.output.compression; }, 1);
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
  add_field_block(t, {.name = "o2",
                      .unit = "mmHg",
                      .description = "oxygen partial pressure",
                      .diffusion_um2_s = 2000,
                      .diffusion_source = "MODEL.md §2: 1.7–3.0e3 µm²/s",
                      .decay_per_s = 0,
                      .decay_source = "none: oxygen is removed by consumption (oxygen.*)",
                      .solver = FieldSolver::QuasiSteady,
                      .solver_source = "O2 relaxes in seconds (dx²/D ≈ 0.2 s per voxel, 1/k ≈ "
                                       "10 s for uptake) against a 15-min cell step; 15-min "
                                       "transient steps smear the hypoxic core "
                                       "(experiments/ODD.md, numerics)",
                      .steady_tolerance = 1e-2,
                      .boundary = BoundaryKind::ZeroFlux,
                      .boundary_value = 45,
                      .initial = 45,
                      .value_source = "normal muscle 38–51 mmHg (MODEL.md §1, Lu 2008)",
                      .value_hi = 760});
  add_field_block(t, {.name = "acid",
                      .unit = "mM",
                      .description = "acid load (lactate, H+) behind the pH",
                      .note = "pH = 7.4 − (acid − acid.reference)/acid.buffer",
                      .diffusion_um2_s = 10,
                      .diffusion_source = "effective mobility of acid in buffered tissue: free "
                                          "lactate ~1000 µm²/s, buffered H+ ~10 µm²/s; the low "
                                          "value keeps the avascular core acidic (est.)",
                      .decay_per_s = 0,
                      .decay_source = "none: acid is removed by perfusion (acid.clearance)",
                      .boundary = BoundaryKind::ZeroFlux,
                      .boundary_value = 20,
                      .initial = 20,
                      .value_source = "= acid.reference: normal perfused tissue at pH 7.4",
                      .value_hi = 1000});
  add_field_block(t, {.name = "bmp",
                      .unit = "nM",
                      .description = "free bone morphogenetic protein",
                      .diffusion_um2_s = 10,
                      .diffusion_source = "MODEL.md §2: 2–100 µm²/s (est.)",
                      .decay_per_s = std::log(2.0) / (12 * kHour),
                      .decay_source = "ln2/12 h: half-life hours to a day (MODEL.md §2) (est.)",
                      .value_source = "no free BMP in uninjured muscle (est.)"});
  add_field_block(t, {.name = "noggin",
                      .unit = "nM",
                      .description = "free Noggin (BMP antagonist)",
                      .diffusion_um2_s = 70,
                      .diffusion_source = "MODEL.md §2: 50–100 µm²/s (est.)",
                      .decay_per_s = std::log(2.0) / (24 * kHour),
                      .decay_source = "ln2/24 h (est.)",
                      .value_source = "no free Noggin in uninjured muscle (est.)"});
  add_field_block(t, {.name = "inflammation",
                      .unit = "nM",
                      .description = "inflammatory signal (PGE2/cytokines)",
                      .diffusion_um2_s = 20,
                      .diffusion_source = "hindered by binding in tissue; with the 1 h half-life "
                                          "the signal reaches about 0.3 mm beyond its source, "
                                          "so recruitment stays at the injury (est.)",
                      .decay_per_s = std::log(2.0) / (1 * kHour),
                      .decay_source = "ln2/1 h: MODEL.md §2: short half-life (est.)",
                      .value_source = "no inflammation in uninjured muscle (est.)"});
  add_field_block(t, {.name = "ros",
                      .unit = "1",
                      .description = "reactive oxygen species index",
                      .diffusion_um2_s = 100,
                      .diffusion_source = "(est.)",
                      .decay_per_s = std::log(2.0) / (30 * 60.0),
                      .decay_source = "ln2/30 min (est.)",
                      .value_source = "ROS index 0 in uninjured muscle (est.)"});
  add_field_block(t,
                  {.name = "phosphate",
                   .unit = "mM",
                   .description = "inorganic phosphate",
                   .diffusion_um2_s = 500,
                   .diffusion_source = "(est.)",
                   .decay_per_s = 0,
                   .decay_source = "none: phosphate is exchanged with blood (phosphate.exchange)",
                   .boundary = BoundaryKind::ZeroFlux,
                   .boundary_value = 1.2,
                   .initial = 1.2,
                   .value_source = "normal serum 0.8–1.45 mM",
                   .value_hi = 20});
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
       .source = "MODEL.md §3.1: an ellipsoidal injury in muscle; size (est.)"},
      [](Params& p) -> std::array<double, 3>& { return p.injury.radii_um; },
      std::array<double, 3>{300, 300, 300});
  t.add(
      {.key = "injury.vessel_damage",
       .lo = 0,
       .hi = 1,
       .meaning = "fraction of the vascular density destroyed inside the injury (1 = an "
                  "ischaemic, avascular lesion; 0 = perfusion preserved)",
       .source = "MODEL.md §3.1: vessels destroyed in the injury"},
      [](Params& p) -> double& { return p.injury.vessel_damage; }, 1.0);
}

// Each host bone is an ellipsoid like the injury; a bone centred outside the
// domain (centre < 0 or > 1) reaches into it with only part of its surface.
void add_host_bone(ParamTable& t, const std::string& bone, const std::string& what,
                   HostBoneParams HostBonesParams::*which) {
  t.add(
      {.key = "host_bone." + bone + ".centre",
       .lo = -10,
       .hi = 10,
       .meaning = "centre of the " + what +
                  " (cortical-bone ellipsoid) as a fraction of the domain along x, y, z; values "
                  "outside [0, 1] put the centre outside the domain",
       .source = "scenario setting (MODEL.md §6: a hip scenario with host bone)"},
      [which](Params& p) -> std::array<double, 3>& { return (p.host_bone.*which).centre_frac; },
      std::array<double, 3>{0.5, 0.5, 0.5});
  t.add(
      {.key = "host_bone." + bone + ".radii",
       .unit = "um",
       .lo = 0,
       .hi = 1e6,
       .meaning = "semi-axes (x, y, z) of the " + what +
                  "; 0 on any axis = no such bone (the default: muscle only)",
       .source = "scenario setting (MODEL.md §6: pelvis and femur for the Brooker grade)"},
      [which](Params& p) -> std::array<double, 3>& { return (p.host_bone.*which).radii_um; },
      std::array<double, 3>{0, 0, 0});
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
  add_host_bone(t, "pelvis", "pelvis", &HostBonesParams::pelvis);
  add_host_bone(t, "femur", "proximal femur", &HostBonesParams::femur);
  add_cells(t);
  add_oxygen(t);
  add_acid(t);
  add_bmp(t);
  add_noggin(t);
  add_inflammation(t);
  add_ros(t);
  add_phosphate(t);
  add_precipitation(t);
  add_vessels(t);
  add_tissue(t);
  add_recruitment(t);
  add_risk(t);
  add_readouts(t);
  add_checks(t);
  return t;
}

}  // namespace

const ParamTable& parameter_table() {
  static const ParamTable table = build_table();
  return table;
}

}  // namespace hosim
