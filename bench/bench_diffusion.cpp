// Throughput of the LOD diffusion solver against the machine's memory
// bandwidth (bench/README.md). A STREAM triad measures the bandwidth in the
// same run; quote solver figures as a fraction of it.
#include <benchmark/benchmark.h>
#include <omp.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "core/aligned_buffer.hpp"
#include "core/grid.hpp"
#include "thread_pairs.hpp"
#include "transport/lod_solver.hpp"
#include "transport/lod_sweeps.hpp"
#include "transport/steady_solver.hpp"
#include "transport/tridiagonal.hpp"

namespace {

using hosim::AlignedBuffer;
using hosim::Grid;
using Index = std::ptrdiff_t;

// A sweep reads and writes each value once: 16 bytes per voxel at least.
constexpr double kBytesPerVoxelPass = 2 * sizeof(double);

// Parallel first touch, so pages land where the threads that use them run.
void fill_random(AlignedBuffer<double>& u, std::uint64_t seed) {
  const Index n = static_cast<Index>(u.size());
  double* p = u.data();
#pragma omp parallel
  {
    std::mt19937_64 gen(seed + static_cast<std::uint64_t>(omp_get_thread_num()));
    std::uniform_real_distribution<double> dist(0.5, 1.5);
#pragma omp for schedule(static)
    for (Index i = 0; i < n; ++i) p[i] = dist(gen);
  }
}

void set_common_counters(benchmark::State& state, double voxels_per_iteration, double passes) {
  const auto it = static_cast<double>(state.iterations());
  state.counters["voxel_steps_per_s"] =
      benchmark::Counter(voxels_per_iteration * it, benchmark::Counter::kIsRate);
  state.counters["traffic_GBps"] = benchmark::Counter(
      passes * kBytesPerVoxelPass * voxels_per_iteration * it / 1e9, benchmark::Counter::kIsRate);
  state.counters["threads"] = omp_get_max_threads();
}

Grid grid_from(const benchmark::State& state) {
  return Grid{static_cast<int>(state.range(0)), static_cast<int>(state.range(1)),
              static_cast<int>(state.range(2)), 10.0};
}

// STREAM triad a = b + s·c: 2 reads and 1 write of 8 bytes per element
// (STREAM's count: the write-allocate read is not counted).
void BM_Triad(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  AlignedBuffer<double> a(n), b(n), c(n);
  fill_random(a, 1);
  fill_random(b, 2);
  fill_random(c, 3);
  const double s = 3.0;
  const Index len = static_cast<Index>(n);
  for (auto _ : state) {
    double* __restrict pa = a.data();
    const double* __restrict pb = b.data();
    const double* __restrict pc = c.data();
#pragma omp parallel for schedule(static)
    for (Index i = 0; i < len; ++i) pa[i] = pb[i] + s * pc[i];
    benchmark::ClobberMemory();
  }
  const double bytes = 3.0 * sizeof(double) * static_cast<double>(n);
  const auto it = static_cast<double>(state.iterations());
  state.counters["bandwidth_GBps"] =
      benchmark::Counter(bytes * it / 1e9, benchmark::Counter::kIsRate);
  state.counters["threads"] = omp_get_max_threads();
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes * it));
}
// 256 MiB and 512 MiB per array: far beyond the caches of the machines we run
// on (the L3 of a shared-host VM can be hundreds of MiB).
BENCHMARK(BM_Triad)
    ->Arg(Index{1} << 25)
    ->Arg(Index{1} << 26)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// One full step: reaction (decay) fused into the x sweep, then y and z.
void BM_LodStep(benchmark::State& state) {
  const Grid g = grid_from(state);
  const hosim::LodSolver solver(g, hosim::DiffusionSpec{1000, 0.01}, 0.1);
  AlignedBuffer<double> u(g.size());
  fill_random(u, 4);
  for (auto _ : state) {
    solver.step(u.span());
    benchmark::ClobberMemory();
  }
  set_common_counters(state, static_cast<double>(g.size()), g.nz > 1 ? 3 : 2);
}

// Target 5's ratio of two threads to one for the transport, from one
// process: BM_LodStep's step, in groups of two steps on one thread and two
// on two, which first alternating from pair to pair, so a slow minute of a
// shared host falls on both sides of each ratio. The pairs of BM_LodStep
// runs with 1 and 2 threads (separate processes, a minute apart) gave ratios
// of 1.54-1.95 on 400x400x50 within one report (bench/README.md,
// 2026-12-07). Counters: voxel-steps/s on one and on two threads (medians
// over the pairs), the median of the pairs' ratios, its lowest and highest.
void BM_LodStepThreads(benchmark::State& state) {
  hosim::bench::ThreadPairs pairs;  // declared first: restores the thread count last
  const Grid g = grid_from(state);
  const hosim::LodSolver solver(g, hosim::DiffusionSpec{1000, 0.01}, 0.1);
  AlignedBuffer<double> u(g.size());
  fill_random(u, 4);
  constexpr int kStepsPerGroup = 2;
  omp_set_num_threads(2);
  solver.step(u.span());  // untimed: the first touch of the solver's scratch
  for (auto _ : state) {
    pairs.pair([&](int /*threads*/) {
      const double t0 = omp_get_wtime();
      for (int k = 0; k < kStepsPerGroup; ++k) solver.step(u.span());
      benchmark::ClobberMemory();
      return kStepsPerGroup * static_cast<double>(g.size()) / (omp_get_wtime() - t0);
    });
  }
  pairs.set_counters(state, "voxel_steps_per_s");
}

// A step with a per-voxel source and uptake (the x pass also reads 2 arrays).
void BM_LodStepSourceUptake(benchmark::State& state) {
  const Grid g = grid_from(state);
  const hosim::LodSolver solver(g, hosim::DiffusionSpec{1000, 0.01}, 0.1);
  AlignedBuffer<double> u(g.size()), s(g.size()), k(g.size());
  fill_random(u, 5);
  fill_random(s, 6);
  k.fill(0.0);  // uptake mostly zero, as around sparse cells
  for (std::size_t i = 0; i < k.size(); i += 97) k[i] = 0.01;
  for (auto _ : state) {
    solver.step(u.span(), s.span(), k.span());
    benchmark::ClobberMemory();
  }
  // + 2 reads of 8 bytes (source, uptake) = one more pass's worth
  set_common_counters(state, static_cast<double>(g.size()), g.nz > 1 ? 4 : 3);
}

// Reads a buffer larger than the last-level cache (untimed), so that a step
// starts with none of its fields cached. Reading, not writing: the lines it
// leaves are clean.
void evict_caches() {
  static const AlignedBuffer<double> junk = [] {
    AlignedBuffer<double> b(std::size_t{1} << 27);  // 1 GiB
    b.fill(1.0);
    return b;
  }();
  const double* p = junk.data();
  const auto n = static_cast<std::int64_t>(junk.size());
  double sum = 0;
#pragma omp parallel for schedule(static) reduction(+ : sum)
  for (std::int64_t i = 0; i < n; i += 8) sum += p[i];  // one load per cache line
  benchmark::DoNotOptimize(sum);
}

// What the caches hold when a timed step of k fields begins.
enum class Start {
  // Whatever the previous step left: one 200^3 field and its source (128 MB)
  // may stay in a large last-level cache, k of them cannot.
  Warm,
  // Clean lines only (evict_caches). Leans against k fields: what the last
  // field leaves dirty is written back during the next eviction, untimed, so
  // one field alone never pays for its last cache-full of writebacks while
  // each of k fields but the last pays for the one before (bench/README.md).
  Clean,
  // The caches evicted, then another field stepped, both untimed: every timed
  // field, the first included, starts with a cache full of the previous
  // field's dirty lines and pays for writing them back, as in a run, where a
  // field's step follows the other fields and operators that wrote the state.
  AfterField,
};

// k fields advanced in one step, as the model does (each with its own
// source, as BMP, Noggin, inflammation and ROS have): the cost of k fields
// should be k times one field's. `ns_per_voxel_step_per_field` flat in k
// shows it; `fields` is k.
template <Start kStart>
void BM_LodStepFields(benchmark::State& state) {
  const Grid g{200, 200, 200, 10.0};
  const auto k = static_cast<int>(state.range(0));
  const hosim::LodSolver solver(g, hosim::DiffusionSpec{1000, 0.01}, 0.1);
  // Field k (the last) is the untimed predecessor of Start::AfterField.
  const int allocated = kStart == Start::AfterField ? k + 1 : k;
  std::vector<AlignedBuffer<double>> u, s;
  for (int f = 0; f < allocated; ++f) {
    u.emplace_back(g.size());
    s.emplace_back(g.size());
    fill_random(u.back(), 20 + static_cast<std::uint64_t>(f));
    fill_random(s.back(), 40 + static_cast<std::uint64_t>(f));
  }
  for (auto _ : state) {
    if constexpr (kStart != Start::Warm) {
      state.PauseTiming();
      evict_caches();
      if constexpr (kStart == Start::AfterField) solver.step(u[k].span(), s[k].span());
      state.ResumeTiming();
    }
    for (int f = 0; f < k; ++f) solver.step(u[f].span(), s[f].span());
    benchmark::ClobberMemory();
  }
  const double field_steps = static_cast<double>(g.size()) * k;
  set_common_counters(state, field_steps, 4);  // 3 passes + the source read
  state.counters["ns_per_voxel_step_per_field"] =
      benchmark::Counter(field_steps * 1e-9 * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["fields"] = k;
}
BENCHMARK(BM_LodStepFields<Start::Warm>)
    ->Name("BM_LodStepFields")
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->Arg(7)
    ->ArgName("fields")
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LodStepFields<Start::Clean>)
    ->Name("BM_LodStepFieldsCold")
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->Arg(7)
    ->ArgName("fields")
    ->Iterations(10)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LodStepFields<Start::AfterField>)
    ->Name("BM_LodStepFieldsAfterField")
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->Arg(7)
    ->ArgName("fields")
    ->Iterations(20)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

enum class Axis { X, Y, Z };

template <Axis A>
void BM_Sweep(benchmark::State& state) {
  const Grid g = grid_from(state);
  const int n = A == Axis::X ? g.nx : A == Axis::Y ? g.ny : g.nz;
  const double r = 1000 * 0.1 / (g.dx_um * g.dx_um);
  const hosim::lod::AxisFactors f = hosim::lod::factor_axis(n, r, hosim::FaceBoundary::ZeroFlux, 0);
  AlignedBuffer<double> u(g.size());
  fill_random(u, 7);
  for (auto _ : state) {
    if constexpr (A == Axis::X) hosim::lod::sweep_x(u.data(), g, f);
    if constexpr (A == Axis::Y) hosim::lod::sweep_y(u.data(), g, f);
    if constexpr (A == Axis::Z) hosim::lod::sweep_z(u.data(), g, f);
    benchmark::ClobberMemory();
  }
  set_common_counters(state, static_cast<double>(g.size()), 1);
}

// The x sweep with a decay (as in BM_LodStep) on each way of eliminating its
// lines: `how` 0 = lod::XLines::Scalar (eight lines in scalar registers),
// 1 = Vector (sixteen, transposed in 8 × 8 tiles). Same bits; the runs use
// lod::default_x_lines(), which the `default_path` counter shows (1 = Vector).
void BM_SweepXLines(benchmark::State& state) {
  const auto how = state.range(0) == 0 ? hosim::lod::XLines::Scalar : hosim::lod::XLines::Vector;
  const Grid g{static_cast<int>(state.range(1)), static_cast<int>(state.range(2)),
               static_cast<int>(state.range(3)), 10.0};
  const double r = 1000 * 0.1 / (g.dx_um * g.dx_um);
  const hosim::lod::AxisFactors f =
      hosim::lod::factor_axis(g.nx, r, hosim::FaceBoundary::ZeroFlux, 0);
  const auto decay = hosim::lod::Reaction::make(0.01, 0.1, nullptr, nullptr);
  AlignedBuffer<double> u(g.size());
  fill_random(u, 8);
  for (auto _ : state) {
    hosim::lod::sweep_x(u.data(), g, f, decay, how);
    benchmark::ClobberMemory();
  }
  set_common_counters(state, static_cast<double>(g.size()), 1);
  state.counters["default_path"] =
      hosim::lod::default_x_lines() == hosim::lod::XLines::Vector ? 1 : 0;
}
BENCHMARK(BM_SweepXLines)
    ->ArgNames({"how", "nx", "ny", "nz"})
    ->ArgsProduct({{0, 1}, {200}, {200}, {200}})
    ->ArgsProduct({{0, 1}, {60}, {60}, {40}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// The quasi-steady solve of an oxygen-like field (section 7.9 of
// experiments/ODD.md): D 2000 µm²/s on 20 µm voxels, first-order uptake
// 0.01–0.06 /s and a vascular source 0.05·V·40 mmHg/s with a random vessel
// density V per voxel. Each iteration starts from the converged field
// scaled by 0.9, a warm start like one cell step's change (the copy is not
// timed). Counters: solve time, iterations per solve, and voxel-iterations
// per second (one iteration = residual, three LOD sweeps, step length).
void BM_SteadySolve(benchmark::State& state) {
  Grid g = grid_from(state);
  g.dx_um = 20;
  const hosim::DiffusionSpec spec{2000, 0, hosim::FaceBoundary::ZeroFlux, 0};
  hosim::SteadySolver solver(g, spec, hosim::SteadyOptions{});
  AlignedBuffer<double> vessels(g.size()), src(g.size()), upt(g.size()), u(g.size()),
      start(g.size());
  fill_random(vessels, 11);  // in [0.5, 1.5): shifted to [0, 1) below
  for (std::size_t i = 0; i < g.size(); ++i) {
    const double v = vessels[i] - 0.5;
    upt[i] = 0.01 + 0.05 * v;
    src[i] = 0.05 * v * 40;
    u[i] = 20;
  }
  (void)solver.solve(u.span(), src.span(), upt.span());
  for (std::size_t i = 0; i < g.size(); ++i) start[i] = 0.9 * u[i];
  std::int64_t iterations = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::copy(start.data(), start.data() + g.size(), u.data());
    state.ResumeTiming();
    iterations += solver.solve(u.span(), src.span(), upt.span());
    benchmark::ClobberMemory();
  }
  const auto solves = static_cast<double>(state.iterations());
  state.counters["iterations_per_solve"] = static_cast<double>(iterations) / solves;
  state.counters["voxel_iterations_per_s"] = benchmark::Counter(
      static_cast<double>(iterations) * static_cast<double>(g.size()), benchmark::Counter::kIsRate);
  state.counters["work_bytes_per_voxel"] =
      static_cast<double>(solver.work_bytes()) / static_cast<double>(g.size());
  state.counters["threads"] = omp_get_max_threads();
}
BENCHMARK(BM_SteadySolve)
    ->Args({60, 60, 40})
    ->Args({128, 128, 128})
    ->Args({256, 256, 256})  // bench_model's largest lattice, far beyond the caches
    ->ArgNames({"nx", "ny", "nz"})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void grids(benchmark::internal::Benchmark* b) {
  b->Args({200, 200, 200})->Args({100, 100, 100})->Args({400, 400, 50});
  b->ArgNames({"nx", "ny", "nz"})->UseRealTime()->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_LodStep)->Apply(grids);
BENCHMARK(BM_LodStepThreads)->Apply(grids)->Iterations(12);
BENCHMARK(BM_LodStepSourceUptake)->Apply(grids);
// The default scenario's lattice (configs/default.yaml): rows of 60 values,
// not a whole number of vectors (transport/row_blocks.hpp).
BENCHMARK(BM_LodStepSourceUptake)
    ->Args({60, 60, 40})
    ->ArgNames({"nx", "ny", "nz"})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sweep<Axis::X>)->Name("BM_SweepX")->Apply(grids);
BENCHMARK(BM_Sweep<Axis::Y>)->Name("BM_SweepY")->Apply(grids);
BENCHMARK(BM_Sweep<Axis::Z>)->Name("BM_SweepZ")->Apply(grids);

}  // namespace
