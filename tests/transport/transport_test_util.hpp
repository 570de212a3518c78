#pragma once
// Shared helpers of the transport tests: analytic solutions, norms, orders.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <random>
#include <span>
#include <vector>

#include "core/grid.hpp"

namespace hosim::test {

// A cube (or square, or line) domain of n cells per swept direction.
[[nodiscard]] inline Grid cube_grid(int dims, int n, double length_um) {
  Grid g;
  g.nx = n;
  g.ny = dims >= 2 ? n : 1;
  g.nz = dims >= 3 ? n : 1;
  g.dx_um = length_um / n;
  return g;
}

// Free-space Gaussian pulse with peak 1 at time t0, in `dims` dimensions:
// u = (t0/t)^{d/2} exp(−|x − c|² / (4 D t)).
struct Gaussian {
  int dims;
  double diffusion;
  double t0;
  std::array<double, 3> centre;

  [[nodiscard]] double operator()(const std::array<double, 3>& p, double t) const {
    double r2 = 0;
    for (int d = 0; d < dims; ++d) r2 += (p[d] - centre[d]) * (p[d] - centre[d]);
    return std::pow(t0 / t, 0.5 * dims) * std::exp(-r2 / (4 * diffusion * t));
  }
};

// Evaluates f(centre of voxel) on every voxel of g.
template <class F>
[[nodiscard]] std::vector<double> sample(const Grid& g, F&& f) {
  std::vector<double> u(g.size());
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) u[g.index(x, y, z)] = f(g.centre_um(x, y, z));
  return u;
}

// ‖u − v‖₂ / ‖v‖₂.
// Uniform random values in [lo, hi), reproducible from the seed.
[[nodiscard]] inline std::vector<double> random_field(std::size_t n, double lo, double hi,
                                                      std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> dist(lo, hi);
  std::vector<double> u(n);
  for (double& v : u) v = dist(gen);
  return u;
}

[[nodiscard]] inline double relative_l2(std::span<const double> u, std::span<const double> v) {
  long double num = 0;
  long double den = 0;
  for (std::size_t i = 0; i < u.size(); ++i) {
    const long double d = static_cast<long double>(u[i]) - v[i];
    num += d * d;
    den += static_cast<long double>(v[i]) * v[i];
  }
  return static_cast<double>(std::sqrt(num / den));
}

// max |u − v|.
[[nodiscard]] inline double max_abs_diff(std::span<const double> u, std::span<const double> v) {
  double m = 0;
  for (std::size_t i = 0; i < u.size(); ++i) m = std::max(m, std::abs(u[i] - v[i]));
  return m;
}

// Σ u in a fixed order, accumulated in long double so that the sum's own
// rounding is far below what a conservation test looks for.
[[nodiscard]] inline long double total(std::span<const double> u) {
  long double s = 0;
  for (const double v : u) s += v;
  return s;
}

// Observed order p from errors e1 (step h) and e2 (step h/ratio).
[[nodiscard]] inline double observed_order(double e1, double e2, double ratio = 2) {
  return std::log(e1 / e2) / std::log(ratio);
}

}  // namespace hosim::test
