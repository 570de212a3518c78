// The whole model step (every operator of the default scenario: cells,
// recruitment, sources, transport of the seven fields, tissue, checks) on
// cubic lattices of growing size, to show that the cost per voxel-step stays
// flat, i.e. that a run's cost grows linearly with its voxel count
// (bench/README.md). The scenario is configs/default.yaml with the lattice
// replaced and the injury ellipsoid scaled with the domain, so the injured
// fraction and the cell density stay those of the default run.
//   build/release/bench/bench_model --benchmark_format=json
#include <benchmark/benchmark.h>
#include <omp.h>

#include <string>
#include <vector>

#include "config/config.hpp"
#include "model/scenario.hpp"
#include "sim/simulation.hpp"

namespace hosim {
namespace {

// Steps run before timing: past the cold start of the oxygen solve and the
// first neutrophil influx, so the timed steps are typical of day 0–1.
constexpr int kWarmupSteps = 24;

Params scenario(int nx, int ny, int nz) {
  const std::string path = std::string(HOSIM_SOURCE_DIR) + "/configs/default.yaml";
  Params p = load_config_file(path, {}).params;
  const std::array<double, 3> old_extent{p.grid.nx * p.grid.voxel_um, p.grid.ny * p.grid.voxel_um,
                                         p.grid.nz * p.grid.voxel_um};
  p.grid.nx = nx;
  p.grid.ny = ny;
  p.grid.nz = nz;
  const std::array<double, 3> new_extent{nx * p.grid.voxel_um, ny * p.grid.voxel_um,
                                         nz * p.grid.voxel_um};
  for (int a = 0; a < 3; ++a) p.injury.radii_um[a] *= new_extent[a] / old_extent[a];
  return p;
}

void BM_ModelStep(benchmark::State& st) {
  const int nx = static_cast<int>(st.range(0)), ny = static_cast<int>(st.range(1)),
            nz = static_cast<int>(st.range(2));
  Params p = scenario(nx, ny, nz);
  Simulation sim(p, build_state(p));
  for (int i = 0; i < kWarmupSteps; ++i) sim.step();
  double voxel_steps = 0;
  for (auto _ : st) {
    sim.step();
    voxel_steps += static_cast<double>(sim.state().grid.size());
  }
  st.counters["voxel_steps_per_s"] = benchmark::Counter(voxel_steps, benchmark::Counter::kIsRate);
  st.counters["ns_per_voxel_step"] = benchmark::Counter(
      voxel_steps * 1e-9, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  st.counters["bytes_per_voxel"] = sim.bytes_per_voxel();
  st.counters["cells"] = static_cast<double>(sim.state().cells.size());
  st.counters["voxels"] = static_cast<double>(sim.state().grid.size());
  st.counters["threads"] = omp_get_max_threads();
}
BENCHMARK(BM_ModelStep)
    ->Args({60, 60, 40})  // the default scenario's own lattice
    ->Args({64, 64, 64})
    ->Args({128, 128, 128})
    ->Args({256, 256, 256})
    ->ArgNames({"nx", "ny", "nz"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2.0);

}  // namespace
}  // namespace hosim

BENCHMARK_MAIN();
