#pragma once
// Quasi-steady solver for fast fields (oxygen): each call solves
//     D ∇²u − (λ + k) u + S = 0
// on the grid (the 7-point discrete Laplacian with the boundaries of
// lod_solver.hpp), starting from the current u.
//
// Why: oxygen relaxes within seconds (dx²/D ≈ 0.2 s per voxel, L²/D ≈ minutes
// across a lesion, 1/k ≈ 10 s), far below the 15-min cell step, and its sinks
// are stiff (k·dt ≈ 100). A transient LOD step of that size splits reaction
// from diffusion and smears the hypoxic core by an amount that does not
// converge with sub-steps (core PO2 18 / 5.4 / 1.2 mmHg for 10 / 40 / 120
// sub-steps, experiments/ODD.md). The steady problem is what the biology sees.
//
// Method: delta-form Douglas–Rachford ADI used as an iteration (Douglas 1962;
// Peaceman & Rachford 1955), θ = 1/2, with the reaction as a fourth,
// pointwise, fully implicit factor:
//     R      = D∇²u − (λ+k)u + S                       (residual, exact stencil)
//     Δ      = (I − θτD∂zz)⁻¹(I − θτD∂yy)⁻¹(I − θτD∂xx)⁻¹ [τR / (1 + τ(λ+k))]
//     u     ← u + αΔ,   α = ⟨R, AΔ⟩ / ⟨AΔ, AΔ⟩   (A = −D∇² + λ + k)
// A fixed point has R = 0 exactly, whatever τ: the converged field is the
// discrete steady state, not an approximation of it. The step length α
// minimises the 2-norm of the next residual along Δ (Orthomin(1)): the
// reaction factor does not commute with the sweeps, and with patchy strong
// sinks (k ≳ 0.8 /s next to k ≈ 0) the plain iteration (α = 1) stalled or
// diverged; with α it converges (tests: PatchyStrongSinksConverge). α costs
// one stencil pass; its sums run per line, then over lines in order. The
// step u ← u + αΔ is taken line by line inside the next iteration's residual
// pass, a few lines ahead of the residuals that read it, and on a 3D grid
// the x and y sweeps of the new Δ run plane by plane inside that pass too,
// as soon as a plane's residuals are written (same values; a pass over u
// and Δ and one over Δ less). The pseudo-time step τ
// cycles geometrically (factor 10) between the domain's slowest diffusive
// mode and the voxel scale, so each cycle damps every wavelength: two cycles
// upwards (a warm start's error is local), then downwards (surer from a poor
// start); all diffusion factors are precomputed. Iteration stops when max|R| ≤ tolerance [unit/s];
// the max is an exact reduction, so results do not depend on the thread count.
//
// Precision: u and R are double, and R is computed exactly from u in every
// iteration, so the test for convergence and the fixed point are those of
// the double-precision problem. The correction Δ (the sweeps) and the copy
// of R that α uses are single precision: Δ only has to point downhill, and
// any α is a valid step (it is chosen to shrink the residual, which is then
// recomputed exactly). Half the bytes and twice the SIMD width for the
// sweeps, and α needs the Laplacian of Δ alone instead of that of Δ and of
// u. Measured against the all-double solver: the same iteration counts (28
// for the cold start of Oxygen3DConvergesQuickly; 6.12 per solve over the
// 60-day default run), and that run's readouts agree to a relative 2e-9,
// its cells and mineral exactly.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/aligned_buffer.hpp"
#include "core/grid.hpp"
#include "transport/lod_solver.hpp"  // DiffusionSpec
#include "transport/tridiagonal.hpp"

namespace hosim {

struct SteadyOptions {
  double tolerance = 1e-3;  // max |residual| at convergence [unit/s]
  int max_iterations = 200;
  // Project the converged field onto u ≥ 0 (a concentration with S ≥ 0).
  bool non_negative = true;
};

struct SteadyStats {
  std::int64_t solves = 0;
  std::int64_t iterations = 0;  // summed over solves
  int max_iterations_seen = 0;
  double last_residual = 0;  // max |R| at the end of the last solve [unit/s]
};

class SteadySolver {
 public:
  // Throws std::invalid_argument for a bad grid or spec (as LodSolver), for a
  // tolerance that is not finite and > 0, or max_iterations < 1.
  SteadySolver(const Grid& grid, const DiffusionSpec& spec, SteadyOptions options);

  // Solve in place from the current u. `source` [unit/s] and `uptake` [1/s]
  // are per-voxel arrays or empty (none); uptake ≥ 0. Returns the iterations
  // used. Throws hosim::NumericalError when max_iterations pass without
  // reaching the tolerance (the message names the residual),
  // or when the residual becomes NaN/inf; u then holds the last iterate.
  int solve(std::span<double> u, std::span<const double> source = {},
            std::span<const double> uptake = {});

  // max |R| of u as it stands [unit/s].
  [[nodiscard]] double residual(std::span<const double> u, std::span<const double> source = {},
                                std::span<const double> uptake = {}) const;

  [[nodiscard]] const std::vector<double>& pseudo_steps() const { return tau_; }
  [[nodiscard]] const SteadyStats& stats() const { return stats_; }
  // Bytes of the solver's own work arrays (correction, residual copy,
  // per-line sums).
  [[nodiscard]] std::size_t work_bytes() const {
    return (delta_.size() + resid_.size()) * sizeof(float) +
           (line_a_.size() + 2 * line_sums_.size()) * sizeof(double);
  }
  [[nodiscard]] const Grid& grid() const { return grid_; }

 private:
  struct Factors {
    lod::AxisFactorsF x, y, z;
  };
  // Σ(u_nb − u_i) for each voxel of x-line l into lap[0..nx), in double.
  template <class T>
  void line_laplacian(const T* u, double face_value, std::ptrdiff_t l, double* lap) const;
  // body(l, lap) for every x-line, in parallel, with that line's Laplacian.
  template <class T, class Body>
  void for_each_line(const T* u, double face_value, Body&& body) const;
  // max |R| of u (NaN counts as infinite), measured only.
  double residual_into(const double* u, const double* src, const double* upt) const;
  // One pass over the lines: R of u into resid and τR/(1+τ(λ+k)) into delta
  // (both rounded to float), returning max |R| (NaN counts as infinite);
  // before it, u += (*alpha)·delta when alpha is not null (each line's step
  // taken just before the residuals that read it) and, when sweep is not
  // null, the x and y sweeps of the new delta (sweep's factors) on each
  // plane while it is in cache, unless max |R| is within the tolerance (the
  // solve stops: delta is not needed).
  double residual_pass(double* u, const double* alpha, const double* src, const double* upt,
                       double tau, float* delta, float* resid, const Factors* sweep) const;
  // Whether residual_pass sweeps the planes (a 3D grid with planes enough).
  [[nodiscard]] bool sweeps_planes() const;
  // Minimal-residual length of the step along delta, with resid the
  // residual residual_pass wrote.
  double step_length(const float* delta, const float* resid, const double* upt) const;

  Grid grid_;
  DiffusionSpec spec_;
  SteadyOptions opt_;
  std::vector<double> tau_;
  std::vector<Factors> factors_;
  AlignedBuffer<float> delta_;  // the correction Δ
  AlignedBuffer<float> resid_;  // R of the current iterate, for α
  // Per-line partial reductions (max |R|; ⟨R, AΔ⟩ and ⟨AΔ, AΔ⟩).
  mutable std::vector<double> line_a_;
  mutable std::vector<std::array<double, 2>> line_sums_;
  mutable std::vector<double> team_max_;  // each thread's max |R| in residual_pass
  SteadyStats stats_;
};

}  // namespace hosim
