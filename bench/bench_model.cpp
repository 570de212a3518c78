// The whole model step (every operator of the default scenario: cells,
// recruitment, sources, transport of the seven fields, tissue, checks) on
// lattices of growing size, to show that the cost per voxel-step stays flat,
// i.e. that a run's cost grows linearly with its voxel count
// (bench/README.md).
//
// BM_ModelStep: configs/default.yaml with the lattice replaced and the
// injury ellipsoid scaled with the domain. The injured fraction stays that
// of the default run, but not the cell density: a larger lesion holds fewer
// cells per voxel at the same age (0.27, 0.13, 0.06 after the warm-up on
// 64³, 128³, 256³), so the larger lattices do less work per voxel.
//
// BM_ModelStepTiled: the 64³ case after its warm-up, copied k times along
// each axis (k = 1, 2, 4: 64³, 128³, 256³), every other copy mirrored, so
// every voxel holds the same tissue, fields and cells whatever the size.
// Only the size changes, which is what target 6 asks about. Mirrored, the
// copies meet face to face with equal values (the domain's faces are
// zero-flux, and a zero-flux face is a mirror), so the copied fields are
// already the larger domain's solution and a cell by a former face still
// finds its mirror image next to it, as it found the wall.
//   build/release/bench/bench_model --benchmark_format=json
#include <benchmark/benchmark.h>
#include <omp.h>

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "config/config.hpp"
#include "model/scenario.hpp"
#include "sim/simulation.hpp"

namespace hosim {
namespace {

// Steps run before timing: past the cold start of the oxygen solve and the
// first neutrophil influx, so the timed steps are typical of day 0–1.
constexpr int kWarmupSteps = 24;
// Steps a tiled lattice runs before timing (BM_ModelStepTiled).
constexpr int kTiledSettleSteps = 4;

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

// Seconds each operator has run so far, by name.
std::map<std::string, double> operator_seconds(const Simulation& sim) {
  std::map<std::string, double> s;
  for (const Operator& o : sim.operators()) s[o.name] = o.seconds;
  return s;
}

// The timed steps of either benchmark, with its counters: the whole step,
// and for the two operators that dominate it (cells; sources+transport)
// their own ns per voxel-step, so a cost that grows with the lattice can be
// traced to one of them; the quasi-steady (oxygen) iterations per step,
// which grow with the domain (transport/steady_solver.hpp); the cells per
// voxel at the end, the work the cell operator had.
void time_steps(benchmark::State& st, Simulation& sim) {
  double voxel_steps = 0;
  const auto before = operator_seconds(sim);
  const std::int64_t iterations_before = sim.steady_iterations();
  for (auto _ : st) {
    sim.step();
    voxel_steps += static_cast<double>(sim.state().grid.size());
  }
  const auto after = operator_seconds(sim);
  const double steps = static_cast<double>(st.iterations());
  st.counters["voxel_steps_per_s"] = benchmark::Counter(voxel_steps, benchmark::Counter::kIsRate);
  st.counters["ns_per_voxel_step"] = benchmark::Counter(
      voxel_steps * 1e-9, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  const std::pair<const char*, const char*> parts[] = {
      {"cells", "cells_ns_per_voxel_step"}, {"sources+transport", "transport_ns_per_voxel_step"}};
  for (const auto& [name, key] : parts)
    st.counters[key] = voxel_steps > 0 ? (after.at(name) - before.at(name)) * 1e9 / voxel_steps : 0;
  st.counters["steady_iterations_per_step"] =
      steps > 0 ? static_cast<double>(sim.steady_iterations() - iterations_before) / steps : 0;
  st.counters["cells_per_voxel"] =
      static_cast<double>(sim.state().cells.size()) / static_cast<double>(sim.state().grid.size());
  st.counters["bytes_per_voxel"] = sim.bytes_per_voxel();
  st.counters["cells"] = static_cast<double>(sim.state().cells.size());
  st.counters["voxels"] = static_cast<double>(sim.state().grid.size());
  st.counters["threads"] = omp_get_max_threads();
}

void BM_ModelStep(benchmark::State& st) {
  const int nx = static_cast<int>(st.range(0)), ny = static_cast<int>(st.range(1)),
            nz = static_cast<int>(st.range(2));
  Params p = scenario(nx, ny, nz);
  Simulation sim(p, build_state(p));
  for (int i = 0; i < kWarmupSteps; ++i) sim.step();
  time_steps(st, sim);
}

// Coordinate of the base lattice (n voxels along the axis) that coordinate x
// of the tiled one copies: copy x / n, mirrored when odd.
int tile_source(int x, int n) {
  const int copy = x / n, r = x % n;
  return copy % 2 == 0 ? r : n - 1 - r;
}

// The state `base` copied k times along each axis, every other copy
// mirrored: fields, tissue and occupancy voxel by voxel, the cells copy by
// copy (new ids in that order); the clocks, treatment effects and systemic
// state as they are.
ModelState tiled(const ModelState& base, int k) {
  ModelState t;
  t.grid = base.grid;
  t.grid.nx *= k;
  t.grid.ny *= k;
  t.grid.nz *= k;
  const Grid& g = base.grid;
  const std::size_t nv = t.grid.size();
  // Voxel of the base lattice that voxel v of the tiled one copies.
  std::vector<std::uint32_t> source(nv);
  for (std::size_t v = 0; v < nv; ++v) {
    const auto c = t.grid.coords(v);
    source[v] = static_cast<std::uint32_t>(
        g.index(tile_source(c[0], g.nx), tile_source(c[1], g.ny), tile_source(c[2], g.nz)));
  }
  const auto copy = [&](const auto& from, auto& to) {
    to.resize(nv, {});
    for (std::size_t v = 0; v < nv; ++v) to[v] = from[source[v]];
  };
  for (const ScalarField& f : base.fields) {
    ScalarField& to = t.fields.emplace_back();
    to.name = f.name;
    to.unit = f.unit;
    copy(f.values, to.values);
  }
  copy(base.tissue.anatomy, t.tissue.anatomy);
  copy(base.tissue.injured, t.tissue.injured);
  for (std::size_t l = 0; l < t.tissue.layers.size(); ++l)
    copy(base.tissue.layers[l], t.tissue.layers[l]);
  t.systemic = base.systemic;
  t.effects = base.effects;
  t.intervention_log = base.intervention_log;
  t.step = base.step;
  t.time_s = base.time_s;
  t.seed = base.seed;
  const CellStore& c = base.cells;
  t.cells.reserve(c.size() * static_cast<std::size_t>(k * k * k));
  for (int tz = 0; tz < k; ++tz)
    for (int ty = 0; ty < k; ++ty)
      for (int tx = 0; tx < k; ++tx)
        for (std::size_t i = 0; i < c.size(); ++i) {
          const auto at = g.coords(c.voxel[i]);
          // tile_source is its own inverse within a copy.
          const auto v = static_cast<std::uint32_t>(
              t.grid.index(tile_source(tx * g.nx + at[0], g.nx) + tx * g.nx,
                           tile_source(ty * g.ny + at[1], g.ny) + ty * g.ny,
                           tile_source(tz * g.nz + at[2], g.nz) + tz * g.nz));
          t.cells.push(t.next_cell_id++, c.type[i], v, c.age_s[i], c.state_age_s[i],
                       c.hif_memory_s[i]);
        }
  t.occupancy.resize(nv, -1);
  t.rebuild_occupancy();
  // Every voxel occupied exactly where its source voxel is.
  for (std::size_t v = 0; v < nv; ++v)
    if ((t.occupancy[v] >= 0) != (base.occupancy[source[v]] >= 0))
      throw std::logic_error("tiled: voxel " + std::to_string(v) +
                             " is occupied differently from the voxel it copies");
  return t;
}

void BM_ModelStepTiled(benchmark::State& st) {
  const int k = static_cast<int>(st.range(0));
  constexpr int kBase = 64;
  // The base, warmed up once per process and shared by the three sizes.
  static const ModelState base = [] {
    const Params p = scenario(kBase, kBase, kBase);
    Simulation sim(p, build_state(p));
    for (int i = 0; i < kWarmupSteps; ++i) sim.step();
    return sim.state();
  }();
  // The tiled lattice's own parameters: only readouts (not timed) use the
  // injury ellipsoid, scaled here as in BM_ModelStep.
  const Params p = scenario(kBase * k, kBase * k, kBase * k);
  Simulation sim(p, tiled(base, k));
  // A few steps first, untimed: the first steps after construction renumber
  // the copied cells and size and first touch the engine's and solvers'
  // work arrays.
  for (int i = 0; i < kTiledSettleSteps; ++i) sim.step();
  time_steps(st, sim);
}
// The same four steps on every size, so each times the same stretch of
// the same growing population (the cells multiply by about 2 % a step
// here); a minimum time instead ran 173 steps on 64³ and 3 on 256³.
BENCHMARK(BM_ModelStepTiled)
    ->ArgName("tiles")
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(4);

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
