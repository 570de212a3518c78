#include "transport/steady_solver.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "core/errors.hpp"
#include "transport/lod_sweeps.hpp"
#include "transport/row_blocks.hpp"
#include "transport/solver_checks.hpp"

namespace hosim {
namespace {

using Index = std::ptrdiff_t;

constexpr const char* kWho = "SteadySolver";

// Neighbouring pseudo-time steps of the cycle differ by this factor. On the
// oxygen test problem (tests/transport/test_steady_solver.cpp) a cold start
// took 58 / 40 / 25 / 23 iterations for factors 2 / 3 / 10 / 30: the cycle is
// best short, as long as it spans the voxel-to-domain range.
constexpr double kTauRatio = 10.0;

// Implicit weight of the diffusion factors (θ of Douglas–Rachford). With
// θ = 1/2 a one-direction mode with τθa = 1 is annihilated in one iteration
// (Peaceman–Rachford); θ = 1 needed 70 instead of 25 iterations on the test
// problem. The reaction factor stays fully implicit: with θ = 1/2 a stiff
// sink (τk ≫ 1) would flip sign each iteration instead of being damped.
constexpr double kTheta = 0.5;

// The first cycles run from the voxel scale up, the later ones from the
// domain scale down. In a run each solve starts from the last step's field,
// and what changed (cells moving, dying, dividing) is local: small τ first
// removes it. Over 60 days of the default 3D run this took 6.1 iterations
// per solve against 10.2 for falling cycles only. Falling cycles converge
// more surely from a poor start (PatchyStrongSinksConverge at k = 5 /s
// stalls with rising cycles only), so after kRisingCycles the order turns.
constexpr std::size_t kRisingCycles = 2;

// With D = 0 the problem is pointwise and one iteration with a huge τ solves
// it exactly: τR/(1 + τ(λ+k)) → R/(λ+k).
constexpr double kPointwiseTau = 1e12;

// Below this many voxels a pass stays on the calling thread.
constexpr Index kParallelMin = Index{1} << 15;

void check_options(const SteadyOptions& o) {
  if (!(o.tolerance > 0) || !std::isfinite(o.tolerance)) {
    std::ostringstream m;
    m << kWho << ": tolerance = " << o.tolerance << " is invalid; it must be finite and > 0";
    throw std::invalid_argument(m.str());
  }
  if (o.max_iterations < 1)
    throw std::invalid_argument(std::string(kWho) + ": max_iterations = " +
                                std::to_string(o.max_iterations) + " is invalid; it must be >= 1");
}

// The pseudo-time cycle, largest first: from the slowest diffusive mode of the
// domain, L²/(π²D), down to the voxel scale dx²/(4D).
std::vector<double> pseudo_time_cycle(const Grid& g, double d) {
  if (d == 0) return {kPointwiseTau};
  const double dx2 = g.dx_um * g.dx_um;
  const double extent = std::max({g.nx, g.ny, g.nz}) * g.dx_um;
  const double tau_min = dx2 / (4 * d);
  const double tau_max = std::max(extent * extent / (M_PI * M_PI * d), kTauRatio * tau_min);
  const int m = 1 + static_cast<int>(std::ceil(std::log(tau_max / tau_min) / std::log(kTauRatio)));
  std::vector<double> tau(static_cast<std::size_t>(m));
  for (int j = 0; j < m; ++j)
    tau[static_cast<std::size_t>(j)] =
        tau_max * std::pow(tau_min / tau_max, static_cast<double>(j) / (m - 1));
  return tau;
}

}  // namespace

SteadySolver::SteadySolver(const Grid& grid, const DiffusionSpec& spec, SteadyOptions options)
    : grid_(grid), spec_(spec), opt_(options) {
  lod::check_grid(kWho, grid);
  lod::check_spec(kWho, spec);
  check_options(options);
  tau_ = pseudo_time_cycle(grid, spec.diffusion_um2_s);
  const double dx2 = grid.dx_um * grid.dx_um;
  // The correction Δ is zero on a Dirichlet face (the face value is already
  // right), so every factorisation uses boundary value 0.
  for (const double tau : tau_) {
    const double r = kTheta * spec.diffusion_um2_s * tau / dx2;
    factors_.push_back({lod::to_single(lod::factor_axis(grid.nx, r, spec.boundary, 0.0)),
                        lod::to_single(lod::factor_axis(grid.ny, r, spec.boundary, 0.0)),
                        lod::to_single(lod::factor_axis(grid.nz, r, spec.boundary, 0.0))});
  }
  delta_.resize(grid.size(), 0.0f);
  resid_.resize(grid.size(), 0.0f);
  const auto lines = static_cast<std::size_t>(grid.ny) * static_cast<std::size_t>(grid.nz);
  line_a_.assign(lines, 0.0);
  line_sums_.assign(lines, {0.0, 0.0});
}

// Σ(u_nb − u_i) over the face neighbours of every voxel of x-line l, into
// lap[0..nx). A missing neighbour is a face (zero flux: nothing; Dirichlet:
// the ghost 2·face − u_i), and a direction of a single cell has no faces at
// all. The terms are added in the order x−, x+, y−, y+, z−, z+ everywhere;
// lines whose y and z neighbours all exist take a branch-free loop over their
// interior (most lines of a 3D grid), the rest the general one.
template <class T>
void SteadySolver::line_laplacian(const T* u, double face_value, Index l, double* lap) const {
  const Grid& g = grid_;
  const Index nx = g.nx, ny = g.ny, nz = g.nz;
  const Index sy = nx, sz = nx * ny;
  const Index y = l % ny, z = l / ny;
  const T* ul = u + l * nx;
  const T* um_y = y > 0 ? ul - sy : nullptr;
  const T* up_y = y < ny - 1 ? ul + sy : nullptr;
  const T* um_z = z > 0 ? ul - sz : nullptr;
  const T* up_z = z < nz - 1 ? ul + sz : nullptr;
  const bool dirichlet = spec_.boundary == FaceBoundary::Dirichlet;
  const auto face = [dirichlet, face_value](double ui) {
    return dirichlet ? 2 * (face_value - ui) : 0.0;
  };
  // Differences in double whatever T is (a float difference would round).
  const auto at = [](const T* p, Index x) { return static_cast<double>(p[x]); };
  const auto general = [&](Index x) {
    const double ui = at(ul, x);
    double sum = 0;
    if (nx > 1) {
      sum += x > 0 ? at(ul, x - 1) - ui : face(ui);
      sum += x < nx - 1 ? at(ul, x + 1) - ui : face(ui);
    }
    if (ny > 1) {
      sum += um_y != nullptr ? at(um_y, x) - ui : face(ui);
      sum += up_y != nullptr ? at(up_y, x) - ui : face(ui);
    }
    if (nz > 1) {
      sum += um_z != nullptr ? at(um_z, x) - ui : face(ui);
      sum += up_z != nullptr ? at(up_z, x) - ui : face(ui);
    }
    lap[x] = sum;
  };
  // A zero-flux face adds the term 0 where a neighbour would be; so does a
  // neighbour that is the voxel itself (u_i − u_i = +0 for finite u_i, and
  // adding +0 is adding 0). Zero-flux lines at the y and z faces therefore
  // take the branch-free loop with the line itself standing in for the
  // missing neighbour line, and only the two x-ends of each line the general
  // code (the faces of a 3D grid held a tenth of its voxels).
  const T *gm_y = um_y, *gp_y = up_y, *gm_z = um_z, *gp_z = up_z;
  if (!dirichlet) {
    if (ny > 1) {
      if (gm_y == nullptr) gm_y = ul;
      if (gp_y == nullptr) gp_y = ul;
    }
    if (nz > 1) {
      if (gm_z == nullptr) gm_z = ul;
      if (gp_z == nullptr) gp_z = ul;
    }
  }
  const bool y_inner = ny > 1 && gm_y != nullptr && gp_y != nullptr;
  const bool z_inner = nz > 1 && gm_z != nullptr && gp_z != nullptr;
  if (nx < 3 || !y_inner || !(nz == 1 || z_inner)) {
    for (Index x = 0; x < nx; ++x) general(x);
    return;
  }
  general(0);
  if (nz > 1) {
#pragma omp simd
    for (Index x = 1; x < nx - 1; ++x) {
      const double ui = at(ul, x);
      lap[x] = (at(ul, x - 1) - ui) + (at(ul, x + 1) - ui) + (at(gm_y, x) - ui) +
               (at(gp_y, x) - ui) + (at(gm_z, x) - ui) + (at(gp_z, x) - ui);
    }
  } else {
#pragma omp simd
    for (Index x = 1; x < nx - 1; ++x) {
      const double ui = at(ul, x);
      lap[x] =
          (at(ul, x - 1) - ui) + (at(ul, x + 1) - ui) + (at(gm_y, x) - ui) + (at(gp_y, x) - ui);
    }
  }
  general(nx - 1);
}

namespace {

// The calling thread's buffer for one x-line's Laplacian, kept across calls:
// the residual and step-length passes run every iteration.
double* line_buffer(Index nx) {
  thread_local std::vector<double> work;
  work.resize(static_cast<std::size_t>(nx));
  return work.data();
}

}  // namespace

// Calls body(l, lap) for every x-line l with lap = line_laplacian(u) of
// that line, lines shared among threads (static schedule), lap in the
// thread's line_buffer.
template <class T, class Body>
void SteadySolver::for_each_line(const T* u, double face_value, Body&& body) const {
  const Index nx = grid_.nx;
  const Index lines = static_cast<Index>(grid_.ny) * grid_.nz;
#pragma omp parallel if (lines * nx >= kParallelMin)
  {
    double* lap = line_buffer(nx);
#pragma omp for schedule(static)
    for (Index l = 0; l < lines; ++l) {
      line_laplacian(u, face_value, l, lap);
      body(l, static_cast<const double*>(lap));
    }
  }
}

namespace {

// Partial sums of the step length's dot products (one AVX-512 register of
// doubles; narrower builds split it, with the same result).
constexpr std::size_t kLanes = 8;

// The step length's two sums over one x-line, ⟨R, q⟩ and ⟨q, q⟩ with
// q = −c·lap + (λ + k)Δ, each in kLanes lanes (voxel x into lane x mod kLanes,
// in x order within a lane) and then added pairwise. The lanes are a GCC
// vector of kLanes doubles, so they stay in registers (an array of partial
// sums went through memory on every add); each lane's operations are the
// IEEE operations of the scalar expression, so the sums are the same bits on
// any instruction set, split into narrower registers or not.
using LaneD = double __attribute__((vector_size(kLanes * sizeof(double))));
using LaneF = float __attribute__((vector_size(kLanes * sizeof(float))));

template <bool kUpt>
std::array<double, 2> step_sums_line(const double* lap, const float* dl, const float* rl,
                                     const double* k, double c, double lambda, std::ptrdiff_t nx) {
  LaneD pa{}, pb{};
  const double neg_c = -c;
  const std::ptrdiff_t whole = nx / std::ptrdiff_t{kLanes} * std::ptrdiff_t{kLanes};
  for (std::ptrdiff_t x0 = 0; x0 < whole; x0 += std::ptrdiff_t{kLanes}) {
    LaneD lp, kk{};
    LaneF d, r;
    std::memcpy(&lp, lap + x0, sizeof lp);
    std::memcpy(&d, dl + x0, sizeof d);
    std::memcpy(&r, rl + x0, sizeof r);
    if constexpr (kUpt) std::memcpy(&kk, k + x0, sizeof kk);
    const LaneD rate = lambda + kk;
    const LaneD q = neg_c * lp + rate * __builtin_convertvector(d, LaneD);
    pa += __builtin_convertvector(r, LaneD) * q;
    pb += q * q;
  }
  for (std::ptrdiff_t x = whole; x < nx; ++x) {
    const std::ptrdiff_t j = x - whole;
    const double rate = lambda + (kUpt ? k[x] : 0.0);
    const double q = neg_c * lap[x] + rate * static_cast<double>(dl[x]);
    pa[j] += static_cast<double>(rl[x]) * q;
    pb[j] += q * q;
  }
  // ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)).
  const auto pairwise = [](const LaneD& v) {
    return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
  };
  return {pairwise(pa), pairwise(pb)};
}

// One x-line of residual_pass: R into rl and τR/(1 + τ(λ+k)) into dl (when
// kOut), returns max |R| over the line with NaN counted as infinite. Each
// optional input is a template flag, so the loop carries no tests. In vectors
// of eight, the remainder in narrower ones (transport/row_blocks.hpp); the
// max runs per lane. A NaN R is flagged by R ≠ R, and an infinite R is its
// own max. (Until 2026-12-07 a sum of R·0 caught both, and GCC 12 added its
// sixteen partial sums one after another at the end of every line.)
template <bool kSrc, bool kUpt, bool kOut>
double residual_line(const double* __restrict ul, const double* __restrict lap,
                     const double* __restrict s, const double* __restrict k, double c,
                     double lambda, double tau, float* __restrict dl, float* __restrict rl,
                     std::ptrdiff_t nx) {
  using VI = std::int64_t __attribute__((vector_size(64)));
  rows::Vec<double, 8> top{};  // per lane, the largest |R| of the whole vectors (+0 at first)
  VI nan{};                    // per lane, all ones once an R there was NaN
  double top_rest = 0;         // the same over the narrower pieces
  bool nan_rest = false;
  rows::in_pieces<8>(0, nx, [&](Index x, auto lanes) {
    constexpr int L = decltype(lanes)::value;
    using V = rows::Vec<double, L>;
    // The same operations as with every input present, a missing one
    // reading 0 (+0.0 also turns a −0 into +0).
    V kk{}, src{};
    if constexpr (kUpt) kk = rows::load<double, L>(k + x);
    if constexpr (kSrc) src = rows::load<double, L>(s + x);
    const V rate = lambda + kk;
    const V r = c * rows::load<double, L>(lap + x) - rate * rows::load<double, L>(ul + x) + src;
    if constexpr (kOut) {
      rows::store<float, L>(dl + x, rows::convert<float, double, L>(tau * r / (1 + tau * rate)));
      rows::store<float, L>(rl + x, rows::convert<float, double, L>(r));
    }
    if constexpr (L == 8) {
      const V mag = reinterpret_cast<V>(reinterpret_cast<VI>(r) & INT64_MAX);
      top = mag > top ? mag : top;  // a NaN compares false and is flagged instead
      nan |= r != r;
    } else {
      for (int j = 0; j < L; ++j) {
        const double rj = rows::lane<double, L>(r, j);
        top_rest = std::max(top_rest, std::abs(rj));
        nan_rest = nan_rest || rj != rj;
      }
    }
  });
  double m = top_rest;
  bool any_nan = nan_rest;
  for (int j = 0; j < 8; ++j) {
    m = std::max(m, top[j]);
    any_nan = any_nan || nan[j] != 0;
  }
  return any_nan ? INFINITY : m;
}

// The residual of one x-line for one call's inputs: residual_line with the
// flags those inputs select (the solve always passes all of them in a run:
// oxygen has both a source and an uptake). Both residual passes use it.
struct LineResidual {
  using Kernel = double (*)(const double*, const double*, const double*, const double*, double,
                            double, double, float*, float*, Index);
  Kernel kernel;
  const double *src, *upt;
  double c, lambda, tau;
  float *delta, *resid;  // both null: R is only measured
  Index nx;

  LineResidual(const Grid& g, const DiffusionSpec& spec, const double* source, const double* uptake,
               double pseudo_step, float* d, float* r)
      : src(source),
        upt(uptake),
        c(spec.diffusion_um2_s / (g.dx_um * g.dx_um)),
        lambda(spec.decay_per_s),
        tau(pseudo_step),
        delta(d),
        resid(r),
        nx(g.nx) {
    static constexpr Kernel kKernels[8] = {
        residual_line<false, false, false>, residual_line<false, false, true>,
        residual_line<false, true, false>,  residual_line<false, true, true>,
        residual_line<true, false, false>,  residual_line<true, false, true>,
        residual_line<true, true, false>,   residual_line<true, true, true>};
    kernel = kKernels[(src != nullptr ? 4 : 0) | (upt != nullptr ? 2 : 0) | (d != nullptr ? 1 : 0)];
  }
  // max |R| over line l of u, with lap its Laplacian.
  double operator()(const double* u, const double* lap, Index l) const {
    const Index base = l * nx;
    const bool out = delta != nullptr;
    return kernel(u + base, lap, src != nullptr ? src + base : nullptr,
                  upt != nullptr ? upt + base : nullptr, c, lambda, tau,
                  out ? delta + base : nullptr, out ? resid + base : nullptr, nx);
  }
};

double max_of(const std::vector<double>& per_line) {
  double m = 0;
  for (const double v : per_line) m = std::max(m, v);
  return m;
}

}  // namespace

double SteadySolver::residual_into(const double* u, const double* src, const double* upt) const {
  const LineResidual line(grid_, spec_, src, upt, 0.0, nullptr, nullptr);
  for_each_line(u, spec_.boundary_value, [&](Index l, const double* lap) {
    line_a_[static_cast<std::size_t>(l)] = line(u, lap, l);
  });
  return max_of(line_a_);
}

bool SteadySolver::sweeps_planes() const {
  // As lod::sweep_xyz's own fused pass: a 3D grid with two planes or more per
  // thread (a 2D slice has one plane, which the sweeps share among threads).
  return grid_.nz > 1 && grid_.nz >= 2 * omp_get_max_threads();
}

double SteadySolver::residual_pass(double* u, const double* alpha, const double* src,
                                   const double* upt, double tau, float* delta, float* resid,
                                   const Factors* sweep) const {
  const Index nx = grid_.nx, ny = grid_.ny, nz = grid_.nz;
  const Index lines = ny * nz;
  const Index plane = nx * ny;
  // The residual of line l reads lines l ± 1 and l ± ny (3D) of the new u:
  // every line up to `ahead` past l must have taken its step by then.
  const Index ahead = nz > 1 ? ny : 1;
  const LineResidual line(grid_, spec_, src, upt, tau, delta, resid);
  const bool stepping = alpha != nullptr;
  const double a = stepping ? *alpha : 0.0;
  const auto step = [&](Index l) {
    double* __restrict ul = u + l * nx;
    const float* __restrict dl = delta + l * nx;
#pragma omp simd
    for (Index x = 0; x < nx; ++x) ul[x] += a * static_cast<double>(dl[x]);
  };
  const double tol = opt_.tolerance;
  const auto sweep_plane = [&](Index z) {
    lod::sweep_xy_plane(delta + z * plane, grid_, sweep->x, sweep->y);
  };
  team_max_.assign(static_cast<std::size_t>(omp_get_max_threads()), 0.0);
#pragma omp parallel if (lines * nx >= kParallelMin)
  {
    // Each thread's lines are one contiguous range (whole planes when it
    // sweeps them). Its first and last `ahead` lines, which the
    // neighbouring ranges' residuals read, take their step before the
    // barrier; the rest each take it `ahead` lines before the residual
    // reaches them, while still in cache. Only the thread that owns a line
    // writes it, and after the barrier no thread reads a line another
    // thread is writing.
    const auto t = static_cast<Index>(omp_get_thread_num());
    const auto threads = static_cast<Index>(omp_get_num_threads());
    const Index first = sweep != nullptr ? ny * (nz * t / threads) : lines * t / threads;
    const Index end = sweep != nullptr ? ny * (nz * (t + 1) / threads) : lines * (t + 1) / threads;
    const Index inner_begin = std::min(first + ahead, end);
    const Index inner_end = std::max(end - ahead, inner_begin);
    if (stepping) {
      for (Index l = first; l < inner_begin; ++l) step(l);
      for (Index l = inner_end; l < end; ++l) step(l);
#pragma omp barrier
    }
    double* lap = line_buffer(nx);
    // With `sweep`, each plane's correction gets its x and y sweeps as soon
    // as its last line is written, while it is in cache, once this thread's
    // residual already exceeds the tolerance: the iteration will go on.
    // Planes finished before that wait, and are swept after the pass if the
    // whole residual exceeds it; in the iteration that converges none is.
    // The sweeps of different planes are independent, so when each runs
    // does not change a bit.
    double m = 0;
    Index unswept = first / ny;  // this thread's first plane not yet swept
    for (Index l = first; l < end; ++l) {
      if (stepping) {
        if (const Index next = l + ahead; next >= inner_begin && next < inner_end) step(next);
      }
      line_laplacian(static_cast<const double*>(u), spec_.boundary_value, l, lap);
      const double r = line(u, lap, l);
      line_a_[static_cast<std::size_t>(l)] = r;
      if (sweep != nullptr) {
        m = std::max(m, r);
        if (const Index z = l / ny; l + 1 == (z + 1) * ny && m > tol) {
          for (; unswept <= z; ++unswept) sweep_plane(unswept);
        }
      }
    }
    if (sweep != nullptr) {
      team_max_[static_cast<std::size_t>(t)] = m;
#pragma omp barrier
      double all = 0;
      for (Index i = 0; i < threads; ++i)
        all = std::max(all, team_max_[static_cast<std::size_t>(i)]);
      if (all > tol) {
        for (; unswept < end / ny; ++unswept) sweep_plane(unswept);
      }
    }
  }
  return max_of(line_a_);
}

double SteadySolver::step_length(const float* delta, const float* resid, const double* upt) const {
  // q = AΔ with A = −D∇² + λ + k (homogeneous faces: Δ is 0 on a Dirichlet
  // face); α = ⟨R, q⟩ / ⟨q, q⟩ minimises ‖R − αq‖₂. Sums run per line and
  // then over lines in order, so α does not depend on the thread count.
  const double c = spec_.diffusion_um2_s / (grid_.dx_um * grid_.dx_um);
  const double lambda = spec_.decay_per_s;
  const Index nx = grid_.nx;
  for_each_line(delta, 0.0, [&](Index l, const double* lap) {
    const Index base = l * nx;
    const float* rl = resid + base;
    const float* dl = delta + base;
    const double* k = upt != nullptr ? upt + base : nullptr;
    // In kLanes lanes (step_sums_line): vectorised, and the same rounding
    // whatever the vector width of the build (CMakeLists.txt, HOSIM_ARCH).
    line_sums_[static_cast<std::size_t>(l)] =
        k != nullptr ? step_sums_line<true>(lap, dl, rl, k, c, lambda, nx)
                     : step_sums_line<false>(lap, dl, rl, nullptr, c, lambda, nx);
  });
  double a = 0, b = 0;
  for (const auto& acc : line_sums_) {
    a += acc[0];
    b += acc[1];
  }
  return b > 0 && std::isfinite(a / b) ? a / b : 1.0;
}

double SteadySolver::residual(std::span<const double> u, std::span<const double> source,
                              std::span<const double> uptake) const {
  const std::size_t n = grid_.size();
  lod::check_span(kWho, "u", u.size(), n, false);
  lod::check_span(kWho, "source", source.size(), n, true);
  lod::check_span(kWho, "uptake", uptake.size(), n, true);
  return residual_into(u.data(), source.empty() ? nullptr : source.data(),
                       uptake.empty() ? nullptr : uptake.data());
}

int SteadySolver::solve(std::span<double> u, std::span<const double> source,
                        std::span<const double> uptake) {
  const std::size_t n = grid_.size();
  lod::check_span(kWho, "u", u.size(), n, false);
  lod::check_span(kWho, "source", source.size(), n, true);
  lod::check_span(kWho, "uptake", uptake.size(), n, true);
  const double* src = source.empty() ? nullptr : source.data();
  const double* upt = uptake.empty() ? nullptr : uptake.data();
  float* d = delta_.data();
  float* r = resid_.data();
  const auto ni = static_cast<Index>(n);
  const bool parallel = ni >= kParallelMin;
  int it = 0;
  double alpha = 0;  // the last iteration's step length along d
  for (;; ++it) {
    const std::size_t m = tau_.size();
    const std::size_t k = static_cast<std::size_t>(it) % m;
    const bool rising = static_cast<std::size_t>(it) < kRisingCycles * m;
    const std::size_t j = rising ? m - 1 - k : k;  // tau_ is largest first
    // After the first iteration, u += αΔ rides on the residual's pass (one
    // pass over u and Δ less per iteration), and on a 3D grid so do the x and
    // y sweeps of the new correction (one pass over Δ less); the same values.
    const Factors& f = factors_[j];
    const Factors* fused = sweeps_planes() ? &f : nullptr;
    const double rmax =
        residual_pass(u.data(), it == 0 ? nullptr : &alpha, src, upt, tau_[j], d, r, fused);
    stats_.last_residual = rmax;
    if (rmax <= opt_.tolerance) break;
    if (!std::isfinite(rmax) || it == opt_.max_iterations) {
      std::ostringstream m;
      m.precision(4);
      m << "steady solve did not converge: max |residual| = " << rmax << " after " << it
        << " iterations (tolerance " << opt_.tolerance
        << " per s); the field has no steady state with these sources and sinks, or needs more "
           "iterations (steady_max_iterations)";
      throw NumericalError(m.str());
    }
    if (fused != nullptr) {
      lod::sweep_z(d, grid_, f.z);  // x and y rode on the residual pass
    } else {
      lod::sweep_xyz(d, grid_, f.x, f.y, f.z);
    }
    alpha = step_length(d, r, upt);
  }
  // The exact steady state is non-negative (S ≥ 0, uptake ≥ 0: the discrete
  // operator is an M-matrix), but an iterate accepted at the tolerance may
  // dip below zero by up to about tolerance/(λ + k) where the field is
  // depleted (an anoxic core). Projecting onto u ≥ 0 only moves it closer to
  // the exact solution, and keeps the negativity check strict for the fields.
  if (opt_.non_negative) {
    double* uu = u.data();
#pragma omp parallel for simd schedule(static) if (parallel)
    for (Index i = 0; i < ni; ++i) uu[i] = std::max(uu[i], 0.0);
  }
  ++stats_.solves;
  stats_.iterations += it;
  stats_.max_iterations_seen = std::max(stats_.max_iterations_seen, it);
  return it;
}

}  // namespace hosim
