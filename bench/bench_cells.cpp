// The cell step (propose with the model's rules, resolve, apply) on a
// lattice a given fraction occupied by progenitors, all HO-model fields present. Reports
// cell-steps/s.
//   build/release/bench/bench_cells --benchmark_format=json
#include <benchmark/benchmark.h>
#include <omp.h>

#include <algorithm>
#include <array>
#include <vector>

#include "biology/hop_batch.hpp"
#include "biology/open_map.hpp"
#include "biology/rule_context.hpp"
#include "biology/rules.hpp"
#include "config/config.hpp"
#include "core/philox_batch.hpp"
#include "model/cell_engine.hpp"

#include "thread_pairs.hpp"

namespace hosim {
namespace {

struct Lattice {
  Params p = default_params();
  ModelState s;
  CellEngine engine;
  std::vector<Proposal> proposals;
  // The open map's work memory, lent as a run lends it (biology/open_map.hpp).
  std::vector<std::uint32_t> open_map;

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
    open_map.resize(open_map_words(nv));
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
    propose_all(ctx, proposals, open_map);
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

// Target 5's ratio of two threads to one for the cell step, from one
// process: one lattice (the 100^3 of BM_CellStep, half occupied) stepped in
// groups of kRenumberInterval steps (one renumbering each, as in a run),
// each pair of groups one on one thread and one on two, which of them first
// alternating from pair to pair. Both groups of a pair start from the same
// state (copied back, untimed), so they do the same work to the bit (results
// do not depend on the thread count) and the lattice stays half occupied
// (stepped on, the progenitors fill it: 527 k to 769 k cells in 128 steps).
// A slow minute of a shared host then falls on both sides of each ratio:
// BM_CellStep/100/1 and /100/2 build a lattice each and run seconds apart,
// and their ratio swung 1.57-1.97 within one report (bench/README.md,
// 2026-12-07). Counters: cell-steps/s on one and on two threads (medians
// over the pairs), the median of the pairs' ratios and its lowest and
// highest.
void BM_CellStepThreads(benchmark::State& st) {
  bench::ThreadPairs pairs;  // declared first: restores the thread count last
  Lattice lat(100, 0.5);
  omp_set_num_threads(2);
  lat.step();  // untimed, as in BM_CellStep: the work arrays' first touch
  // Line up with the renumbering, so every group holds exactly one.
  while (!renumbering_due(lat.s.step)) lat.step();
  const ModelState start = lat.s;
  for (auto _ : st) {
    pairs.pair([&](int /*threads*/) {
      st.PauseTiming();
      lat.s = start;
      st.ResumeTiming();
      double cells = 0;
      const double t0 = omp_get_wtime();
      for (std::int64_t k = 0; k < kRenumberInterval; ++k) {
        cells += static_cast<double>(lat.s.cells.size());
        lat.step();
      }
      return cells / (omp_get_wtime() - t0);
    });
  }
  pairs.set_counters(st, "cell_steps_per_s");
  st.counters["cells"] = static_cast<double>(lat.s.cells.size());
}
BENCHMARK(BM_CellStepThreads)->Iterations(16)->Unit(benchmark::kMillisecond)->UseRealTime();

// The hop alone (biology/hop_batch.hpp): where a progenitor that hops goes,
// for every cell of the half-occupied lattice in batches of kHopBatch, one
// thread. Path (HopPath) 0: hop_target cell by cell (the rule's own); 1:
// hop_targets' AVX2 vectors of four; 2: its AVX-512 vectors of eight. The
// counter `path` is the one taken (narrower where the processor lacks the
// one asked for). Reports ns per hop; the targets are the same on every
// path (tests/biology/hop_batch_test.cpp).
void BM_HopTargets(benchmark::State& st) {
  omp_set_num_threads(1);
  Lattice lat(static_cast<int>(st.range(1)), 0.5);
  lat.engine.order_by_voxel(lat.s);
  RuleContext ctx(lat.s, lat.p, lat.p.run.cell_step_s);
  // The vector path reads the step's open map, built once here (untimed: a
  // step builds it once for all its cells; BM_CellStep counts it).
  build_open_map(lat.s, lat.p.tissue, lat.open_map);
  ctx.open_map = lat.open_map.data();
  GradientAttraction attraction;
  attraction.field[0] = lat.s.fields[static_cast<std::size_t>(ctx.f.bmp)].values.data();
  attraction.field[1] = lat.s.fields[static_cast<std::size_t>(ctx.f.inflammation)].values.data();
  attraction.half[0] = lat.p.bmp.half_max_nM;
  attraction.half[1] = lat.p.inflammation.half_max_nM;
  const double chi = lat.p.cells.mpc.chemotaxis;
  const std::size_t n = lat.s.cells.size();
  std::vector<double> u(n);
  RandomStream r(3, 0, 0, RngPurpose::Test);
  for (double& x : u) x = r.uniform();
  std::vector<std::uint32_t> target(n);
  std::vector<char> found(n);
  const std::uint32_t* voxel = lat.s.cells.voxel.data();
  const auto path = static_cast<HopPath>(st.range(0));
  std::size_t hops = 0, moved = 0;
  for (auto _ : st) {
    for (std::size_t first = 0; first < n; first += kHopBatch) {
      const std::size_t m = std::min(kHopBatch, n - first);
      if (path == HopPath::Portable) {
        for (std::size_t j = first; j < first + m; ++j)
          found[j] = hop_target(ctx, voxel[j], chi, u[j], attraction, target[j]);
      } else {
        bool f[kHopBatch];
        hop_targets(ctx, voxel + first, u.data() + first, m, chi, attraction, target.data() + first,
                    f, path);
        for (std::size_t j = 0; j < m; ++j) found[first + j] = f[j];
      }
    }
    hops += n;
    benchmark::DoNotOptimize(target.data());
  }
  for (const char f : found) moved += f != 0 ? 1 : 0;
  st.counters["ns_per_hop"] = benchmark::Counter(
      static_cast<double>(hops) * 1e-9, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  st.counters["share_moved"] = static_cast<double>(moved) / static_cast<double>(n);
  st.counters["path"] = static_cast<double>(hop_path_taken(ctx, path));
}
BENCHMARK(BM_HopTargets)
    ->ArgsProduct({{0, 1, 2}, {40, 100}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The first Philox blocks of the four per-cell streams (core/philox_batch.hpp)
// as propose_all computes them: ids 0, 1, 2, ... (a run's, below 2^32) in
// chunks of StreamPrefetch::kSlots, four purposes per chunk, one thread, by
// word into the chunk's slots. Argument: 0 plain Random123, 1 AVX2, 2
// AVX-512 (the widest the processor has if narrower: counter `isa`).
// Counter ns_per_block: wall time per stream's block.
void BM_PhiloxBlocks(benchmark::State& st) {
  constexpr std::size_t kIds = std::size_t{1} << 16;
  constexpr std::size_t kSlots = StreamPrefetch::kSlots;
  const auto isa = static_cast<PhiloxIsa>(st.range(0));
  std::vector<std::uint64_t> ids(kIds);
  for (std::size_t k = 0; k < kIds; ++k) ids[k] = k;
  std::array<std::uint32_t, 4 * kSlots> words{};
  std::size_t blocks = 0;
  std::uint64_t step = 0;
  for (auto _ : st) {
    for (std::size_t first = 0; first < kIds; first += kSlots)
      for (const RngPurpose purpose : StreamPrefetch::kPurposes) {
        philox_first_words(1, step, purpose, ids.data() + first, kSlots, words.data(), kSlots, isa);
        benchmark::DoNotOptimize(words.data());
      }
    blocks += kIds * StreamPrefetch::kPurposes.size();
    ++step;
  }
  st.counters["ns_per_block"] =
      benchmark::Counter(static_cast<double>(blocks) * 1e-9,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  st.counters["isa"] = static_cast<int>(std::min(isa, best_philox_isa()));
}
BENCHMARK(BM_PhiloxBlocks)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
}  // namespace hosim
