#pragma once
// Typed parameters, one plain struct per module. Every member holds its value
// in the canonical unit written beside it (converted once at load). Defaults,
// ranges, meanings and sources live in one table (param_table.cpp), from
// which `hosim params` and configs/PARAMETERS.md are generated; the member
// initialisers here are only a fallback and are overwritten from that table.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace hosim {

struct RunParams {
  std::string name = "run";        // scenario name; default output folder results/<name>
  std::uint64_t seed = 1;          // root of every random stream
  double duration_s = 60 * 86400;  // simulated time after injury [s]
  double cell_step_s = 900;        // cell-rule step [s]
};

struct GridParams {
  int nx = 64;
  int ny = 64;
  int nz = 1;
  double voxel_um = 20;                      // voxel edge [µm]
  std::array<double, 3> origin_um{0, 0, 0};  // lower corner (x, y, z) [µm]
};

struct OutputParams {
  double snapshot_interval_s = 86400;    // 3D snapshots [s]
  double timeseries_interval_s = 21600;  // time-series samples [s]
  double checkpoint_interval_s =
      10 * 86400;                          // checkpoint.h5 rewrite [s]; 0 = only at the end/signal
  std::vector<std::string> fields{"all"};  // which meshes a snapshot holds ("all" or names)
  int compression = 4;                     // deflate level 0–9
  bool float64 = false;                    // snapshots in float64 instead of float32
  double progress_interval_s = 86400;      // simulated time between progress lines [s]
};

enum class BoundaryKind { ZeroFlux, Dirichlet };

// One diffusing field. The set of fields is fixed by the model; each has the
// same block of keys under fields.<name>.
struct FieldParams {
  std::string name;             // key under fields.
  std::string unit;             // unit of the concentration (e.g. nM)
  double diffusion_um2_s = 10;  // diffusion coefficient [µm²/s]
  double decay_per_s = 0;       // first-order decay [1/s]
  int substeps = 1;             // transport sub-steps per cell step
  BoundaryKind boundary = BoundaryKind::ZeroFlux;
  double boundary_value = 0;  // Dirichlet value [unit]
  double initial = 0;         // initial value everywhere [unit]
};

struct TransportParams {
  std::vector<FieldParams> fields;  // in model order; see param_table.cpp
};

// The injury placed by the scenario (an ellipsoid in muscle).
struct InjuryParams {
  std::array<double, 3> centre_frac{0.5, 0.5, 0.5};  // centre as a fraction of the domain [1]
  std::array<double, 3> radii_um{300, 300, 300};     // semi-axes [µm]
  double factor_burst_nM = 5;                // factor released into the injury at t = 0 [nM]
  double factor_release_nM_s = 2e-4;         // continued release inside the injury [nM/s]
  double factor_release_tau_s = 10 * 86400;  // e-folding time of that release [s]
  double mpc_density_injury = 0.05;  // fraction of injured voxels seeded with progenitors [1]
  double mpc_density_muscle = 0.01;  // fraction of other voxels seeded with progenitors [1]
};

// The minimal model's progenitor population (replaced by the biology issue).
struct ProgenitorParams {
  double doubling_time_s = 14.5 * 3600;          // cycle time when stimulated [s]
  double quiescent_doubling_time_s = 48 * 3600;  // cycle time without factor [s]
  double half_max_factor_nM = 0.5;               // factor for half-maximal stimulation [nM]
  double speed_um_s = 30.0 / 3600;               // migration speed [µm/s]
  double chemotaxis = 0.5;                       // bias of moves up the factor gradient [1]
  double death_rate_per_s = 0.05 / 86400;        // apoptosis [1/s]
  double min_commit_age_s = 6 * 86400;           // minimum age before commitment [s]
  double commit_rate_per_s = 0.3 / 86400;        // commitment rate above threshold [1/s]
  double commit_threshold_nM = 1.0;              // factor needed to commit [nM]
  double factor_uptake_per_s = 1e-6;             // receptor-mediated uptake by a cell [1/s]
};

struct CommittedParams {                   // committed (osteoblast-like) cells of the minimal model
  double death_rate_per_s = 0.16 / 86400;  // apoptosis [1/s]
  double factor_secretion_nM_s = 2e-5;     // factor made per cell voxel [nM/s]
};

struct CellParams {
  ProgenitorParams mpc;
  CommittedParams committed;
};

struct CheckParams {
  double negative_tolerance = 1e-9;  // concentrations below -tol (relative to max) fail [1]
};

struct Params {
  RunParams run;
  GridParams grid;
  OutputParams output;
  TransportParams transport;
  InjuryParams injury;
  CellParams cells;
  CheckParams checks;

  [[nodiscard]] const FieldParams* field(const std::string& name) const {
    for (const auto& f : transport.fields)
      if (f.name == name) return &f;
    return nullptr;
  }
};

}  // namespace hosim
