// The cell step (propose with the model's rules, resolve, apply) on a
// lattice a given fraction occupied by progenitors, all HO-model fields present. Reports
// cell-steps/s.
//   build/release/bench/bench_cells --benchmark_format=json
#include <benchmark/benchmark.h>
#include <omp.h>

#include "biology/rules.hpp"
#include "config/config.hpp"
#include "model/cell_engine.hpp"

namespace hosim {
namespace {

struct Lattice {
  Params p = default_params();
  ModelState s;
  CellEngine engine;
  std::vector<Proposal> proposals;

  Lattice(int n, double occupancy) {
    p.grid.nx = p.grid.ny = p.grid.nz = n;
    s.grid.nx = s.grid.ny = s.grid.nz = n;
    s.grid.dx_um = p.grid.voxel_um;
    const std::size_t nv = s.grid.size();
    s.occupancy.resize(nv, -1);
    s.tissue.anatomy.resize(nv, 0);
    s.tissue.injured.resize(nv, 0);
    for (auto& l : s.tissue.layers) l.resize(nv, 0.0f);
    // Every field of the model, with a BMP gradient so chemotaxis and the
    // BMP response do real work, normoxic and alkaline so commitment happens.
    for (const auto& f : p.transport.fields)
      s.fields.emplace_back(f.name, f.unit, s.grid, f.initial);
    const int bmp = s.field_index("bmp");
    for (std::size_t i = 0; i < nv; ++i)
      s.fields[bmp].values[i] = 2.0 * p.bmp.half_max_nM * s.grid.coords(i)[0] / n;
    s.cells.reserve(static_cast<std::size_t>(occupancy * s.grid.size() * 1.2));
    for (std::size_t v = 0; v < s.grid.size(); ++v) {
      RandomStream r(1, 0, v, RngPurpose::Placement);
      if (r.uniform() < occupancy)
        s.cells.push(s.next_cell_id++, CellType::Mpc, static_cast<std::uint32_t>(v),
                     r.uniform() * 86400, r.uniform() * 10 * 86400);
    }
    s.rebuild_occupancy();
  }
  double order_s = 0, propose_s = 0, apply_s = 0;
  void step() {
    // As in a run (sim/simulation.cpp): the cells are renumbered in voxel
    // order first when due, then propose, then resolve and apply.
    const double tr = omp_get_wtime();
    if (renumbering_due(s.step)) engine.order_by_voxel(s);
    order_s += omp_get_wtime() - tr;
    RuleContext ctx(s, p, p.run.cell_step_s);
    proposals.resize(s.cells.size());
    const double t0 = omp_get_wtime();
    propose_all(ctx, proposals);
    const double t1 = omp_get_wtime();
    engine.apply(s, proposals, p.run.cell_step_s);
    apply_s += omp_get_wtime() - t1;
    propose_s += t1 - t0;
    ++s.step;
  }
};

void BM_CellStep(benchmark::State& st) {
  omp_set_num_threads(static_cast<int>(st.range(1)));
  Lattice lat(static_cast<int>(st.range(0)), 0.5);
  // One untimed step first: it allocates and first touches the engine's work
  // arrays (claims, renumbering), page faults a run pays once, not per step.
  // Timed alone, they were a third of the order and apply figures of
  // whichever case ran first in the process.
  lat.step();
  lat.order_s = lat.propose_s = lat.apply_s = 0;
  double cells = 0;
  for (auto _ : st) {
    cells += static_cast<double>(lat.s.cells.size());
    lat.step();
  }
  st.counters["cell_steps_per_s"] = benchmark::Counter(cells, benchmark::Counter::kIsRate);
  st.counters["cells"] = static_cast<double>(lat.s.cells.size());
  // Where a step's time goes: the voxel-order renumbering, the rules
  // (propose_all) and the engine (resolve and apply), in ns per cell-step
  // of wall time.
  st.counters["order_ns_per_cell"] = lat.order_s / cells * 1e9;
  st.counters["propose_ns_per_cell"] = lat.propose_s / cells * 1e9;
  st.counters["apply_ns_per_cell"] = lat.apply_s / cells * 1e9;
  st.counters["threads"] = static_cast<double>(st.range(1));
}
BENCHMARK(BM_CellStep)
    ->Args({100, 1})
    ->Args({100, 2})
    ->Args({200, 1})
    ->Args({200, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    // The untimed first step is step 0; twelve timed steps hold three
    // renumberings, the run's proportion (renumbering_due).
    ->Iterations(3 * kRenumberInterval);

}  // namespace
}  // namespace hosim

BENCHMARK_MAIN();
