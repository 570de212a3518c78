#pragma once
// Typed parameters, one plain struct per module. Every member holds its value
// in the canonical unit written beside it (converted once at load). Defaults,
// ranges, meanings and sources live in one table (param_table.cpp), from
// which `hosim params` and configs/PARAMETERS.md are generated; the member
// initialisers here are only a fallback and are overwritten from that table.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "config/ho_params.hpp"

namespace hosim {

struct RunParams {
  std::string name = "run";        // scenario name; default output folder results/<name>
  std::uint64_t seed = 1;          // root of every random stream
  double duration_s = 60 * 86400;  // simulated time after injury [s]
  double cell_step_s = 900;        // cell-rule step [s]
  // Step of the fields and the tissue (recruitment, sources and transport,
  // tissue kinetics) [s]: a multiple of cell_step; 0 = cell_step.
  double field_step_s = 0;

  // Cell steps in an interval: the nearest whole number, at least 1; 0 for
  // an interval of 0 or less (off). Output intervals and the field step.
  [[nodiscard]] std::int64_t cell_steps_in(double interval_s) const {
    if (interval_s <= 0) return 0;
    return std::max<std::int64_t>(1, std::llround(interval_s / cell_step_s));
  }
  // Cell steps per field step (1 when field_step_s is 0).
  [[nodiscard]] std::int64_t cell_steps_per_field_step() const {
    return field_step_s > 0 ? cell_steps_in(field_step_s) : 1;
  }
};

struct GridParams {
  int nx = 64;
  int ny = 64;
  int nz = 1;
  double voxel_um = 20;                      // voxel edge [µm]
  std::array<double, 3> origin_um{0, 0, 0};  // lower corner (x, y, z) [µm]
  // Axes ("x", "y", "z") whose lower face is a mirror plane: the domain is
  // one half (quarter, octant) of a domain symmetric about those planes.
  std::vector<std::string> mirror{};
};

// Whether `axis` (0 = x, 1 = y, 2 = z) has a mirror plane at its lower face.
[[nodiscard]] bool mirrored(const GridParams& g, int axis);

// Copies of the simulated domain in the whole symmetric one: 2 per mirror
// plane. Extensive readouts (volumes, masses, cell counts) are multiplied
// by it so that they describe the whole lesion.
[[nodiscard]] double mirror_copies(const GridParams& g);

struct OutputParams {
  double snapshot_interval_s = 86400;    // 3D snapshots [s]
  double timeseries_interval_s = 21600;  // time-series samples [s]
  double checkpoint_interval_s =
      10 * 86400;                          // checkpoint.h5 rewrite [s]; 0 = only at the end/signal
  std::vector<std::string> fields{"all"};  // which meshes a snapshot holds ("all" or names)
  int compression = 1;                     // deflate level 0–9
  bool float64 = false;                    // snapshots in float64 instead of float32
  double progress_interval_s = 86400;      // simulated time between progress lines [s]
};

enum class BoundaryKind { ZeroFlux, Dirichlet };

// How a field is advanced over a cell step: transient (implicit LOD time
// steps, transport/lod_solver.hpp) or quasi-steady (solved to its steady
// state with the step's sources and sinks, transport/steady_solver.hpp) for
// fields that relax much faster than the cell step.
enum class FieldSolver { Transient, QuasiSteady };

// One diffusing field. The set of fields is fixed by the model; each has the
// same block of keys under fields.<name>.
struct FieldParams {
  std::string name;             // key under fields.
  std::string unit;             // unit of the concentration (e.g. nM)
  double diffusion_um2_s = 10;  // diffusion coefficient [µm²/s]
  double decay_per_s = 0;       // first-order decay [1/s]
  int substeps = 1;             // transport sub-steps per cell step (transient)
  FieldSolver solver = FieldSolver::Transient;
  double steady_tolerance = 1e-3;  // max |residual| of a quasi-steady solve [unit/s]
  int steady_max_iterations = 200;
  BoundaryKind boundary = BoundaryKind::ZeroFlux;
  double boundary_value = 0;  // Dirichlet value [unit]
  double initial = 0;         // initial value everywhere [unit]
};

struct TransportParams {
  std::vector<FieldParams> fields;  // in model order; see param_table.cpp
};

// The injury placed by the scenario: an ellipsoid of necrotic, haemorrhagic,
// devascularised muscle (MODEL.md §3.1).
struct InjuryParams {
  std::array<double, 3> centre_frac{0.5, 0.5, 0.5};  // injury.centre | fraction of the domain [1]
  std::array<double, 3> radii_um{300, 300, 300};     // injury.radii | semi-axes [µm]
  double vessel_damage =
      1.0;  // injury.vessel_damage | 1 | [0, 1] | vessels destroyed in the injury
};

// Host bone of the skeleton (MODEL.md §2 anatomy label, §6 hip scenario): a
// cortical-bone ellipsoid, absent while any semi-axis is 0. Its voxels are
// labelled Anatomy::CorticalBone: closed to cells, perfused, never injured,
// never counted as heterotopic bone.
struct HostBoneParams {
  std::array<double, 3> centre_frac{0.5, 0.5, 0.5};  // host_bone.<bone>.centre | fraction [1]
  std::array<double, 3> radii_um{0, 0, 0};           // host_bone.<bone>.radii | semi-axes [µm]
  [[nodiscard]] bool present() const {
    return radii_um[0] > 0 && radii_um[1] > 0 && radii_um[2] > 0;
  }
};

// The two host bones of the hip (pelvis and proximal femur) between which
// the Brooker grade measures heterotopic bone (MODEL.md §5).
struct HostBonesParams {
  HostBoneParams pelvis;
  HostBoneParams femur;
  [[nodiscard]] bool any() const { return pelvis.present() || femur.present(); }
};

// Per cell type. Comments: config key | default | range | meaning | source.
struct ProgenitorParams {
  double doubling_time_s = 14.5 * 3600;  // cells.mpc.doubling_time | 14.5 h | (0, 100 day] | cycle
                                         //   time when fully stimulated | MODEL.md §3.4
  double quiescent_doubling_time_s =
      20 * 86400;  // cells.mpc.quiescent_doubling_time | 20 day |
                   //   (0, 1000 day] | cycle without stimulus | MODEL.md §3.4: 24–48 h
  double speed_um_s = 30.0 / 3600;  // cells.mpc.speed | 30 um/h | [0, 1000 um/h] | MODEL.md §3.4
  double chemotaxis = 0.5;  // cells.mpc.chemotaxis | 0.5 | [0, 1] | bias up BMP and inflammatory
                            //   gradients | MODEL.md §3.4 (est.)
  double death_rate_per_s =
      0.05 / 86400;  // cells.mpc.death_rate | 0.05 1/day | [0, 100/day] | MODEL.md §3.4 (est.)
  double anoxic_death_rate_per_s =
      0.5 / 86400;  // cells.mpc.anoxic_death_rate | 0.5 1/day |
                    //   [0, 100/day] | extra death below oxygen.anoxia | MODEL.md §3.4 (est.)
  double min_commit_age_s =
      6 * 86400;  // cells.mpc.min_commit_age | 6 day | [0, 1000 day] | MODEL.md §3.5
  double commit_rate_per_s =
      0.3 / 86400;  // cells.mpc.commit_rate | 0.3 1/day | [0, 100/day] |
                    //   osteochondral commitment at full BMP signal | MODEL.md §3.5
  double fibroblast_rate_per_s =
      0.05 / 86400;  // cells.mpc.fibroblast_rate | 0.05 1/day |
                     //   [0, 100/day] | scar commitment without BMP | MODEL.md §3.5 (est.)
  double alkaline_ph = 7.45;  // cells.mpc.alkaline_ph | 7.45 | [0, 14] | centre of the pH response
                              //   of the osteoblast route | (est.)
  double alkaline_width = 0.05;   // cells.mpc.alkaline_width | 0.05 | [0, 1] | width of the
                                  //   logistic step at alkaline_ph (0: a sharp threshold) |
                                  //   Kaysinger & Ramp 1998 (est.)
  double osteoblast_vessels = 1;  // cells.mpc.osteoblast_vessels | 1 | [0, 1] | coupling of the
                                  //   osteoblast route to the local vessel density (0: none) |
                                  //   Kusumbe 2014 (est.)
  double hypoxic_priming_s =
      0.5 * 86400;  // cells.mpc.hypoxic_priming | 0.5 day | [0, 100 day] | HIF memory a
                    //   progenitor needs for the osteoblast route (0: none) |
                    //   Agarwal 2016; Wang 2016 (est.)
  double priming_memory_s =
      7 * 86400;  // cells.mpc.priming_memory | 7 day | (0, 1000 day] | time constant over which
                  //   the HIF memory fades | (est.)
  double periosteal_reach_um =
      20;  // cells.mpc.periosteal_reach | 20 um | [0, 1000 um] | progenitors this close to host
           //   cortical bone are periosteal and need no hypoxic priming (0: none) |
           //   Colnot 2009 (est.)
  double permissive_ph =
      7.2;  // cells.mpc.permissive_ph | 7.2 | [0, 14] | pH needed for
            //   osteochondral commitment (alkaline milieu) | MODEL.md §1, §3.5 (est.)
};

struct NeutrophilParams {
  double death_rate_per_s =
      1.39 / 86400;                 // cells.neutrophil.death_rate | ln2/12 h = 1.39 1/day |
                                    //   [0, 100/day] | MODEL.md §3.2: gone by about day 2 (est.)
  double speed_um_s = 60.0 / 3600;  // cells.neutrophil.speed | 60 um/h | [0, 1000 um/h] | (est.)
  double anoxic_death_rate_per_s = 0;  // cells.neutrophil.anoxic_death_rate | 0 1/day |
                                       //   [0, 100/day] | hypoxia delays neutrophil apoptosis
                                       //   (Mecklenburgh 2002)
};

struct MacrophageParams {
  double switch_rate_per_s =
      0.4 / 86400;  // cells.macrophage.switch_rate | 0.4 1/day | [0, 100/day] |
                    //   M1 → M2 | MODEL.md §3.2: M1 days 1–3, M2 days 3–7 (est.)
  double m1_death_rate_per_s =
      0.1 / 86400;  // cells.macrophage.m1_death_rate | 0.1 1/day | [0, 100/day] | (est.)
  double m2_death_rate_per_s =
      0.25 / 86400;  // cells.macrophage.m2_death_rate | 0.25 1/day | [0, 100/day] | (est.)
  double speed_um_s = 60.0 / 3600;     // cells.macrophage.speed | 60 um/h | [0, 1000 um/h] | (est.)
  double chemotaxis = 0.7;             // cells.macrophage.chemotaxis | 0.7 | [0, 1] | bias up the
                                       //   inflammatory signal | (est.)
  double anoxic_death_rate_per_s = 0;  // cells.macrophage.anoxic_death_rate | 0 1/day |
                                       //   [0, 100/day] | glycolytic in hypoxia (Cramer 2003)
};

struct FibroblastParams {
  double death_rate_per_s =
      0.05 / 86400;  // cells.fibroblast.death_rate | 0.05 1/day | MODEL.md §3.6
  double anoxic_death_rate_per_s =
      0.5 / 86400;  // cells.fibroblast.anoxic_death_rate | 0.5 1/day | [0, 100/day] |
                    //   as the progenitors they come from (est.)
};

struct ChondrocyteParams {
  double death_rate_per_s =
      0.10 / 86400;  // cells.chondrocyte.death_rate | 0.10 1/day | MODEL.md §3.6
  double hypertrophy_rate_per_s =
      0.25 / 86400;  // cells.chondrocyte.hypertrophy_rate | 0.25 1/day |
                     //   [0, 100/day] | MODEL.md §3.5: mouse chondrocytes by day 6 (est.)
  double replacement_rate_per_s =
      0.5 / 86400;  // cells.chondrocyte.replacement_rate | 0.5 1/day |
                    //   [0, 100/day] | hypertrophic → osteoblast once vessels
                    //   invade | MODEL.md §3.5: cartilage replaced by day 14 (est.)
  double anoxic_death_rate_per_s = 0;  // cells.chondrocyte.anoxic_death_rate | 0 1/day |
                                       //   [0, 100/day] | HIF-1α keeps chondrocytes alive in
                                       //   the hypoxic growth plate (Schipani 2001)
};

struct OsteoblastParams {
  double death_rate_per_s =
      0.16 / 86400;  // cells.osteoblast.death_rate | 0.16 1/day | MODEL.md §3.6
  double embedding_rate_per_s =
      0.2 / 86400;  // cells.osteoblast.embedding_rate | 0.2 1/day |
                    //   [0, 100/day] | → osteocyte when its voxel is
                    //   mineralised above tissue.bone_block | MODEL.md §3.6 (est.)
  double anoxic_death_rate_per_s = 0;  // cells.osteoblast.anoxic_death_rate | 0 1/day |
                                       //   [0, 100/day] | at 0.2 % O2 osteoblasts become
                                       //   quiescent, not apoptotic (Utting 2006)
};

struct OsteocyteParams {
  double anoxic_death_rate_per_s =
      0.5 / 86400;  // cells.osteocyte.anoxic_death_rate | 0.5 1/day | [0, 100/day] |
                    //   ischaemia empties osteocyte lacunae within days (est.)
};

struct CellParams {
  ProgenitorParams mpc;
  NeutrophilParams neutrophil;
  MacrophageParams macrophage;
  FibroblastParams fibroblast;
  ChondrocyteParams chondrocyte;
  OsteoblastParams osteoblast;
  OsteocyteParams osteocyte;
};

struct CheckParams {
  double negative_tolerance = 1e-9;  // concentrations below -tol (relative to max) fail [1]
};

// One entry of the `interventions:` list, as written (MODEL.md §4). The
// config module only collects it; src/interventions owns every type's keys,
// units and ranges, and converts and checks the entry (resolve_schedule), so
// a new intervention needs no edit here.
struct InterventionSetting {
  std::string key;                 // e.g. "start", "region.radii" (nested maps flattened)
  std::vector<std::string> items;  // the scalar (one item), or the scalars of a list
  bool list = false;               // written as a list
  std::string where;               // "configs/x.yaml:14", for messages
};
struct InterventionEntry {
  std::string where;                          // where the entry starts
  std::vector<InterventionSetting> settings;  // in the order written
};

struct Params {
  RunParams run;
  GridParams grid;
  OutputParams output;
  TransportParams transport;
  InjuryParams injury;
  HostBonesParams host_bone;
  CellParams cells;
  OxygenParams oxygen;
  AcidParams acid;
  BmpParams bmp;
  NogginParams noggin;
  InflammationParams inflammation;
  RosParams ros;
  PhosphateParams phosphate;
  PrecipitationParams precipitation;
  VesselParams vessels;
  TissueParams tissue;
  RecruitmentParams recruitment;
  RiskParams risk;
  ReadoutParams readouts;
  CheckParams checks;
  std::vector<InterventionEntry> interventions;  // the treatment schedule, in the order written

  [[nodiscard]] const FieldParams* field(const std::string& name) const {
    for (const auto& f : transport.fields)
      if (f.name == name) return &f;
    return nullptr;
  }
};

// Calcium phosphate precipitation (MODEL.md §3.8): the phosphate level (mM)
// at which precipitation.calcium × phosphate reaches
// precipitation.product_threshold (infinite without calcium).
[[nodiscard]] double precipitation_phosphate_mM(const PrecipitationParams& p);

// The highest phosphate the tissue can hold in a run: serum, the field's
// initial value and a Dirichlet boundary value (exchange relaxes towards the
// serum level, precipitation only lowers it; 0 without a phosphate field).
[[nodiscard]] double highest_phosphate_mM(const Params& p);

// Whether calcium phosphate can precipitate anywhere in the run: the highest
// phosphate exceeds the precipitation level. False in every HO scenario at
// normal serum phosphate, which lets the pathway cost nothing there.
[[nodiscard]] bool precipitation_possible(const Params& p);

}  // namespace hosim
