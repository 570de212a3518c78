#pragma once
// Helpers shared by the config tests.
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/errors.hpp"

namespace hosim::test {

// The message of the ConfigError that loading `yaml` throws, or a marker
// string when it loads (so EXPECT_EQ shows what happened).
inline std::string load_error(const std::string& yaml, const std::vector<std::string>& sets = {},
                              const std::string& source = "x.yaml") {
  try {
    (void)load_config_text(yaml, source, sets);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(loaded without error)";
}

// An example config in the style of the design brief: every section, human
// units, a few keys of each HO mechanism.
inline const char* const kExampleYaml =
    R"(run:     {name: ho_2d, seed: 1, duration: 60 day, cell_step: 15 min}
grid:    {nx: 100, ny: 100, nz: 1, voxel: 20 um, origin: [0 um, 0 um, 0 um]}
output:  {snapshot_interval: 1 day, timeseries_interval: 6 h, checkpoint_interval: 10 day,
          fields: [all], compression: 4, float64: false, progress_interval: 1 day}
fields:
  o2:  {diffusion: 2e3 um^2/s, decay: 0 1/s, substeps: 1, boundary: dirichlet, boundary_value: 45 mmHg, initial: 45 mmHg}
  bmp: {diffusion: 10 um^2/s, decay: 1.6e-5 1/s, substeps: 1, boundary: zero_flux, boundary_value: 0 nM, initial: 0 nM}
injury:  {centre: [0.5, 0.5, 0.5], radii: [300 um, 300 um, 300 um]}
cells:
  mpc: {doubling_time: 14.5 h, quiescent_doubling_time: 48 h, speed: 30 um/h, chemotaxis: 0.5,
        death_rate: 0.05 1/day, anoxic_death_rate: 0.5 1/day, min_commit_age: 6 day,
        commit_rate: 0.3 1/day, fibroblast_rate: 0.05 1/day, permissive_ph: 7.2}
  neutrophil: {death_rate: 1.39 1/day, speed: 60 um/h}
  macrophage: {switch_rate: 0.4 1/day, m1_death_rate: 0.1 1/day, m2_death_rate: 0.25 1/day,
               speed: 60 um/h, chemotaxis: 0.7}
  osteoblast: {death_rate: 0.16 1/day, embedding_rate: 0.2 1/day}
oxygen:  {capillary_po2: 60 mmHg, km: 6 mmHg, anoxia: 2.5 mmHg, hif_half: 13 mmHg}
acid:    {buffer: 40 mM, reference: 20 mM, injury_load: 24 mM}
bmp:     {injury_burst: 2 nM, half_max: 0.3 nM, noggin_binding: 1e-3 1/(nM*s)}
noggin:  {osteoblast: 5e-6 nM/s}
inflammation: {cox2_activity: 1, half_max: 0.5 nM}
ros:     {neutrophil: 2e-3 1/s, half_max: 0.5}
phosphate: {serum: 1.2 mM}
vessels: {growth_rate: 2 1/day, spread: 3.6e-3 um^2/s}
tissue:  {osteoid_apposition: 1 um/day, mineral_lag: 14 day, ho_threshold: 0.2}
recruitment: {neutrophil_rate: 2 1/h, neutrophil_window: 0.5 day, mpc_haemorrhage: 0.08}
risk:    {inflammation: 1, mobilisation: 1, bmp_expression: 1}
checks:  {negative_tolerance: 1e-9}
)";

}  // namespace hosim::test
