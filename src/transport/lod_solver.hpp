#pragma once
// Implicit locally-one-dimensional (LOD) diffusion–decay solver.
//
// One time step dt of  du/dt = D ∇²u − λu + S − k u  is split (Lie) into
//   1. a pointwise reaction step, exact for the linear part:
//        u ← u·e^{−(λ+k)dt} + S·(1 − e^{−(λ+k)dt})/(λ+k)   (S·dt when λ+k = 0)
//   2. three backward-Euler 1D diffusion sweeps (x, then y, then z; z skipped
//      when nz == 1), each a tridiagonal solve by the Thomas algorithm.
// With a uniform grid and constant D the tridiagonal matrix is the same for
// every line of a direction, so its elimination factors are computed once in
// the constructor and a sweep does no division. Boundaries: zero flux, or a
// Dirichlet value held at the domain face (ghost value 2·u_b − u_0, second
// order). The scheme is unconditionally stable, first order in time and
// second order in space. A direction of a single cell (nz == 1, or ny == 1 for
// a line) has no faces and is not swept.
//
// The steady state of the split scheme with uniform λ solves the discrete
// steady problem with D scaled by λdt / (1 − e^{−λdt}) = 1 + λdt/2 + …: keep
// λ·dt small where steady profiles matter.
#include <span>

#include "core/aligned_buffer.hpp"
#include "core/grid.hpp"
#include "transport/tridiagonal.hpp"  // FaceBoundary, lod::AxisFactors

namespace hosim {

struct DiffusionSpec {
  double diffusion_um2_s = 0;                      // D [µm²/s]
  double decay_per_s = 0;                          // λ [1/s]
  FaceBoundary boundary = FaceBoundary::ZeroFlux;  // all six faces
  double boundary_value = 0;                       // Dirichlet value, same unit as u
};

class LodSolver {
 public:
  // dt_s is the transport (sub-)step. Throws std::invalid_argument for D < 0,
  // λ < 0 or dt ≤ 0 (and for NaN/infinite values, an empty grid or dx ≤ 0).
  LodSolver(const Grid& grid, const DiffusionSpec& spec, double dt_s);

  // Advance u (grid.size() values, x fastest) by one dt. `source` [unit/s]
  // and `uptake` [1/s] are optional per-voxel arrays (empty span = none);
  // uptake must be ≥ 0. Throws std::invalid_argument if a non-empty span does
  // not have grid.size() values.
  void step(std::span<double> u, std::span<const double> source = {},
            std::span<const double> uptake = {}) const;

  // The three sweeps alone (no reaction), for benchmarks and tests.
  void diffuse(std::span<double> u) const;

  [[nodiscard]] double dt() const { return dt_; }
  [[nodiscard]] const Grid& grid() const { return grid_; }
  [[nodiscard]] const DiffusionSpec& spec() const { return spec_; }

 private:
  // Precomputed Thomas factors for one direction of n cells (tridiagonal.hpp);
  // the sweeps themselves are in lod_sweeps.hpp.
  using LineFactors = lod::AxisFactors;
  [[nodiscard]] static LineFactors factor(int n, double r, const DiffusionSpec& spec);

  Grid grid_;
  DiffusionSpec spec_;
  double dt_;
  LineFactors fx_, fy_, fz_;
};

}  // namespace hosim
