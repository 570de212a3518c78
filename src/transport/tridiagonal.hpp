#pragma once
// The tridiagonal matrix of one backward-Euler diffusion sweep and its Thomas
// elimination factors. On a uniform grid with constant D every line of a
// direction has the same matrix, so the factors are computed once and a sweep
// only multiplies and adds.
#include <vector>

namespace hosim {

enum class FaceBoundary { ZeroFlux, Dirichlet };

namespace lod {

// Factors of (I − r·L) for a line of n cells, r = D dt / dx². Row i reads
//   −r u_{i−1} + b_i u_i − r u_{i+1} = d_i,
// b_i = 1 + 2r inside; at a face b gets +r·0 (zero flux) or +2r with 2r·u_b
// on the right-hand side (Dirichlet value held at the face, second order).
// Elimination: d'_i = d_i·inv_denom_i + lower_i·d'_{i−1};  x_i = d'_i − c'_i·x_{i+1}.
template <class T>
struct BasicAxisFactors {
  int n = 0;
  double r = 0;
  std::vector<T> inv_denom;  // 1 / (b_i − a c'_{i−1})
  std::vector<T> lower;      // r · inv_denom_i (0 for i = 0)
  std::vector<T> c_prime;    // c'_i = −r · inv_denom_i (0 for i = n−1)
  T boundary_rhs = 0;        // added to the first and the last rhs (Dirichlet)
};
using AxisFactors = BasicAxisFactors<double>;
// Single precision, for the quasi-steady solver's correction (a
// preconditioner: its rounding changes how fast that iteration converges,
// not the fixed point it converges to).
using AxisFactorsF = BasicAxisFactors<float>;

// A direction of a single cell is not a direction (as nz == 1 in a 2D slice):
// it has no faces and its factors are the identity.
[[nodiscard]] AxisFactors factor_axis(int n, double r, FaceBoundary boundary,
                                      double boundary_value);
// The same factors, each rounded to the nearest float.
[[nodiscard]] AxisFactorsF to_single(const AxisFactors& f);

}  // namespace lod
}  // namespace hosim
