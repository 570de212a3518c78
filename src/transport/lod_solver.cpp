#include "transport/lod_solver.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "transport/lod_sweeps.hpp"

namespace hosim {
namespace {

[[noreturn]] void reject(const std::string& what, double value, const std::string& rule) {
  std::ostringstream msg;
  msg.precision(17);
  msg << "LodSolver: " << what << " = " << value << " is invalid; it must be " << rule;
  throw std::invalid_argument(msg.str());
}

void check_grid(const Grid& g) {
  if (g.nx < 1) reject("grid nx", g.nx, ">= 1");
  if (g.ny < 1) reject("grid ny", g.ny, ">= 1");
  if (g.nz < 1) reject("grid nz", g.nz, ">= 1");
  if (!(g.dx_um > 0) || !std::isfinite(g.dx_um)) reject("grid dx [um]", g.dx_um, "finite and > 0");
}

// !(x >= 0) also rejects NaN.
void check_spec(const DiffusionSpec& s, double dt) {
  if (!(s.diffusion_um2_s >= 0) || !std::isfinite(s.diffusion_um2_s))
    reject("diffusion coefficient D [um^2/s]", s.diffusion_um2_s, "finite and >= 0");
  if (!(s.decay_per_s >= 0) || !std::isfinite(s.decay_per_s))
    reject("decay rate lambda [1/s]", s.decay_per_s, "finite and >= 0");
  if (!(dt > 0) || !std::isfinite(dt)) reject("time step dt [s]", dt, "finite and > 0");
  if (s.boundary == FaceBoundary::Dirichlet && !std::isfinite(s.boundary_value))
    reject("Dirichlet boundary value", s.boundary_value, "finite");
}

void check_span(const char* what, std::size_t size, std::size_t expected, bool optional) {
  if (size == expected || (optional && size == 0)) return;
  std::ostringstream msg;
  msg << "LodSolver: " << what << " has " << size << " values, the grid has " << expected
      << (optional ? " (or pass an empty span for none)" : "");
  throw std::invalid_argument(msg.str());
}

}  // namespace

LodSolver::LodSolver(const Grid& grid, const DiffusionSpec& spec, double dt_s)
    : grid_(grid), spec_(spec), dt_(dt_s) {
  check_grid(grid);
  check_spec(spec, dt_s);
  const double r = spec.diffusion_um2_s * dt_s / (grid.dx_um * grid.dx_um);
  fx_ = factor(grid.nx, r, spec);
  fy_ = factor(grid.ny, r, spec);
  fz_ = factor(grid.nz, r, spec);
}

LodSolver::LineFactors LodSolver::factor(int n, double r, const DiffusionSpec& spec) {
  return lod::factor_axis(n, r, spec.boundary, spec.boundary_value);
}

void LodSolver::step(std::span<double> u, std::span<const double> source,
                     std::span<const double> uptake) const {
  const std::size_t n = grid_.size();
  check_span("u", u.size(), n, false);
  check_span("source", source.size(), n, true);
  check_span("uptake", uptake.size(), n, true);
  const auto reaction =
      lod::Reaction::make(spec_.decay_per_s, dt_, source.empty() ? nullptr : source.data(),
                          uptake.empty() ? nullptr : uptake.data());
  // The reaction step rides on the x sweep's forward pass (one memory pass less).
  lod::sweep_x(u.data(), grid_, fx_, reaction);
  lod::sweep_y(u.data(), grid_, fy_);
  lod::sweep_z(u.data(), grid_, fz_);
}

void LodSolver::diffuse(std::span<double> u) const {
  check_span("u", u.size(), grid_.size(), false);
  lod::sweep_x(u.data(), grid_, fx_);
  lod::sweep_y(u.data(), grid_, fy_);
  lod::sweep_z(u.data(), grid_, fz_);
}

}  // namespace hosim
