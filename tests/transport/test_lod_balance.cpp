// Balances the split scheme must keep exactly (to round-off): mass with zero
// flux and no decay, exponential decay and uptake of uniform fields, and the
// exact reaction step per voxel.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "transport/lod_solver.hpp"
#include "transport_test_util.hpp"

namespace hosim {
namespace {

// Zero-flux rows make every column of (I − rL) sum to one, so Σu is
// invariant up to round-off; r = 10 makes each sweep move a lot of mass.
void expect_mass_conserved(const Grid& g, int steps) {
  std::vector<double> u = test::random_field(g.size(), 0.0, 1.0, 42);
  const std::vector<double> initial = u;
  const LodSolver solver(g, DiffusionSpec{1000, 0, FaceBoundary::ZeroFlux, 0}, 1.0);
  const long double m0 = test::total(u);
  for (int s = 0; s < steps; ++s) solver.step(u);
  const double rel = static_cast<double>(std::abs(test::total(u) - m0) / m0);
  EXPECT_LT(rel, 1e-12) << "relative mass change after " << steps << " steps";
  EXPECT_GT(test::max_abs_diff(u, initial), 0.1) << "the field should have been smoothed";
}

TEST(LodBalance, MassConservedZeroFlux2D) {
  expect_mass_conserved(Grid{301, 257, 1, 10.0, {0, 0, 0}}, 500);
}

TEST(LodBalance, MassConservedZeroFlux3D) {
  expect_mass_conserved(Grid{61, 53, 47, 10.0, {0, 0, 0}}, 200);
}

// A uniform field only decays; the reaction step is exact, so u = u0·e^{−λt}
// to round-off (diffusion of a constant changes it by a few ulp per sweep).
void expect_uniform_decay(const Grid& g) {
  const double lambda = 0.2;
  const double dt = 0.25;
  const int steps = 80;
  std::vector<double> u(g.size(), 3.0);
  const LodSolver solver(g, DiffusionSpec{500, lambda, FaceBoundary::ZeroFlux, 0}, dt);
  for (int s = 0; s < steps; ++s) solver.step(u);
  const double expected = 3.0 * std::exp(-lambda * dt * steps);
  for (const double v : u) ASSERT_NEAR(v / expected, 1.0, 1e-12);
}

TEST(LodBalance, UniformDecayIsExponential3D) {
  expect_uniform_decay(Grid{33, 27, 19, 10.0});
}
TEST(LodBalance, UniformDecayIsExponential2D) {
  expect_uniform_decay(Grid{64, 48, 1, 10.0});
}

// A uniform field equal to the Dirichlet value is steady without decay.
TEST(LodBalance, DirichletHoldsMatchingUniformField) {
  const Grid g{24, 20, 16, 10.0};
  std::vector<double> u(g.size(), 1.5);
  const LodSolver solver(g, DiffusionSpec{1000, 0, FaceBoundary::Dirichlet, 1.5}, 2.0);
  for (int s = 0; s < 50; ++s) solver.step(u);
  for (const double v : u) ASSERT_NEAR(v, 1.5, 1e-13);
}

// Uniform uptake k without diffusion: u = u0·e^{−(λ+k)t}.
TEST(LodBalance, UniformUptakeIsExponential) {
  const Grid g{17, 11, 5, 10.0};
  const double dt = 0.1;
  const int steps = 100;
  for (const double lambda : {0.0, 0.1}) {
    std::vector<double> u(g.size(), 2.0);
    const std::vector<double> k(g.size(), 0.3);
    const LodSolver solver(g, DiffusionSpec{0, lambda, FaceBoundary::ZeroFlux, 0}, dt);
    for (int s = 0; s < steps; ++s) solver.step(u, {}, k);
    const double expected = 2.0 * std::exp(-(lambda + 0.3) * dt * steps);
    for (const double v : u) ASSERT_NEAR(v / expected, 1.0, 1e-12) << "lambda = " << lambda;
  }
}

// Per-voxel source and uptake without diffusion: every voxel follows its own
// u(t) = S/κ + (u0 − S/κ)·e^{−κt}, κ = λ + k (u0 + S·t when κ = 0). Checks that
// the fused reaction reads the right voxel in every batch and remainder line.
TEST(LodBalance, PerVoxelSourceAndUptakeAreExact) {
  const Grid g{19, 13, 7, 10.0};
  const double dt = 0.05;
  const int steps = 60;
  const double t = dt * steps;
  for (const double lambda : {0.0, 0.05}) {
    std::vector<double> u = test::random_field(g.size(), 0.5, 2.0, 1);
    const std::vector<double> u0 = u;
    const std::vector<double> s = test::random_field(g.size(), 0.0, 1.0, 2);
    std::vector<double> k = test::random_field(g.size(), 0.0, 0.8, 3);
    for (std::size_t i = 0; i < k.size(); i += 3) k[i] = 0;  // the no-uptake fast path
    const LodSolver solver(g, DiffusionSpec{0, lambda, FaceBoundary::ZeroFlux, 0}, dt);
    for (int n = 0; n < steps; ++n) solver.step(u, s, k);
    for (std::size_t i = 0; i < u.size(); ++i) {
      const double kappa = lambda + k[i];
      const double expected = kappa > 0
                                  ? s[i] / kappa + (u0[i] - s[i] / kappa) * std::exp(-kappa * t)
                                  : u0[i] + s[i] * t;
      ASSERT_NEAR(u[i] / expected, 1.0, 1e-12) << "voxel " << i << ", lambda " << lambda;
    }
  }
}

// Source only (no uptake array) takes another code path; same closed form.
TEST(LodBalance, PerVoxelSourceWithDecayIsExact) {
  const Grid g{23, 9, 4, 10.0};
  const double lambda = 0.2;
  const double dt = 0.5;
  const int steps = 30;
  std::vector<double> u = test::random_field(g.size(), 0.5, 2.0, 4);
  const std::vector<double> u0 = u;
  const std::vector<double> s = test::random_field(g.size(), 0.0, 1.0, 5);
  const LodSolver solver(g, DiffusionSpec{0, lambda, FaceBoundary::ZeroFlux, 0}, dt);
  for (int n = 0; n < steps; ++n) solver.step(u, s);
  for (std::size_t i = 0; i < u.size(); ++i) {
    const double expected =
        s[i] / lambda + (u0[i] - s[i] / lambda) * std::exp(-lambda * dt * steps);
    ASSERT_NEAR(u[i] / expected, 1.0, 1e-12) << "voxel " << i;
  }
}

}  // namespace
}  // namespace hosim
