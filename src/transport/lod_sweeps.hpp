#pragma once
// The LOD sweeps as free functions, so that benchmarks can time each alone.
// Every sweep is an OpenMP `parallel for schedule(static)` over independent
// lines; a line's arithmetic does not depend on which thread solves it or how
// lines are grouped, so results are bit-identical for any thread count.
#include "core/grid.hpp"
#include "transport/tridiagonal.hpp"

namespace hosim::lod {

// The pointwise reaction step of lod_solver.hpp. The x sweep applies it to
// each batch of lines just before eliminating them, while they are in cache,
// so the field crosses the memory bus once for both.
struct Reaction {
  double decay = 0;                // λ [1/s]
  double dt = 0;                   // [s]
  double decay_factor = 1;         // e^{−λ dt}
  double source_factor = 0;        // (1 − e^{−λ dt}) / λ, or dt when λ = 0
  const double* source = nullptr;  // [unit/s] per voxel, or none
  const double* uptake = nullptr;  // [1/s] per voxel, or none

  [[nodiscard]] static Reaction make(double decay, double dt, const double* source,
                                     const double* uptake);
};

// How the x sweeps eliminate their lines; lines are independent and each
// value gets the same operations in the same order either way, so both give
// the same bits.
//   Scalar: eight lines at a time, one value of each in a scalar register.
//   Vector: sixteen at a time, read in 8 × 8 tiles and transposed, so that a
//     vector holds one value of eight lines (two vectors side by side).
enum class XLines { Scalar, Vector };
// The one every sweep below uses: Vector where the build targets AVX-512
// (without it, the tiles' shuffles cost more than they save), else Scalar.
[[nodiscard]] XLines default_x_lines();

// x sweep; with a reaction, the reaction step is done first on each value.
void sweep_x(double* u, const Grid& g, const AxisFactors& f);
// `how` chooses the path (tests and benchmarks compare the two).
void sweep_x(double* u, const Grid& g, const AxisFactors& f, const Reaction& reaction,
             XLines how = default_x_lines());
void sweep_y(double* u, const Grid& g, const AxisFactors& f);
void sweep_z(double* u, const Grid& g, const AxisFactors& f);

// The three sweeps in order x, y, z (with the reaction first, if given), the
// result of sweep_x, sweep_y, sweep_z to the bit. When the grid has planes
// enough for the team, each z-plane gets its x and then its y sweep while it
// is in cache: one memory pass less.
void sweep_xyz(double* u, const Grid& g, const AxisFactors& fx, const AxisFactors& fy,
               const AxisFactors& fz);
void sweep_xyz(double* u, const Grid& g, const AxisFactors& fx, const AxisFactors& fy,
               const AxisFactors& fz, const Reaction& reaction);
// The three sweeps in single precision, without reaction (the quasi-steady
// solver's correction, transport/steady_solver.hpp).
void sweep_xyz(float* u, const Grid& g, const AxisFactorsF& fx, const AxisFactorsF& fy,
               const AxisFactorsF& fz);
// Its parts, for a caller that walks the planes itself (the quasi-steady
// solver sweeps each plane of its correction in x and y as soon as its
// residual pass has written it, while it is in cache): the x and then the y
// sweep of one z-plane of g (nx·ny values from `plane`), and the z sweep of
// the whole field. sweep_xy_plane on every plane and then sweep_z give
// sweep_xyz's result to the bit.
void sweep_xy_plane(float* plane, const Grid& g, const AxisFactorsF& fx, const AxisFactorsF& fy,
                    XLines how = default_x_lines());
void sweep_z(float* u, const Grid& g, const AxisFactorsF& f);

}  // namespace hosim::lod
