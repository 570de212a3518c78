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

// The example config of the design brief (every section, human units).
inline const char* const kExampleYaml =
    R"(run:     {name: minimal_2d, seed: 1, duration: 60 day, cell_step: 15 min}
grid:    {nx: 100, ny: 100, nz: 1, voxel: 20 um, origin: [0 um, 0 um, 0 um]}
output:  {snapshot_interval: 1 day, timeseries_interval: 6 h, checkpoint_interval: 10 day,
          fields: [all], compression: 4, float64: false, progress_interval: 1 day}
fields:
  factor: {diffusion: 10 um^2/s, decay: 1.6e-5 1/s, substeps: 1, boundary: zero_flux, boundary_value: 0 nM, initial: 0 nM}
injury:  {centre: [0.5, 0.5, 0.5], radii: [300 um, 300 um, 300 um], factor_burst: 5 nM,
          factor_release: 1e-4 nM/s, factor_release_tau: 5 day, mpc_density_injury: 0.05, mpc_density_muscle: 0.01}
cells:
  mpc: {doubling_time: 14.5 h, quiescent_doubling_time: 48 h, half_max_factor: 0.5 nM, speed: 30 um/h, chemotaxis: 0.5,
        death_rate: 0.05 1/day, min_commit_age: 6 day, commit_rate: 0.3 1/day, commit_threshold: 1 nM, factor_uptake: 1e-4 1/s}
  committed: {death_rate: 0.16 1/day, factor_secretion: 2e-5 nM/s}
checks:  {negative_tolerance: 1e-9}
)";

}  // namespace hosim::test
