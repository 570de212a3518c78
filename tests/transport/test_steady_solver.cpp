// The quasi-steady solver returns the discrete steady state of
// D∇²u − (λ+k)u + S = 0: checked against manufactured solutions (S built from
// a chosen u* with an independent stencil), a continuous 1D solution, thread
// counts, warm starts and a problem without a steady state.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "core/errors.hpp"
#include "transport/steady_solver.hpp"
#include "transport_test_util.hpp"

namespace hosim {
namespace {

// Discrete D∇²u with ghost cells: zero flux copies u, Dirichlet reflects
// around the face value. Written per voxel and per neighbour on purpose, as a
// second implementation of the solver's stencil.
std::vector<double> laplacian(const Grid& g, const DiffusionSpec& s, const std::vector<double>& u) {
  std::vector<double> out(u.size());
  const double c = s.diffusion_um2_s / (g.dx_um * g.dx_um);
  const int n[3] = {g.nx, g.ny, g.nz};
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) {
        const double ui = u[g.index(x, y, z)];
        double sum = 0;
        for (int d = 0; d < 3; ++d) {
          if (n[d] == 1) continue;
          for (const int step : {-1, 1}) {
            int p[3] = {x, y, z};
            p[d] += step;
            double nb;
            if (p[d] < 0 || p[d] >= n[d]) {
              nb = s.boundary == FaceBoundary::Dirichlet ? 2 * s.boundary_value - ui : ui;
            } else {
              nb = u[g.index(p[0], p[1], p[2])];
            }
            sum += nb - ui;
          }
        }
        out[g.index(x, y, z)] = c * sum;
      }
  return out;
}

struct Manufactured {
  std::vector<double> exact, source, uptake;
};

// u* smooth plus noise, k random with some zero, S = −D∇²u* + (λ+k)u*.
Manufactured manufacture(const Grid& g, const DiffusionSpec& s, std::uint64_t seed) {
  Manufactured m;
  const std::vector<double> noise = test::random_field(g.size(), -1, 1, seed);
  const std::vector<double> rate = test::random_field(g.size(), 0, 0.4, seed + 1);
  m.exact = test::sample(g, [&](const std::array<double, 3>& p) {
    return 30 + 10 * std::sin(p[0] / 150.0) * std::cos(p[1] / 90.0) + p[2] / 40.0;
  });
  m.uptake.resize(g.size());
  for (std::size_t i = 0; i < g.size(); ++i) {
    m.exact[i] += noise[i];
    m.uptake[i] = i % 5 == 0 ? 0.0 : rate[i];
  }
  const std::vector<double> lap = laplacian(g, s, m.exact);
  m.source.resize(g.size());
  for (std::size_t i = 0; i < g.size(); ++i)
    m.source[i] = -lap[i] + (s.decay_per_s + m.uptake[i]) * m.exact[i];
  return m;
}

void expect_recovers(const Grid& g, const DiffusionSpec& s) {
  const Manufactured m = manufacture(g, s, 7);
  SteadySolver solver(g, s, SteadyOptions{1e-9, 500});
  std::vector<double> u(g.size(), 45.0);
  const int it = solver.solve(u, m.source, m.uptake);
  EXPECT_GT(it, 0);
  EXPECT_LE(solver.stats().last_residual, 1e-9);
  // Smallest rate 1e-2/s (decay) or the slowest diffusive mode: error ≤ R/rate.
  EXPECT_LT(test::max_abs_diff(u, m.exact), 1e-6) << it << " iterations";
}

TEST(SteadySolver, RecoversManufactured3DZeroFlux) {
  expect_recovers(Grid{24, 20, 16, 20.0}, DiffusionSpec{2000, 0.01});
}

TEST(SteadySolver, RecoversManufactured3DDirichlet) {
  expect_recovers(Grid{21, 18, 13, 20.0}, DiffusionSpec{2000, 0.0, FaceBoundary::Dirichlet, 45.0});
}

TEST(SteadySolver, RecoversManufactured2D) {
  expect_recovers(Grid{70, 55, 1, 20.0}, DiffusionSpec{1000, 0.01});
}

// Continuous check: D u'' = k u on [0, L] with u(0) = u(L) = u_b has
// u = u_b cosh((x − L/2)/ℓ) / cosh(L/(2ℓ)), ℓ = sqrt(D/k). Second order in dx.
TEST(SteadySolver, MatchesCoshProfileSecondOrder) {
  const double length = 1000, d = 2000, k = 0.1, ub = 50;
  const double ell = std::sqrt(d / k);
  double prev = 0;
  for (const int n : {25, 50, 100}) {
    const Grid g{n, 1, 1, length / n};
    SteadySolver solver(g, DiffusionSpec{d, 0, FaceBoundary::Dirichlet, ub},
                        SteadyOptions{1e-12, 500});
    std::vector<double> u(g.size(), 0.0);
    const std::vector<double> uptake(g.size(), k);
    solver.solve(u, {}, uptake);
    const auto exact = test::sample(g, [&](const std::array<double, 3>& p) {
      return ub * std::cosh((p[0] - length / 2) / ell) / std::cosh(length / (2 * ell));
    });
    const double err = test::max_abs_diff(u, exact);
    if (prev > 0) {
      EXPECT_NEAR(test::observed_order(prev, err), 2.0, 0.2) << "n = " << n;
    }
    prev = err;
  }
}

// The oxygen use case: 60×60×40 voxels of 20 µm, perfused muscle around an
// avascular core of radius 300 µm, 30 % of voxels with a cell sink of
// 0.2 /s. A cold start converges within 40 iterations (28 measured), the
// answer at the default tolerance is within 0.05 mmHg of a 1e-10 solve, and a
// converged field needs no iteration.
TEST(SteadySolver, Oxygen3DConvergesQuickly) {
  const Grid g{60, 60, 40, 20.0};
  const std::vector<double> noise = test::random_field(g.size(), 0, 1, 3);
  std::vector<double> src(g.size()), upt(g.size());
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) {
        const std::size_t i = g.index(x, y, z);
        const double dxc = x - 30.0, dyc = y - 30.0, dzc = z - 20.0;
        const bool core = dxc * dxc + dyc * dyc + dzc * dzc < 15.0 * 15.0;
        const double vessels = core ? 0.0 : 1.0;
        src[i] = 0.083 * vessels * 60;
        upt[i] = 0.083 * vessels + 1.4 / 51 + (noise[i] < 0.3 ? 0.2 : 0.0);
      }
  SteadySolver solver(g, DiffusionSpec{2000, 0}, SteadyOptions{1e-3, 200});
  std::vector<double> u(g.size(), 45.0);
  const int cold = solver.solve(u, src, upt);
  EXPECT_LE(cold, 40);
  for (const double v : u) ASSERT_GE(v, 0.0);
  EXPECT_EQ(solver.solve(u, src, upt), 0);

  SteadySolver tight(g, DiffusionSpec{2000, 0}, SteadyOptions{1e-10, 500});
  std::vector<double> ref(g.size(), 45.0);
  tight.solve(ref, src, upt);
  EXPECT_LT(test::max_abs_diff(u, ref), 0.05);
  // The core is hypoxic, the perfused corner near the supply balance.
  EXPECT_LT(ref[g.index(30, 30, 20)], 0.5 * ref[g.index(2, 2, 2)]);
}

// An anoxic core: perfused ring, a strong cell sink inside. At a loose
// tolerance the accepted iterate can dip below zero where the exact solution
// is ~0; the solver projects it onto u ≥ 0 (the exact answer is ≥ 0), which
// only reduces the error. The error bound is that of a strictly diagonally
// dominant M-matrix, ‖A⁻¹‖∞ ≤ 1 / min(k) (Varah 1975): here max|R| ≤ 0.01
// and min(k) = 0.113 /s, so ≤ 0.089 mmHg.
TEST(SteadySolver, DepletedCoreStaysNonNegative) {
  const Grid g{96, 96, 1, 20.0};
  std::vector<double> src(g.size()), upt(g.size());
  for (int y = 0; y < g.ny; ++y)
    for (int x = 0; x < g.nx; ++x) {
      const std::size_t i = g.index(x, y, 0);
      const double r = std::hypot(x - 47.5, y - 47.5);
      const double vessels = r > 40 ? 1.0 : 0.0;
      src[i] = 0.083 * vessels * 60;
      upt[i] = 0.083 * vessels + (r < 40 ? 5.0 : 0.03);
    }
  int negatives_raw = 0;
  for (const bool project : {false, true}) {
    SteadySolver solver(g, DiffusionSpec{2000, 0}, SteadyOptions{1e-2, 200, project});
    std::vector<double> u(g.size(), 45.0);
    solver.solve(u, src, upt);
    const int negatives =
        static_cast<int>(std::count_if(u.begin(), u.end(), [](double v) { return v < 0; }));
    if (project) {
      EXPECT_EQ(negatives, 0);
    } else {
      negatives_raw = negatives;
    }
    SteadySolver tight(g, DiffusionSpec{2000, 0}, SteadyOptions{1e-10, 500});
    std::vector<double> ref(g.size(), 45.0);
    tight.solve(ref, src, upt);
    EXPECT_LT(test::max_abs_diff(u, ref), 1e-2 / (0.083 + 0.03));
  }
  EXPECT_GT(negatives_raw, 0) << "the problem no longer exercises the projection";
}

// Patchy strong sinks (half the core voxels at k, the rest nearly none):
// the plain ADI iteration stalled at k = 0.8 /s and diverged at k = 2 /s,
// because its reaction factor does not commute with the diffusion sweeps.
// The minimal-residual step length keeps the residual from growing; all
// three converge, to within the tolerance's error of a tight solve.
TEST(SteadySolver, PatchyStrongSinksConverge) {
  const Grid g{64, 64, 1, 20.0};
  const std::vector<double> noise = test::random_field(g.size(), 0, 1, 3);
  for (const double k : {0.8, 2.0, 5.0}) {
    std::vector<double> src(g.size()), upt(g.size());
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) {
        const std::size_t i = g.index(x, y, 0);
        const bool core = std::hypot(x - 32.0, y - 32.0) < 16.0;
        src[i] = core ? 0.0 : 0.083 * 60;
        upt[i] = (core ? 0.0 : 0.083) + (core && noise[i] < 0.5 ? k : 0.03);
      }
    SteadySolver solver(g, DiffusionSpec{2000, 0}, SteadyOptions{1e-2, 80});
    std::vector<double> u(g.size(), 45.0);
    EXPECT_NO_THROW(solver.solve(u, src, upt)) << "k = " << k;
    SteadySolver tight(g, DiffusionSpec{2000, 0}, SteadyOptions{1e-9, 1000});
    std::vector<double> ref(g.size(), 45.0);
    tight.solve(ref, src, upt);
    // Error ≤ tolerance / (slowest decay rate, ~0.1 /s here) = 0.1 mmHg.
    EXPECT_LT(test::max_abs_diff(u, ref), 0.1) << "k = " << k;
  }
}

// The same bits from any thread count. On 29 planes every count sweeps the
// correction's planes inside the residual pass (split unevenly among 3
// threads); on 3 planes one thread does so and two or three threads, with
// fewer than two planes each, run the separate sweeps instead.
TEST(SteadySolver, BitIdenticalAcrossThreads) {
  for (const Grid& g : {Grid{67, 45, 29, 20.0}, Grid{128, 100, 3, 20.0}}) {
    const DiffusionSpec s{2000, 0.001, FaceBoundary::Dirichlet, 40.0};
    const Manufactured m = manufacture(g, s, 21);
    std::vector<std::vector<double>> results;
    std::vector<int> iterations;
    const int saved = omp_get_max_threads();
    for (const int threads : {1, 2, 3}) {
      omp_set_num_threads(threads);
      SteadySolver solver(g, s, SteadyOptions{1e-6, 500});
      std::vector<double> u(g.size(), 10.0);
      iterations.push_back(solver.solve(u, m.source, m.uptake));
      results.push_back(u);
    }
    omp_set_num_threads(saved);
    for (std::size_t t = 1; t < results.size(); ++t) {
      EXPECT_EQ(iterations[t], iterations[0]) << "nz = " << g.nz;
      EXPECT_EQ(std::memcmp(results[0].data(), results[t].data(), results[0].size() * 8), 0)
          << "nz = " << g.nz << ", " << t + 1 << " threads";
    }
  }
}

// A warm start after a change confined to the top planes (a new sink, as a
// cell step changes a lesion): in the first iteration the residual of the
// lower planes is within the tolerance, so on two threads the first thread
// finds none of its planes above it and sweeps them only once the team's
// residual is known. The result must be that of one thread, which sweeps
// every plane as it goes, to the bit.
TEST(SteadySolver, WarmStartAfterALocalChangeSweepsEveryPlane) {
  const Grid g{48, 48, 20, 20.0};
  const DiffusionSpec s{2000, 0.01};
  const Manufactured m = manufacture(g, s, 5);
  std::vector<double> settled(g.size(), 30.0);
  SteadySolver(g, s, SteadyOptions{1e-9, 500}).solve(settled, m.source, m.uptake);
  std::vector<double> uptake = m.uptake;
  for (int z = 16; z < g.nz; ++z)
    for (int y = 20; y < 28; ++y)
      for (int x = 20; x < 28; ++x) uptake[g.index(x, y, z)] += 0.5;
  // The premise: at the start the residual of the lower half (the first
  // thread's planes) is within the tolerance and that of the top is not.
  const std::vector<double> lap = laplacian(g, s, settled);
  double low = 0, high = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const double r = std::abs(lap[i] - (s.decay_per_s + uptake[i]) * settled[i] + m.source[i]);
    (i < g.size() / 2 ? low : high) = std::max(i < g.size() / 2 ? low : high, r);
  }
  ASSERT_LE(low, 1e-6);
  ASSERT_GT(high, 1e-6);
  const int saved = omp_get_max_threads();
  std::vector<std::vector<double>> results;
  for (const int threads : {1, 2}) {
    omp_set_num_threads(threads);
    SteadySolver solver(g, s, SteadyOptions{1e-6, 500});
    std::vector<double> u = settled;
    EXPECT_GT(solver.solve(u, m.source, uptake), 1);
    results.push_back(u);
  }
  omp_set_num_threads(saved);
  EXPECT_EQ(std::memcmp(results[0].data(), results[1].data(), results[0].size() * 8), 0);
}

// Zero flux, no sink, a source: the field grows without bound, so there is no
// steady state and the solver must say so instead of returning garbage.
TEST(SteadySolver, NoSteadyStateThrows) {
  const Grid g{16, 16, 1, 20.0};
  SteadySolver solver(g, DiffusionSpec{2000, 0}, SteadyOptions{1e-6, 50});
  std::vector<double> u(g.size(), 0.0);
  const std::vector<double> src(g.size(), 1.0);
  EXPECT_THROW(solver.solve(u, src, {}), NumericalError);
}

// A non-finite value anywhere makes the residual infinite (a NaN must not
// drop out of the max), with or without the optional inputs, and a solve
// from it stops with NumericalError instead of iterating on.
TEST(SteadySolver, NonFiniteValueMakesTheResidualInfinite) {
  // Lines of 31 = 8 + 8 + 8 + 4 + 2 + 1 voxels: a bad value in a whole
  // vector and in each of the narrower pieces that end a line.
  const Grid g{31, 8, 4, 20.0};
  SteadySolver solver(g, DiffusionSpec{2000, 0.01}, SteadyOptions{1e-3, 50});
  std::vector<double> u(g.size(), 1.0);
  const std::vector<double> src(g.size(), 0.01), upt(g.size(), 0.0);
  EXPECT_LT(solver.residual(u, src, upt), 1.0);
  const double inf = std::numeric_limits<double>::infinity();
  for (const double bad : std::array<double, 3>{std::nan(""), inf, -inf}) {
    std::vector<double> v = u;
    v[g.index(13, 5, 2)] = bad;  // an interior voxel, in a whole vector of its line
    EXPECT_EQ(solver.residual(v), inf) << bad;
    EXPECT_EQ(solver.residual(v, src, upt), inf) << bad;
    for (const int x : {0, 26, 29, 30}) {  // the first, and one in each narrower piece
      std::vector<double> s = src;
      s[g.index(x, 0, 0)] = bad;
      EXPECT_EQ(solver.residual(u, s, {}), inf) << bad << " at x = " << x;
    }
    EXPECT_THROW(solver.solve(v, src, upt), NumericalError) << bad;
  }
}

// The residual's max |R| is that of each voxel's R computed on its own, to
// the bit, whatever the line length (1 to 40: whole vectors of eight and
// every narrower piece after them, transport/row_blocks.hpp), with and
// without the optional inputs. Zero-flux faces, where the test's stencil
// above adds its terms as the solver does (u_i − u_i = +0 at a face).
TEST(SteadySolver, ResidualIsTheLargestOfEveryVoxelsOwn) {
  const DiffusionSpec spec{2000, 0.01};
  for (int nx = 1; nx <= 40; ++nx) {
    const Grid g{nx, 5, 3, 20.0};
    SteadySolver solver(g, spec, SteadyOptions{});
    const std::vector<double> u = test::random_field(g.size(), 0, 50, 100 + nx);
    const std::vector<double> src = test::random_field(g.size(), 0, 2, 200 + nx);
    std::vector<double> upt = test::random_field(g.size(), 0, 0.5, 300 + nx);
    for (std::size_t i = 0; i < upt.size(); i += 3) upt[i] = 0;
    const std::vector<double> lap = laplacian(g, spec, u);
    for (const bool with_src : {false, true}) {
      for (const bool with_upt : {false, true}) {
        double largest = 0;
        for (std::size_t i = 0; i < g.size(); ++i) {
          const double rate = spec.decay_per_s + (with_upt ? upt[i] : 0.0);
          const double r = lap[i] - rate * u[i] + (with_src ? src[i] : 0.0);
          largest = std::max(largest, std::abs(r));
        }
        const std::vector<double> none;
        EXPECT_EQ(solver.residual(u, with_src ? src : none, with_upt ? upt : none), largest)
            << "lines of " << nx << ", source " << with_src << ", uptake " << with_upt;
        EXPECT_GT(largest, 0.0);
      }
    }
  }
}

TEST(SteadySolver, PointwiseWithoutDiffusion) {
  const Grid g{8, 8, 2, 20.0};
  SteadySolver solver(g, DiffusionSpec{0, 0.5}, SteadyOptions{1e-12, 10});
  std::vector<double> u(g.size(), 3.0);
  const std::vector<double> src(g.size(), 2.0);
  EXPECT_LE(solver.solve(u, src, {}), 2);
  for (const double v : u) EXPECT_NEAR(v, 4.0, 1e-12);
}

TEST(SteadySolver, RejectsBadInput) {
  const Grid g{8, 8, 1, 20.0};
  EXPECT_THROW(SteadySolver(g, DiffusionSpec{-1, 0}, {}), std::invalid_argument);
  EXPECT_THROW(SteadySolver(g, DiffusionSpec{1, 0}, SteadyOptions{0, 10}), std::invalid_argument);
  EXPECT_THROW(SteadySolver(g, DiffusionSpec{1, 0}, SteadyOptions{1e-3, 0}), std::invalid_argument);
  SteadySolver ok(g, DiffusionSpec{1, 0}, {});
  std::vector<double> u(g.size() - 1);
  EXPECT_THROW(ok.solve(u), std::invalid_argument);
}

}  // namespace
}  // namespace hosim
