#include "transport/tridiagonal.hpp"

#include <stdexcept>

namespace hosim::lod {

AxisFactors factor_axis(int n, double r, FaceBoundary boundary, double boundary_value) {
  if (n < 1) throw std::invalid_argument("factor_axis: a line needs at least one cell");
  AxisFactors f;
  f.n = n;
  f.r = r;
  f.inv_denom.assign(static_cast<std::size_t>(n), 1.0);
  f.lower.assign(static_cast<std::size_t>(n), 0.0);
  f.c_prime.assign(static_cast<std::size_t>(n), 0.0);
  if (n == 1) return f;

  const bool dirichlet = boundary == FaceBoundary::Dirichlet;
  const double face = dirichlet ? 2 * r : 0.0;
  f.boundary_rhs = dirichlet ? 2 * r * boundary_value : 0.0;
  double c_prev = 0;
  for (int i = 0; i < n; ++i) {
    const double b = 1 + (i > 0 ? r : face) + (i < n - 1 ? r : face);
    const double inv = 1 / (b + r * c_prev);  // b − a·c'_{i−1} with a = −r
    const auto k = static_cast<std::size_t>(i);
    f.inv_denom[k] = inv;
    f.lower[k] = i > 0 ? r * inv : 0.0;
    f.c_prime[k] = i < n - 1 ? -r * inv : 0.0;
    c_prev = f.c_prime[k];
  }
  return f;
}

AxisFactorsF to_single(const AxisFactors& f) {
  AxisFactorsF s;
  s.n = f.n;
  s.r = f.r;
  s.inv_denom.assign(f.inv_denom.begin(), f.inv_denom.end());
  s.lower.assign(f.lower.begin(), f.lower.end());
  s.c_prime.assign(f.c_prime.begin(), f.c_prime.end());
  s.boundary_rhs = static_cast<float>(f.boundary_rhs);
  return s;
}

}  // namespace hosim::lod
