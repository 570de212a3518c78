#include "transport/lod_sweeps.hpp"

#include <omp.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/split_ranges.hpp"
#include "transport/row_blocks.hpp"

namespace hosim::lod {

Reaction Reaction::make(double decay, double dt, const double* source, const double* uptake) {
  Reaction r;
  r.decay = decay;
  r.dt = dt;
  r.decay_factor = std::exp(-decay * dt);
  // expm1 keeps (1 − e^{−λdt})/λ accurate when λ dt is tiny.
  r.source_factor = decay > 0 ? -std::expm1(-decay * dt) / decay : dt;
  r.source = source;
  r.uptake = uptake;
  return r;
}

namespace {

using Index = std::ptrdiff_t;

// Below this many voxels a sweep stays on the calling thread: waking the team
// would cost more than the work. Which thread runs a line never changes it.
constexpr Index kParallelMin = Index{1} << 15;

// x lines eliminated together: independent chains overlap in the pipeline
// instead of each waiting on its own multiply–add latency.
constexpr int kLinesPerBatch = 8;

// The vector path (XLines::Vector) eliminates 16 lines at a time: two vectors
// of eight lines each, so two chains overlap.
constexpr int kVectorLines = 16;

// Vector where the build targets AVX-512 (HOSIM_ARCH, native by default):
// there GCC builds each of the tiles' shuffles from one or two permute
// instructions. Compiled for AVX2 the same portable code took 7.6 ns per
// value against 0.59 for the scalar path (one plane of 200², in L2), so
// there the scalar path stays. The choice is made when compiling, not at run
// time as for the cell kernels (core/simd_cap.hpp): HOSIM_SIMD does not
// change it, and both paths give the same bits.
#if defined(__AVX512F__)
constexpr XLines kDefaultXLines = XLines::Vector;
#else
constexpr XLines kDefaultXLines = XLines::Scalar;
#endif

// A y/z block (n × width values) stays in L2 between the forward and the
// backward pass when it is below this size.
constexpr Index kBlockBytes = Index{1} << 20;
// The z sweep's blocks run across rows (sweep_z_of), so they can be as
// small as this whatever nx is; at 1 MiB a block of 200³ filled the AMD EPYC's
// 1 MiB L2 and BM_SweepZ/200 went 4.8 → 5.1–6.0 ms on one thread, at 256 KiB
// 4.1–5.1 (2026-12-06 evening, alternated runs).
constexpr Index kZBlockBytes = Index{1} << 18;
constexpr Index kMinWidth = 16;  // two cache lines per row at least

// What the x sweep's forward pass uses as right-hand side for voxel k.
struct NoReaction {
  double operator()(Index /*k*/, double u) const { return u; }
};
struct Decay {
  double e;
  double operator()(Index /*k*/, double u) const { return u * e; }
};
struct DecaySource {
  double e;
  double f;
  const double* s;
  double operator()(Index k, double u) const { return u * e + s[k] * f; }
};
// Stateful: it keeps the factors of the last uptake value it saw. Uptake is
// a function of a few tissue layers, so runs of voxels share one value
// (perfused muscle, all voxels without cells) and most exp/expm1 pairs are
// skipped; a value seen again gives the same factors, so results are as if
// each voxel computed its own. Each batch of lines uses its own copy.
template <bool kWithSource>
struct DecayUptake {
  double decay;
  double dt;
  double e;  // factors of uptake 0, e^{−λdt} and (1 − e^{−λdt})/λ:
  double f;  // exactly what the expressions below give for it
  const double* s;
  const double* up;
  double last_k = 0;
  double last_e = e;
  double last_f = f;
  double operator()(Index k, double u) {
    if (const double kk = up[k]; kk != last_k) {
      const double total = decay + kk;
      last_k = kk;
      last_e = std::exp(-total * dt);
      last_f = total != 0 ? -std::expm1(-total * dt) / total : dt;
    }
    if constexpr (kWithSource) {
      return u * last_e + s[k] * last_f;
    } else {
      return u * last_e;
    }
  }
};

// The reaction step of `count` values from voxel `first`, a batch of lines
// about to be eliminated. It runs first over the whole batch (contiguous, and
// then in L1 for the elimination): kept out of the elimination loop, its
// branches and exp calls do not force the running values out of registers.
template <class React, class T>
inline void react_lines(T* __restrict u, Index first, Index count, const React& react) {
  if constexpr (!std::is_same_v<React, NoReaction>) {
    static_assert(std::is_same_v<T, double>, "reactions run in double precision");
    React r = react;  // a batch's own copy (DecayUptake keeps state)
    const Index end = first + count;
    for (Index k = first; k < end; ++k) u[k] = r(k, u[k]);
  }
}

// B consecutive x lines of n cells from voxel `first`, eliminated in lockstep.
template <int B, class React, class T>
inline void solve_x_lines(T* __restrict u, Index first, int n, const BasicAxisFactors<T>& f,
                          const React& react) {
  const T* __restrict inv = f.inv_denom.data();
  const T* __restrict lo = f.lower.data();
  const T* __restrict cp = f.c_prime.data();
  const T br = f.boundary_rhs;
  react_lines(u, first, Index{B} * n, react);
  T x[B];
  for (int b = 0; b < B; ++b) {
    const Index k = first + Index{b} * n;
    x[b] = (u[k] + br) * inv[0];
    u[k] = x[b];
  }
  for (int i = 1; i < n - 1; ++i) {
    for (int b = 0; b < B; ++b) {
      const Index k = first + Index{b} * n + i;
      x[b] = u[k] * inv[i] + lo[i] * x[b];
      u[k] = x[b];
    }
  }
  if (n > 1) {
    const int i = n - 1;
    for (int b = 0; b < B; ++b) {
      const Index k = first + Index{b} * n + i;
      x[b] = (u[k] + br) * inv[i] + lo[i] * x[b];
      u[k] = x[b];
    }
  }
  for (int i = n - 2; i >= 0; --i) {
    for (int b = 0; b < B; ++b) {
      const Index k = first + Index{b} * n + i;
      x[b] = u[k] - cp[i] * x[b];
      u[k] = x[b];
    }
  }
}

// Eight values of T in one vector (GCC's vector extension: portable code, one
// or two registers), and the integer vector that indexes its shuffles.
template <class T>
struct Lanes;
template <>
struct Lanes<double> {
  typedef double V __attribute__((vector_size(64)));
  typedef std::int64_t M __attribute__((vector_size(64)));
};
template <>
struct Lanes<float> {
  typedef float V __attribute__((vector_size(32)));
  typedef std::int32_t M __attribute__((vector_size(32)));
};

// r[b] holds values 0..7 of line b on entry and value b of lines 0..7 on
// exit: pairs, then quarters, then halves swapped (three rounds of eight
// two-source shuffles). Always inlined: with solve_x_range called from two
// places (5bb8b6e) GCC 12 made it a function of its own, and the steady
// solver's BM_SteadySolve/nx:60 fell from 262.7 to 245.2 M voxel-iterations/s.
template <class T>
[[gnu::always_inline]] inline void transpose8(typename Lanes<T>::V r[8]) {
  using V = typename Lanes<T>::V;
  using M = typename Lanes<T>::M;
  const M pair_lo = {0, 8, 2, 10, 4, 12, 6, 14}, pair_hi = {1, 9, 3, 11, 5, 13, 7, 15};
  const M quad_lo = {0, 1, 8, 9, 4, 5, 12, 13}, quad_hi = {2, 3, 10, 11, 6, 7, 14, 15};
  const M half_lo = {0, 1, 2, 3, 8, 9, 10, 11}, half_hi = {4, 5, 6, 7, 12, 13, 14, 15};
  V t[8], q[8];
  for (int k = 0; k < 8; k += 2) {
    t[k] = __builtin_shuffle(r[k], r[k + 1], pair_lo);
    t[k + 1] = __builtin_shuffle(r[k], r[k + 1], pair_hi);
  }
  for (int h = 0; h < 8; h += 4) {
    q[h] = __builtin_shuffle(t[h], t[h + 2], quad_lo);          // values 0, 4
    q[h + 1] = __builtin_shuffle(t[h], t[h + 2], quad_hi);      // 2, 6
    q[h + 2] = __builtin_shuffle(t[h + 1], t[h + 3], quad_lo);  // 1, 5
    q[h + 3] = __builtin_shuffle(t[h + 1], t[h + 3], quad_hi);  // 3, 7
  }
  constexpr int kValue[4] = {0, 2, 1, 3};  // which value q[j] holds in its low half
  for (int j = 0; j < 4; ++j) {
    r[kValue[j]] = __builtin_shuffle(q[j], q[j + 4], half_lo);
    r[kValue[j] + 4] = __builtin_shuffle(q[j], q[j + 4], half_hi);
  }
}

// The per-thread buffer of the vector path's forward values.
template <class T>
T* x_scratch(std::size_t size) {
  thread_local std::vector<T> buffer;
  if (buffer.size() < size) buffer.resize(size);
  return buffer.data();
}

// kLines consecutive x lines of n cells from voxel `first`, as
// solve_x_lines eliminates them, with the same operations on each value in
// the same order (so the same bits), but one operation for eight lines: the
// lines are read in 8 × 8 tiles, transposed so that a vector holds one value
// of eight lines, and eliminated as kLines / 8 vectors side by side (16
// lines: two; 8, which takes what a plane's groups of 16 leave when that is
// eight or more, one). The forward values wait in a per-thread buffer
// (kLines·n values, in L1 or L2) for the backward pass, which transposes them
// back. Values past the last whole tile (n mod 8) are gathered and scattered
// one by one. On the AMD EPYC (Zen 5) one plane of 200², in L2, took 0.41 ns
// per voxel against 0.59–0.70 for the scalar path (alternated, pinned). Until
// 2026-12-07 the 12 lines that groups of 16 leave of each of the default
// lattice's planes of 60 went to the scalar batches.
template <int kLines = kVectorLines, class React, class T>
inline void solve_x_lines_vector(T* __restrict u, Index first, int n, const BasicAxisFactors<T>& f,
                                 const React& react) {
  static_assert(kLines % 8 == 0);
  using V = typename Lanes<T>::V;
  constexpr int G = kLines / 8;
  const T* __restrict inv = f.inv_denom.data();
  const T* __restrict lo = f.lower.data();
  const T* __restrict cp = f.c_prime.data();
  const T br = f.boundary_rhs;
  react_lines(u, first, Index{kLines} * n, react);
  T* __restrict base = u + first;
  T* __restrict s = x_scratch<T>(std::size_t{kLines} * static_cast<std::size_t>(n));
  // Vectors pass by reference only: a vector returned by value would have an
  // ABI that depends on the instruction set (GCC's -Wpsabi on other targets).
  const auto load = [](V& v, const T* p) { std::memcpy(&v, p, sizeof v); };
  const auto store = [](T* p, const V& v) { std::memcpy(p, &v, sizeof v); };
  const auto line = [&](int g, int b) { return base + Index{8 * g + b} * n; };
  const auto slot = [&](int i, int g) { return s + (Index{i} * G + g) * 8; };
  V x[G] = {};
  // The forward elimination of value i of group g's eight lines.
  const auto forward = [&](int i, int g, const V& v) {
    if (i == 0) {
      x[g] = (v + br) * inv[0];
    } else if (i == n - 1) {
      x[g] = (v + br) * inv[i] + lo[i] * x[g];
    } else {
      x[g] = v * inv[i] + lo[i] * x[g];
    }
    store(slot(i, g), x[g]);
  };
  // The back substitution; x holds x_{i+1} (or nothing, at the last value).
  const auto backward = [&](int i, int g) {
    V v;
    load(v, slot(i, g));
    x[g] = i < n - 1 ? v - cp[i] * x[g] : v;
  };
  const int whole = n / 8 * 8;
  for (int i0 = 0; i0 < whole; i0 += 8) {
    V r[G][8];
    for (int g = 0; g < G; ++g) {
      for (int b = 0; b < 8; ++b) load(r[g][b], line(g, b) + i0);
      transpose8<T>(r[g]);
    }
    for (int j = 0; j < 8; ++j)
      for (int g = 0; g < G; ++g) forward(i0 + j, g, r[g][j]);
  }
  for (int i = whole; i < n; ++i)
    for (int g = 0; g < G; ++g) {
      V v;
      for (int b = 0; b < 8; ++b) v[b] = line(g, b)[i];
      forward(i, g, v);
    }
  for (int i = n - 1; i >= whole; --i)
    for (int g = 0; g < G; ++g) {
      backward(i, g);
      for (int b = 0; b < 8; ++b) line(g, b)[i] = x[g][b];
    }
  for (int i0 = whole - 8; i0 >= 0; i0 -= 8) {
    V r[G][8];
    for (int j = 7; j >= 0; --j)
      for (int g = 0; g < G; ++g) {
        backward(i0 + j, g);
        r[g][j] = x[g];
      }
    for (int g = 0; g < G; ++g) {
      transpose8<T>(r[g]);
      for (int b = 0; b < 8; ++b) store(line(g, b) + i0, r[g][b]);
    }
  }
}

// `lines` consecutive x lines of n cells from voxel `first`: groups of
// kVectorLines on the vector path and one of eight, then batches of eight and
// single lines.
template <XLines kHow, class React, class T>
inline void solve_x_range(T* u, Index first, Index lines, int n, const BasicAxisFactors<T>& f,
                          const React& react) {
  Index l = 0;
  if constexpr (kHow == XLines::Vector) {
    for (; l + kVectorLines <= lines; l += kVectorLines)
      solve_x_lines_vector(u, first + l * n, n, f, react);
    if (l + 8 <= lines) {
      solve_x_lines_vector<8>(u, first + l * n, n, f, react);
      l += 8;
    }
  }
  constexpr int B = kLinesPerBatch;
  for (; l + B <= lines; l += B) solve_x_lines<B>(u, first + l * n, n, f, react);
  for (; l < lines; ++l) solve_x_lines<1>(u, first + l * n, n, f, react);
}

template <XLines kHow, class React, class T>
void sweep_x_with(T* u, const Grid& g, const BasicAxisFactors<T>& f, const React& react) {
  constexpr int B = kHow == XLines::Vector ? kVectorLines : kLinesPerBatch;
  const int n = g.nx;
  const Index lines = Index{g.ny} * g.nz;
  const Index batches = lines / B;
  const bool parallel = lines * n >= kParallelMin;
#pragma omp parallel if (parallel)
  {
    // The fewer than B lines left go to one thread, as a group or batch of
    // eight where they make one (they went one by one before 2026-12-07).
#pragma omp for schedule(static) nowait
    for (Index b = 0; b < batches; ++b) solve_x_range<kHow>(u, b * B * n, B, n, f, react);
#pragma omp single
    solve_x_range<kHow>(u, batches * B * n, lines - batches * B, n, f, react);
  }
}

// The running values of a row's remainder after its whole vectors: one
// piece of each width L, L/2, …, 1 (rows::in_pieces), each in a register.
template <class T, int L>
struct RestValues {
  rows::Vec<T, L> v{};
  RestValues<T, L / 2> narrower;
  template <int M>
  [[gnu::always_inline]] rows::Vec<T, M>& get() {
    if constexpr (M == L) {
      return v;
    } else {
      return narrower.template get<M>();
    }
  }
};
template <class T>
struct RestValues<T, 0> {};

// solve_strided for rows of K whole vectors and a remainder (width < (K + 1)
// values per vector), with the running value of every column in registers:
// each row's new values are the next row's neighbours straight from the
// registers, not stored and loaded back. On rows that are not a whole number
// of vectors (60 values), the loop below waited on each row's stores and
// then a scalar remainder. Every value gets the operations of the loop below,
// on the same operands.
template <int K, class T>
void solve_strided_in_registers(T* p, Index stride, Index width, const BasicAxisFactors<T>& f) {
  constexpr int W = rows::kLanes<T>;
  using V = rows::Vec<T, W>;
  const int n = f.n;
  const T* inv = f.inv_denom.data();
  const T* lo = f.lower.data();
  const T* cp = f.c_prime.data();
  const T br = f.boundary_rhs;
  V x[K > 0 ? K : 1];
  RestValues<T, W / 2> rest;
  // row = op(row, running value) for every column of row i; op's result is
  // the column's new running value.
  const auto each = [&](int i, auto op) {
    T* row = p + i * stride;
#pragma GCC unroll 8
    for (int k = 0; k < K; ++k) {
      x[k] = op(rows::load<T, W>(row + k * W), x[k]);
      rows::store<T, W>(row + k * W, x[k]);
    }
    rows::in_pieces<W / 2>(Index{K} * W, width, [&](Index j, auto lanes) {
      constexpr int L = decltype(lanes)::value;
      auto& r = rest.template get<L>();
      r = op(rows::load<T, L>(row + j), r);
      rows::store<T, L>(row + j, r);
    });
  };
  each(0, [&](auto v, auto) { return (v + br) * inv[0]; });
  for (int i = 1; i < n - 1; ++i) {
    const T a = inv[i];
    const T l = lo[i];
    each(i, [&](auto v, auto prev) { return v * a + l * prev; });
  }
  {
    const T a = inv[n - 1];
    const T l = lo[n - 1];
    each(n - 1, [&](auto v, auto prev) { return (v + br) * a + l * prev; });
  }
  for (int i = n - 2; i >= 0; --i) {
    const T c = cp[i];
    each(i, [&](auto v, auto next) { return v - c * next; });
  }
}

// The most whole vectors a row may have and keep its running values in
// registers (solve_strided_in_registers): eight, and the remainder's, where
// the build has AVX-512's 32 vector registers; four with AVX2's 16 (a vector
// here is two of them), wider rows taking the loop through memory below.
#if defined(__AVX512F__)
constexpr std::size_t kInRegisters = 8;
#else
constexpr std::size_t kInRegisters = 4;
#endif

// solve_strided_in_registers for rows of 0, 1, …, kInRegisters whole vectors.
template <class T, std::size_t... K>
constexpr auto in_registers_by_vectors(std::index_sequence<K...>) {
  return std::array{&solve_strided_in_registers<static_cast<int>(K), T>...};
}

// `width` neighbouring lines at once, element i of line j at p[i·stride + j]:
// the inner loops run over contiguous x and vectorise. Rows of up to
// kInRegisters whole vectors keep their running values in registers
// instead; the same operations either way.
template <class T>
inline void solve_strided(T* p, Index stride, Index width, const BasicAxisFactors<T>& f) {
  static constexpr auto kByVectors =
      in_registers_by_vectors<T>(std::make_index_sequence<kInRegisters + 1>{});
  if (const auto k = static_cast<std::size_t>(width / rows::kLanes<T>); k <= kInRegisters)
    return kByVectors[k](p, stride, width, f);
  const int n = f.n;
  const T* inv = f.inv_denom.data();
  const T* lo = f.lower.data();
  const T* cp = f.c_prime.data();
  const T br = f.boundary_rhs;
  {
    T* __restrict row = p;
    const T a = inv[0];
#pragma omp simd
    for (Index j = 0; j < width; ++j) row[j] = (row[j] + br) * a;
  }
  for (int i = 1; i < n - 1; ++i) {
    T* __restrict row = p + i * stride;
    const T* __restrict prev = row - stride;
    const T a = inv[i];
    const T l = lo[i];
#pragma omp simd
    for (Index j = 0; j < width; ++j) row[j] = row[j] * a + l * prev[j];
  }
  {
    T* __restrict row = p + (n - 1) * stride;
    const T* __restrict prev = row - stride;
    const T a = inv[n - 1];
    const T l = lo[n - 1];
#pragma omp simd
    for (Index j = 0; j < width; ++j) row[j] = (row[j] + br) * a + l * prev[j];
  }
  for (int i = n - 2; i >= 0; --i) {
    T* __restrict row = p + i * stride;
    const T* __restrict next = row + stride;
    const T c = cp[i];
#pragma omp simd
    for (Index j = 0; j < width; ++j) row[j] = row[j] - c * next[j];
  }
}

// Lines per y/z block: whole cache lines, small enough to stay in L2, and
// enough blocks for every thread (2D has a single plane). Results do not
// depend on it, so it may follow the thread count.
Index block_width(Index nx, int n, Index outer, Index value_bytes, Index block_bytes) {
  Index w = block_bytes / (value_bytes * n);
  const Index want = Index{4} * omp_get_max_threads();
  if (outer < want) {
    const Index per_outer = (want + outer - 1) / outer;
    w = std::min(w, (nx + per_outer - 1) / per_outer);
  }
  w = std::max(kMinWidth, (w + 7) / 8 * 8);
  return std::min<Index>(w, nx);
}

// Lines along a direction of f.n cells `stride` apart; `outer` groups of nx
// neighbouring lines, `outer_stride` apart.
template <class T>
void sweep_strided(T* u, Index outer, Index outer_stride, Index nx, Index stride,
                   const BasicAxisFactors<T>& f, Index block_bytes = kBlockBytes) {
  if (f.n < 2) return;
  const Index width = block_width(nx, f.n, outer, Index{sizeof(T)}, block_bytes);
  const Index per_outer = (nx + width - 1) / width;
  const Index blocks = outer * per_outer;
  const bool parallel = outer * nx * f.n >= kParallelMin;
#pragma omp parallel for schedule(static) if (parallel)
  for (Index b = 0; b < blocks; ++b) {
    const Index o = b / per_outer;
    const Index x0 = (b % per_outer) * width;
    solve_strided(u + o * outer_stride + x0, stride, std::min(width, nx - x0), f);
  }
}

// Planes a fused x–y pass needs per thread before it pays: with fewer (a 2D
// slice has one), the separate sweeps share each plane among threads instead.
constexpr Index kPlanesPerThread = 2;

// The x sweep (with its reaction) and then the y sweep of the ny·nx values
// from voxel `first`. Voxel indices stay absolute: the reaction reads source
// and uptake by them.
template <XLines kHow, class React, class T>
void sweep_xy_plane_with(T* u, Index first, int nx, Index ny, const BasicAxisFactors<T>& fx,
                         const BasicAxisFactors<T>& fy, const React& react) {
  solve_x_range<kHow>(u, first, ny, nx, fx, react);
  if (fy.n >= 2) solve_strided(u + first, nx, nx, fy);
}

// The x sweep (with its reaction) and then the y sweep of each z-plane in
// turn, planes shared among threads. A plane of a model grid (≤ 1 MB) is still
// in L2 when its y sweep starts, so the field crosses the memory bus once for
// both directions instead of twice. Every line gets exactly the arithmetic of
// the separate sweeps (lines are independent and batching does not change a
// line's operations), so the result is the same to the bit.
//
// The planes go out in stretches (core/split_ranges.hpp), not in static
// halves: with an uptake, the reaction computes an exp and an expm1 wherever
// the uptake changes along a line, which is in the lesion, and a mirrored
// lattice (grid.mirror) has its lesion at z = 0, in the first thread's half.
// 12-day default, 2 threads (2026-12-07, AMD EPYC Zen 4, 3 alternated runs):
// the threads' time in these sweeps 1.34 / 0.98 s static, 1.16 / 1.16 s in
// stretches. Which thread sweeps a plane changes no value.
template <class React, class T>
void sweep_xy_with(T* u, const Grid& g, const BasicAxisFactors<T>& fx,
                   const BasicAxisFactors<T>& fy, const React& react) {
  const Index plane = Index{g.nx} * g.ny;
  const bool parallel = plane * g.nz >= kParallelMin;
  SplitRanges planes(g.nz, parallel ? omp_get_max_threads() : 1, 1);
#pragma omp parallel if (parallel)
  planes.for_each_taken(omp_get_thread_num(), [&](Index z) {
    sweep_xy_plane_with<kDefaultXLines>(u, z * plane, g.nx, g.ny, fx, fy, react);
  });
}

// Whether the fused pass has enough planes for the team (see kPlanesPerThread).
bool fuse_xy(const Grid& g) {
  return g.nz >= kPlanesPerThread * omp_get_max_threads();
}

template <class T>
void check_axis(const BasicAxisFactors<T>& f, int n, const char* axis) {
  if (f.n != n)
    throw std::invalid_argument(std::string("LOD sweep: factors for ") + std::to_string(f.n) +
                                " cells, but the grid has n" + axis + " = " + std::to_string(n));
}

// Calls fn with the cheapest right-hand side functor that computes r's step.
template <class Fn>
void with_reaction(const Reaction& r, Fn&& fn) {
  const double e = r.decay_factor;
  const double s = r.source_factor;
  if (r.uptake != nullptr && r.source != nullptr) {
    fn(DecayUptake<true>{r.decay, r.dt, e, s, r.source, r.uptake});
  } else if (r.uptake != nullptr) {
    fn(DecayUptake<false>{r.decay, r.dt, e, s, nullptr, r.uptake});
  } else if (r.source != nullptr) {
    fn(DecaySource{e, s, r.source});
  } else if (e != 1) {
    fn(Decay{e});
  } else {
    fn(NoReaction{});  // u·1 = u exactly: same result, one multiply less
  }
}

template <class T>
void sweep_y_of(T* u, const Grid& g, const BasicAxisFactors<T>& f) {
  check_axis(f, g.ny, "y");
  sweep_strided(u, g.nz, Index{g.nx} * g.ny, g.nx, g.nx, f);
}

// The z lines of a plane's nx·ny voxels are contiguous across rows, so the
// blocks run over the whole plane as one row of nx·ny values: each block reads
// long contiguous runs per plane rather than one row of nx values (800 bytes
// on 100³). Each line's arithmetic is the same, so the result is the same to
// the bit. 2026-12-06 evening, AMD EPYC, alternated runs: BM_SweepZ/100 on one
// thread 0.31–0.32 → 0.24–0.26 ms, BM_LodStep/100 1.28–1.33 → 1.22–1.30, the
// 12-day default's transport on one thread 9.02 / 8.82 → 8.61 / 8.45 s (two
// threads within the host's noise).
template <class T>
void sweep_z_of(T* u, const Grid& g, const BasicAxisFactors<T>& f) {
  check_axis(f, g.nz, "z");
  const Index plane = Index{g.nx} * g.ny;
  sweep_strided(u, Index{1}, plane, plane, plane, f, kZBlockBytes);
}

template <class React, class T>
void sweep_xyz_with(T* u, const Grid& g, const BasicAxisFactors<T>& fx,
                    const BasicAxisFactors<T>& fy, const BasicAxisFactors<T>& fz,
                    const React& react) {
  check_axis(fx, g.nx, "x");
  check_axis(fy, g.ny, "y");  // sweep_z_of checks z
  if (fuse_xy(g)) {
    sweep_xy_with(u, g, fx, fy, react);
  } else {
    sweep_x_with<kDefaultXLines>(u, g, fx, react);
    sweep_y_of(u, g, fy);
  }
  sweep_z_of(u, g, fz);
}

}  // namespace

void sweep_x(double* u, const Grid& g, const AxisFactors& f) {
  check_axis(f, g.nx, "x");
  sweep_x_with<kDefaultXLines>(u, g, f, NoReaction{});
}

void sweep_x(double* u, const Grid& g, const AxisFactors& f, const Reaction& r, XLines how) {
  check_axis(f, g.nx, "x");
  with_reaction(r, [&](const auto& react) {
    if (how == XLines::Vector) {
      sweep_x_with<XLines::Vector>(u, g, f, react);
    } else {
      sweep_x_with<XLines::Scalar>(u, g, f, react);
    }
  });
}

XLines default_x_lines() {
  return kDefaultXLines;
}

void sweep_y(double* u, const Grid& g, const AxisFactors& f) {
  sweep_y_of(u, g, f);
}

void sweep_z(double* u, const Grid& g, const AxisFactors& f) {
  sweep_z_of(u, g, f);
}

void sweep_xyz(double* u, const Grid& g, const AxisFactors& fx, const AxisFactors& fy,
               const AxisFactors& fz) {
  sweep_xyz(u, g, fx, fy, fz, Reaction{});  // no decay, source or uptake: NoReaction
}

void sweep_xyz(double* u, const Grid& g, const AxisFactors& fx, const AxisFactors& fy,
               const AxisFactors& fz, const Reaction& r) {
  with_reaction(r, [&](const auto& react) { sweep_xyz_with(u, g, fx, fy, fz, react); });
}

void sweep_xyz(float* u, const Grid& g, const AxisFactorsF& fx, const AxisFactorsF& fy,
               const AxisFactorsF& fz) {
  sweep_xyz_with(u, g, fx, fy, fz, NoReaction{});
}

void sweep_xy_plane(float* plane, const Grid& g, const AxisFactorsF& fx, const AxisFactorsF& fy,
                    XLines how) {
  check_axis(fx, g.nx, "x");
  check_axis(fy, g.ny, "y");
  if (how == XLines::Vector) {
    sweep_xy_plane_with<XLines::Vector>(plane, 0, g.nx, g.ny, fx, fy, NoReaction{});
  } else {
    sweep_xy_plane_with<XLines::Scalar>(plane, 0, g.nx, g.ny, fx, fy, NoReaction{});
  }
}

void sweep_z(float* u, const Grid& g, const AxisFactorsF& f) {
  sweep_z_of(u, g, f);
}

}  // namespace hosim::lod
