// Gaussian pulse against the free-space solution, with observed orders of
// convergence in space (dt ∝ dx², expect 2) and in time (fixed fine dx,
// expect 1), in 1D-like, 2D (nz = 1) and 3D set-ups.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "transport/lod_solver.hpp"
#include "transport_test_util.hpp"

namespace hosim {
namespace {

// D = 1000 µm²/s; the pulse widens from σ = 40 µm to 50 µm over T = 0.45 s
// while decaying at λ = 0.5/s (uniform decay commutes with diffusion, so it
// adds no splitting error). The domain reaches 6σ(T) from the centre, where
// the pulse is e^{−18} ≈ 1.5e−8 of its peak: boundaries do not matter.
constexpr double kD = 1000;
constexpr double kLambda = 0.5;
constexpr double kSigma0 = 40;
constexpr double kT = 0.45;
constexpr double kLength = 600;

// Relative L2 error at T of a run with n cells per direction and `steps` steps.
double pulse_error(int dims, int n, int steps) {
  const Grid g = test::cube_grid(dims, n, kLength);
  const double t0 = kSigma0 * kSigma0 / (2 * kD);
  const test::Gaussian pulse{dims, kD, t0, {kLength / 2, kLength / 2, kLength / 2}};
  std::vector<double> u = test::sample(g, [&](const auto& p) { return pulse(p, t0); });
  const LodSolver solver(g, DiffusionSpec{kD, kLambda, FaceBoundary::ZeroFlux, 0}, kT / steps);
  for (int s = 0; s < steps; ++s) solver.step(u);
  const std::vector<double> exact =
      test::sample(g, [&](const auto& p) { return pulse(p, t0 + kT) * std::exp(-kLambda * kT); });
  return test::relative_l2(u, exact);
}

struct Refinement {
  std::vector<double> errors;
  std::vector<double> orders;
};

// Errors of successive runs (n, steps) = (n0·a^k, s0·b^k), and the observed
// orders with respect to the refined step (factor `ratio` per level).
Refinement refine(int dims, int n0, int n_factor, int steps0, int steps_factor, int levels,
                  double ratio) {
  Refinement r;
  int n = n0;
  int steps = steps0;
  for (int k = 0; k < levels; ++k, n *= n_factor, steps *= steps_factor) {
    r.errors.push_back(pulse_error(dims, n, steps));
    std::printf("  %dD n=%d steps=%d: relative L2 error %.4e", dims, n, steps, r.errors.back());
    if (k > 0) {
      r.orders.push_back(test::observed_order(r.errors[k - 1], r.errors[k], ratio));
      std::printf("  order %.3f", r.orders.back());
    }
    std::printf("\n");
  }
  return r;
}

// Space: halve dx and quarter dt, so time (O(dt) = O(dx²)) and space errors
// shrink together; the error falls as dx².
void expect_space_order(const Refinement& r, double coarse_error_max) {
  EXPECT_LT(r.errors.front(), coarse_error_max);
  for (const double p : r.orders) {
    EXPECT_GE(p, 1.7);
    EXPECT_LE(p, 2.3);
  }
}

// Time: dx fine enough that the space error is small beside the time error.
void expect_time_order(const Refinement& r, double coarse_error_max) {
  EXPECT_LT(r.errors.front(), coarse_error_max);
  for (const double p : r.orders) {
    EXPECT_GE(p, 0.8);
    EXPECT_LE(p, 1.2);
  }
}

TEST(LodGaussian, SpaceOrder1D) {
  expect_space_order(refine(1, 48, 2, 4, 4, 4, 2), 0.05);
}
TEST(LodGaussian, SpaceOrder2D) {
  expect_space_order(refine(2, 48, 2, 4, 4, 3, 2), 0.05);
}
TEST(LodGaussian, SpaceOrder3D) {
  expect_space_order(refine(3, 24, 2, 2, 4, 3, 2), 0.10);
}

TEST(LodGaussian, TimeOrder1D) {
  expect_time_order(refine(1, 2400, 1, 4, 2, 5, 2), 0.10);
}
TEST(LodGaussian, TimeOrder2D) {
  expect_time_order(refine(2, 600, 1, 4, 2, 4, 2), 0.10);
}
TEST(LodGaussian, TimeOrder3D) {
  expect_time_order(refine(3, 160, 1, 2, 2, 4, 2), 0.20);
}

}  // namespace
}  // namespace hosim
